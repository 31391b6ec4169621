"""Reads for events: visibility, lists, the programme, registrations and statistics."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_countries import countries

from liaise.core.errors import InvalidInput
from liaise.core.filters import Choice, Country, Date, FilterSet, in_order
from liaise.network.models import ProjectRole, Visibility
from liaise.network.queries import _is_authenticated, audience_level, project_filter, topic_filter, visibility_q

from .models import VISIBILITY_RANK, Event, GuidingQuestion, Material, Registration, Session, SpeakerRole


def managed_q(user) -> Q:
    """Events ``user`` may manage (see rules.can_manage_event), as a query condition."""
    if not _is_authenticated(user):
        return Q(pk__in=[])
    if user.is_staff:
        return Q()
    coordinator = ProjectRole.objects.filter(
        project=OuterRef("project"), user=user, role=ProjectRole.Role.PROJECT_COORDINATOR
    )
    organiser = Event.organisers.through.objects.filter(
        event=OuterRef("pk"),
        organisation__project_roles__user=user,
        organisation__project_roles__role=ProjectRole.Role.PARTNER_COORDINATOR,
        organisation__project_roles__project=OuterRef("project"),
    )
    return Exists(coordinator) | Exists(organiser)


def visible_events(user) -> QuerySet[Event]:
    """Published (and cancelled) events ``user`` may see, plus drafts of the events they manage. The project's
    own visibility applies too: an event is never more visible than its project."""
    if _is_authenticated(user) and user.is_staff:
        return Event.objects.all()
    seen = ~Q(status=Event.Status.DRAFT) & visibility_q(user, project="project") & visibility_q(
        user, project="project", field="project__visibility"
    )
    return Event.objects.filter(seen | managed_q(user))


def is_manager(user, event: Event) -> bool:
    return Event.objects.filter(pk=event.pk).filter(managed_q(user)).exists()


def event_level(user, event: Event) -> str:
    """How far ``user`` sees into ``event``: organisers (managers), partners, or public."""
    if is_manager(user, event):
        return Visibility.ORGANISERS
    level = audience_level(user, event.project)
    return Visibility.PARTNERS if level == Visibility.ORGANISERS else level


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


def event_list(user, filters: EventFilters | None = None) -> QuerySet[Event]:
    """Visible events, filtered, with project, venues and topics prefetched (three queries)."""
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
        .prefetch_related("venues", "topics", "organisers")
        .order_by("start", "slug")
    )


@dataclass
class Day:
    date: date
    sessions: list[Session]


def programme(user, event: Event) -> list[Day]:
    """The sessions ``user`` may see, grouped by local day, each with speakers, questions, topics and room
    (five queries whatever the size of the programme)."""
    level = VISIBILITY_RANK[event_level(user, event)]
    sessions = (
        event.sessions.select_related("room__venue")
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
        if VISIBILITY_RANK[session.effective_visibility(event)] > level:
            continue
        session.event = event
        day = timezone.localtime(session.start, event.tz).date()
        days.setdefault(day, []).append(session)
    return [Day(d, s) for d, s in sorted(days.items())]


def visible_materials(user, event: Event) -> list[Material]:
    level = VISIBILITY_RANK[event_level(user, event)]
    materials = event.materials.select_related("session").order_by("kind", "title")
    result = []
    for material in materials:
        material.event = event
        if material.session_id:
            material.session.event = event
        if VISIBILITY_RANK[material.effective_visibility()] <= level:
            result.append(material)
    return result


def event_detail(user, slug: str) -> Event:
    """A visible event with project, venues, organisers and topics; raises Event.DoesNotExist."""
    return (
        visible_events(user)
        .select_related("project")
        .prefetch_related("venues", "organisers", "topics")
        .get(slug=slug)
    )


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

