from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "liaise.library"
    label = "library"
    verbose_name = _("Practice library")

    def ready(self):
        from liaise.pilots.links import register_pilot_outcomes

        from . import links, signals

        signals.connect()
        register_pilot_outcomes(links.pilot_outcomes)
