"""The work-plan register and its forms: one view family for periods, work packages, deliverables, milestones and
risks (a form and a service per kind), the risks' state of play per period, and the work packages' narratives."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.core.errors import LiaiseError
from liaise.network.models import Project

from .. import forms, rules, services
from ..models import (
    Deliverable,
    Indicator,
    Milestone,
    Narrative,
    ReportedValue,
    ReportingPeriod,
    Risk,
    RiskReview,
    WorkPackage,
)
from ._common import files, posted, project_or_404, run_form


@dataclass(frozen=True)
class Kind:
    """One kind of work-plan item: its model, its form, its rows in a project and its service."""

    model: type
    form: type
    label: Promise
    rows: Any  # (project) -> QuerySet
    save: Any  # (project, obj | None, form, request) -> obj

    def objects(self, project: Project) -> QuerySet:
        return self.rows(project)


KINDS = {
    "periods": Kind(ReportingPeriod, forms.PeriodForm, gettext_lazy("reporting period"),
                    lambda p: ReportingPeriod.objects.filter(project=p),
                    lambda p, o, f, r: services.save_period(p, o, f.cleaned_data)),
    "packages": Kind(WorkPackage, forms.WorkPackageForm, gettext_lazy("work package"),
                     lambda p: WorkPackage.objects.filter(project=p),
                     lambda p, o, f, r: services.save_work_package(p, o, f.cleaned_data)),
    "deliverables": Kind(Deliverable, forms.DeliverableForm, gettext_lazy("deliverable"),
                         lambda p: Deliverable.objects.filter(work_package__project=p).select_related("work_package"),
                         lambda p, o, f, r: services.save_deliverable(p, o, f.cleaned_data,
                                                                      f.cleaned_data.get("upload"))),
    "milestones": Kind(Milestone, forms.MilestoneForm, gettext_lazy("milestone"),
                       lambda p: Milestone.objects.filter(project=p),
                       lambda p, o, f, r: services.save_milestone(p, o, f.cleaned_data)),
    "risks": Kind(Risk, forms.RiskForm, gettext_lazy("critical risk"), lambda p: Risk.objects.filter(project=p),
                  lambda p, o, f, r: services.save_risk(p, o, f.cleaned_data)),
}


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise Http404
    return KINDS[kind]


def _register_url(project: Project, anchor: str = "") -> str:
    return reverse("reporting:workplan", kwargs={"slug": project.slug}) + (f"#{anchor}" if anchor else "")


def workplan(request, slug):
    """The register: periods, work packages, deliverables (late flagged), milestones (late flagged), risks with
    their latest state of play, indicators, and the reported values the user sees."""
    user = request.user
    project = project_or_404(request, slug, rules.view_workplan)
    packages = list(WorkPackage.objects.filter(project=project).select_related("lead", "project")
                    .prefetch_related("narratives"))
    by_pk = {wp.pk: wp for wp in packages}
    deliverables = list(Deliverable.objects.filter(work_package__project=project).select_related("lead"))
    milestones = list(Milestone.objects.filter(project=project))
    for item in (*deliverables, *milestones):
        item.work_package = by_pk[item.work_package_id]
        item.work_package.project = project
    for milestone in milestones:
        milestone.project = project
    risks = list(Risk.objects.filter(project=project).prefetch_related(
        "work_packages", Prefetch("reviews", RiskReview.objects.select_related("period").order_by("-period__number"),
                                  to_attr="latest_reviews")))
    periods = list(ReportingPeriod.objects.filter(project=project))
    values = rules.view_reported_value.filter(user, ReportedValue.objects.filter(indicator__project=project)) \
        .exclude(status=ReportedValue.Status.APPROVED).select_related("indicator", "period", "organisation")
    can_manage = authz.allows(user, rules.manage_results, project)
    writable = set(rules.write_narrative.filter(user, WorkPackage.objects.filter(project=project))
                   .values_list("pk", flat=True))
    return render(request, "reporting/workplan.html", {
        "project": project, "periods": periods, "packages": packages, "deliverables": deliverables,
        "milestones": milestones, "risks": risks, "indicators": Indicator.objects.filter(project=project),
        "values": values, "can_manage": can_manage, "writable": writable,
    })


def _item_form(request, project: Project, kind: str, obj=None):
    spec = _kind(kind)
    form = spec.form(posted(request), files(request), instance=obj, project=project)
    label = spec.label
    title = (_("Edit %(item)s") % {"item": obj}) if obj else (_("New %(kind)s") % {"kind": label})
    saved = _("The %(kind)s is saved.") % {"kind": label}
    return run_form(request, form, lambda: spec.save(project, obj, form, request), "reporting/item_form.html",
                    {"project": project, "kind": kind, "item": obj, "title": title}, _register_url(project, kind),
                    saved)


@require_http_methods(["GET", "POST"])
def item_new(request, slug, kind):
    project = project_or_404(request, slug, rules.manage_results)
    return _item_form(request, project, kind)


@require_http_methods(["GET", "POST"])
def item_edit(request, slug, kind, pk):
    project = project_or_404(request, slug, rules.manage_results)
    return _item_form(request, project, kind, get_object_or_404(_kind(kind).objects(project), pk=pk))


@require_http_methods(["GET", "POST"])
def item_delete(request, slug, kind, pk):
    """GET: what would be deleted, and a button; POST: delete."""
    project = project_or_404(request, slug, rules.manage_results)
    obj = get_object_or_404(_kind(kind).objects(project), pk=pk)
    if request.method == "POST":
        try:
            services.delete_item(project, obj)
        except LiaiseError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(item)s is deleted.") % {"item": obj})
        return redirect(_register_url(project, kind))
    return render(request, "reporting/item_delete.html", {"project": project, "kind": kind, "item": obj})


@require_http_methods(["GET", "POST"])
def risk_review(request, slug, pk, period):
    """The state of play of a risk in a reporting period."""
    project = project_or_404(request, slug, rules.manage_results)
    risk = get_object_or_404(Risk.objects.filter(project=project), pk=pk)
    period = get_object_or_404(ReportingPeriod.objects.filter(project=project), number=period)
    review = RiskReview.objects.filter(risk=risk, period=period).first()
    form = forms.RiskReviewForm(posted(request), instance=review)
    return run_form(request, form, lambda: services.save_risk_review(risk, period, form.cleaned_data),
                    "reporting/risk_review.html", {"project": project, "risk": risk, "period": period},
                    _register_url(project, "risks"), _("The state of play is saved."))


@require_http_methods(["GET", "POST"])
def narrative_edit(request, slug, number, period):
    """The Part B narrative of a work package for a period: its lead partner's coordinator and the project's
    coordinators write it."""
    wp = authz.get_or_404(request.user, rules.write_narrative,
                          WorkPackage.objects.select_related("project", "lead"), project__slug=slug, number=number)
    period = get_object_or_404(ReportingPeriod.objects.filter(project=wp.project), number=period)
    narrative = Narrative.objects.filter(work_package=wp, period=period).select_related("updated_by").first()
    form = forms.NarrativeForm(posted(request), instance=narrative)
    return run_form(request, form, lambda: services.save_narrative(request.user, wp, period, form.cleaned_data),
                    "reporting/narrative_form.html",
                    {"project": wp.project, "wp": wp, "period": period, "narrative": narrative},
                    _register_url(wp.project, "packages"), _("The narrative is saved."))
