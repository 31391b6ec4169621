"""The organisers' pages of an event: create and edit it, publish, duplicate, the programme editor (sessions,
guiding questions, speakers), the registration settings and the materials; and the venues with their rooms.
Thin: parse → service (``programme.py``) → render.

Who: ``events.create_event`` on the project to create, ``events.manage_event`` on the event for everything else
(anything else answers 404); venues: ``events.edit_venue`` (adding one: ``events.create_event`` anywhere)."""

from dataclasses import fields

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.core.errors import add_to_form
from liaise.core.fields import as_id, as_slug

from . import programme, queries, rules
from .manage_forms import (
    DuplicateForm,
    EventForm,
    MaterialForm,
    MaterialUploadForm,
    NewVenueForm,
    QuestionForm,
    RegistrationSettingsForm,
    RoomForm,
    SessionForm,
    SpeakerForm,
    StatusForm,
    VenueForm,
    naive_local,
)
from .models import Event, Venue


def _managed(request, slug) -> Event:
    return authz.get_or_404(request.user, rules.manage_event, Event.objects.select_related("project"), slug=slug)


def _url(name: str, event: Event, **kwargs) -> str:
    return reverse(f"events:{name}", kwargs={"slug": event.slug, **kwargs})


def _event_data(form: EventForm) -> programme.EventData:
    data = form.cleaned_data
    new_venue = None
    if data.get("new_venue_name") or data.get("new_venue_city"):
        new_venue = programme.NewVenue(
            name=data["new_venue_name"], city=data["new_venue_city"], country=data["new_venue_country"],
            address=data["new_venue_address"], rooms=data["new_venue_rooms"].splitlines())
    return programme.EventData(**{f.name: data[f.name] for f in fields(programme.EventData) if f.name in data},
                               new_venue=new_venue)


def _save_event(request, event: Event | None):
    if event is None:
        projects = rules.create_event.filter(request.user).order_by("-start")
    else:
        projects = type(event.project).objects.filter(pk=event.project_id)
    initial = EventForm.initial_for(event) if event else {}
    if event is None and request.GET.get("project"):
        initial["project"] = projects.filter(slug=as_slug(request.GET["project"])).first()
    form = EventForm(request.POST or None, projects=projects, initial=initial)
    if event is not None:
        form.fields["project"].disabled = True
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = programme.save_event(event, _event_data(form), request.user)
            except programme.ProgrammeError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("The event is saved.") if event else
                                 _("The event is created as a draft: add its programme, then publish it."))
                return redirect(_url("manage_edit", saved))
        else:
            status = 400
    return render(request, "events/manage/event_form.html", {"form": form, "event": event}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request):
    if not rules.create_event.anywhere(request.user):
        raise Http404
    return _save_event(request, None)


@require_http_methods(["GET", "POST"])
def event_edit(request, slug):
    return _save_event(request, _managed(request, slug))


def event_status(request, slug):
    """POST: publish, unpublish (back to draft) or cancel (with a confirmation box)."""
    event = _managed(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the event."))
        return redirect(_url("manage_edit", event))
    try:
        event = programme.set_status(event, form.cleaned_data["status"], form.cleaned_data["confirm"])
    except programme.ProgrammeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The event is now: %(status)s.") % {"status": event.get_status_display()})
    return redirect(_url("manage_edit", event))


@require_http_methods(["GET", "POST"])
def event_duplicate(request, slug):
    event = _managed(request, slug)
    authz.require(request.user, rules.create_event, event.project)
    form = DuplicateForm(request.POST or None, initial={"title": event.title})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                copy = programme.duplicate_event(event, form.cleaned_data["title"], form.cleaned_data["start_date"],
                                                 request.user)
            except programme.ProgrammeError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("The copy is a draft: check its dates and programme, then publish it."))
                return redirect(_url("manage_edit", copy))
        else:
            status = 400
    return render(request, "events/manage/duplicate.html", {"form": form, "event": event}, status=status)


