"""Reads for events: visibility, lists, the programme, registrations and statistics."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from liaise.core.errors import InvalidInput
from liaise.core.filters import Choice, Country, Date, FilterSet, in_order
from liaise.network.queries import project_filter, topic_filter

from .models import Event, GuidingQuestion, Material, Registration, Session, SpeakerRole
from .rules import manage_event, view_event, view_material, view_session


def visible_events(user) -> QuerySet[Event]:
    """Events ``user`` may see (``rules.view_event``)."""
    return view_event.filter(user)


def managed_events(user) -> QuerySet[Event]:
    """Events ``user`` manages (``rules.manage_event``)."""
    return manage_event.filter(user)


FilterError = InvalidInput  # (the former name of a refused filter value)


@dataclass
class EventFilters:
    project: str = ""
    kind: str = ""
    topic: str = ""
    country: str = ""
    when: str = ""  # "upcoming", "past" or "" (all)
    ending_from: date | None = None  # events ending on or after this day
    starting_to: date | None = None  # events starting on or before this day

    @classmethod
    def of(cls, values: dict) -> "EventFilters":
        """From the values of ``event_filters``."""
        return cls(project=values.get("project") or "", kind=values.get("kind") or "",
                   topic=values.get("topic") or "", country=values.get("country") or "",
                   when=values.get("when") or "", ending_from=values.get("from"), starting_to=values.get("to"))


def event_filters(user) -> FilterSet:
    """The filters of the event list (page and API): a project ``user`` may see, kind, topic, venue country,
    upcoming or past, and a period (``from`` and ``to``, ISO dates)."""
    return FilterSet(
        in_order("from", "to"),
        project=project_filter(user),
        kind=Choice(Event.Kind, _("Unknown event kind “%(value)s”: use one of %(values)s.")),
        topic=topic_filter(),
        country=Country(),
        when=Choice(["upcoming", "past"], _("Unknown period “%(value)s”: use one of %(values)s.")),
        **{"from": Date(), "to": Date()},
    )


LIST_PREFETCH = ("venues", "topics", "organisers")


def event_list(user, filters: EventFilters | None = None, prefetch: tuple[str, ...] = LIST_PREFETCH) -> QuerySet[Event]:
    """Visible events, filtered, with project and ``prefetch`` (default venues, topics and organisers: four
    queries; the pages, which show only the venues, ask for those: two)."""
    filters = filters or EventFilters()
    events = visible_events(user)
    if filters.project:
        events = events.filter(project__slug=filters.project)
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.topic:
        events = events.filter(Q(topics__slug=filters.topic) | Q(sessions__topics__slug=filters.topic))
    if filters.country:
        events = events.filter(venues__country=filters.country)
    now = timezone.now()
    if filters.when == "upcoming":
        events = events.filter(end__gte=now)
    elif filters.when == "past":
        events = events.filter(end__lt=now)
    if filters.ending_from:
        events = events.filter(end__date__gte=filters.ending_from)
    if filters.starting_to:
        events = events.filter(start__date__lte=filters.starting_to)
    return (
        events.distinct()
        .select_related("project")
        .prefetch_related(*prefetch)
        .order_by("start", "slug")
    )


@dataclass
class Day:
    date: date
    sessions: list[Session]


def programme(user, event: Event) -> list[Day]:
    """The sessions ``user`` may see (``rules.view_session``), grouped by local day, each with speakers,
    questions, topics and room (five queries whatever the size of the programme)."""
    sessions = (
        view_session.within(user, event, event.sessions.all()).select_related("room__venue")
        .prefetch_related(
            "topics",
            Prefetch("questions", queryset=GuidingQuestion.objects.order_by("position", "pk")),
            Prefetch(
                "speakers",
                queryset=SpeakerRole.objects.select_related("person__organisation").order_by("position", "pk"),
            ),
        )
        .order_by("start", "end", "pk")
    )
    days: dict[date, list[Session]] = {}
    for session in sessions:
        session.event = event
        day = timezone.localtime(session.start, event.tz).date()
        days.setdefault(day, []).append(session)
    return [Day(d, s) for d, s in sorted(days.items())]


def visible_materials(user, event: Event) -> list[Material]:
    """The materials of ``event`` ``user`` may download (``rules.view_material``): one query."""
    materials = list(view_material.within(user, event, event.materials.all()).select_related("session")
                     .order_by("kind", "title"))
    for material in materials:
        material.event = event
        if material.session_id:
            material.session.event = event
    return materials


def event_page(user=None) -> QuerySet[Event]:
    """Events shaped for their pages: project, venues, organisers and topics. Fetch one through
    ``authz.get_or_404(user, rules.view_event, event_page(), slug=...)``."""
    return Event.objects.select_related("project").prefetch_related("venues", "organisers", "topics")


def registrations(event: Event, search: str = "") -> QuerySet[Registration]:
    qs = event.registrations.exclude(status=Registration.Status.CANCELLED)
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(email__icontains=search) | Q(organisation__icontains=search))
    return qs.order_by("status", "name", "pk")


def waitlist(event: Event) -> QuerySet[Registration]:
    return event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created", "pk")


SUPPRESS_BELOW = 5


def suppressed(n: int) -> int | str:
    """Public statistics never show a count below 5 (it could single out a person)."""
    return n if n >= SUPPRESS_BELOW else "<5"


def suppressed_table(counts: dict[str, int]) -> dict[str, int | str]:
    """Counts below 5 shown as "<5"; when exactly one cell would be hidden, the next smallest is hidden too, so
    that the hidden one cannot be worked out from the total (secondary suppression); that one shows "5+"."""
    hidden = {key for key, n in counts.items() if n < SUPPRESS_BELOW}
    if len(hidden) == 1 and len(counts) > 1:
        hidden.add(min((key for key in counts if key not in hidden), key=lambda key: (counts[key], key)))
    return {key: (counts[key] if key not in hidden else "<5" if counts[key] < SUPPRESS_BELOW else "5+")
            for key in counts}


@dataclass
class EventStats:
    registered: int
    waitlisted: int
    attended: int
    countries: int
    by_country: list[tuple[str, str, int]]
    by_type: list[tuple[str, str, int]]
    attended_by_country: list[tuple[str, str, int]]
    attended_by_type: list[tuple[str, str, int]]

    def table(self, rows: str) -> list[tuple[str, int, int]]:
        """(label, registered, attended) rows "by_country" or "by_type", for the organisers' tables."""
        attended = {code: n for code, _label, n in getattr(self, f"attended_{rows}")}
        return [(label, n, attended.get(code, 0)) for code, label, n in getattr(self, rows)]


