"""The computed metrics of the results framework: each one small documented function that counts, from what
happened in Liaise, one figure of a project for a span of days — reading the other apps through their
``queries`` functions only.

A metric's value for a span is reproducible: it depends only on the records (and, for events, on their having
ended). Each metric answers a :class:`Figure`: the value, a sentence saying how it was computed, and, where the
data allow it, breakdowns by country, organisation type and declared gender — each with how complete its data
are ("gender declared by 62 %"); nothing is ever inferred.

A metric costs a constant number of SQL queries, whatever the amount of data (one to three aggregates).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries

from liaise.events import queries as events
from liaise.events.models import Event, Registration
from liaise.learning import queries as learning
from liaise.library import queries as library
from liaise.live import queries as live
from liaise.network.models import Project
from liaise.pilots import queries as pilots
from liaise.pilots.models import Pilot


@dataclass
class Breakdown:
    """One disaggregation of a figure: ``rows`` of (code, label, n); ``declared`` of ``total`` gave the value."""

    key: str
    label: str
    rows: list[tuple[str, str, int]]
    declared: int
    total: int

    @property
    def completeness(self) -> float | None:
        """The share of the total whose data hold this dimension (0–1), None when there is nothing to count."""
        return self.declared / self.total if self.total else None

    @property
    def completeness_percent(self) -> int | None:
        share = self.completeness
        return None if share is None else round(share * 100)


@dataclass
class Figure:
    value: Decimal
    how: str
    breakdowns: list[Breakdown] = field(default_factory=list)


@dataclass(frozen=True)
class Metric:
    name: str
    label: str
    doc: str
    compute: Callable[[Project, str, datetime.date, datetime.date], Figure]
    options: tuple[tuple[str, str], ...] = ()


METRICS: dict[str, Metric] = {}


def metric(name: str, label, options=()):
    """Register ``compute(project, option, start, end) -> Figure`` as the metric ``name``; its docstring is the
    definition shown next to each indicator that uses it."""

    def register(compute):
        METRICS[name] = Metric(name, label, (compute.__doc__ or "").strip(), compute, tuple(options))
        return compute

    return register


def compute(project: Project, name: str, option: str, start: datetime.date, end: datetime.date) -> Figure:
    """The value of metric ``name`` for ``project`` from ``start`` to ``end`` (inclusive)."""
    try:
        found = METRICS[name]
    except KeyError:
        raise ValueError(f"unknown metric {name!r}") from None
    return found.compute(project, option, start, end)


def choices() -> list[tuple[str, str]]:
    return [(m.name, m.label) for m in METRICS.values()]


def _span(start, end) -> str:
    return _("from %(start)s to %(end)s") % {"start": start.isoformat(), "end": end.isoformat()}


def _events(project, option, start, end) -> QuerySet[Event]:
    held = events.held_events(project, start, end)
    return held.filter(kind=option) if option else held


# Breakdowns of registrations ---------------------------------------------------------------------------------


GENDER_DECLARED = (Registration.Gender.WOMAN, Registration.Gender.MAN, Registration.Gender.SELF)


def breakdowns(registrations: QuerySet[Registration]) -> list[Breakdown]:
    """By country, by participant (organisation) type and by declared gender, from one aggregate query."""
    rows = list(registrations.values("country", "participant_type", "gender").order_by().annotate(n=Count("pk")))
    total = sum(r["n"] for r in rows)
    by_country, by_type, by_gender = {}, {}, {}
    for r in rows:
        by_country[r["country"]] = by_country.get(r["country"], 0) + r["n"]
        by_type[r["participant_type"]] = by_type.get(r["participant_type"], 0) + r["n"]
        by_gender[r["gender"]] = by_gender.get(r["gender"], 0) + r["n"]
    types = dict(Registration.ParticipantType.choices)
    genders = {**dict(Registration.Gender.choices), "": _("Not stated")}
    declared_gender = sum(n for g, n in by_gender.items() if g in GENDER_DECLARED)

    def ordered(counts, labels):
        return sorted(((code, str(labels(code)), n) for code, n in counts.items()), key=lambda r: (-r[2], r[1]))

    gender_order = [*GENDER_DECLARED, Registration.Gender.UNDISCLOSED, ""]
    return [
        Breakdown("country", _("Country"), ordered(by_country, lambda c: countries.name(c) or c), total, total),
        Breakdown("participant_type", _("Organisation type"), ordered(by_type, lambda t: types.get(t, t)),
                  total, total),
        Breakdown("gender", _("Gender (declared)"),
                  [(g, str(genders[g]), by_gender[g]) for g in gender_order if by_gender.get(g)],
                  declared_gender, total),
    ]


# The metrics -------------------------------------------------------------------------------------------------


@metric("events_held", gettext_lazy("Events held"), options=Event.Kind.choices)
def events_held(project, option, start, end) -> Figure:
    """Published events of the project (of the chosen kind) that began in the period and have ended."""
    n = _events(project, option, start, end).count()
    kind = dict(Event.Kind.choices).get(option, _("any kind"))
    return Figure(Decimal(n), _("%(n)s published events (%(kind)s) that began %(span)s and have ended.")
                  % {"n": n, "kind": kind, "span": _span(start, end)})


@metric("participants", gettext_lazy("Participants (attendances)"), options=Event.Kind.choices)
def participants(project, option, start, end) -> Figure:
    """Checked-in registrations at the events held in the period: a person at two events counts twice (what
    each event's statistics show as "attended")."""
    present = events.attendances(_events(project, option, start, end))
    parts = breakdowns(present)
    n = parts[0].total
    return Figure(Decimal(n), _("%(n)s check-ins at the events held %(span)s.") % {"n": n, "span": _span(start, end)},
                  parts)


@metric("unique_participants", gettext_lazy("Unique participants"), options=Event.Kind.choices)
def unique_participants(project, option, start, end) -> Figure:
    """Different people (by email address) checked in at one event or more held in the period."""
    present = events.attendances(_events(project, option, start, end))
    n = present.annotate(address=Lower("email")).values("address").distinct().count()
    return Figure(Decimal(n), _("%(n)s different email addresses among the check-ins at the events held "
                                "%(span)s.") % {"n": n, "span": _span(start, end)})


@metric("countries_reached", gettext_lazy("Countries reached"), options=Event.Kind.choices)
def countries_reached(project, option, start, end) -> Figure:
    """Countries of the people checked in at the events held in the period."""
    present = events.attendances(_events(project, option, start, end))
    n = present.values("country").distinct().count()
    return Figure(Decimal(n), _("%(n)s countries among the check-ins at the events held %(span)s.")
                  % {"n": n, "span": _span(start, end)})


@metric("trainings_delivered", gettext_lazy("Trainings delivered"))
def trainings_delivered(project, option, start, end) -> Figure:
    """Trainings whose event began in the period and has ended."""
    n = learning.delivered_trainings(events.held_events(project, start, end)).count()
    return Figure(Decimal(n), _("%(n)s trainings held %(span)s.") % {"n": n, "span": _span(start, end)})


@metric("people_trained", gettext_lazy("People trained"))
def people_trained(project, option, start, end) -> Figure:
    """Trainees recorded present at one module or more of the trainings held in the period."""
    trainees = learning.trained(learning.delivered_trainings(events.held_events(project, start, end)))
    parts = breakdowns(trainees)
    n = parts[0].total
    return Figure(Decimal(n), _("%(n)s trainees present at one module or more of the trainings held %(span)s.")
                  % {"n": n, "span": _span(start, end)}, parts)


@metric("people_certified", gettext_lazy("Certificates issued"))
def people_certified(project, option, start, end) -> Figure:
    """Training certificates issued in the period."""
    n = learning.issued_certificates(project, start, end).count()
    return Figure(Decimal(n), _("%(n)s certificates issued %(span)s.") % {"n": n, "span": _span(start, end)})


_STAGE_ORDER = [str(s) for s in Pilot.STAGES]


@metric("pilots_at_stage", gettext_lazy("Pilot projects at a stage or beyond"),
        options=[(s, label) for s, label in Pilot.Status.choices if s in Pilot.STAGES])
def pilots_at_stage(project, option, start, end) -> Figure:
    """Pilots at the chosen stage or a later one on the period's last day (without a stage: every pilot started
    and not stopped), from each pilot's stage history."""
    stages = pilots.stages_on(project, end)
    reached = _STAGE_ORDER[_STAGE_ORDER.index(option):] if option in _STAGE_ORDER else _STAGE_ORDER
    n = sum(stages.get(s, 0) for s in reached)
    labels = dict(Pilot.Status.choices)
    rows = [(s, str(labels[s]), stages[s]) for s in [*_STAGE_ORDER, str(Pilot.Status.STOPPED)] if stages.get(s)]
    total = sum(stages.values())
    return Figure(Decimal(n), _("%(n)s pilots at the %(stage)s stage or beyond on %(day)s.")
                  % {"n": n, "stage": labels.get(option, labels[_STAGE_ORDER[0]]), "day": end.isoformat()},
                  [Breakdown("stage", _("Stage"), rows, total, total)])


@metric("practices_published", gettext_lazy("Practices published"))
def practices_published(project, option, start, end) -> Figure:
    """Practices of the project published in the library in the period (and still published)."""
    n = library.published_practices(project, *events.day_bounds(start, end)).count()
    return Figure(Decimal(n), _("%(n)s practices published %(span)s.") % {"n": n, "span": _span(start, end)})


@metric("live_questions", gettext_lazy("Questions asked at round tables"))
def live_questions(project, option, start, end) -> Figure:
    """Audience questions put at the live boards of the events held in the period, whatever became of them."""
    n = live.questions_asked(events.held_events(project, start, end)).count()
    return Figure(Decimal(n), _("%(n)s audience questions at the events held %(span)s.")
                  % {"n": n, "span": _span(start, end)})
