from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "liaise.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        from . import pdfs

        pdfs.connect()  # a stored badge sheet or attendance list is deleted with its row