def event_stats(event: Event) -> EventStats:
    """Registered (confirmed), waiting, attended, by country and participant type (one query)."""
    rows = list(
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .values("status", "country", "participant_type")
        .order_by()
        .annotate(n=Count("pk"), present=Count("pk", filter=Q(attended__isnull=False)))
    )
    confirmed = [r for r in rows if r["status"] == Registration.Status.CONFIRMED]
    by_country, by_type, attended_by_country, attended_by_type = Counter(), Counter(), Counter(), Counter()
    for r in confirmed:
        by_country[r["country"]] += r["n"]
        by_type[r["participant_type"]] += r["n"]
        if r["present"]:
            attended_by_country[r["country"]] += r["present"]
            attended_by_type[r["participant_type"]] += r["present"]
    labels = dict(Registration.ParticipantType.choices)

    def named(counter):
        return sorted(((c, countries.name(c), n) for c, n in counter.items()), key=lambda x: (-x[2], x[1]))

    return EventStats(
        registered=sum(by_country.values()),
        waitlisted=sum(r["n"] for r in rows if r["status"] == Registration.Status.WAITLISTED),
        attended=sum(attended_by_country.values()),
        countries=len(attended_by_country) if event.is_past and attended_by_country else len(by_country),
        by_country=named(by_country),
        by_type=sorted(((t, labels.get(t, t), n) for t, n in by_type.items()), key=lambda x: -x[2]),
        attended_by_country=named(attended_by_country),
        attended_by_type=sorted(((t, labels.get(t, t), n) for t, n in attended_by_type.items()), key=lambda x: -x[2]),
    )



# For the results framework (``liaise.reporting.metrics``): what a project held in a span of days.


def day_bounds(start: date, end: date):
    """The aware datetimes [start 00:00, end + 1 day 00:00) in the site's time zone."""
    import datetime

    tz = timezone.get_default_timezone()
    return (datetime.datetime.combine(start, datetime.time(), tz),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), tz))


def held_events(project, start: date, end: date) -> QuerySet[Event]:
    """Published events of ``project`` that began between ``start`` and ``end`` (inclusive) and have ended."""
    low, high = day_bounds(start, end)
    return Event.objects.filter(project=project, status=Event.Status.PUBLISHED, start__gte=low, start__lt=high,
                                end__lt=timezone.now())


def attendances(events: QuerySet[Event]) -> QuerySet[Registration]:
    """The checked-in registrations of ``events``: who came (what each event's statistics count as attended)."""
    return Registration.objects.filter(event__in=events, status=Registration.Status.CONFIRMED,
                                       attended__isnull=False)
