"""Writes of the organisers' pages: create and edit an event (with a new venue and its rooms), publish,
unpublish and cancel, duplicate it as the next conference, the programme (sessions, guiding questions, speakers)
and the registration settings. One function per use case, each in a transaction, refusing with a
``ProgrammeError`` whose ``field`` names the form field it is about.

Who may call them is decided by the views through ``liaise.core.authz`` (``events.create_event`` on the project,
``events.manage_event`` on the event); what depends on the data is checked here: the organisers are partners of
the project, and a partner coordinator (who does not coordinate the project) keeps their own organisation among
the organisers of the events they create or edit.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaise.core import authz
from liaise.core.errors import InvalidInput, saved_once
from liaise.core.slugs import unique_slug
from liaise.network.models import Organisation, Partnership, Person, Project, ProjectRole
from liaise.network.rules import coordinate_project

from .models import Event, GuidingQuestion, Material, Room, Session, SpeakerRole, Venue

# Slugs that would shadow a fixed page under /events/ or /trainings/ (an event's slug is also its training's).
RESERVED_SLUGS = {"new", "curriculum"}
DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class ProgrammeError(InvalidInput):
    """A refused change to an event or its programme, with a message for a person."""


def _unique_slug(model, title: str, fallback: str, exclude_pk=None, **scope) -> str:
    return unique_slug(model.objects.filter(**scope), title, fallback, reserved=RESERVED_SLUGS, exclude_pk=exclude_pk)


def _full_clean(obj, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        raise ProgrammeError(" ".join(messages), field=None if name == "__all__" else name) from None


def _set_translated(obj, name: str, value: str) -> None:
    """Write the text in the language being used, and in the default language when it has none yet."""
    value = (value or "").strip()
    setattr(obj, name, value)
    if not getattr(obj, f"{name}_{DEFAULT_LANGUAGE}"):
        setattr(obj, f"{name}_{DEFAULT_LANGUAGE}", value)


def local(moment: datetime, event: Event) -> str:
    return timezone.localtime(moment, event.tz).strftime("%d/%m/%Y %H:%M")


# --- events -----------------------------------------------------------------------------------------------------

@dataclass
class NewVenue:
    name: str
    city: str
    country: str
    address: str = ""
    rooms: list[str] = field(default_factory=list)


@dataclass
class EventData:
    kind: str
    project: Project
    title: str
    start: datetime  # aware
    end: datetime  # aware
    timezone: str = "Europe/Paris"
    summary: str = ""
    organisers: list[Organisation] = field(default_factory=list)
    venues: list[Venue] = field(default_factory=list)
    new_venue: NewVenue | None = None
    languages: list[str] = field(default_factory=list)
    visibility: str = "public"
    topics: list = field(default_factory=list)


def own_organisations(user, project: Project) -> set[int]:
    """The organisations ``user`` coordinates as a partner in ``project``."""
    return set(ProjectRole.objects.filter(user=user, project=project, role=ProjectRole.Role.PARTNER_COORDINATOR)
               .values_list("organisation_id", flat=True))


def _check_organisers(user, project: Project, organisers) -> None:
    partners = set(Partnership.objects.filter(project=project).values_list("organisation_id", flat=True))
    if any(o.pk not in partners for o in organisers):
        raise ProgrammeError(_("Choose organisers among the partners of the project."), field="organisers")
    if authz.allows(user, coordinate_project, project):
        return
    own = own_organisations(user, project)
    if not own & {o.pk for o in organisers}:
        raise ProgrammeError(_("Keep your own organisation among the organisers: you organise this event for it."),
                             field="organisers")


def _create_venue(data: NewVenue) -> Venue:
    if not data.name.strip() or not data.city.strip() or not data.country:
        raise ProgrammeError(_("A new venue needs a name, a city and a country."), field="new_venue_name")
    venue = Venue(slug=_unique_slug(Venue, f"{data.name} {data.city}", "venue"), name=data.name.strip(),
                  city=data.city.strip(), country=data.country, address=data.address.strip())
    _full_clean(venue)
    venue.save()
    names = []
    for name in data.rooms:
        name = name.strip()[:120]
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    Room.objects.bulk_create([Room(venue=venue, name=name) for name in names])
    return venue


@transaction.atomic
def save_event(event: Event | None, data: EventData, user) -> Event:
    """Create (``event`` None, as a draft) or edit an event. The end comes after the start; the organisers are
    partners of the project; the sessions stay inside the new dates."""
    if data.end <= data.start:
        raise ProgrammeError(_("The end must come after the start."), field="end")
    organisers = list(data.organisers)
    _check_organisers(user, data.project, organisers)
    creating = event is None
    if creating:
        event = Event(project=data.project, slug=_unique_slug(Event, data.title, "event"), status=Event.Status.DRAFT)
    elif event.project_id != data.project.pk:
        raise ProgrammeError(_("An event cannot move to another project."), field="project")
    else:
        outside = event.sessions.exclude(start__gte=data.start, end__lte=data.end).first()
        if outside is not None:
            raise ProgrammeError(
                _("The session “%(session)s” (%(start)s) would be outside the event: move it first.")
                % {"session": outside.title, "start": local(outside.start, event)}, field="start")
    event.kind, event.start, event.end, event.timezone = data.kind, data.start, data.end, data.timezone
    event.visibility = data.visibility
    event.languages = [code for code, _name in settings.CONTENT_LANGUAGES if code in data.languages]
    _set_translated(event, "title", data.title)
    _set_translated(event, "summary", data.summary)
    _full_clean(event, exclude=["slug"])
    event.save()
    venues = list(data.venues)
    if data.new_venue is not None:
        venues.append(_create_venue(data.new_venue))
    event.venues.set(venues)
    event.organisers.set(organisers)
    event.topics.set(data.topics)
    return event


@transaction.atomic
def set_status(event: Event, status: str, confirm: bool = False) -> Event:
    """Publish (draft → published), unpublish (published → draft, only while nobody is registered) or cancel
    (published → cancelled, confirmed with ``confirm``: registrants keep their registration page, which says it)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    active = event.registrations.exclude(status="cancelled").exists()
    if status == Event.Status.PUBLISHED:
        if event.status != Event.Status.DRAFT:
            raise ProgrammeError(_("Only a draft can be published."), status=409)
    elif status == Event.Status.DRAFT:
        if event.status != Event.Status.PUBLISHED:
            raise ProgrammeError(_("Only a published event can go back to draft."), status=409)
        if active:
            raise ProgrammeError(_("People are registered: the event cannot go back to draft. Cancel it instead."),
                                 status=409)
    elif status == Event.Status.CANCELLED:
        if event.status != Event.Status.PUBLISHED:
            raise ProgrammeError(_("Only a published event can be cancelled (a draft can go on being a draft)."),
                                 status=409)
        if not confirm:
            raise ProgrammeError(_("Tick the box to confirm the cancellation."), field="confirm")
    else:
        raise ProgrammeError(_("Unknown action."))
    event.status = status
    event.save(update_fields=["status", "updated"])
    return event