@require_http_methods(["GET", "POST"])
def registration_settings(request, slug):
    event = _managed(request, slug)
    form = RegistrationSettingsForm(request.POST or None, event=event,
                                    initial=RegistrationSettingsForm.initial_for(event))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                programme.save_registration_settings(
                    event, programme.RegistrationSettings(**form.cleaned_data), request.build_absolute_uri("/"))
            except programme.ProgrammeError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("The registration settings are saved."))
                return redirect(_url("registration_settings", event))
        else:
            status = 400
    return render(request, "events/manage/registration_settings.html", {"form": form, "event": event},
                  status=status)


def programme_page(request, slug):
    """The programme by day, with the links to add, edit and delete sessions."""
    event = _managed(request, slug)
    days = queries.programme(request.user, event)
    return render(request, "events/manage/programme.html", {"event": event, "days": days})


@require_http_methods(["GET", "POST"])
def session_new(request, slug):
    event = _managed(request, slug)
    form = SessionForm(request.POST or None, event=event,
                       initial={"start": naive_local(event.start, event.tz), "end": naive_local(event.start, event.tz)})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                session = programme.save_session(event, None, programme.SessionData(**form.cleaned_data))
            except programme.ProgrammeError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("The session is added: now its guiding questions and speakers."))
                return redirect(_url("session_edit", event, session_id=session.pk))
        else:
            status = 400
    return render(request, "events/manage/session_form.html", {"form": form, "event": event}, status=status)


SESSION_ACTIONS = ("session", "question_add", "question_edit", "question_remove", "question_move", "speaker_add",
                   "speaker_remove", "speaker_move")


@require_http_methods(["GET", "POST"])
def session_edit(request, slug, session_id):
    """The session, its guiding questions in order and its speakers in order; each form posts here with its
    name in ``form`` (buttons, no JavaScript)."""
    event = _managed(request, slug)
    session = authz.get_or_404(request.user, rules.view_session,
                               event.sessions.select_related("room").prefetch_related("topics"), pk=session_id)
    which = request.POST.get("form", "session") if request.method == "POST" else None
    if which is not None and which not in SESSION_ACTIONS:
        which = "session"
    form = SessionForm(request.POST if which == "session" else None, event=event,
                       initial=SessionForm.initial_for(session, event))
    question_form = QuestionForm(request.POST if which in ("question_add", "question_edit") else None,
                                 prefix="question")
    speaker_form = SpeakerForm(request.POST if which == "speaker_add" else None, prefix="speaker", user=request.user)
    status = 200
    if which is not None:
        try:
            done = _session_action(request, which, event, session, form, question_form, speaker_form)
        except programme.ProgrammeError as exc:
            target = {"session": form, "speaker_add": speaker_form}.get(which, question_form)
            if which in ("question_remove", "question_move", "speaker_remove", "speaker_move"):
                messages.error(request, exc.message)
                return redirect(_url("session_edit", event, session_id=session.pk))
            add_to_form(target, exc)
            done = None
        if done is not None:
            messages.success(request, done[0])
            return redirect(_url("session_edit", event, session_id=session.pk) + done[1])
        status = 400
    questions = list(session.questions.all())
    speakers = list(session.speakers.select_related("person__organisation"))
    return render(request, "events/manage/session_edit.html", {
        "event": event, "session": session, "form": form, "question_form": question_form,
        "speaker_form": speaker_form, "questions": questions, "speakers": speakers, "which": which,
    }, status=status)


def _pk(request) -> int:
    pk = as_id(request.POST.get("item", ""))
    if pk is None:
        raise programme.ProgrammeError(_("This item is no longer in the list."))
    return pk


