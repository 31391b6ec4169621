from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure below every domain app (imports none of them): the page cache and its content version."""

    name = "liaise.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import cache, converters

        converters.register()  # before any URLconf is read: <id:pk>, a bounded <int:pk>
        cache.connect_signals()
        # Each app's declarations of the personal data it holds, and its handlers of data-subject rights
        # (see core/personal_data.py).
        autodiscover_modules("personal_data", "data_rights")
