"""What a live page hands to its JavaScript (live.js, in the page as JSON): where the stream and the JSON API
are, the board as it is now, and the words live.js writes when it draws question cards."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from . import queries
from .models import Board


def stream_url(request, board: Board, moderator: bool = False) -> str:
    path = reverse("live_stream", kwargs={"code": board.code}) + ("?moderate=1" if moderator else "")
    port = settings.LIVE_STREAM_PORT
    if settings.LIVE_STREAM_SAME_ORIGIN or not port:
        return path
    host = request.get_host().rsplit(":", 1)[0] if not request.get_host().endswith("]") else request.get_host()
    return f"{request.scheme}://{host}:{port}{path}"


def config(request, board: Board, mode: str, panel: list, device: str = "") -> dict:
    """``mode``: audience, moderate or screen. ``api`` is the board's address in the JSON API (/api/v1/live/<code>):
    live.js asks, votes, reports and moderates there, and polls ``changes`` when the stream cannot be reached."""
    moderator = mode == "moderate"
    api = reverse("api:board_detail", kwargs={"code": board.code})
    return {
        "mode": mode,
        "code": board.code,
        "stream": stream_url(request, board, moderator),
        "api": api,
        "changes": api + "/changes" + ("?moderate=1" if moderator else ""),
        "after": queries.last_change_id(board),
        "panel": {s.pk: s.person.name for s in panel},
        "state": queries.state(board, moderator, device),
        "texts": texts(),
    }


def texts() -> dict[str, str]:
    """The words live.js writes (it builds the question cards when changes arrive)."""
    return {
        "to_panel": _("To the whole panel"), "to": _("To %(name)s") % {"name": "{name}"},
        "anonymous": _("Anonymous"), "answered": _("Answered"), "vote": _("vote"), "votes": _("votes"),
        "report": _("Report"),
        "pending_mine": _("Awaiting moderation (only you see it)"), "reports": _("reports"),
        "approve": _("Approve"), "hide": _("Hide"), "highlight": _("Now answering"), "done": _("Answered"),
        "reopen": _("Not answered"), "unhighlight": _("Remove highlight"), "merge": _("Merge into…"),
        "merge_go": _("Merge"), "empty": _("No question yet: be the first."), "nothing": _("Nothing here."),
        "open": _("Questions are open."), "premod": _("A moderator reads each question before it appears."),
        "closed": _("This round table is not taking questions now."),
        "mod_open": _("Open: the audience can ask and vote."), "mod_closed": _("Closed: the questions stay readable."),
        "live": _("Live"), "reconnecting": _("Reconnecting…"), "polling": _("Updating every few seconds"),
        "thanks_visible": _("Thank you: your question is on the board."),
        "thanks_pending": _("Thank you: your question will appear once a moderator approves it."),
        "reported": _("Thank you: the moderators will look at this question."),
        "failed": _("That did not work: check your connection and try again."),
        # read out by screen readers (a polite live region) when questions appear on the audience's board
        "new_question": _("New question: %(text)s") % {"text": "{text}"},
        "new_questions": _("%(count)s new questions") % {"count": "{count}"},
    }
