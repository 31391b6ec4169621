"""Writes for the work plan, the results framework, reported values and narratives: one function per use case,
each in a transaction, refusing with a :class:`ReportingError` whose ``field`` names the form field it is about.

Checked here (so the pages, the API and the demo get the same messages): months within the project, a work
package that ends before it starts, a code used twice (a deliverable's number in its work package, a milestone's
or a risk's number, an indicator's code), reporting periods that overlap, targets below zero where the unit
forbids it and percentages above 100, a computed indicator without a known metric, and the reported-value
workflow (draft → submitted → approved, or returned with a comment → edited → submitted again), each step of
which is written to the value's history.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaise.core.errors import Conflict, InvalidInput
from liaise.core.uploads import validate_upload
from liaise.network.models import Organisation, Partnership, Project

from .models import (
    Deliverable,
    Indicator,
    Milestone,
    Narrative,
    ReportedValue,
    ReportedValueChange,
    ReportingPeriod,
    Risk,
    RiskReview,
    Target,
    WorkPackage,
)

# The metrics of ``liaise.reporting.metrics`` (used while that module is not there yet).
KNOWN_METRICS = ("events_held", "participants", "unique_participants", "countries_reached", "trainings_delivered",
                 "people_trained", "people_certified", "pilots_at_stage", "practices_published", "live_questions")


#: The steps of a reported value's history (``ReportedValueChange.action``).
ACTIONS = {"created": gettext_lazy("reported"), "edited": gettext_lazy("edited"),
           "submitted": gettext_lazy("submitted"), "approved": gettext_lazy("approved"),
           "returned": gettext_lazy("returned")}


class ReportingError(InvalidInput):
    """A refused reporting operation, with a message for a person; ``field`` names the form field it is about."""


class WorkflowError(Conflict, ReportingError):
    """The reported value's state refuses the step now (already approved, not submitted...)."""


def metric_names() -> tuple[str, ...]:
    try:
        from . import metrics
    except ImportError:  # (not in this version yet)
        return KNOWN_METRICS
    return tuple(metrics.METRICS)


# --- checks -----------------------------------------------------------------------------------------------


def _month(project: Project, value: int, field: str) -> None:
    last = project.duration_months
    if not 1 <= value <= last:
        raise ReportingError(
            _("Month %(month)s is a month outside the project: it runs from month 1 to month %(last)s.")
            % {"month": value, "last": last}, field=field)


def _partner(project: Project, organisation: Organisation, field: str = "lead") -> None:
    if not Partnership.objects.filter(project=project, organisation=organisation).exists():
        raise ReportingError(_("This organisation is not a partner of the project."), field=field)


def _own(project: Project, obj, field: str) -> None:
    if obj is not None and getattr(obj, "project_id", None) != project.pk:
        raise ReportingError(_("Choose one of this project's."), field=field)


def _assign(obj, data: dict, names) -> None:
    for name in names:
        if name in data:
            setattr(obj, name, data[name])


