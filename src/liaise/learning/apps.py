from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "liaise.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self):
        from . import certificates

        certificates.connect()  # a certificate's stored PDF is deleted with it
