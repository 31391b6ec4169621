from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "liaise.reporting"
    label = "reporting"
    verbose_name = _("Results and reporting")

    def ready(self):
        from . import documents

        documents.connect()
