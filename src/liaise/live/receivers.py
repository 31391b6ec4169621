"""What live Q&A adds to the event pages: receivers of ``liaise.events.signals``, connected in ``LiveConfig.ready``."""

from django.urls import reverse
from django.utils.translation import gettext as _

from liaise.core import authz
from liaise.events.rules import manage_event

from . import queries


def session_links(sender, *, user, event, sessions, **kwargs):
    links = {}
    for session_id, board in queries.board_links(sessions).items():
        url = reverse("live:board", kwargs={"code": board.code})
        label = (_("Ask the panel a question — code %(code)s") if board.is_open
                 else _("Audience questions (code %(code)s)")) % {"code": board.code}
        links[session_id] = [(label, url)]
    return links


def manage_links(sender, *, user, event, **kwargs):
    if not authz.allows(user, manage_event, event):
        return []
    return [(_("Live Q&A"), reverse("live:event", kwargs={"slug": event.slug}))]


def stats_tables(sender, *, event, **kwargs):
    rows = queries.question_stats(event)
    if not rows:
        return []
    head = (_("Session"), _("Questions asked"), _("Shown to the hall"), _("Answered"), _("Votes"))
    return [(_("Audience questions per session"), head, rows)]
