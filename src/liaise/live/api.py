"""API router for live Q&A: a board, its questions, asking, voting, reporting and (for moderators) moderating.

The audience needs no account. A device is an identity the server issues and signs (``live.devices``): the
``liaise_device`` cookie, or for clients without cookies the ``X-Liaise-Device`` header, whose value the answer to
``GET /live/{code}`` gives in a header of the same name. Asking, voting and reporting need one: without it, or with
one the server did not issue, they answer 400 with a fresh identity in the cookie and the header. The stream itself is
at ``/live/{code}/stream`` (Server-Sent Events, served beside Django); its polling fallback is
``/live/{code}/changes?after=`` here. The live pages' JavaScript uses these endpoints with the browser's session
(and its CSRF token) and device cookie.
"""

import json
from datetime import datetime
from typing import Literal

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from liaise.core import authz
from liaise.core.api import MAX_ID, Error, Paging, id_path, links, responses, slug_path
from liaise.core.errors import InvalidInput, NotFound

from . import devices, queries, rules, services
from .models import MAX_NAME_LENGTH, MAX_QUESTION_LENGTH, Board, Question

router = Router(tags=["live Q&A"])


class PanelistOut(Schema):
    id: int
    name: str
    role: str
    affiliation: str


class BoardOut(Schema):
    code: str
    event: str
    session: str
    title: str
    open: bool
    moderation: str
    highlighted: int | None
    panel: list[PanelistOut]
    url: str
    stream: str


class QuestionOut(Schema):
    id: int
    text: str
    name: str
    to_speaker: int | None = Field(description="SpeakerRole id of the panelist; null: the whole panel")
    to_name: str | None
    status: str
    votes: int
    created: datetime

    @staticmethod
    def resolve_to_speaker(obj):
        return obj.to_speaker_id

    @staticmethod
    def resolve_to_name(obj):
        return obj.to_speaker.person.name if obj.to_speaker_id else None


# Characters a question is cleaned of (services.clean_text): a question needs one that is none of them.
VISIBLE = "[^\\s\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff]"


class AskIn(Schema):
    # The service refuses a text or a name over its limit with a message (400); ninja refuses far longer ones (422).
    text: str = Field(max_length=5000, json_schema_extra={"maxLength": MAX_QUESTION_LENGTH, "pattern": VISIBLE},
                      description=f"At most {MAX_QUESTION_LENGTH} characters, some of them visible")
    to_speaker: int | None = Field(None, ge=1, le=MAX_ID,
                                   description="SpeakerRole id of one panelist (see the board's panel)")
    name: str = Field("", max_length=500, json_schema_extra={"maxLength": MAX_NAME_LENGTH},
                      description=f"Optional, at most {MAX_NAME_LENGTH} characters")


class AskOut(QuestionOut):
    status: Literal["pending", "visible"] = Field(description="pending: only the asking device and the moderators "
                                                              "see it until a moderator approves it")


class VoteOut(Schema):
    id: int
    votes: int


class ModerateIn(Schema):
    action: Literal["approve", "hide", "answered", "reopen", "highlight", "unhighlight", "merge"]
    into: int | None = Field(None, ge=1, le=MAX_ID, description="with merge: the question this one repeats")


class QuestionFilters(Schema):
    sort: Literal["top", "new"] = "top"
    speaker: int | None = Field(None, ge=1, le=MAX_ID,
                                description="only the questions to this panelist (SpeakerRole id)")
    status: Literal["pending", "visible", "answered", "hidden", "merged"] | None = Field(
        None, description="moderators only; the audience sees visible and answered questions")


class ChangeOut(Schema):
    id: int
    kind: Literal["question", "board"]
    data: dict = Field(description="as in the stream: a question (id, text, name, to, status, votes, created; "
                                   "reports and merged_into for moderators) or the board (open, moderation, "
                                   "highlighted)")


class ChangesOut(Schema):
    reset: bool = Field(description="true: too much is missing to replay; load the board again")
    last: int = Field(description="the id to send as `after` next time")
    changes: list[ChangeOut]


class ChangesQuery(Schema):
    after: int = Field(ge=0, le=MAX_ID, description="the id of the last change you have (0: none)")
    moderate: bool = Field(False, description="the moderators' feed, with pending and hidden questions")


def _board(request, code) -> Board:
    return authz.get_or_404(request.user, rules.view_board, queries.boards(), code=queries.clean_code(code))


def _moderated_board(request, code) -> Board:
    return authz.get_or_404(request.user, rules.moderate_board, queries.boards(), code=queries.clean_code(code))


def _device(request, response: HttpResponse) -> str:
    """The request's device for a write; a new identity is set on the answer, a refusal too (``api.refusal``)."""
    devices.device(request)
    devices.remember(request, response)
    return devices.writing_device(request)


QUESTION_OPERATIONS = ("liaise_live_api_vote", "liaise_live_api_unvote", "liaise_live_api_report",
                       "liaise_live_api_moderate")


