from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "liaise.live"
    label = "live"
    verbose_name = _("Live Q&A")

    def ready(self):
        # The event pages show the boards, the "Live Q&A" tab and the questions' statistics, without events
        # importing live.
        from liaise.events import signals

        from . import receivers

        signals.collect_session_links.connect(receivers.session_links, dispatch_uid="live-session-links")
        signals.collect_manage_links.connect(receivers.manage_links, dispatch_uid="live-manage-links")
        signals.collect_stats_tables.connect(receivers.stats_tables, dispatch_uid="live-stats-tables")
