"""Live Q&A pages: join, the audience's page, the moderator's console, the hall's screen, the QR code, exports,
the organisers' list of an event's boards, and the polling fallback of the stream. Thin: parse → query or
service → render. A browser with JavaScript gets JSON from the same addresses it posts forms to."""

import csv
import functools
import io

import segno
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from liaise.core.errors import add_to_form
from liaise.core.exports import safe_cell
from liaise.core.filters import MAX_ID
from liaise.events.models import Event, Session

from . import devices, queries, services
from .forms import AskForm, ModeratorForm, SettingsForm
from .models import Board, Question
from .services import LiveError


def _board_or_404(request, code) -> Board:
    try:
        return queries.board_for(request.user, code)
    except Board.DoesNotExist:
        raise Http404 from None


def _moderated_or_404(request, code) -> Board:
    try:
        return queries.moderated_board_for(request.user, code)
    except Board.DoesNotExist:
        raise Http404 from None


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _stream_url(request, board: Board, moderator: bool = False) -> str:
    path = reverse("live_stream", kwargs={"code": board.code}) + ("?moderate=1" if moderator else "")
    port = settings.LIVE_STREAM_PORT
    if settings.LIVE_STREAM_SAME_ORIGIN or not port:
        return path
    host = request.get_host().rsplit(":", 1)[0] if not request.get_host().endswith("]") else request.get_host()
    return f"{request.scheme}://{host}:{port}{path}"


def _live_context(request, board: Board, mode: str, device: str = "") -> dict:
    moderator = mode == "moderate"
    panel = queries.panel(board)
    return {
        "board": board,
        "session": board.session,
        "event": board.session.event,
        "panel": panel,
        "live": {
            "mode": mode,
            "code": board.code,
            "stream": _stream_url(request, board, moderator),
            "changes": reverse("live_changes", kwargs={"code": board.code}) + ("?moderate=1" if moderator else ""),
            "after": queries.last_change_id(board),
            "panel": {s.pk: s.person.name for s in panel},
            "state": queries.state(board, moderator, device),
            "urls": {
                "vote": reverse("live:vote", kwargs={"code": board.code, "question_id": 0}),
                "report": reverse("live:report", kwargs={"code": board.code, "question_id": 0}),
                "action": reverse("live:action", kwargs={"code": board.code, "question_id": 0, "action": "ACTION"}),
            },
            "texts": _texts(),
        },
    }


def _texts() -> dict[str, str]:
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
    }


def join(request):
    code = request.GET.get("code", "").strip().upper().replace(" ", "").replace("-", "")
    error = ""
    if code:
        try:
            board = queries.board_for(request.user, code)
            return redirect("live:board", code=board.code)
        except Board.DoesNotExist:
            error = _("No round table has the code “%(code)s”. Check the code on the screen.") % {"code": code[:12]}
    return render(request, "live/join.html", {"code": code[:12], "error": error}, status=404 if error else 200)


def board(request, code):
    board = _board_or_404(request, code)
    device = devices.device(request)
    panel = queries.panel(board)
    form = AskForm(request.POST or None, panel=panel)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                question = services.ask(board, data["text"], device, data["to_speaker"], data["name"],
                                        devices.client_ip(request))
            except LiveError as exc:
                if _wants_json(request):
                    return devices.remember(request, JsonResponse(exc.as_dict(), status=exc.status))
                add_to_form(form, exc)
            else:
                if _wants_json(request):
                    return devices.remember(request, JsonResponse(
                        {"question": services.question_data(question, audience=True)}, status=201))
                messages.success(request, _("Thank you: your question is on the board.") if question.is_public
                                 else _("Thank you: your question will appear once a moderator approves it."))
                return devices.remember(request, redirect("live:board", code=board.code))
        elif _wants_json(request):
            detail = "; ".join(f"{e}" for errors in form.errors.values() for e in errors)
            return devices.remember(request, JsonResponse({"detail": detail, "errors": form.errors}, status=400))
    context = _live_context(request, board, "audience", device)
    sort = request.GET.get("sort", "top")
    context.update(
        form=form,
        sort=sort if sort in queries.SORTS else "top",
        questions=queries.questions(board, sort=sort if sort in queries.SORTS else "top", device=device),
        voted=set(context["live"]["state"]["voted"]),
        can_moderate=queries.can_moderate(request.user, board),
    )
    status = 400 if form.is_bound and form.errors else 200
    return devices.remember(request, render(request, "live/board.html", context, status=status))


