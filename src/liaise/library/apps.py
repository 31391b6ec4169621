from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    name = "liaise.library"
    label = "library"
    verbose_name = _("Practice library")

    def ready(self):
        from liaise.pilots.signals import collect_pilot_outcomes

        from . import receivers, signals

        signals.connect()  # the search index follows every save and delete
        # The pilot page shows the practice it became, without pilots importing the library.
        collect_pilot_outcomes.connect(receivers.pilot_outcomes, dispatch_uid="library-pilot-outcomes")
