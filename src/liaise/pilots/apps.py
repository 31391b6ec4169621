from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PilotsConfig(AppConfig):
    name = "liaise.pilots"
    label = "pilots"
    verbose_name = _("Pilots")

    def ready(self):
        # The training page links to the pilots that apply it, without learning importing pilots.
        from liaise.learning.links import register_training_links

        from .queries import pilots_applying

        register_training_links(pilots_applying)