@transaction.atomic
def duplicate_event(event: Event, title: str, start_date: date, user) -> Event:
    """A draft copy of ``event`` starting on ``start_date`` (in its time zone): its settings, organisers, venues,
    and its programme (sessions shifted by as many days, guiding questions, speakers with their roles); no
    registrations, no materials."""
    shift = start_date - event.local_start.date()
    delta = timedelta(days=shift.days)
    copy = Event.objects.get(pk=event.pk)
    copy.pk = copy.id = None
    copy.slug = _unique_slug(Event, title, "event")
    copy.status, copy.confirmed_count = Event.Status.DRAFT, 0
    copy.start, copy.end = event.start + delta, event.end + delta
    if copy.registration_opens:
        copy.registration_opens += delta
    if copy.registration_closes:
        copy.registration_closes += delta
    for code, _name in settings.CONTENT_LANGUAGES:
        setattr(copy, f"title_{code}", "")
    _set_translated(copy, "title", title)
    _full_clean(copy, exclude=["slug"])
    copy.save()
    copy.organisers.set(event.organisers.all())
    copy.venues.set(event.venues.all())
    copy.topics.set(event.topics.all())
    for session in event.sessions.prefetch_related("questions", "speakers", "topics"):
        questions, speakers, topics = list(session.questions.all()), list(session.speakers.all()), \
            list(session.topics.all())
        session.pk = session.id = None
        session.event = copy
        session.start, session.end = session.start + delta, session.end + delta
        session.save()
        session.topics.set(topics)
        for question in questions:
            question.pk = question.id = None
            question.session = session
        GuidingQuestion.objects.bulk_create(questions)
        for speaker in speakers:
            speaker.pk = speaker.id = None
            speaker.session = session
        SpeakerRole.objects.bulk_create(speakers)
    return copy


