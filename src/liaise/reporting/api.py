"""API router for results and reporting: a project's work plan and its indicators with their values per period,
visibility-filtered like the pages (visitors: public indicators and public deliverables; partners: everything
of their project)."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema

from liaise.core import authz
from liaise.core.api import responses, slug_path
from liaise.network.queries import project_page
from liaise.network.rules import view_project

from . import metrics, queries
from .rules import view_workplan

router = Router(tags=["results"])


class ResultsPeriodOut(Schema):
    number: int
    code: str
    first_month: int
    last_month: int
    start: date
    end: date


class ResultsWorkPackageOut(Schema):
    code: str
    number: int
    title: str
    lead: str
    start_month: int
    end_month: int
    objectives: str


class ResultsDeliverableOut(Schema):
    code: str
    title: str
    work_package: str
    type: str
    dissemination: str
    lead: str
    due_month: int
    due_date: date
    status: str
    submitted_on: date | None
    link: str
    late: bool


class ResultsMilestoneOut(Schema):
    code: str
    title: str
    work_package: str
    due_month: int
    due_date: date
    verification: str
    achieved_on: date | None
    late: bool


class ResultsRiskReviewOut(Schema):
    period: str
    materialised: bool
    state_of_play: str


class ResultsRiskOut(Schema):
    code: str
    description: str
    work_packages: list[str]
    likelihood: str
    severity: str
    mitigation: str
    reviews: list[ResultsRiskReviewOut]


class WorkplanOut(Schema):
    project: str
    periods: list[ResultsPeriodOut]
    work_packages: list[ResultsWorkPackageOut]
    deliverables: list[ResultsDeliverableOut]
    milestones: list[ResultsMilestoneOut]
    risks: list[ResultsRiskOut]
    complete: bool


class ResultsBreakdownRowOut(Schema):
    code: str
    label: str
    count: int | str


class ResultsBreakdownOut(Schema):
    key: str
    label: str
    declared: int
    total: int
    completeness: float | None
    rows: list[ResultsBreakdownRowOut]


class ResultsValueOut(Schema):
    period: str
    target: Decimal | None
    actual: Decimal | str | None
    pending: int
    how: str


class ResultsIndicatorOut(Schema):
    code: str
    title: str
    definition: str
    unit: str
    unit_label: str
    source: str
    metric: str
    metric_option: str
    metric_definition: str
    cumulative: bool
    public: bool
    baseline: Decimal
    final_target: Decimal
    to_date: Decimal | str | None
    to_date_how: str
    values: list[ResultsValueOut]
    breakdowns: list[ResultsBreakdownOut]


def _project(request, slug):
    return authz.get_or_404(request.user, view_project, project_page(request.user), slug=slug)


@router.get("/projects/{slug:slug}/workplan", response=responses(WorkplanOut, 404),
            summary="A project's work plan: periods, work packages, deliverables, milestones, risks")
def get_workplan(request, slug: str = slug_path("project")):
    """Partners of the project see the whole work plan (`complete: true`); others see its public deliverables
    once submitted, and nothing else."""
    project = _project(request, slug)
    complete = view_workplan.allows(request.user, project)
    plan = queries.workplan(project, queries.visible_deliverables(request.user, project))
    return {
        "project": project.slug,
        "complete": complete,
        "periods": [{"number": p.number, "code": p.code, "first_month": p.first_month, "last_month": p.last_month,
                     "start": p.dates()[0], "end": p.dates()[1]} for p in plan.periods] if complete else [],
        "work_packages": [{"code": wp.code, "number": wp.number, "title": wp.title, "lead": wp.lead.name,
                           "start_month": wp.start_month, "end_month": wp.end_month, "objectives": wp.objectives}
                          for wp in plan.work_packages] if complete else [],
        "deliverables": [{"code": d.code, "title": d.title, "work_package": d.work_package.code, "type": d.type,
                          "dissemination": d.dissemination, "lead": d.lead.name, "due_month": d.due_month,
                          "due_date": d.due_date(), "status": d.status, "submitted_on": d.submitted_on,
                          "link": d.link, "late": d.is_late} for d in plan.deliverables],
        "milestones": [{"code": m.code, "title": m.title, "work_package": m.work_package.code,
                        "due_month": m.due_month, "due_date": m.due_date(), "verification": m.verification,
                        "achieved_on": m.achieved_on, "late": m.is_late} for m in plan.milestones] if complete else [],
        "risks": [{"code": r.code, "description": r.description,
                   "work_packages": [wp.code for wp in r.work_packages.all()], "likelihood": r.likelihood,
                   "severity": r.severity, "mitigation": r.mitigation,
                   "reviews": [{"period": v.period.code, "materialised": v.materialised,
                                "state_of_play": v.state_of_play} for v in r.reviews.all()]}
                  for r in plan.risks] if complete else [],
    }


@router.get("/projects/{slug:slug}/indicators", response=responses(list[ResultsIndicatorOut], 404),
            summary="A project's indicators with their target and value per period, and how each was computed")
def list_indicators(request, slug: str = slug_path("project")):
    """Only approved reported values count. Visitors see the public indicators, with counts of people below 5
    shown as "<5"; partners of the project see every indicator."""
    project = _project(request, slug)
    complete = view_workplan.allows(request.user, project)
    result = []
    for row in queries.indicator_rows(project, queries.visible_indicators(request.user, project)):
        i = row.indicator
        found = metrics.METRICS.get(i.metric) if i.source == i.Source.COMPUTED else None
        result.append({
            "code": i.code, "title": i.title, "definition": i.definition, "unit": i.unit,
            "unit_label": i.unit_label, "source": i.source, "metric": i.metric, "metric_option": i.metric_option,
            "metric_definition": found.doc if found else "", "cumulative": i.cumulative, "public": i.public,
            "baseline": i.baseline, "final_target": i.final_target,
            "to_date": row.to_date if complete else queries.public_value(row, row.to_date),
            "to_date_how": row.to_date_how,
            "values": [{"period": c.period.code, "target": c.target,
                        "actual": c.actual if complete else queries.public_value(row, c.actual),
                        "pending": c.pending if complete else 0, "how": c.how} for c in row.cells],
            "breakdowns": [{"key": b.key, "label": b.label, "declared": b.declared, "total": b.total,
                            "completeness": b.completeness,
                            "rows": [{"code": code, "label": label, "count": n} for code, label, n in
                                     (b.rows if complete else queries.suppressed_rows(b))]}
                           for b in row.breakdowns],
        })
    return result
