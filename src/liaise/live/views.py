"""Live Q&A pages: join, the audience's page, the moderator's console, the hall's screen, the QR code, exports
and the organisers' list of an event's boards. Thin: parse → query or service → render.

The pages work without JavaScript: forms post here, and the answer is a redirect with a message (or the form
again with its errors). With JavaScript, live.js asks, votes, reports, moderates and polls through the JSON API
(/api/v1/live/…, ``api.py``), which calls the same services; the stream (``stream.py``) brings the changes."""

import functools
import io

import segno
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from liaise.core import authz
from liaise.core.errors import add_to_form
from liaise.core.exports import csv_response, download
from liaise.events.models import Event, Session
from liaise.events.rules import manage_event

from . import client, devices, exports, queries, rules, services
from .forms import AskForm, ModeratorForm, SettingsForm
from .models import Board, Question
from .services import LiveError


def _board_or_404(request, code) -> Board:
    return authz.get_or_404(request.user, rules.view_board, queries.boards(), code=queries.clean_code(code))


def _moderated_or_404(request, code) -> Board:
    return authz.get_or_404(request.user, rules.moderate_board, queries.boards(), code=queries.clean_code(code))


def _live_context(request, board: Board, mode: str, device: str = "") -> dict:
    panel = queries.panel(board)
    return {"board": board, "session": board.session, "event": board.session.event, "panel": panel,
            "live": client.config(request, board, mode, panel, device)}


def join(request):
    code = queries.clean_code(request.GET.get("code"))
    error = ""
    if code:
        board = authz.first_or_none(request.user, rules.view_board, queries.boards(), code=code)
        if board is not None:
            return redirect("live:board", code=board.code)
        else:
            error = _("No round table has the code “%(code)s”. Check the code on the screen.") % {"code": code[:12]}
    return render(request, "live/join.html", {"code": code[:12], "error": error}, status=404 if error else 200)


def board(request, code):
    board = _board_or_404(request, code)
    device = devices.device(request)
    panel = queries.panel(board)
    form = AskForm(request.POST or None, panel=panel)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            question = services.ask(board, data["text"], devices.writing_device(request), data["to_speaker"],
                                    data["name"], devices.client_ip(request))
        except LiveError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("Thank you: your question is on the board.") if question.is_public
                             else _("Thank you: your question will appear once a moderator approves it."))
            return devices.remember(request, redirect("live:board", code=board.code))
    context = _live_context(request, board, "audience", device)
    sort = request.GET.get("sort", "top")
    context.update(
        form=form,
        sort=sort if sort in queries.SORTS else "top",
        questions=queries.questions(board, sort=sort if sort in queries.SORTS else "top", device=device),
        voted=set(context["live"]["state"]["voted"]),
        can_moderate=authz.allows(request.user, rules.moderate_board, board),
    )
    status = 400 if form.is_bound and form.errors else 200
    return devices.remember(request, render(request, "live/board.html", context, status=status))


def _audience_action(request, code, question_id, action):
    board = _board_or_404(request, code)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    devices.device(request)
    try:
        device = devices.writing_device(request)
        if action == "report":
            services.report(board, question_id, device, devices.client_ip(request))
            messages.success(request, _("Thank you: the moderators will look at this question."))
        else:
            services.vote(board, question_id, device, devices.client_ip(request), remove=action == "unvote")
    except LiveError as exc:
        messages.error(request, str(exc))
    return devices.remember(request, redirect(reverse("live:board", kwargs={"code": board.code}) + "#questions"))


def vote(request, code, question_id):
    return _audience_action(request, code, question_id, "unvote" if request.POST.get("remove") else "vote")


def report(request, code, question_id):
    return _audience_action(request, code, question_id, "report")


QUESTION_ACTIONS = {"approve", "hide", "answered", "reopen", "highlight", "unhighlight", "merge"}


def _columns():
    return [("pending", _("To approve")), ("visible", _("On the board")), ("answered", _("Answered")),
            ("hidden", _("Hidden"))]


def moderate(request, code):
    board = _moderated_or_404(request, code)
    context = _live_context(request, board, "moderate")
    speaker = request.GET.get("speaker", "")
    if speaker and not any(str(s.pk) == speaker for s in context["panel"]):
        speaker = ""
    items = list(queries.questions(board, statuses=Question.Status.values, speaker=speaker or None))
    context.update(
        columns=[(key, label, [q for q in items if q.status == key]) for key, label in _columns()],
        speaker=speaker,
        actions=queries.moderation_log(board),
        settings_form=SettingsForm(initial={"moderation": board.moderation}),
        moderator_form=ModeratorForm(),
        moderators=list(board.moderators.order_by("full_name", "email")),
        is_manager=authz.allows(request.user, manage_event, board.session.event),
    )
    return render(request, "live/moderate.html", context)


