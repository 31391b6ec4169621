"""API router for events: list, programme, registration, public statistics."""

from datetime import datetime

from django.utils import timezone
from django_countries import countries
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict, Field

from liaise.core import authz
from liaise.core.api import Paging, choice_query, country_query, links, one_of, responses, slug_path
from liaise.core.filters import ISO_DATE, MAX_SLUG_LENGTH
from liaise.network.api import OrganisationRef, ui_url

from . import queries, rules, services
from .forms import RegistrationForm
from .models import Event, Registration


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


# What the registration form takes, stated in the schema; the form checks it and answers 400 "field: message"
# (ninja itself checks only the types and the sizes, 422).
NO_NUL = "^[^\\x00]*$"


class RegistrationIn(Schema):
    model_config = ConfigDict(json_schema_extra={
        # needs are kept only with the consent to use them
        "if": {"properties": {"needs": {"pattern": "\\S"}}, "required": ["needs"]},
        "then": {"properties": {"needs_consent": {"const": True}}, "required": ["needs_consent"]},
    })

    name: str = Field(max_length=150, json_schema_extra={"pattern": "^[^<>\\x00]*[^<>\\x00\\s][^<>\\x00]*$"},
                      description="Full name: not blank, without < or >")
    email: str = Field(max_length=254, json_schema_extra={"format": "email"})
    organisation: str = Field("", max_length=200, json_schema_extra={"pattern": NO_NUL})
    country: str = Field(max_length=2, json_schema_extra=one_of(code for code, _name in countries),
                         description="ISO 3166 code, upper case")
    participant_type: str = Field(max_length=40, json_schema_extra=one_of(Registration.ParticipantType))
    needs: str = Field("", max_length=1000, json_schema_extra={"pattern": NO_NUL},
                       description="Accessibility or dietary needs: only with needs_consent")
    needs_consent: bool = False
    gender: str = Field("", max_length=12, json_schema_extra=one_of(["", *Registration.Gender.values]),
                        description="Declared gender, optional (\"undisclosed\" = prefer not to say; \"\" = not "
                                    "declared): only for aggregate statistics, never inferred")
    privacy_consent: bool = Field(json_schema_extra={"const": True},
                                  description="The privacy notice is accepted: required")


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
    project: str | None = Field(None, max_length=MAX_SLUG_LENGTH, description="slug of a project")
    kind: str | None = choice_query(Event.Kind)
    topic: str | None = Field(None, max_length=MAX_SLUG_LENGTH, description="slug of a topic")
    country: str | None = country_query(description="ISO 3166-1 alpha-2 code of a venue's country, either case")
    from_: str | None = Field(None, alias="from", pattern=ISO_DATE.pattern, json_schema_extra={"format": "date"},
                              description="events ending on or after this date (YYYY-MM-DD)")
    to: str | None = Field(None, pattern=ISO_DATE.pattern, json_schema_extra={"format": "date"},
                           description="events starting on or before this date (YYYY-MM-DD)")


@router.get("/events", response=responses(list[EventOut], 400), summary="Events you can see",
            openapi_extra=links(200, ("liaise_events_api_get_event", "liaise_events_api_create_registration",
                                      "liaise_events_api_event_stats"), slug="/items/0/slug"))
@paginate(Paging)
def list_events(request, filters: Query[EventQuery]):
    values = queries.event_filters(request.user).parse(filters.dict(by_alias=True))
    return queries.event_list(request.user, queries.EventFilters.of(values))


@router.get("/events/{slug:slug}", response=responses(EventDetailOut, 404), summary="One event with its programme")
def get_event(request, slug: str = slug_path("event")):
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


@router.post("/events/{slug:slug}/registrations", response=responses({201: RegistrationOut}, 400, 404, 409, write=True),
             summary="Register for an event (confirmed or waiting list)")
def create_registration(request, payload: RegistrationIn, slug: str = slug_path("event")):
    event = _visible(request, slug)
    form = RegistrationForm(data=payload.dict())
    if not form.is_valid():
        field, errors = next(iter(form.errors.items()))
        raise services.RegistrationError(f"{field}: {' '.join(errors)}", field=field)
    registration = services.register(event, services.RegistrationData(**form.cleaned_data), request.user,
                                     request.build_absolute_uri("/"))
    return Status(201, {"id": registration.pk, "status": registration.status})


@router.get("/events/{slug:slug}/stats", response=responses(StatsOut, 404),
            summary="Public aggregates (counts below 5 shown as \"<5\")")
def event_stats(request, slug: str = slug_path("event")):
    event = _visible(request, slug)
    stats = queries.event_stats(event)
    by_country = stats.attended_by_country if stats.attended else stats.by_country
    return {
        "registered": queries.suppressed(stats.registered),
        "attended": queries.suppressed(stats.attended),
        "countries": len(by_country),
        "by_country": queries.suppressed_table({code: n for code, _name, n in by_country}),
    }
