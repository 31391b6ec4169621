from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "liaise.pilots"
    label = "pilots"
    verbose_name = _("Pilots")

    def ready(self):
        # The training page links to the pilots that apply it, without learning importing pilots.
        from liaise.learning import signals

        from . import receivers

        signals.collect_training_links.connect(receivers.training_links, dispatch_uid="pilots-training-links")
