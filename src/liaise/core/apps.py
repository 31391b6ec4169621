from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure below every domain app (imports none of them): the page cache and its content version."""

    name = "liaise.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from . import cache

        cache.connect_signals()
