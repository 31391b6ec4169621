"""The record of a board: what the hall saw, as Markdown (downloaded, or archived among the session's materials)
and as CSV rows (written by ``core.exports``)."""

from collections.abc import Iterator

from django.utils import timezone
from django.utils.translation import gettext as _

from . import queries
from .models import Board, Question

QUESTION_HEADER = ["number", "question", "to", "name", "votes", "answered", "asked", "duplicates_merged"]


def filename(board: Board, extension: str) -> str:
    return f"{board.session.event.slug}-{board.session.slug}-questions.{extension}"


def markdown(board: Board) -> str:
    session, event = board.session, board.session.event
    rows = queries.export_rows(board)
    lines = [f"# {_('Audience questions')} — {session.title}", "",
             f"{event.title}, {timezone.localtime(session.start, event.tz):%Y-%m-%d %H:%M} ({event.timezone})", "",
             _("%(n)d questions shown to the hall, %(a)d answered.") % {
                 "n": len(rows), "a": sum(q.status == Question.Status.ANSWERED for q in rows)}, ""]
    for number, q in enumerate(rows, 1):
        to = q.to_speaker.person.name if q.to_speaker else _("the whole panel")
        mark = "x" if q.status == Question.Status.ANSWERED else " "
        text = " ".join(q.text.split()).replace("[", "\\[").replace("]", "\\]")
        lines.append(f"{number}. [{mark}] {text}")
        lines.append(f"   — {_('to')} {to}; {q.votes} {_('votes')}" + (f"; {q.name}" if q.name else "")
                     + (f"; {_('merged duplicates')}: {q.duplicates_count}" if q.duplicates_count else ""))
    return "\n".join(lines) + "\n"


def question_rows(board: Board) -> Iterator[list]:
    """One row per question that reached the hall, top first, in the order of ``QUESTION_HEADER``."""
    tz = board.session.event.tz
    for number, q in enumerate(queries.export_rows(board), 1):
        yield [number, q.text, q.to_speaker.person.name if q.to_speaker else "", q.name, q.votes,
               "yes" if q.status == Question.Status.ANSWERED else "no",
               timezone.localtime(q.created, tz).strftime("%Y-%m-%d %H:%M"), q.duplicates_count]
