"""What live Q&A adds to the event pages: receivers of ``liaise.events.signals``, connected in ``LiveConfig.ready``."""

from django.urls import reverse
from django.utils.translation import gettext as _

from liaise.core import authz
from liaise.events.models import Session
from liaise.events.rules import manage_event

from . import queries


def session_links(sender, *, user, event, sessions, **kwargs):
    """Each board's audience page; for the event's managers also its moderation page, and a button that creates a
    board for a session without one (breaks have none)."""
    links = {}
    boards = queries.board_links(sessions)
    for session_id, board in boards.items():
        url = reverse("live:board", kwargs={"code": board.code})
        label = (_("Ask the panel a question — code %(code)s") if board.is_open
                 else _("Audience questions (code %(code)s)")) % {"code": board.code}
        links[session_id] = [(label, url)]
    if user.is_authenticated and authz.allows(user, manage_event, event):
        create = reverse("live:event", kwargs={"slug": event.slug})
        for session in sessions:
            board = boards.get(session.pk)
            if board is not None:
                links[session.pk].append((_("Moderate the live Q&A (%(code)s)") % {"code": board.code},
                                          reverse("live:moderate", kwargs={"code": board.code})))
            elif session.kind != Session.Kind.BREAK:
                links[session.pk] = [(_("Create a live Q&A board"), create, {"session": session.slug})]
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