@dataclass
class RegistrationSettings:
    registration_enabled: bool
    waitlist_enabled: bool
    ask_needs: bool
    capacity: int | None = None
    registration_opens: datetime | None = None
    registration_closes: datetime | None = None
    confirmation_text: str = ""


@transaction.atomic
def save_registration_settings(event: Event, data: RegistrationSettings, base_url: str = "") -> Event:
    """Change the registration settings. The capacity cannot go below the seats already confirmed; raised, the
    free seats go to the waiting list, oldest first (each told by email)."""
    from . import services

    event = Event.objects.select_for_update().get(pk=event.pk)
    if data.capacity is not None and data.capacity < event.confirmed_count:
        raise ProgrammeError(
            _("%(n)d people have a confirmed seat: the capacity cannot be lower.") % {"n": event.confirmed_count},
            field="capacity")
    if data.registration_opens and data.registration_closes and data.registration_closes < data.registration_opens:
        raise ProgrammeError(_("Registration must close after it opens."), field="registration_closes")
    for name in ("registration_enabled", "waitlist_enabled", "ask_needs", "capacity", "registration_opens",
                 "registration_closes"):
        setattr(event, name, getattr(data, name))
    event.confirmation_text = (data.confirmation_text or "").strip()
    _full_clean(event)
    event.save()
    if event.waitlist_enabled:
        services.fill_from_waitlist(event, base_url)
    return event


# --- sessions ---------------------------------------------------------------------------------------------------

@dataclass
class SessionData:
    kind: str
    title: str
    start: datetime  # aware
    end: datetime  # aware
    description: str = ""
    room: Room | None = None
    visibility: str = ""
    topics: list = field(default_factory=list)


@transaction.atomic
def save_session(event: Event, session: Session | None, data: SessionData) -> Session:
    """Add (``session`` None) or edit a session: inside the event's dates, the end after the start, in a room of
    the event's venues, and never in a room another session holds at the same time."""
    if data.end <= data.start:
        raise ProgrammeError(_("The end must come after the start."), field="end")
    if data.start < event.start or data.end > event.end:
        raise ProgrammeError(
            _("The session must be inside the event's dates: from %(start)s to %(end)s (%(tz)s).")
            % {"start": local(event.start, event), "end": local(event.end, event), "tz": event.timezone},
            field="start")
    if data.room is not None:
        if not event.venues.filter(pk=data.room.venue_id).exists():
            raise ProgrammeError(_("Choose a room of the event's venues."), field="room")
        # Lock the room's sessions so that two organisers cannot book the same slot at the same moment.
        booked = Session.objects.select_for_update().filter(room=data.room, start__lt=data.end, end__gt=data.start)
        if session is not None:
            booked = booked.exclude(pk=session.pk)
        clash = booked.select_related("event").order_by("start").first()
        if clash is not None and clash.event_id != event.pk:
            # venues are shared: another event's session is not named (it may be one this organiser cannot see)
            raise ProgrammeError(
                _("%(room)s is already booked by another event from %(start)s to %(end)s.")
                % {"room": data.room.name, "start": local(clash.start, event), "end": local(clash.end, event)},
                field="room")
        if clash is not None:
            raise ProgrammeError(
                _("%(room)s is already booked for “%(session)s” (%(event)s) from %(start)s to %(end)s.")
                % {"room": data.room.name, "session": clash.title, "event": clash.event.title,
                   "start": local(clash.start, event), "end": local(clash.end, event)},
                field="room")
    if session is None:
        session = Session(event=event, slug=_unique_slug(Session, data.title, "session", event=event))
    session.kind, session.start, session.end, session.room = data.kind, data.start, data.end, data.room
    session.visibility = data.visibility
    _set_translated(session, "title", data.title)
    _set_translated(session, "description", data.description)
    _full_clean(session, exclude=["slug", "event"])
    session.save()
    session.topics.set(data.topics)
    return session