def _session_action(request, which, event, session, form, question_form, speaker_form):
    """Run one action of the session page; returns (message, anchor) when done, None when a form is invalid."""
    if which == "session":
        if not form.is_valid():
            return None
        programme.save_session(event, session, programme.SessionData(**form.cleaned_data))
        return _("The session is saved."), ""
    if which == "question_add":
        if not question_form.is_valid():
            return None
        programme.add_question(session, question_form.cleaned_data["text"])
        return _("The question is added."), "#questions"
    if which == "question_edit":
        question = _item(session.questions.all(), request)
        if not question_form.is_valid():
            return None
        programme.edit_question(question, question_form.cleaned_data["text"])
        return _("The question is saved."), "#questions"
    if which == "question_remove":
        programme.remove_question(_item(session.questions.all(), request))
        return _("The question is removed."), "#questions"
    if which == "question_move":
        programme.move_question(session, _pk(request), request.POST.get("direction", ""))
        return _("The order of the questions is saved."), "#questions"
    if which == "speaker_add":
        if not speaker_form.is_valid():
            return None
        programme.add_speaker(session, programme.SpeakerData(**speaker_form.cleaned_data))
        return _("The speaker is added."), "#speakers"
    if which == "speaker_remove":
        programme.remove_speaker(_item(session.speakers.all(), request))
        return _("The speaker is removed from this session."), "#speakers"
    programme.move_speaker(session, _pk(request), request.POST.get("direction", ""))
    return _("The order of the speakers is saved."), "#speakers"


def _item(queryset, request):
    item = queryset.filter(pk=_pk(request)).first()
    if item is None:
        raise programme.ProgrammeError(_("This item is no longer in the list."))
    return item


def session_delete(request, slug, session_id):
    event = _managed(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    session = authz.get_or_404(request.user, rules.view_session, event.sessions.all(), pk=session_id)
    title = session.title
    programme.delete_session(session)
    messages.success(request, _("The session “%(title)s” is deleted.") % {"title": title})
    return redirect(_url("manage_programme", event))



# --- materials ---------------------------------------------------------------------------------------------------

def _material_data(form) -> programme.MaterialData:
    data = form.cleaned_data
    return programme.MaterialData(title=data["title"], kind=data["kind"], visibility=data["visibility"],
                                  session=data["session"])


@require_http_methods(["GET", "POST"])
def materials(request, slug):
    """The event's materials (agendas, minutes, slides) and the upload form."""
    event = _managed(request, slug)
    form = MaterialUploadForm(request.POST or None, request.FILES or None, event=event)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                material = programme.add_material(event, _material_data(form), form.cleaned_data["file"])
            except programme.ProgrammeError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("“%(title)s” is uploaded.") % {"title": material.title})
                return redirect(_url("manage_materials", event))
    listed = list(event.materials.select_related("session").order_by("session__start", "kind", "title", "pk"))
    return render(request, "events/manage/materials.html", {"event": event, "form": form, "materials": listed},
                  status=status)


def _material(request, event, material_id):
    return authz.get_or_404(request.user, rules.view_material, event.materials.select_related("session"),
                            pk=material_id)


@require_http_methods(["GET", "POST"])
def material_edit(request, slug, material_id):
    event = _managed(request, slug)
    material = _material(request, event, material_id)
    form = MaterialForm(request.POST or None, event=event, initial=MaterialForm.initial_for(material))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                programme.save_material(material, _material_data(form))
            except programme.ProgrammeError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("The material is saved."))
                return redirect(_url("manage_materials", event))
    return render(request, "events/manage/material_form.html", {"event": event, "material": material, "form": form},
                  status=status)


