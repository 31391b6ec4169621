"""API router for events: list, programme, registration, public statistics."""

from datetime import date, datetime

from django.utils import timezone
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field

from liaise.core import authz
from liaise.network.api import Detail, OrganisationRef, ui_url
from liaise.network.models import Topic
from liaise.network.queries import FilterError, clean_country, visible_projects

from . import queries, rules, services
from .forms import RegistrationForm
from .models import Event


class VenueOut(Schema):
    name: str
    address: str
    city: str
    country: str

    @staticmethod
    def resolve_country(obj):
        return obj.country.code


class EventOut(Schema):
    slug: str
    title: str
    kind: str
    project: str
    start: datetime
    end: datetime
    timezone: str
    status: str
    visibility: str
    languages: list[str]
    venues: list[VenueOut]
    organisers: list[OrganisationRef]
    topics: list[str]
    url: str

    @staticmethod
    def resolve_project(obj):
        return obj.project.slug

    @staticmethod
    def resolve_start(obj):
        return obj.local_start

    @staticmethod
    def resolve_end(obj):
        return obj.local_end

    @staticmethod
    def resolve_venues(obj):
        return list(obj.venues.all())

    @staticmethod
    def resolve_organisers(obj):
        return list(obj.organisers.all())

    @staticmethod
    def resolve_topics(obj):
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_url(obj):
        return ui_url(obj)


class SpeakerOut(Schema):
    name: str
    role: str
    affiliation: str


class SessionOut(Schema):
    slug: str
    kind: str
    title: str
    start: datetime
    end: datetime
    room: str | None
    topics: list[str]
    guiding_questions: list[str]
    speakers: list[SpeakerOut]


class EventDetailOut(EventOut):
    summary: str
    capacity: int | None
    sessions: list[SessionOut]

    @staticmethod
    def resolve_sessions(obj):
        return obj.sessions_out


class RegistrationIn(Schema):
    name: str = Field(max_length=150)
    email: str = Field(max_length=254)
    organisation: str = Field("", max_length=200)
    country: str = Field(max_length=2)
    participant_type: str
    needs: str = Field("", max_length=1000)
    needs_consent: bool = False
    privacy_consent: bool


class RegistrationOut(Schema):
    id: int
    status: str


class StatsOut(Schema):
    registered: int | str
    attended: int | str
    countries: int
    by_country: dict[str, int | str]


router = Router(tags=["events"])


def _visible(request, slug) -> Event:
    return authz.get_or_404(request.user, rules.view_event, queries.event_page(), slug=slug)


class EventQuery(Schema):
    project: str | None = None
    kind: str | None = None
    topic: str | None = None
    country: str | None = Field(None, max_length=2)
    from_: date | None = Field(None, alias="from", description="events ending on or after this date")
    to: date | None = Field(None, description="events starting on or before this date")


@router.get("/events", response=list[EventOut], summary="Events you can see")
@paginate(LimitOffsetPagination)
def list_events(request, filters: Query[EventQuery]):
    if filters.kind and filters.kind not in Event.Kind.values:
        raise HttpError(400, f"Unknown event kind “{filters.kind}”: use one of {', '.join(Event.Kind.values)}.")
    if filters.from_ and filters.to and filters.to < filters.from_:
        raise HttpError(400, "“to” is before “from”.")
    if filters.project and not visible_projects(request.user).filter(slug=filters.project).exists():
        raise HttpError(400, f"Unknown project “{filters.project}”.")
    if filters.topic and not Topic.objects.filter(slug=filters.topic).exists():
        raise HttpError(400, f"Unknown topic “{filters.topic}”.")
    if filters.country:
        try:
            clean_country(filters.country)
        except FilterError as exc:
            raise HttpError(400, str(exc)) from None
    criteria = queries.EventFilters(project=filters.project or "", kind=filters.kind or "",
                                    topic=filters.topic or "", country=(filters.country or "").upper())
    events = queries.event_list(request.user, criteria)
    if filters.from_:
        events = events.filter(end__date__gte=filters.from_)
    if filters.to:
        events = events.filter(start__date__lte=filters.to)
    return events


@router.get("/events/{slug}", response={200: EventDetailOut, 404: Detail}, summary="One event with its programme")
def get_event(request, slug: str):
    event = _visible(request, slug)
    sessions = []
    for day in queries.programme(request.user, event):
        for s in day.sessions:
            sessions.append({
                "slug": s.slug, "kind": s.kind, "title": s.title,
                "start": timezone.localtime(s.start, event.tz), "end": timezone.localtime(s.end, event.tz),
                "room": s.room.name if s.room else None, "topics": [t.slug for t in s.topics.all()],
                "guiding_questions": [q.text for q in s.questions.all()],
                "speakers": [{"name": sp.person.name, "role": sp.role, "affiliation": sp.affiliation}
                             for sp in s.speakers.all()],
            })
    event.sessions_out = sessions
    return event


@router.post("/events/{slug}/registrations", response={201: RegistrationOut, 400: Detail, 404: Detail, 409: Detail},
             summary="Register for an event (confirmed or waiting list)")
def create_registration(request, slug: str, payload: RegistrationIn):
    event = _visible(request, slug)
    form = RegistrationForm(data=payload.dict())
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise HttpError(400, f"{field}: {' '.join(errors)}")
    try:
        registration = services.register(event, services.RegistrationData(**form.cleaned_data), request.user,
                                         request.build_absolute_uri("/"))
    except services.RegistrationError as exc:
        raise HttpError(exc.status, str(exc)) from None
    return Status(201, {"id": registration.pk, "status": registration.status})


@router.get("/events/{slug}/stats", response={200: StatsOut, 404: Detail},
            summary="Public aggregates (counts below 5 shown as \"<5\")")
def event_stats(request, slug: str):
    event = _visible(request, slug)
    stats = queries.event_stats(event)
    by_country = stats.attended_by_country if stats.attended else stats.by_country
    return {
        "registered": queries.suppressed(stats.registered),
        "attended": queries.suppressed(stats.attended),
        "countries": len(by_country),
        "by_country": queries.suppressed_table({code: n for code, _name, n in by_country}),
    }
