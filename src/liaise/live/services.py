"""Writes for live Q&A, one function per use case, each in one transaction that also appends to the board's
change feed (``Change``). A refused write raises ``LiveError`` with a message for a person and the HTTP status
the API answers with; nothing of it stays behind.

Live writes are serialised: on PostgreSQL by a transaction-level advisory lock taken first in every live
transaction, on SQLite by its single writer (``BEGIN IMMEDIATE``). So change ids commit in increasing order and
the stream's reader, which polls ``id > last``, can never step over a change committed late. Each change also
wakes the stream processes up (``wakeup.changed``: a PostgreSQL NOTIFY or a Redis PUBLISH once committed), so
they read it at once rather than at their next poll.
"""

import hashlib
import hmac
import json
import re
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from liaise.core.errors import LiaiseError
from liaise.events.models import Event, Material, Session, SpeakerRole

from . import wakeup
from .models import (
    MAX_NAME_LENGTH,
    MAX_QUESTION_LENGTH,
    AbuseReport,
    Board,
    Change,
    ModerationAction,
    Question,
    RateBucket,
    Vote,
    new_code,
)

Action = ModerationAction.Action
Status = Question.Status
ADVISORY_LOCK = 0x4C495645  # "LIVE"


class LiveError(LiaiseError):
    """A refused live Q&A action: 400 for what was typed, 404 for a question that is not there, 409 for the state
    of the board or the question, 429 for going too fast."""

    def __init__(self, message: str, status: int = 400, field: str | None = None):
        super().__init__(message, field, status)


# --- identities: devices and addresses, hashed with the server's key -------------------------------------------


def _digest(kind: str, value: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()[:32]


def device_key(device_id: str) -> str:
    """What is stored for a device: a keyed hash of its random cookie, never the cookie itself."""
    return _digest("device", device_id)


def _ip_key(ip: str) -> str:
    return "ip:" + _digest("ip", ip)


# --- text ---------------------------------------------------------------------------------------------------

# control characters, zero-width characters and bidirectional overrides (which can make text read otherwise)
_INVISIBLE = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(value: str, limit: int, field: str, label: str, required: bool = True) -> str:
    """``value`` without invisible characters, runs of spaces and blank lines; at most ``limit`` characters as
    typed (the API's schema says so) and once cleaned."""
    raw = str(value or "")
    if len(raw) > limit:
        raise LiveError(
            _("%(label)s is %(length)d characters long; the limit is %(limit)d.")
            % {"label": label, "length": len(raw), "limit": limit},
            400, field,
        )
    text = unicodedata.normalize("NFC", raw).replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _BLANK_LINES.sub("\n\n", "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")))
    text = text.strip()
    if required and not text:
        raise LiveError(_("Write your question first."), 400, field)
    if len(text) > limit:
        raise LiveError(
            _("%(label)s is %(length)d characters long; the limit is %(limit)d.")
            % {"label": label, "length": len(text), "limit": limit},
            400, field,
        )
    return text


# --- rate limits --------------------------------------------------------------------------------------------


def _limit(key: str, per_minute: int, message: str) -> None:
    """Counts one hit of ``key`` in the current minute; refuses with 429 past ``per_minute``. Runs inside the
    serialised live transaction, so the count is exact across processes; a refused request rolls back and does
    not count. Buckets of finished windows (with their hashed addresses) are deleted as we go."""
    now = timezone.now()
    window = now.replace(second=0, microsecond=0)
    RateBucket.objects.filter(window__lt=window - timedelta(minutes=1)).delete()
    bucket, _created = RateBucket.objects.get_or_create(key=key, window=window)
    if bucket.hits >= per_minute:
        raise LiveError(message, 429)
    RateBucket.objects.filter(pk=bucket.pk).update(hits=F("hits") + 1)


def _rate(kind: str, device: str, ip: str) -> None:
    limits = settings.LIVE_RATE_LIMITS[kind]
    wait = _("You are going too fast: wait a minute and try again.")
    _limit(f"{kind}:dev:{device}", limits["device"], wait)
    if ip:
        _limit(f"{kind}:{_ip_key(ip)}", limits["ip"], wait)


# --- the change feed ----------------------------------------------------------------------------------------


