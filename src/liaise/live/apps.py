from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "liaise.live"
    label = "live"
    verbose_name = _("Live Q&A")

    def ready(self):
        from liaise.events import extensions

        from . import hooks

        extensions.register(hooks)
