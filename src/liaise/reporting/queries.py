"""Reads for results and reporting: the work plan, the indicators with their value per reporting period, the
partner activity table and everything the periodic report holds.

Values: a **computed** indicator asks its metric (``metrics.compute``); a **reported** one sums the partners'
*approved* values (a submitted value is "pending" and never counts); a **pilots** one sums the latest measurement
(on the period's last day) of each pilot indicator it rolls up. A cumulative indicator counts from the project's
start to the end of each period; otherwise within the period. Periods not begun yet have no value.

Every function here costs a number of queries that depends on the number of indicators and periods, never on the
amount of activity behind them (``tests/reporting/test_queries.py`` asserts it as the data grow).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_countries import countries

from liaise.events import queries as events
from liaise.events.models import Event
from liaise.events.queries import SUPPRESS_BELOW, suppressed_table
from liaise.learning import queries as learning
from liaise.library import queries as library
from liaise.network.models import Membership, Organisation, Partnership, Project
from liaise.network.queries import lead_of
from liaise.pilots.models import Measurement, Pilot

from . import metrics
from .models import (
    Deliverable,
    Indicator,
    Milestone,
    Narrative,
    ReportedValue,
    ReportingPeriod,
    Risk,
    RiskReview,
    Target,
    WorkPackage,
    month_span,
)
from .rules import view_deliverable, view_indicator

#: Metrics that count people: shown as "<5" to the public below 5.
PEOPLE_METRICS = {"participants", "unique_participants", "people_trained", "people_certified"}


def periods(project: Project) -> list[ReportingPeriod]:
    return list(project.reporting_periods.order_by("number"))


@dataclass
class Workplan:
    periods: list[ReportingPeriod]
    work_packages: list[WorkPackage]
    deliverables: list[Deliverable]
    milestones: list[Milestone]
    risks: list[Risk]


def deliverables(project: Project) -> QuerySet[Deliverable]:
    return (Deliverable.objects.filter(work_package__project=project)
            .select_related("work_package__project", "lead").order_by("work_package__number", "number"))


def workplan(project: Project, deliverable_qs: QuerySet[Deliverable] | None = None) -> Workplan:
    """The whole register of ``project`` (six queries); ``deliverable_qs`` narrows the deliverables (e.g. to what
    the user may see)."""
    return Workplan(
        periods=periods(project),
        work_packages=list(project.work_packages.select_related("lead").order_by("number")),
        deliverables=list(deliverable_qs if deliverable_qs is not None else deliverables(project)),
        milestones=list(project.grant_milestones.select_related("work_package", "project").order_by("number")),
        risks=list(project.risks.prefetch_related(
            "work_packages", Prefetch("reviews", queryset=RiskReview.objects.select_related("period")
                                      .order_by("period__number"))).order_by("number")),
    )


def visible_deliverables(user, project: Project) -> QuerySet[Deliverable]:
    return view_deliverable.filter(user, deliverables(project))


def indicators(project: Project) -> QuerySet[Indicator]:
    return (project.indicators.select_related("work_package")
            .prefetch_related(Prefetch("targets", queryset=Target.objects.select_related("period")))
            .order_by("position", "code"))


def visible_indicators(user, project: Project) -> QuerySet[Indicator]:
    return view_indicator.filter(user, indicators(project))


# Values ------------------------------------------------------------------------------------------------------


@dataclass
class Cell:
    period: ReportingPeriod
    target: Decimal | None
    actual: Decimal | None  # None: the period has not begun
    figure: metrics.Figure | None = None
    pending: int = 0  # reported values submitted and not yet approved
    how: str = ""


@dataclass
class IndicatorRow:
    indicator: Indicator
    cells: list[Cell]
    to_date: Decimal | None
    to_date_how: str = ""
    breakdowns: list[metrics.Breakdown] = field(default_factory=list)

    @property
    def progress(self) -> float | None:
        """The value to date as a share of the final target (0–1+), None without a target."""
        target = self.indicator.final_target
        if self.to_date is None or not target:
            return None
        return float(self.to_date / target)

    @property
    def percent(self) -> int | None:
        progress = self.progress
        return None if progress is None else round(progress * 100)

    @property
    def counts_people(self) -> bool:
        return self.indicator.source == Indicator.Source.COMPUTED and self.indicator.metric in PEOPLE_METRICS

    def cell(self, period: ReportingPeriod) -> Cell | None:
        return next((c for c in self.cells if c.period.pk == period.pk), None)


def _today(project: Project) -> datetime.date:
    return min(timezone.localdate(), project.end)


class _Values:
    """Computes indicator values, remembering what it has computed (two indicators on one metric cost once)."""

    def __init__(self, project: Project, rows: list[Indicator], all_periods: list[ReportingPeriod]):
        self.project, self.periods = project, all_periods
        self.memo: dict = {}
        reported = [i.pk for i in rows if i.source == Indicator.Source.REPORTED]
        self.reported: dict[tuple[int, int], list[ReportedValue]] = defaultdict(list)
        for value in ReportedValue.objects.filter(indicator__in=reported).exclude(
                status=ReportedValue.Status.DRAFT).select_related("period"):
            self.reported[(value.indicator_id, value.period.number)].append(value)
        rollups = [i for i in rows if i.source == Indicator.Source.PILOTS]
        self.links: dict[int, list[int]] = defaultdict(list)
        # (reporting.Indicator → pilots.Indicator: the through model names its ends from_ and to_indicator)
        for link in Indicator.pilot_indicators.through.objects.filter(from_indicator__in=rollups):
            self.links[link.from_indicator_id].append(link.to_indicator_id)
        self.measurements: dict[int, list[Measurement]] = defaultdict(list)
        if self.links:
            pilot_indicator_ids = {pk for pks in self.links.values() for pk in pks}
            for m in Measurement.objects.filter(indicator__in=pilot_indicator_ids).order_by("date", "pk"):
                self.measurements[m.indicator_id].append(m)

    def span(self, indicator: Indicator, period: ReportingPeriod) -> tuple[datetime.date, datetime.date]:
        first, last = period.first_month, period.last_month
        if indicator.cumulative:
            first = 1
        start, end = month_span(self.project, first, last)
        return start, end

    def computed(self, indicator: Indicator, start, end) -> metrics.Figure:
        key = (indicator.metric, indicator.metric_option, start, end)
        if key not in self.memo:
            self.memo[key] = metrics.compute(self.project, indicator.metric, indicator.metric_option, start, end)
        return self.memo[key]

    def rolled_up(self, indicator: Indicator, end) -> tuple[Decimal, str]:
        total, counted = Decimal(0), 0
        for pk in self.links[indicator.pk]:
            latest = [m for m in self.measurements[pk] if m.date <= end]
            if latest:
                total += latest[-1].value
                counted += 1
        return total, _n_pilot_measures(counted, len(self.links[indicator.pk]), end)

    def reported_sum(self, indicator: Indicator, period: ReportingPeriod) -> tuple[Decimal, int, str]:
        numbers = [p.number for p in self.periods if (p.number <= period.number if indicator.cumulative
                                                        else p.number == period.number)]
        values = [v for n in numbers for v in self.reported[(indicator.pk, n)]]
        approved = [v for v in values if v.status == ReportedValue.Status.APPROVED]
        pending = sum(1 for v in values if v.status == ReportedValue.Status.SUBMITTED and v.period.pk == period.pk)
        return sum((v.value for v in approved), Decimal(0)), pending, _n_approved(len(approved))

    def cell(self, indicator: Indicator, period: ReportingPeriod, target: Decimal | None) -> Cell:
        start, end = self.span(indicator, period)
        period_start = month_span(self.project, period.first_month)[0]
        if period_start > timezone.localdate():
            return Cell(period, target, None)
        if indicator.source == Indicator.Source.COMPUTED:
            figure = self.computed(indicator, start, min(end, _today(self.project)))
            return Cell(period, target, figure.value, figure, how=figure.how)
        if indicator.source == Indicator.Source.PILOTS:
            value, how = self.rolled_up(indicator, min(end, timezone.localdate()))
            return Cell(period, target, value, how=how)
        value, pending, how = self.reported_sum(indicator, period)
        return Cell(period, target, value, pending=pending, how=how)


def _n_approved(n: int) -> str:
    return ngettext("The sum of %(n)s approved value reported by partners.",
                    "The sum of %(n)s approved values reported by partners.", n) % {"n": n}


def _n_pilot_measures(counted: int, of: int, end) -> str:
    return _("The sum of the latest measurement on %(day)s of %(n)s of %(of)s pilot indicators.") % {
        "day": end.isoformat(), "n": counted, "of": of}


def indicator_rows(project: Project, rows, all_periods: list[ReportingPeriod] | None = None) -> list[IndicatorRow]:
    """Each indicator of ``rows`` with its target and value per period and to date (approved values only)."""
    all_periods = periods(project) if all_periods is None else all_periods
    rows = list(rows)
    values = _Values(project, rows, all_periods)
    result = []
    for indicator in rows:
        targets = {t.period_id: t.value for t in indicator.targets.all()}
        cells = [values.cell(indicator, p, targets.get(p.pk)) for p in all_periods]
        begun = [c for c in cells if c.actual is not None]
        today = _today(project)
        to_date, how, parts = None, "", []
        if indicator.source == Indicator.Source.COMPUTED and today >= project.start:
            figure = values.computed(indicator, project.start, today)
            to_date, how, parts = figure.value, figure.how, figure.breakdowns
        elif indicator.source == Indicator.Source.PILOTS and today >= project.start:
            to_date, how = values.rolled_up(indicator, today)
        elif begun:
            if indicator.cumulative:
                to_date, how = begun[-1].actual, begun[-1].how
            else:
                to_date, how = sum((c.actual for c in begun), Decimal(0)), begun[-1].how
        result.append(IndicatorRow(indicator, cells, to_date, how, parts))
    return result


def public_value(row: IndicatorRow, value: Decimal | None) -> Decimal | str | None:
    """A value as the public sees it: a count of people below 5 shows "<5"."""
    if value is not None and row.counts_people and value < SUPPRESS_BELOW:
        return "<5"
    return value


def suppressed_rows(breakdown: metrics.Breakdown) -> list[tuple[str, str, int | str]]:
    """A breakdown's rows as the public sees them (counts below 5 hidden, with secondary suppression)."""
    shown = suppressed_table({code: n for code, _label, n in breakdown.rows})
    return [(code, label, shown[code]) for code, label, _n in breakdown.rows]