def _serialise() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK])


def question_data(question: Question, audience: bool = False) -> dict:
    data = {
        "id": question.pk,
        "text": question.text,
        "name": question.name,
        "to": question.to_speaker_id,
        "status": question.status,
        "votes": question.votes,
        "created": question.created.isoformat(),
    }
    if not audience:
        data.update(reports=question.reports, merged_into=question.merged_into_id)
    return data


def board_data(board: Board) -> dict:
    return {"open": board.is_open, "moderation": board.moderation, "highlighted": board.highlighted_id}


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _question_changed(question: Question, was_public: bool) -> None:
    if question.is_public:
        audience = _dumps(question_data(question, audience=True))
    elif was_public:
        audience = _dumps({"id": question.pk, "status": "removed"})
    else:
        audience = ""
    Change.objects.create(board_id=question.board_id, kind="question", data=_dumps(question_data(question)),
                          audience=audience)
    wakeup.changed(question.board_id)


def _board_changed(board: Board) -> None:
    data = _dumps(board_data(board))
    Change.objects.create(board=board, kind="board", data=data, audience=data)
    wakeup.changed(board.pk)


def _log(board: Board, action: str, actor=None, question: Question | None = None, detail: str = "") -> None:
    ModerationAction.objects.create(board=board, question=question, actor=actor, action=action, detail=detail[:200])


def _locked_board(board: Board) -> Board:
    return Board.objects.select_for_update().get(pk=board.pk)


# --- the audience -------------------------------------------------------------------------------------------


def ask(board: Board, text: str, device: str, to_speaker: int | str | None = None, name: str = "",
        ip: str = "") -> Question:
    text = clean_text(text, MAX_QUESTION_LENGTH, "text", _("Your question"))
    name = clean_text(name, MAX_NAME_LENGTH, "name", _("The name"), required=False)
    speaker_id = None
    if to_speaker not in (None, ""):
        try:
            speaker_id = int(to_speaker)
        except (TypeError, ValueError):
            speaker_id = 0
        if not SpeakerRole.objects.filter(pk=speaker_id, session_id=board.session_id).exists():
            raise LiveError(_("This person is not on this panel: pick a panelist from the list."), 400, "to_speaker")
    with transaction.atomic():
        _serialise()
        board = _locked_board(board)
        if not board.is_open:
            raise LiveError(_("This round table is not taking questions now."), 409)
        _rate("ask", device, ip)
        status = Status.VISIBLE if board.moderation == Board.Moderation.OPEN else Status.PENDING
        question = Question.objects.create(board=board, text=text, name=name, to_speaker_id=speaker_id,
                                           device=device, status=status)
        _question_changed(question, was_public=False)
    return question


def _public_question(board: Board, question_id) -> Question:
    try:
        return Question.objects.select_for_update().get(pk=int(question_id), board=board, status__in=Question.PUBLIC)
    except (Question.DoesNotExist, TypeError, ValueError):
        raise LiveError(_("There is no such question on this board."), 404) from None


def vote(board: Board, question_id, device: str, ip: str = "", remove: bool = False) -> Question:
    with transaction.atomic():
        _serialise()
        board = _locked_board(board)
        if not board.is_open:
            raise LiveError(_("This round table is closed: votes are not taken now."), 409)
        question = _public_question(board, question_id)
        _rate("vote", device, ip)
        if remove:
            if not Vote.objects.filter(question=question, device=device).delete()[0]:
                raise LiveError(_("You have not voted for this question."), 409)
            question.votes = F("votes") - 1
        else:
            try:
                with transaction.atomic():
                    Vote.objects.create(question=question, device=device)
            except IntegrityError:
                raise LiveError(_("You have already voted for this question."), 409) from None
            question.votes = F("votes") + 1
        question.save(update_fields=["votes"])
        question.refresh_from_db(fields=["votes"])
        _question_changed(question, was_public=True)
    return question


