"""Reads for live Q&A: who sees a board, who moderates it, its questions, its feed, exports and counts.

A board is seen by whoever sees its session (the event's visibility, narrowed by the session's own). It is
moderated by the event's managers and by the board's named moderators. The audience sees visible and answered
questions, and the questions its own device asked while they await moderation.
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from liaise.core.errors import InvalidInput
from liaise.events.models import Event, Session, SpeakerRole

from .models import Board, Change, ModerationAction, Question, Vote

RESET_AFTER = 500  # a client further behind than this reloads the board instead of replaying the feed


def _boards() -> QuerySet[Board]:
    return Board.objects.select_related("session__event__project", "session__room")


def clean_code(code: str | None) -> str:
    """A join code as people type it: any case, spaces, dashes (and anything else but letters and digits, a NUL
    byte included, which PostgreSQL refuses in a query) ignored."""
    return "".join(c for c in (code or "")[:200] if c.isascii() and c.isalnum()).upper()[:32]


def boards() -> QuerySet[Board]:
    """Boards shaped for their pages (session, event, project, room). Fetch one through
    ``authz.get_or_404(user, rules.view_board, boards(), code=clean_code(code))``."""
    return _boards()


def panel(board: Board) -> list[SpeakerRole]:
    return list(SpeakerRole.objects.filter(session_id=board.session_id).select_related("person"))


class SortError(InvalidInput):
    """An unknown sort or speaker."""


SORTS = {"top": ("-votes", "created", "pk"), "new": ("-created", "-pk")}


def questions(board: Board, *, sort: str = "top", speaker=None, statuses=Question.PUBLIC,
              device: str = "") -> QuerySet[Question]:
    """Questions of ``board`` in ``statuses`` (plus, with ``device``, that device's own pending ones), sorted by
    votes (``top``) or time (``new``), optionally only those to one panelist (``speaker``: a SpeakerRole id)."""
    if sort not in SORTS:
        raise SortError(_("sort is “top” or “new”."), "sort")
    condition = Q(status__in=statuses)
    if device:
        condition |= Q(status=Question.Status.PENDING, device=device)
    qs = board.questions.filter(condition)
    if speaker not in (None, ""):
        try:
            qs = qs.filter(to_speaker_id=int(speaker))
        except (TypeError, ValueError):
            raise SortError(_("speaker is the id of a panelist."), "speaker") from None
    return qs.select_related("to_speaker__person").order_by(*SORTS[sort])


def voted_ids(board: Board, device: str) -> set[int]:
    if not device:
        return set()
    return set(Vote.objects.filter(question__board=board, device=device).values_list("question_id", flat=True))


def last_change_id(board: Board) -> int:
    return Change.objects.filter(board=board).aggregate(last=Max("pk"))["last"] or 0


@dataclass
class Backlog:
    changes: list[tuple[int, str, str]]  # (id, kind, json)
    reset: bool
    last: int  # the last change read, shown or not


def backlog(board_id: int, after: int, moderator: bool) -> Backlog:
    """The changes of a board after id ``after`` that this audience may see (JSON as stored), oldest first.
    ``reset`` when more than RESET_AFTER are missing: the client should reload the board instead."""
    rows = list(
        Change.objects.filter(board_id=board_id, pk__gt=after).order_by("pk")
        .values_list("pk", "kind", "data" if moderator else "audience")[: RESET_AFTER + 1]
    )
    if len(rows) > RESET_AFTER:
        return Backlog([], True, after)
    return Backlog([row for row in rows if row[2]], False, rows[-1][0] if rows else after)


def moderation_log(board: Board, limit: int = 50) -> list[ModerationAction]:
    return list(board.actions.select_related("actor", "question")[:limit])


def export_rows(board: Board) -> list[Question]:
    """Every question that reached the audience (not pending, hidden or merged), top first, for the record."""
    return list(
        board.questions.filter(status__in=Question.PUBLIC).select_related("to_speaker__person")
        .annotate(duplicates_count=Count("duplicates")).order_by("-votes", "created", "pk")
    )


def event_boards(event: Event) -> list[Session]:
    """The event's sessions with their board (or none) and its question counts, in programme order."""
    boards = Board.objects.annotate(
        asked=Count("questions"),
        shown=Count("questions", filter=Q(questions__status__in=Question.PUBLIC)),
        answered_count=Count("questions", filter=Q(questions__status=Question.Status.ANSWERED)),
    )
    sessions = list(event.sessions.exclude(kind=Session.Kind.BREAK).select_related("room")
                    .prefetch_related(Prefetch("board", queryset=boards)).order_by("start", "pk"))
    for session in sessions:
        session.live = getattr(session, "board", None)  # the reverse one-to-one raises an AttributeError if none
    return sessions


def board_links(sessions) -> dict[int, Board]:
    """session id → its board, for many sessions in one query."""
    return {b.session_id: b for b in Board.objects.filter(session__in=[s.pk for s in sessions])}


def question_stats(event: Event) -> list[tuple[str, int, int, int, int]]:
    """Per session with a board: (session title, questions asked, shown to the hall, answered, votes)."""
    rows = (
        Board.objects.filter(session__event=event)
        .annotate(
            asked=Count("questions", distinct=True),
            shown=Count("questions", filter=Q(questions__status__in=Question.PUBLIC), distinct=True),
            answered_count=Count("questions", filter=Q(questions__status=Question.Status.ANSWERED), distinct=True),
            total_votes=Sum("questions__votes"),
        )
        .select_related("session").order_by("session__start", "pk")
    )
    return [(b.session.title, b.asked, b.shown, b.answered_count, b.total_votes or 0) for b in rows]


def state(board: Board, moderator: bool, device: str = "") -> dict:
    """Everything a screen needs to draw the board from scratch (the stream then brings the changes)."""
    from .services import board_data, question_data

    statuses = Question.Status.values if moderator else Question.PUBLIC
    items = questions(board, statuses=statuses, device="" if moderator else device)
    return {
        "board": board_data(board),
        "questions": [question_data(q, audience=not moderator) for q in items],
        "voted": sorted(voted_ids(board, device)) if device else [],
    }


def questions_asked(events) -> QuerySet[Question]:
    """Audience questions put at the round tables of ``events``, whatever became of them (as the event's statistics
    count them: ``question_stats``), for the results framework."""
    return Question.objects.filter(board__session__event__in=events)