# Partner activity --------------------------------------------------------------------------------------------


@dataclass
class PartnerActivity:
    organisation: Organisation
    role: str
    hosted: int = 0
    attended: int = 0
    trainings: int = 0
    pilots: int = 0
    practices: int = 0

    @property
    def total(self) -> int:
        return self.hosted + self.attended + self.trainings + self.pilots + self.practices


def partner_activity(project: Project, start: datetime.date | None = None,
                     end: datetime.date | None = None) -> list[PartnerActivity]:
    """Which partner hosted, attended, was trained, piloted and published what, from ``start`` to ``end``
    (default: the project's start to today). Attendance counts check-ins of the partner's members, and of people
    who gave the partner's name or short name as their organisation. Seven queries."""
    start = start or project.start
    end = end or _today(project)
    rows = {p.organisation_id: PartnerActivity(p.organisation, p.get_role_display())
            for p in Partnership.objects.filter(project=project).select_related("organisation")
            .order_by("organisation__name")}
    held = events.held_events(project, start, end)
    for org_id, n in (Event.organisers.through.objects.filter(event__in=held, organisation__in=rows)
                      .values_list("organisation_id").order_by().annotate(n=Count("pk"))):
        rows[org_id].hosted = n
    names = {}
    for org_id, row in rows.items():
        for name in (row.organisation.name, row.organisation.short_name):
            if name:
                names[name.lower()] = org_id
    members = defaultdict(set)
    for user_id, org_id in Membership.objects.filter(organisation__in=rows).values_list("user_id", "organisation_id"):
        members[user_id].add(org_id)
    present = (events.attendances(held).annotate(org=Lower("organisation"))
               .values_list("org", "user_id").order_by().annotate(n=Count("pk")))
    for org_name, user_id, n in present:
        orgs = set(members.get(user_id, ())) | ({names[org_name]} if org_name in names else set())
        for org_id in orgs:
            rows[org_id].attended += n
    for org_id, n in (learning.delivered_trainings(held).filter(partner__in=rows).values_list("partner_id")
                      .order_by().annotate(n=Count("pk"))):
        rows[org_id].trainings = n
    for org_id, n in (Pilot.objects.filter(project=project, organisation__in=rows).values_list("organisation_id")
                      .order_by().annotate(n=Count("pk"))):
        rows[org_id].pilots = n
    for org_id, n in (library.published_practices(project, *events.day_bounds(start, end))
                      .values_list("organisation_id").order_by().annotate(n=Count("pk"))):
        if org_id in rows:
            rows[org_id].practices = n
    return list(rows.values())