def report(board: Board, question_id, device: str, ip: str = "") -> Question:
    """An abuse report from the audience. Past ``LIVE_REPORT_THRESHOLD`` reports a visible question is held back
    for the moderators to look at again."""
    with transaction.atomic():
        _serialise()
        question = _public_question(board, question_id)
        _rate("report", device, ip)
        try:
            with transaction.atomic():
                AbuseReport.objects.create(question=question, device=device)
        except IntegrityError:
            raise LiveError(_("You have already reported this question; the moderators will look at it."),
                            409) from None
        question.reports += 1
        fields = ["reports"]
        if question.reports >= settings.LIVE_REPORT_THRESHOLD:
            question.status = Status.PENDING
            fields.append("status")
            _unhighlight(board, question)
            _log(board, Action.AUTO_HIDE, question=question,
                 detail=_("%(n)d reports") % {"n": question.reports})
        question.save(update_fields=fields)
        _question_changed(question, was_public=True)
    return question


# --- moderators ---------------------------------------------------------------------------------------------


def _unhighlight(board: Board, question: Question) -> None:
    board = _locked_board(board)
    if board.highlighted_id == question.pk:
        _set_highlight(board, None)


def _set_highlight(board: Board, question_id) -> None:
    # update(), not save(): the highlight shows on no cached page, so it must not empty the page cache
    Board.objects.filter(pk=board.pk).update(highlighted_id=question_id)
    board.highlighted_id = question_id
    _board_changed(board)


def moderate(board: Board, question_id, action: str, actor, into=None) -> Question:
    """approve · hide · answered · reopen · highlight · unhighlight · merge (``into``: the question it repeats)."""
    transitions = {
        Action.APPROVE: ({Status.PENDING, Status.HIDDEN}, Status.VISIBLE),
        Action.HIDE: ({Status.PENDING, Status.VISIBLE, Status.ANSWERED}, Status.HIDDEN),
        Action.ANSWERED: ({Status.VISIBLE}, Status.ANSWERED),
        Action.REOPEN: ({Status.ANSWERED}, Status.VISIBLE),
    }
    if action not in {*transitions, Action.HIGHLIGHT, Action.UNHIGHLIGHT, Action.MERGE}:
        raise LiveError(_("Unknown moderation action."), 400)
    with transaction.atomic():
        _serialise()
        board = _locked_board(board)
        try:
            question = Question.objects.select_for_update().get(pk=int(question_id), board=board)
        except (Question.DoesNotExist, TypeError, ValueError):
            raise LiveError(_("There is no such question on this board."), 404) from None
        was_public = question.is_public
        detail = ""
        if action in transitions:
            allowed, target = transitions[action]
            if question.status not in allowed:
                raise LiveError(
                    _("This question is “%(status)s”: it cannot be %(action)s.")
                    % {"status": question.get_status_display(), "action": Action(action).label}, 409,
                )
            question.status = target
            question.answered = timezone.now() if target == Status.ANSWERED else question.answered
            question.save(update_fields=["status", "answered"])
            if not question.is_public or target == Status.ANSWERED:
                _unhighlight(board, question)
        elif action in (Action.HIGHLIGHT, Action.UNHIGHLIGHT):
            if action == Action.HIGHLIGHT and question.status != Status.VISIBLE:
                raise LiveError(_("Only a visible question that is not answered yet can be highlighted."), 409)
            _set_highlight(board, question.pk if action == Action.HIGHLIGHT else None)
        else:
            detail = _merge(board, question, into)
        _log(board, action, actor, question, detail)
        _question_changed(question, was_public)
    return question


def _merge(board: Board, duplicate: Question, into) -> str:
    try:
        target = Question.objects.select_for_update().get(pk=int(into), board=board)
    except (Question.DoesNotExist, TypeError, ValueError):
        raise LiveError(_("Pick the question this one repeats, on the same board."), 400, "into") from None
    if target.pk == duplicate.pk or target.status in (Status.MERGED, Status.HIDDEN):
        raise LiveError(_("A question can only be merged into another visible or pending question."), 409, "into")
    if duplicate.status == Status.MERGED:
        raise LiveError(_("This question is already merged."), 409)
    target_was_public = target.is_public
    # the duplicate's voters now support the question it repeats (once each)
    already = Vote.objects.filter(question=target).values("device")
    Vote.objects.filter(question=duplicate).exclude(device__in=already).update(question=target)
    Vote.objects.filter(question=duplicate).delete()
    target.votes = Vote.objects.filter(question=target).count()
    target.save(update_fields=["votes"])
    _question_changed(target, target_was_public)
    duplicate.status, duplicate.merged_into, duplicate.votes = Status.MERGED, target, 0
    duplicate.save(update_fields=["status", "merged_into", "votes"])
    _unhighlight(board, duplicate)
    return f"→ #{target.pk}"