@transaction.atomic
def delete_session(session: Session) -> None:
    """Delete a session with its guiding questions and speakers (its materials and live board go with it)."""
    session.delete()


# --- guiding questions and speakers, in order -------------------------------------------------------------------

def _renumber(items) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


def _move(queryset, pk: int, direction: str) -> None:
    items = list(queryset.select_for_update())
    index = next((i for i, item in enumerate(items) if item.pk == pk), None)
    if index is None:
        raise ProgrammeError(_("This item is no longer in the list."), status=409)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    _renumber(items)


@transaction.atomic
def add_question(session: Session, text: str) -> GuidingQuestion:
    text = (text or "").strip()
    if not text:
        raise ProgrammeError(_("Write the question."), field="text")
    last = session.questions.aggregate(last=Max("position"))["last"]
    question = GuidingQuestion(session=session, position=0 if last is None else last + 1)
    _set_translated(question, "text", text[:400])
    question.save()
    return question


@transaction.atomic
def edit_question(question: GuidingQuestion, text: str) -> GuidingQuestion:
    text = (text or "").strip()
    if not text:
        raise ProgrammeError(_("Write the question, or remove it."), field="text")
    _set_translated(question, "text", text[:400])
    question.save()
    return question


@transaction.atomic
def remove_question(question: GuidingQuestion) -> None:
    session = question.session
    question.delete()
    _renumber(list(session.questions.all()))


@transaction.atomic
def move_question(session: Session, pk: int, direction: str) -> None:
    _move(session.questions.all(), pk, direction)


@dataclass
class SpeakerData:
    role: str
    person: Person | None = None
    # or a new person of the network
    new_name: str = ""
    new_title: str = ""
    new_organisation: Organisation | None = None
    affiliation: str = ""


@transaction.atomic
def add_speaker(session: Session, data: SpeakerData) -> SpeakerRole:
    """Add a speaker with a role: a person of the network, or a new person (name, public title, organisation)."""
    if data.role not in SpeakerRole.Role.values:
        raise ProgrammeError(_("Choose a role."), field="role")
    person = data.person
    if person is None:
        name = data.new_name.strip()
        if not name:
            raise ProgrammeError(_("Choose a person of the network, or give the name of a new person."),
                                 field="person")
        if "<" in name or ">" in name:
            raise ProgrammeError(_("A name cannot contain < or >."), field="new_name")
        person = Person(slug=_unique_slug(Person, name, "person"), name=name[:150],
                        organisation=data.new_organisation)
        _set_translated(person, "title", data.new_title[:250])
        _full_clean(person, exclude=["slug"])
        person.save()
    if session.speakers.filter(person=person, role=data.role).exists():
        raise ProgrammeError(_("%(name)s already has this role in this session.") % {"name": person.name},
                             field="person")
    last = session.speakers.aggregate(last=Max("position"))["last"]
    affiliation = data.affiliation.strip() or person.title
    return SpeakerRole.objects.create(session=session, person=person, role=data.role, affiliation=affiliation[:250],
                                      position=0 if last is None else last + 1)


@transaction.atomic
def remove_speaker(speaker: SpeakerRole) -> None:
    session = speaker.session
    speaker.delete()
    _renumber(list(session.speakers.all()))


