from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Infrastructure below every domain app (imports none of them): the page cache and its content version."""

    name = "liaise.core"
    label = "core"
    verbose_name = "Core"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import cache, choices, converters, mail  # noqa: F401  (mail: forget delivered messages' bodies)

        choices.install()  # (every model is loaded before any app's ready())

        converters.register()  # before any URLconf is read: <id:pk>, a bounded <int:pk>
        cache.connect_signals()
        # Each app's declarations of the personal data it holds, and its handlers of data-subject rights
        # (see core/personal_data.py).
        from .platform_data import declare_platform

        declare_platform()
        autodiscover_modules("personal_data", "data_rights")
        # Each app's audited models (``audit.track`` in its own audit.py; see core/audit.py).
        autodiscover_modules("audit")