def update_board(board: Board, actor, *, is_open: bool | None = None, moderation: str | None = None) -> Board:
    with transaction.atomic():
        _serialise()
        board = _locked_board(board)
        if moderation is not None and moderation != board.moderation:
            if moderation not in Board.Moderation.values:
                raise LiveError(_("Moderation is “pre” or “open”."), 400, "moderation")
            board.moderation = moderation
            _log(board, Action.SETTINGS, actor, detail=f"moderation: {moderation}")
        if is_open is not None and is_open != board.is_open:
            board.is_open = is_open
            if is_open:
                board.opened = timezone.now()
            else:
                board.closed = timezone.now()
            _log(board, Action.OPEN if is_open else Action.CLOSE, actor)
        board.save()
        _board_changed(board)
    return board


def create_board(session: Session, actor, is_open: bool = False) -> Board:
    """A board for ``session``: pre-moderated at conferences, open at internal meetings and workshops."""
    if Board.objects.filter(session=session).exists():
        raise LiveError(_("This session already has a Q&A board."), 409)
    moderation = Board.Moderation.PRE if session.event.kind == Event.Kind.CONFERENCE else Board.Moderation.OPEN
    for _attempt in range(5):
        try:
            with transaction.atomic():
                _serialise()
                board = Board.objects.create(session=session, code=new_code(), moderation=moderation,
                                             is_open=is_open, opened=timezone.now() if is_open else None)
                _log(board, Action.CREATE, actor)
                _board_changed(board)
                return board
        except IntegrityError:
            if Board.objects.filter(session=session).exists():
                raise LiveError(_("This session already has a Q&A board."), 409) from None
    raise LiveError(_("Could not find a free join code; try again."), 503)


def add_moderator(board: Board, actor, email: str):
    user = get_user_model().objects.filter(email__iexact=(email or "").strip(), is_active=True).first()
    if user is None:
        raise LiveError(_("No active account has this email address: ask the person to create one first."),
                        400, "email")
    with transaction.atomic():
        board.moderators.add(user)
        _log(board, Action.SETTINGS, actor, detail=f"+ moderator {user.get_short_name()}")
    return user


def remove_moderator(board: Board, actor, user_id) -> None:
    with transaction.atomic():
        user = board.moderators.filter(pk=user_id).first()
        if user is None:
            raise LiveError(_("This person is not a moderator of this board."), 404)
        board.moderators.remove(user)
        _log(board, Action.SETTINGS, actor, detail=f"− moderator {user.get_short_name()}")


def archive(board: Board, actor, markdown: str) -> Material:
    """Saves the questions (as exported to Markdown) to the session's record: a material of the session, for
    partners, replaced each time the board is archived again."""
    title = _("Audience questions — %(session)s") % {"session": board.session.title}
    with transaction.atomic():
        material, _created = Material.objects.get_or_create(
            event=board.session.event, session=board.session, title=title[:200],
            defaults={"kind": Material.Kind.MINUTES},
        )
        if material.file:
            material.file.delete(save=False)
        material.content_type = "text/markdown"
        material.file.save(f"questions-{board.code}.md", ContentFile(markdown.encode()), save=False)
        material.save()
        _log(board, Action.ARCHIVE, actor)
    return material


def purge(days: int = 2, now=None) -> tuple[int, int]:
    """Deletes change-feed entries older than ``days`` (the stream only needs them to resume) and finished
    rate-limit windows. Returns the numbers deleted. (A retention policy of the register of personal data, run
    daily by ``apply_retention``.)"""
    now = now or timezone.now()
    changes = Change.objects.filter(created__lt=now - timedelta(days=days)).delete()[0]
    buckets = RateBucket.objects.filter(window__lt=now - timedelta(minutes=2)).delete()[0]
    return changes, buckets