# The periodic report -----------------------------------------------------------------------------------------


@dataclass
class HeldEvent:
    event: Event
    participants: int
    by_country: list[tuple[str, str, int]]


@dataclass
class ReportData:
    project: Project
    period: ReportingPeriod
    start: datetime.date
    end: datetime.date
    coordinator: Organisation | None
    workplan: Workplan
    indicators: list[IndicatorRow]
    reviews: dict[int, RiskReview]  # risk id → its state of play in the period
    events: list[HeldEvent]
    trainings: list
    narratives: dict[int, Narrative]  # work package id → its narrative for the period
    partners: list[PartnerActivity]

    def review(self, risk: Risk) -> RiskReview | None:
        return self.reviews.get(risk.pk)


def report_data(project: Project, period: ReportingPeriod) -> ReportData:
    """Everything the periodic report of ``period`` holds (a constant number of queries)."""
    all_periods = periods(project)
    start, end = period.dates()
    plan = workplan(project)
    held = events.held_events(project, start, end)
    by_event: dict[int, dict[str, int]] = defaultdict(dict)
    for event_id, country, n in (events.attendances(held).values_list("event_id", "country").order_by()
                                 .annotate(n=Count("pk"))):
        by_event[event_id][country] = n
    held_events = []
    for event in held.prefetch_related("venues").order_by("start"):
        counts = by_event.get(event.pk, {})
        held_events.append(HeldEvent(event, sum(counts.values()), sorted(
            ((c, countries.name(c) or c, n) for c, n in counts.items()), key=lambda r: (-r[2], r[1]))))
    trainings = list(learning.delivered_trainings(held).select_related("event", "partner")
                     .annotate(trained=Count("attendances__registration", distinct=True),
                               certified=Count("certificates", distinct=True))
                     .order_by("event__start"))
    return ReportData(
        project=project, period=period, start=start, end=end, coordinator=lead_of(project), workplan=plan,
        indicators=indicator_rows(project, indicators(project), all_periods),
        reviews={r.risk_id: r for r in RiskReview.objects.filter(period=period)},
        events=held_events, trainings=trainings,
        narratives={n.work_package_id: n for n in Narrative.objects.filter(period=period)
                    .select_related("updated_by")},
        partners=partner_activity(project, start, end),
    )


def late_items(project: Project) -> tuple[list[Deliverable], list[Milestone]]:
    """Deliverables and milestones flagged late (for the dashboard's and the register's summaries)."""
    plan_deliverables = [d for d in deliverables(project) if d.status == Deliverable.Status.PLANNED and d.is_late]
    plan_milestones = [m for m in project.grant_milestones.select_related("project") if m.is_late]
    return plan_deliverables, plan_milestones