def _audience_action(request, code, question_id, action):
    board = _board_or_404(request, code)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    device = devices.device(request)
    try:
        if action == "report":
            question = services.report(board, question_id, device, devices.client_ip(request))
            done = _("Thank you: the moderators will look at this question.")
        else:
            question = services.vote(board, question_id, device, devices.client_ip(request),
                                     remove=action == "unvote")
            done = ""
    except LiveError as exc:
        if _wants_json(request):
            return devices.remember(request, JsonResponse(exc.as_dict(), status=exc.status))
        messages.error(request, str(exc))
    else:
        if _wants_json(request):
            return devices.remember(request, JsonResponse(
                {"question": services.question_data(question, audience=True)}, status=200))
        if done:
            messages.success(request, done)
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
        is_manager=queries.is_manager(request.user, board.session.event),
    )
    return render(request, "live/moderate.html", context)


def moderate_action(request, code, question_id, action):
    board = _moderated_or_404(request, code)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if action not in QUESTION_ACTIONS:
        raise Http404
    try:
        question = services.moderate(board, question_id, action, request.user, into=request.POST.get("into"))
    except LiveError as exc:
        if _wants_json(request):
            return JsonResponse(exc.as_dict(), status=exc.status)
        messages.error(request, str(exc))
    else:
        if _wants_json(request):
            return JsonResponse({"question": services.question_data(question)})
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
            services.archive(board, request.user, export_markdown(board))
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


def export_markdown(board: Board) -> str:
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


def export(request, code, fmt):
    board = _moderated_or_404(request, code)
    filename = f"{board.session.event.slug}-{board.session.slug}-questions"
    if fmt == "md":
        response = HttpResponse(export_markdown(board), content_type="text/markdown; charset=utf-8")
    else:
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(["number", "question", "to", "name", "votes", "answered", "asked", "duplicates_merged"])
        for number, q in enumerate(queries.export_rows(board), 1):
            writer.writerow([
                number, safe_cell(q.text), safe_cell(q.to_speaker.person.name if q.to_speaker else ""),
                safe_cell(q.name),
                q.votes, "yes" if q.status == Question.Status.ANSWERED else "no",
                timezone.localtime(q.created, board.session.event.tz).strftime("%Y-%m-%d %H:%M"),
                q.duplicates_count,
            ])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def event_boards(request, slug):
    try:
        event = queries.managed_event_for(request.user, slug)
    except Event.DoesNotExist:
        raise Http404 from None
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


@require_GET
def changes(request, code):
    """The polling fallback of the stream: the changes after ``after``, as JSON."""
    moderator = request.GET.get("moderate") == "1"
    board = _moderated_or_404(request, code) if moderator else _board_or_404(request, code)
    try:
        after = int(request.GET.get("after", ""))
        if not 0 <= after <= MAX_ID:
            raise ValueError
    except ValueError:
        return JsonResponse({"detail": "after is the id of the last change you have (0 or more)."}, status=400)
    backlog = queries.backlog(board.pk, after, moderator)
    last = queries.last_change_id(board) if backlog.reset else backlog.last
    response = HttpResponse(
        '{"reset":%s,"last":%d,"changes":[%s]}' % (  # noqa: UP031 - the data is stored as JSON already
            "true" if backlog.reset else "false", last,
            ",".join('{"id":%d,"kind":"%s","data":%s}' % row for row in backlog.changes),  # noqa: UP031
        ),
        content_type="application/json",
    )
    response["Cache-Control"] = "no-store"
    return response