@transaction.atomic
def move_speaker(session: Session, pk: int, direction: str) -> None:
    _move(session.speakers.all(), pk, direction)


# --- materials (agendas, minutes, slides) -----------------------------------------------------------------------

@dataclass
class MaterialData:
    title: str
    kind: str = "other"
    visibility: str = "partners"
    session: Session | None = None


def _fill_material(material: Material, data: MaterialData) -> Material:
    if data.session is not None and data.session.event_id != material.event_id:
        raise ProgrammeError(_("This session belongs to another event."), field="session")
    material.title = (data.title or "").strip()
    material.kind, material.visibility, material.session = data.kind, data.visibility, data.session
    _full_clean(material)  # (Material.clean checks a new file by its content: core.uploads)
    material.save()
    return material


@transaction.atomic
def add_material(event: Event, data: MaterialData, upload) -> Material:
    """Upload a material of ``event`` (or of one of its sessions). The file is checked by its content (PDF, DOCX,
    PPTX, ODT, PNG, JPEG, up to the size limit); a refused file says why, next to the field."""
    if upload is None:
        raise ProgrammeError(_("Choose a file to upload."), field="file")
    return _fill_material(Material(event=event, file=upload), data)


@transaction.atomic
def save_material(material: Material, data: MaterialData) -> Material:
    """Change a material's title, kind, visibility or session (not its file: upload a new one)."""
    return _fill_material(material, data)


@transaction.atomic
def delete_material(material: Material) -> None:
    """Delete a material and its file (once the deletion is committed)."""
    file = material.file
    material.delete()
    if file:
        transaction.on_commit(lambda: file.storage.delete(file.name))


# --- venues and rooms (shared by the network's events) ----------------------------------------------------------

@dataclass
class VenueData:
    name: str
    city: str
    country: str
    address: str = ""


@transaction.atomic
def save_venue(venue: Venue | None, data: VenueData, rooms: list[str] = ()) -> Venue:
    """Create (``venue`` None, with ``rooms``: one name each) or edit a venue."""
    if not (data.name or "").strip() or not (data.city or "").strip() or not data.country:
        raise ProgrammeError(_("A venue needs a name, a city and a country."), field="name")
    if venue is None:
        return _create_venue(NewVenue(name=data.name, city=data.city, country=data.country, address=data.address,
                                      rooms=list(rooms)))
    venue.name, venue.city = data.name.strip(), data.city.strip()
    venue.country, venue.address = data.country, (data.address or "").strip()
    _full_clean(venue)
    venue.save()
    return venue


def _check_room_name(venue: Venue, name: str, exclude_pk=None) -> str:
    name = (name or "").strip()
    if not name:
        raise ProgrammeError(_("Give the room a name."), field="room_name")
    if venue.rooms.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        raise ProgrammeError(_("%(venue)s already has a room named %(room)s.") % {"venue": venue.name, "room": name},
                             field="room_name")
    return name


@transaction.atomic
def add_room(venue: Venue, name: str, capacity: int | None = None) -> Room:
    room = Room(venue=venue, name=_check_room_name(venue, name), capacity=capacity)
    _full_clean(room)
    with saved_once():
        room.save()
    return room


@transaction.atomic
def save_room(room: Room, name: str, capacity: int | None = None) -> Room:
    room.name, room.capacity = _check_room_name(room.venue, name, exclude_pk=room.pk), capacity
    _full_clean(room)
    room.save()
    return room


@transaction.atomic
def remove_room(room: Room) -> None:
    """Remove a room no session is in (a session's room is chosen on its page). The sessions are counted, not
    named: venues are shared, and some may belong to events the person removing the room cannot see."""
    Room.objects.select_for_update().filter(pk=room.pk).first()  # no session takes it while we look
    count = room.sessions.count()
    if count:
        raise ProgrammeError(
            ngettext("The room %(room)s is booked by %(n)d session: give it another room first.",
                     "The room %(room)s is booked by %(n)d sessions: give them another room first.", count)
            % {"room": room.name, "n": count}, status=409)
    room.delete()