def code_path():
    return slug_path("board", max_length=20)  # (its join code)


@router.get("/live/{slug:code}", response=responses(BoardOut, 404), summary="A Q&A board and its panel")
def board_detail(request, response: HttpResponse, code: str = code_path()):
    board = _board(request, code)
    devices.device(request)
    devices.remember(request, response)  # a client without an identity gets one (X-Liaise-Device)
    return {
        "code": board.code, "event": board.session.event.slug, "session": board.session.slug,
        "title": board.session.title, "open": board.is_open, "moderation": board.moderation,
        "highlighted": board.highlighted_id,
        "panel": [{"id": s.pk, "name": s.person.name, "role": s.role, "affiliation": s.affiliation}
                  for s in queries.panel(board)],
        "url": request.build_absolute_uri(reverse("live:board", kwargs={"code": board.code})),
        "stream": request.build_absolute_uri(reverse("live_stream", kwargs={"code": board.code})),
    }


@router.get("/live/{slug:code}/questions", response=responses(list[QuestionOut], 400, 404),
            summary="Questions of a board",
            openapi_extra=links(200, QUESTION_OPERATIONS, code="$request.path.code", question_id="/items/0/id"))
@paginate(Paging)
def question_list(request, filters: Query[QuestionFilters], code: str = code_path()):
    board = _board(request, code)
    statuses = Question.PUBLIC
    if filters.status:
        # hidden questions do not exist for the audience
        if not authz.allows(request.user, rules.moderate_board, board):
            raise NotFound(_("Not found: only the board's moderators list questions by status."))
        statuses = (filters.status,)
    if filters.speaker is not None and not any(s.pk == filters.speaker for s in queries.panel(board)):
        raise InvalidInput(_("speaker: this person is not on this panel."), "speaker")
    return queries.questions(board, sort=filters.sort, speaker=filters.speaker, statuses=statuses)


@router.post("/live/{slug:code}/questions", response=responses({201: AskOut}, 400, 404, 409, 429, write=True),
             summary="Ask a question (no account needed)",
             openapi_extra=links(201, QUESTION_OPERATIONS, code="$request.path.code", question_id="/id"))
def ask(request, payload: AskIn, response: HttpResponse, code: str = code_path()):
    board = _board(request, code)
    question = services.ask(board, payload.text, _device(request, response), payload.to_speaker, payload.name,
                            devices.client_ip(request))
    return Status(201, question)


def _vote(request, code, question_id, response, remove=False):
    board = _board(request, code)
    question = services.vote(board, question_id, _device(request, response), devices.client_ip(request),
                             remove=remove)
    return Status(200 if remove else 201, {"id": question.pk, "votes": question.votes})


@router.post("/live/{slug:code}/questions/{question_id}/vote",
             response=responses({201: VoteOut}, 400, 404, 409, 429, write=True), summary="Vote for a question")
def vote(request, response: HttpResponse, code: str = code_path(), question_id: int = id_path("question")):
    return _vote(request, code, question_id, response)


@router.delete("/live/{slug:code}/questions/{question_id}/vote",
               response=responses(VoteOut, 400, 404, 409, 429, write=True), summary="Take a vote back")
def unvote(request, response: HttpResponse, code: str = code_path(), question_id: int = id_path("question")):
    return _vote(request, code, question_id, response, remove=True)


@router.post("/live/{slug:code}/questions/{question_id}/report",
             response=responses({201: Error}, 400, 404, 409, 429, write=True), summary="Report an abusive question")
def report(request, response: HttpResponse, code: str = code_path(), question_id: int = id_path("question")):
    board = _board(request, code)
    services.report(board, question_id, _device(request, response), devices.client_ip(request))
    return Status(201, {"detail": _("Thank you: the moderators will look at this question.")})


@router.post("/live/{slug:code}/questions/{question_id}/moderate",
             response=responses(QuestionOut, 400, 404, 409, write=True),
             summary="Moderate a question (the board's moderators and the event's organisers)")
def moderate(request, payload: ModerateIn, code: str = code_path(), question_id: int = id_path("question")):
    board = _moderated_board(request, code)
    services.moderate(board, question_id, payload.action, request.user, into=payload.into)
    return Question.objects.select_related("to_speaker__person").get(pk=question_id)


@router.get("/live/{slug:code}/changes", response=responses(ChangesOut, 404),
            summary="What changed on a board after a change id (the stream's polling fallback)")
def changes(request, params: Query[ChangesQuery], response: HttpResponse, code: str = code_path()):
    board = _moderated_board(request, code) if params.moderate else _board(request, code)
    backlog = queries.backlog(board.pk, params.after, params.moderate)
    response["Cache-Control"] = "no-store"
    return {
        "reset": backlog.reset,
        "last": queries.last_change_id(board) if backlog.reset else backlog.last,
        "changes": [{"id": pk, "kind": kind, "data": json.loads(data)} for pk, kind, data in backlog.changes],
    }
