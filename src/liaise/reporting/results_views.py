"""The KPI dashboard of a project (``/projects/<slug>/results``) and the CSV of its charts.

Visitors see a visible project's public indicators and its public deliverables once submitted; anyone with a role
in the project sees everything of it: every indicator with its breakdowns, the work plan on a timeline, the
risks and the partner activity table. Counts of people below 5 show "<5" to those who see only the public part.
"""

from csp.decorators import csp_update
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from liaise.core import authz
from liaise.core.exports import csv_response
from liaise.network.queries import project_page
from liaise.network.rules import view_project

from . import charts, queries
from .models import Deliverable
from .rules import manage_results, view_workplan


def _project(request, slug):
    return authz.get_or_404(request.user, view_project, project_page(request.user), slug=slug)


@require_safe
# pygal draws each chart's colours as a <style> inside its SVG, with selectors unique to that drawing: no hash or
# static file can stand for it, so this page (and only this one) allows inline style.
@csp_update({"style-src": ["'unsafe-inline'"]})
def results(request, slug):
    project = _project(request, slug)
    partners = view_workplan.allows(request.user, project)
    all_periods = queries.periods(project)
    rows = queries.indicator_rows(project, queries.visible_indicators(request.user, project), all_periods)
    plan = queries.workplan(project, queries.visible_deliverables(request.user, project))
    indicators = []
    for row in rows:
        cells = [(c, queries.public_value(row, c.actual) if not partners else c.actual) for c in row.cells]
        breakdowns = [(b, b.rows if partners else queries.suppressed_rows(b)) for b in row.breakdowns]
        to_date = row.to_date if partners else queries.public_value(row, row.to_date)
        indicators.append({"row": row, "cells": cells, "breakdowns": breakdowns, "to_date": to_date,
                           "chart": charts.indicator_chart(row)})
    context = {
        "project": project,
        "partners": partners,
        "can_manage": manage_results.allows(request.user, project),
        "periods": all_periods,
        "indicators": indicators,
        "plan": plan,
        "timeline": charts.timeline_chart(project, plan) if partners and plan.work_packages else None,
        "activity": queries.partner_activity(project) if partners else [],
        "late_deliverables": [d for d in plan.deliverables
                              if d.status == Deliverable.Status.PLANNED and d.is_late],
        "late_milestones": [m for m in plan.milestones if m.is_late] if partners else [],
    }
    return render(request, "reporting/dashboard.html", context)


@require_safe
def indicators_csv(request, slug):
    """The figures behind the indicator charts: one row per indicator and period."""
    project = _project(request, slug)
    partners = view_workplan.allows(request.user, project)
    rows = queries.indicator_rows(project, queries.visible_indicators(request.user, project))
    header = [_("Code"), _("Indicator"), _("Unit"), _("Source"), _("Baseline"), _("Period"), _("Target"),
              _("Actual"), _("Pending approval"), _("How it was computed"), _("Final target")]
    lines = []
    for row in rows:
        i = row.indicator
        for cell in row.cells:
            actual = cell.actual if partners else queries.public_value(row, cell.actual)
            lines.append([i.code, i.title, i.get_unit_display(), i.get_source_display(), i.baseline,
                          cell.period.code, "" if cell.target is None else cell.target,
                          "" if actual is None else actual, cell.pending if partners else "", cell.how,
                          i.final_target])
    return csv_response(f"{project.slug}-indicators.csv", header, lines)


@require_safe
def timeline_csv(request, slug):
    """The figures behind the timeline: work packages, deliverables and milestones by month (partners only)."""
    project = _project(request, slug)
    authz.require(request.user, view_workplan, project)
    plan = queries.workplan(project)
    header = [_("Kind"), _("Code"), _("Title"), _("Work package"), _("Start month"), _("End or due month"),
              _("Status"), _("Late")]
    lines = [[_("Work package"), wp.code, wp.title, wp.code, wp.start_month, wp.end_month, "", ""]
             for wp in plan.work_packages]
    lines += [[_("Deliverable"), d.code, d.title, d.work_package.code, "", d.due_month, d.get_status_display(),
               _("yes") if d.is_late else _("no")] for d in plan.deliverables]
    lines += [[_("Milestone"), m.code, m.title, m.work_package.code, "", m.due_month,
               _("achieved on %(day)s") % {"day": m.achieved_on} if m.achieved_on else _("not achieved"),
               _("yes") if m.is_late else _("no")] for m in plan.milestones]
    return csv_response(f"{project.slug}-timeline.csv", header, lines)