def material_delete(request, slug, material_id):
    event = _managed(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    material = _material(request, event, material_id)
    title = material.title
    programme.delete_material(material)
    messages.success(request, _("“%(title)s” is deleted.") % {"title": title})
    return redirect(_url("manage_materials", event))


# --- venues and rooms --------------------------------------------------------------------------------------------
# Venues are shared by the network's events: those who may create an event may add one (as the event form does);
# ``events.edit_venue`` says which they edit, with their rooms.

def _may_add_venues(request) -> bool:
    return rules.create_event.anywhere(request.user)


@login_required
@require_http_methods(["GET"])
def venues(request):
    """The venues the user edits, with their rooms and how many events use them."""
    editable = rules.edit_venue.filter(request.user, Venue.objects.all())
    may_add = _may_add_venues(request)
    if not may_add and not editable.exists():
        raise Http404
    listed = list(editable.annotate(event_count=Count("events", distinct=True)).prefetch_related("rooms")
                  .order_by("country", "city", "name"))
    return render(request, "events/manage/venues.html", {"venues": listed, "may_add": may_add})


def _venue_data(form) -> programme.VenueData:
    data = form.cleaned_data
    return programme.VenueData(name=data["name"], city=data["city"], country=data["country"],
                               address=data["address"])


@login_required
@require_http_methods(["GET", "POST"])
def venue_new(request):
    if not _may_add_venues(request):
        raise Http404
    form = NewVenueForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                venue = programme.save_venue(None, _venue_data(form), form.cleaned_data["rooms"].splitlines())
            except programme.ProgrammeError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("The venue is added: events can now use it."))
                return redirect("events:venue_edit", slug=venue.slug)
    return render(request, "events/manage/venue_form.html", {"form": form, "venue": None}, status=status)


VENUE_ACTIONS = ("venue", "room_add", "room_edit", "room_remove")


@login_required
@require_http_methods(["GET", "POST"])
def venue_edit(request, slug):
    """The venue and its rooms; each form posts here with its name in ``form`` (buttons, no JavaScript)."""
    venue = authz.get_or_404(request.user, rules.edit_venue, Venue.objects.all(), slug=slug)
    which = request.POST.get("form", "venue") if request.method == "POST" else None
    if which is not None and which not in VENUE_ACTIONS:
        which = "venue"
    form = VenueForm(request.POST if which == "venue" else None, initial=VenueForm.initial_for(venue))
    room_form = RoomForm(request.POST if which == "room_add" else None, prefix="room")
    edit_form = RoomForm(request.POST if which == "room_edit" else None, prefix="edit")
    status = 200
    if which is not None:
        try:
            done = _venue_action(request, which, venue, form, room_form, edit_form)
        except programme.ProgrammeError as exc:
            if exc.field is None:  # (a room no longer there, a room still booked)
                messages.error(request, exc.message)
                return redirect(reverse("events:venue_edit", kwargs={"slug": venue.slug}) + "#rooms")
            add_to_form({"venue": form, "room_add": room_form}.get(which, edit_form), exc)
            done = None
        if done is not None:
            messages.success(request, done)
            return redirect(reverse("events:venue_edit", kwargs={"slug": venue.slug})
                            + ("" if which == "venue" else "#rooms"))
        status = 400
    rooms = list(venue.rooms.annotate(session_count=Count("sessions")).order_by("name"))
    editing = _pk_or_none(request) if which == "room_edit" else None
    return render(request, "events/manage/venue_form.html", {
        "venue": venue, "form": form, "room_form": room_form, "edit_form": edit_form, "rooms": rooms,
        "editing": editing,
    }, status=status)


def _pk_or_none(request) -> int | None:
    try:
        return _pk(request)
    except programme.ProgrammeError:
        return None


def _venue_action(request, which, venue, form, room_form, edit_form):
    """Run one action of the venue page; the message when done, None when a form is invalid."""
    if which == "venue":
        if not form.is_valid():
            return None
        programme.save_venue(venue, _venue_data(form))
        return _("The venue is saved.")
    if which == "room_add":
        if not room_form.is_valid():
            return None
        programme.add_room(venue, room_form.cleaned_data["room_name"], room_form.cleaned_data["capacity"])
        return _("The room is added.")
    room = _item(venue.rooms.select_related("venue"), request)
    if which == "room_edit":
        if not edit_form.is_valid():
            return None
        programme.save_room(room, edit_form.cleaned_data["room_name"], edit_form.cleaned_data["capacity"])
        return _("The room is saved.")
    programme.remove_room(room)
    return _("The room is removed.")