def _full_clean(obj, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ReportingError(" ".join(messages), field=None if field == "__all__" else field) from None


def _amount(indicator_unit: str, value: Decimal | None, field: str) -> None:
    """A value or target of an indicator of ``indicator_unit``: not below zero (except a score), at most 100 %."""
    if value is None:
        return
    if indicator_unit != Indicator.Unit.SCORE and value < 0:
        raise ReportingError(_("This indicator's unit does not allow a value below zero."), field=field)
    if indicator_unit == Indicator.Unit.PERCENT and value > 100:
        raise ReportingError(_("A percentage cannot be above 100."), field=field)


# --- the work plan ----------------------------------------------------------------------------------------


@transaction.atomic
def save_period(project: Project, period: ReportingPeriod | None, data: dict) -> ReportingPeriod:
    """Create or change a reporting period (RP<n> = months a–b): within the project, not overlapping another."""
    period = period or ReportingPeriod(project=project)
    _assign(period, data, ("number", "first_month", "last_month"))
    _month(project, period.first_month, "first_month")
    _month(project, period.last_month, "last_month")
    if period.last_month < period.first_month:
        raise ReportingError(_("The last month comes before the first month."), field="last_month")
    others = ReportingPeriod.objects.filter(project=project).exclude(pk=period.pk)
    if others.filter(number=period.number).exists():
        raise ReportingError(_("RP%(n)s exists already: choose another number.") % {"n": period.number},
                             field="number")
    overlap = others.filter(first_month__lte=period.last_month, last_month__gte=period.first_month).first()
    if overlap:
        raise ReportingError(_("These months overlap %(period)s (months %(a)s–%(b)s).") % {
            "period": overlap.code, "a": overlap.first_month, "b": overlap.last_month}, field="first_month")
    _full_clean(period, exclude=["project"])
    period.save()
    return period


@transaction.atomic
def save_work_package(project: Project, wp: WorkPackage | None, data: dict) -> WorkPackage:
    wp = wp or WorkPackage(project=project)
    _assign(wp, data, ("number", "title", "lead", "start_month", "end_month", "objectives"))
    _month(project, wp.start_month, "start_month")
    _month(project, wp.end_month, "end_month")
    if wp.end_month < wp.start_month:
        raise ReportingError(_("The work package ends before it starts."), field="end_month")
    _partner(project, wp.lead)
    if WorkPackage.objects.filter(project=project, number=wp.number).exclude(pk=wp.pk).exists():
        raise ReportingError(_("WP%(n)s exists already: choose another number.") % {"n": wp.number}, field="number")
    _full_clean(wp, exclude=["project", "lead"])
    wp.save()
    return wp


@transaction.atomic
def save_deliverable(project: Project, deliverable: Deliverable | None, data: dict, upload=None) -> Deliverable:
    """Create or change a deliverable D<wp>.<n>; its due month may be any month of the project. A submitted or
    accepted deliverable has a submission date; its file is checked by its content."""
    deliverable = deliverable or Deliverable()
    _assign(deliverable, data, ("work_package", "number", "title", "type", "dissemination", "lead", "due_month",
                                "status", "link", "submitted_on"))
    _own(project, deliverable.work_package, "work_package")
    _month(project, deliverable.due_month, "due_month")
    _partner(project, deliverable.lead)
    wp = deliverable.work_package
    if Deliverable.objects.filter(work_package=wp, number=deliverable.number).exclude(pk=deliverable.pk).exists():
        raise ReportingError(_("D%(wp)s.%(n)s exists already in WP%(wp)s: choose another number.") % {
            "wp": wp.number, "n": deliverable.number}, field="number")
    if deliverable.status != Deliverable.Status.PLANNED and not deliverable.submitted_on:
        raise ReportingError(_("A submitted or accepted deliverable needs its submission date."),
                             field="submitted_on")
    if deliverable.submitted_on and deliverable.submitted_on > timezone.localdate():
        raise ReportingError(_("The submission date cannot be in the future."), field="submitted_on")
    if upload is not None:
        try:
            validate_upload(upload)
        except ValidationError as exc:
            raise ReportingError(" ".join(exc.messages), field="file") from None
    _full_clean(deliverable, exclude=["work_package", "lead", "file"])
    if upload is not None:
        deliverable.file.save("upload", upload, save=False)
    deliverable.save()
    return deliverable


@transaction.atomic
def save_milestone(project: Project, milestone: Milestone | None, data: dict) -> Milestone:
    milestone = milestone or Milestone(project=project)
    _assign(milestone, data, ("number", "title", "work_package", "due_month", "verification", "achieved_on"))
    _own(project, milestone.work_package, "work_package")
    _month(project, milestone.due_month, "due_month")
    if Milestone.objects.filter(project=project, number=milestone.number).exclude(pk=milestone.pk).exists():
        raise ReportingError(_("MS%(n)s exists already: choose another number.") % {"n": milestone.number},
                             field="number")
    if milestone.achieved_on and milestone.achieved_on > timezone.localdate():
        raise ReportingError(_("A milestone cannot be achieved in the future."), field="achieved_on")
    _full_clean(milestone, exclude=["project", "work_package"])
    milestone.save()
    return milestone


@transaction.atomic
def save_risk(project: Project, risk: Risk | None, data: dict) -> Risk:
    risk = risk or Risk(project=project)
    _assign(risk, data, ("number", "description", "likelihood", "severity", "mitigation"))
    packages = list(data.get("work_packages") or [])
    for wp in packages:
        _own(project, wp, "work_packages")
    if Risk.objects.filter(project=project, number=risk.number).exclude(pk=risk.pk).exists():
        raise ReportingError(_("R%(n)s exists already: choose another number.") % {"n": risk.number},
                             field="number")
    _full_clean(risk, exclude=["project", "work_packages"])
    risk.save()
    risk.work_packages.set(packages)
    return risk


@transaction.atomic
def save_risk_review(risk: Risk, period: ReportingPeriod, data: dict) -> RiskReview:
    """The risk's state of play in ``period`` (one per period: written again, it replaces the last)."""
    if period.project_id != risk.project_id:
        raise ReportingError(_("Choose one of this project's reporting periods."), field="period")
    review = RiskReview.objects.filter(risk=risk, period=period).first() or RiskReview(risk=risk, period=period)
    _assign(review, data, ("materialised", "state_of_play"))
    if not (review.state_of_play or "").strip():
        raise ReportingError(_("Write the state of play."), field="state_of_play")
    _full_clean(review, exclude=["risk", "period"])
    review.save()
    return review


def delete_item(project: Project, obj) -> None:
    """Delete a period, work package, deliverable, milestone or risk of ``project``. A work package or a period
    that something else still needs (a lead partner's reported values, ...) is refused with a message."""
    from django.db.models import ProtectedError

    try:
        with transaction.atomic():
            obj.delete()
    except ProtectedError:
        raise Conflict(_("Other records still need this one: change them first.")) from None


# --- the results framework ----------------------------------------------------------------------------------


@transaction.atomic
def save_indicator(project: Project, indicator: Indicator | None, data: dict,
                   targets: dict[ReportingPeriod, Decimal | None]) -> Indicator:
    """Create or change an indicator with its target per reporting period (an empty target is removed)."""
    indicator = indicator or Indicator(project=project)
    _assign(indicator, data, ("code", "title", "definition", "unit", "unit_label", "baseline", "final_target",
                              "cumulative", "source", "metric", "metric_option", "public", "work_package",
                              "position"))
    indicator.code = (indicator.code or "").strip()
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", indicator.code) or indicator.code.lower() == "new":
        raise ReportingError(_("Use letters, digits, dots, dashes and underscores in the code (e.g. KPI1)."),
                             field="code")
    if Indicator.objects.filter(project=project, code__iexact=indicator.code).exclude(pk=indicator.pk).exists():
        raise ReportingError(_("The code %(code)s is used by another indicator of the project.") % {
            "code": indicator.code}, field="code")
    _own(project, indicator.work_package, "work_package")
    if indicator.source == Indicator.Source.COMPUTED:
        if indicator.metric not in metric_names():
            raise ReportingError(_("A computed indicator needs one of the metrics Liaise computes."), field="metric")
    else:
        indicator.metric, indicator.metric_option = "", ""
    _amount(indicator.unit, indicator.baseline, "baseline")
    _amount(indicator.unit, indicator.final_target, "final_target")
    for period, value in targets.items():
        if period.project_id != project.pk:
            raise ReportingError(_("Choose one of this project's reporting periods."))
        try:
            _amount(indicator.unit, value, f"target_{period.number}")
        except ReportingError as exc:
            raise ReportingError(_("%(period)s: %(message)s") % {"period": period.code, "message": exc.message},
                                 field=exc.field) from None
    pilots = data.get("pilot_indicators")
    if pilots is not None and any(p.pilot.project_id != project.pk for p in pilots):
        raise ReportingError(_("Choose indicators of this project's pilots."), field="pilot_indicators")
    _full_clean(indicator, exclude=["project", "work_package", "pilot_indicators"])
    indicator.save()
    if pilots is not None:
        indicator.pilot_indicators.set(pilots if indicator.source == Indicator.Source.PILOTS else [])
    for period, value in targets.items():
        if value is None:
            Target.objects.filter(indicator=indicator, period=period).delete()
        else:
            Target.objects.update_or_create(indicator=indicator, period=period, defaults={"value": value})
    return indicator


# --- reported values ------------------------------------------------------------------------------------------


def _record(value: ReportedValue, user, action: str, comment: str = "") -> None:
    actor = user if getattr(user, "is_authenticated", False) else None
    ReportedValueChange.objects.create(reported_value=value, actor=actor, action=action, status=value.status,
                                       value=value.value, comment=comment)


def _evidence(value: ReportedValue, data: dict, upload) -> None:
    _assign(value, data, ("value", "note", "evidence_link"))
    _amount(value.indicator.unit, value.value, "value")
    if upload is not None:
        try:
            value.content_type = validate_upload(upload)
        except ValidationError as exc:
            raise ReportingError(" ".join(exc.messages), field="evidence_file") from None


@transaction.atomic
def report_value(user, indicator: Indicator, partnership: Partnership, period: ReportingPeriod, data: dict,
                 upload=None) -> ReportedValue:
    """A partner reports a draft value of a reported indicator for a period, for an organisation it acts for
    (the view gives only those: ``network.act_for_partner``)."""
    if indicator.source != Indicator.Source.REPORTED:
        raise ReportingError(_("This indicator is computed by Liaise: nobody reports it."))
    if partnership.project_id != indicator.project_id:
        raise ReportingError(_("This organisation is not a partner of the project."), field="organisation")
    if period.project_id != indicator.project_id:
        raise ReportingError(_("Choose one of this project's reporting periods."), field="period")
    if ReportedValue.objects.filter(indicator=indicator, period=period,
                                    organisation=partnership.organisation).exists():
        raise ReportingError(_("%(organisation)s has a value for %(period)s already: edit that one.") % {
            "organisation": partnership.organisation.name, "period": period.code}, field="period")
    value = ReportedValue(indicator=indicator, period=period, organisation=partnership.organisation,
                          created_by=user)
    _evidence(value, data, upload)
    _full_clean(value, exclude=["indicator", "period", "organisation", "evidence_file", "created_by"])
    if upload is not None:
        value.evidence_file.save("upload", upload, save=False)
    value.save()
    _record(value, user, "created")
    return value


def _locked(value: ReportedValue) -> ReportedValue:
    return ReportedValue.objects.select_for_update().select_related("indicator").get(pk=value.pk)


@transaction.atomic
def edit_reported_value(user, value: ReportedValue, data: dict, upload=None) -> ReportedValue:
    """Change a draft or returned value (an approved or submitted one cannot be edited)."""
    value = _locked(value)
    if value.status not in (ReportedValue.Status.DRAFT, ReportedValue.Status.RETURNED):
        raise WorkflowError(_("A %(status)s value cannot be edited.") % {"status": value.get_status_display().lower()})
    _evidence(value, data, upload)
    _full_clean(value, exclude=["indicator", "period", "organisation", "evidence_file", "created_by"])
    if upload is not None:
        value.evidence_file.save("upload", upload, save=False)
    value.save()
    _record(value, user, "edited")
    return value


@transaction.atomic
def submit_reported_value(user, value: ReportedValue) -> ReportedValue:
    """Send a draft or returned value to the project's coordinators; it needs its evidence (a file or a link)."""
    value = _locked(value)
    if value.status not in (ReportedValue.Status.DRAFT, ReportedValue.Status.RETURNED):
        raise WorkflowError(_("Only a draft or a returned value can be submitted."))
    if not value.evidence_link and not value.evidence_file:
        raise ReportingError(_("Add the evidence first: a file or a link."), field="evidence_link")
    value.status = ReportedValue.Status.SUBMITTED
    value.save()
    _record(value, user, "submitted")
    return value


@transaction.atomic
def approve_reported_value(user, value: ReportedValue, comment: str = "") -> ReportedValue:
    """A coordinator approves a submitted value: from now on it counts, and it can no longer be edited."""
    value = _locked(value)
    if value.status != ReportedValue.Status.SUBMITTED:
        raise WorkflowError(_("Only a submitted value can be approved."))
    value.status, value.review_comment = ReportedValue.Status.APPROVED, comment.strip()
    value.save()
    _record(value, user, "approved", value.review_comment)
    return value


@transaction.atomic
def return_reported_value(user, value: ReportedValue, comment: str) -> ReportedValue:
    """A coordinator returns a submitted value to its partner, saying why (required)."""
    comment = (comment or "").strip()
    if not comment:
        raise ReportingError(_("Say why the value is returned: the partner reads it."), field="comment")
    value = _locked(value)
    if value.status != ReportedValue.Status.SUBMITTED:
        raise WorkflowError(_("Only a submitted value can be returned."))
    value.status, value.review_comment = ReportedValue.Status.RETURNED, comment
    value.save()
    _record(value, user, "returned", comment)
    return value


# --- narratives -----------------------------------------------------------------------------------------------


@transaction.atomic
def save_narrative(user, wp: WorkPackage, period: ReportingPeriod, data: dict) -> Narrative:
    """The Part B narrative of ``wp`` for ``period`` (progress, deviations, draft or final)."""
    if period.project_id != wp.project_id:
        raise ReportingError(_("Choose one of this project's reporting periods."))
    narrative = Narrative.objects.filter(work_package=wp, period=period).first() or Narrative(
        work_package=wp, period=period)
    _assign(narrative, data, ("text", "deviations", "status"))
    if narrative.status == Narrative.Status.FINAL and not (narrative.text or "").strip():
        raise ReportingError(_("A final narrative needs its text."), field="text")
    narrative.updated_by = user
    _full_clean(narrative, exclude=["work_package", "period", "updated_by"])
    narrative.save()
    return narrative