def moderate_action(request, code, question_id, action):
    board = _moderated_or_404(request, code)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action not in QUESTION_ACTIONS:
        raise Http404
    try:
        services.moderate(board, question_id, action, request.user, into=request.POST.get("into"))
    except LiveError as exc:
        messages.error(request, str(exc))
    return _back_to_console(request, board)


def _back_to_console(request, board):
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("live:moderate", kwargs={"code": board.code})
    return redirect(target)


def moderate_settings(request, code):
    board = _moderated_or_404(request, code)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    what = request.POST.get("what")
    try:
        if what in ("open", "close"):
            services.update_board(board, request.user, is_open=what == "open")
            messages.success(request, _("The board is open: the audience can ask and vote.") if what == "open"
                             else _("The board is closed: the questions stay readable."))
        elif what == "moderation":
            form = SettingsForm(request.POST)
            if not form.is_valid():
                raise LiveError(_("Moderation is “pre” or “open”."))
            services.update_board(board, request.user, moderation=form.cleaned_data["moderation"])
            messages.success(request, _("Moderation changed."))
        elif what == "add_moderator":
            form = ModeratorForm(request.POST)
            if not form.is_valid():
                raise LiveError(form.errors["email"][0])
            user = services.add_moderator(board, request.user, form.cleaned_data["email"])
            messages.success(request, _("%(name)s can now moderate this board.") % {"name": user.get_short_name()})
        elif what == "remove_moderator":
            services.remove_moderator(board, request.user, request.POST.get("user"))
            messages.success(request, _("Moderator removed."))
        elif what == "archive":
            services.archive(board, request.user, exports.markdown(board))
            messages.success(request, _("The questions are saved to the session's materials."))
        else:
            raise LiveError(_("Unknown setting."))
    except LiveError as exc:
        messages.error(request, str(exc))
    return _back_to_console(request, board)


def screen(request, code):
    board = _board_or_404(request, code)
    context = _live_context(request, board, "screen")
    speaker = request.GET.get("speaker", "")
    panel_ids = {str(s.pk): s for s in context["panel"]}
    speaker_role = panel_ids.get(speaker)
    top = list(queries.questions(board, statuses=(Question.Status.VISIBLE,), speaker=speaker_role.pk
                                 if speaker_role else None)[:6])
    highlighted = next((q for q in queries.questions(board) if q.pk == board.highlighted_id), None) \
        if board.highlighted_id else None
    context.update(speaker=speaker_role, top=top, highlighted=highlighted,
                   join_url=request.build_absolute_uri(reverse("live:board", kwargs={"code": board.code})))
    return render(request, "live/screen.html", context)


@functools.lru_cache(maxsize=512)
def _qr_svg(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, dark="#111", xmldecl=False,
                                    svgns=True, title=url)
    return out.getvalue()


@require_GET
@cache_control(public=True, max_age=86400)
def qr(request, code):
    board = _board_or_404(request, code)
    url = request.build_absolute_uri(reverse("live:board", kwargs={"code": board.code}))
    return HttpResponse(_qr_svg(url), content_type="image/svg+xml")


def export(request, code, fmt):
    board = _moderated_or_404(request, code)
    if fmt == "md":
        return download(exports.markdown(board), exports.filename(board, "md"), "text/markdown; charset=utf-8")
    return csv_response(exports.filename(board, "csv"), exports.QUESTION_HEADER, exports.question_rows(board))


def event_boards(request, slug):
    event = authz.get_or_404(request.user, manage_event, Event.objects.select_related("project"), slug=slug)
    if request.method == "POST":
        session = Session.objects.filter(event=event, slug=request.POST.get("session", "")).first()
        if session is None:
            messages.error(request, _("Pick a session of this event."))
        else:
            try:
                board = services.create_board(session, request.user, is_open=bool(request.POST.get("open")))
                messages.success(request, _("Q&A board created: the join code is %(code)s.") % {"code": board.code})
                return redirect("live:moderate", code=board.code)
            except LiveError as exc:
                messages.error(request, str(exc))
        return redirect("live:event", slug=event.slug)
    return render(request, "live/event_boards.html", {
        "event": event, "sessions": queries.event_boards(event),
    })
