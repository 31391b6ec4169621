"""Results and reporting to the funder: the grant's work plan (reporting periods, work packages, deliverables,
milestones, critical risks and their state of play), the results framework (indicators with a target per period,
computed from Liaise's own data or reported by partners with evidence) and the narrative of each work package.

Months count from the project's start: month 1 begins on ``Project.start``; month *m* ends the day before month
*m + 1* begins (see :func:`month_span`). Nothing here holds data about a person: reported values are aggregates.
"""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaise.network.models import Organisation, Project


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` moved by ``months`` calendar months (the 31st becomes the month's last day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = [31, 29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
            31][month - 1]
    return datetime.date(year, month, min(day.day, last))


def month_span(project: Project, first: int, last: int | None = None) -> tuple[datetime.date, datetime.date]:
    """The first and last day of project months ``first``..``last`` (inclusive; ``last`` defaults to ``first``)."""
    last = first if last is None else last
    return add_months(project.start, first - 1), add_months(project.start, last) - datetime.timedelta(days=1)


def month_of(project: Project, day: datetime.date) -> int:
    """The project month ``day`` falls in (1-based; 0 or less before the start)."""
    months = (day.year - project.start.year) * 12 + (day.month - project.start.month)
    return months + (1 if day >= add_months(project.start, months) else 0)


class ReportingPeriod(models.Model):
    """RP1 = months 1–12, RP2 = months 13–24...: what the funder's periodic reports cover."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reporting_periods",
                                verbose_name=_("project"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    first_month = models.PositiveSmallIntegerField(_("first month"), validators=[MinValueValidator(1)])
    last_month = models.PositiveSmallIntegerField(_("last month"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint("project", "number", name="reporting_period_unique_number"),
            models.CheckConstraint(condition=Q(last_month__gte=F("first_month")), name="reporting_period_ordered"),
            models.CheckConstraint(condition=Q(number__gte=1) & Q(first_month__gte=1),
                                   name="reporting_period_positive"),
        ]

    def __str__(self):
        return f"RP{self.number}"

    @property
    def code(self) -> str:
        return f"RP{self.number}"

    @property
    def label(self) -> str:
        return _("RP%(n)s (months %(a)s–%(b)s)") % {"n": self.number, "a": self.first_month, "b": self.last_month}

    def dates(self) -> tuple[datetime.date, datetime.date]:
        return month_span(self.project, self.first_month, self.last_month)


class WorkPackage(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="work_packages",
                                verbose_name=_("project"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=250)
    lead = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="led_work_packages",
                             verbose_name=_("lead partner"))
    start_month = models.PositiveSmallIntegerField(_("start month"), validators=[MinValueValidator(1)])
    end_month = models.PositiveSmallIntegerField(_("end month"), validators=[MinValueValidator(1)])
    objectives = models.TextField(_("objectives"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        ordering = ["project", "number"]
        constraints = [
            models.UniqueConstraint("project", "number", name="reporting_wp_unique_number"),
            models.CheckConstraint(condition=Q(end_month__gte=F("start_month")), name="reporting_wp_ordered"),
            models.CheckConstraint(condition=Q(start_month__gte=1), name="reporting_wp_starts_in_month_1_or_later"),
        ]

    def __str__(self):
        return f"WP{self.number} {self.title}"

    @property
    def code(self) -> str:
        return f"WP{self.number}"


class Deliverable(models.Model):
    class Type(models.TextChoices):
        REPORT = "R", _("R — document, report")
        DEMONSTRATOR = "DEM", _("DEM — demonstrator, pilot, prototype")
        DISSEMINATION = "DEC", _("DEC — websites, patent filings, videos, etc.")
        DATA = "DATA", _("DATA — data sets, microdata, etc.")
        OTHER = "OTHER", _("OTHER")

    class Dissemination(models.TextChoices):
        PUBLIC = "PU", _("PU — public")
        SENSITIVE = "SEN", _("SEN — sensitive, limited under the grant agreement")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")

    work_package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="deliverables",
                                     verbose_name=_("work package"))
    number = models.PositiveSmallIntegerField(_("number in the work package"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=250)
    type = models.CharField(_("type"), max_length=5, choices=Type.choices, default=Type.REPORT)
    dissemination = models.CharField(_("dissemination level"), max_length=3, choices=Dissemination.choices,
                                     default=Dissemination.PUBLIC)
    lead = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="led_deliverables",
                             verbose_name=_("lead partner"))
    due_month = models.PositiveSmallIntegerField(_("due month"), validators=[MinValueValidator(1)])
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    link = models.URLField(_("link"), blank=True, max_length=500)
    file = models.FileField(_("file"), upload_to="reporting/deliverables/", blank=True, max_length=200)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["work_package__number", "number"]
        constraints = [
            models.UniqueConstraint("work_package", "number", name="reporting_deliverable_unique_code"),
            models.CheckConstraint(condition=Q(status="planned") | Q(submitted_on__isnull=False),
                                   name="reporting_deliverable_submitted_has_date"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"D{self.work_package.number}.{self.number}"

    def due_date(self) -> datetime.date:
        return month_span(self.work_package.project, self.due_month)[1]

    @property
    def is_late(self) -> bool:
        """Not submitted by the end of its due month, or submitted after it."""
        due = self.due_date()
        if self.submitted_on:
            return self.submitted_on > due
        return due < timezone.localdate()


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="grant_milestones",
                                verbose_name=_("project"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    title = models.CharField(_("title"), max_length=250)
    work_package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="milestones",
                                     verbose_name=_("work package"))
    due_month = models.PositiveSmallIntegerField(_("due month"), validators=[MinValueValidator(1)])
    verification = models.CharField(_("means of verification"), max_length=400, blank=True)
    achieved_on = models.DateField(_("achieved on"), null=True, blank=True)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint("project", "number", name="reporting_milestone_unique_code")]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"MS{self.number}"

    def due_date(self) -> datetime.date:
        return month_span(self.project, self.due_month)[1]

    @property
    def is_late(self) -> bool:
        due = self.due_date()
        return self.achieved_on > due if self.achieved_on else due < timezone.localdate()


class Level(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class Risk(models.Model):
    """A critical risk of the grant agreement: what could go wrong, how likely, how bad, and what the project does
    about it; its state of play is written per reporting period (:class:`RiskReview`)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="risks", verbose_name=_("project"))
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1)])
    description = models.TextField(_("description"), max_length=2000)
    work_packages = models.ManyToManyField(WorkPackage, blank=True, related_name="risks",
                                           verbose_name=_("work packages"))
    likelihood = models.CharField(_("likelihood"), max_length=6, choices=Level.choices, default=Level.MEDIUM)
    severity = models.CharField(_("severity"), max_length=6, choices=Level.choices, default=Level.MEDIUM)
    mitigation = models.TextField(_("mitigation measures"), max_length=3000)

    class Meta:
        verbose_name = _("critical risk")
        verbose_name_plural = _("critical risks")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint("project", "number", name="reporting_risk_unique_number")]

    def __str__(self):
        return f"R{self.number}"

    @property
    def code(self) -> str:
        return f"R{self.number}"


class RiskReview(models.Model):
    """The state of play of a risk in a reporting period: did it materialise, did the mitigation work."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("risk"))
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="risk_reviews",
                               verbose_name=_("reporting period"))
    materialised = models.BooleanField(_("the risk materialised"), default=False)
    state_of_play = models.TextField(_("state of play"), max_length=3000)
    updated = models.DateTimeField(_("last update"), auto_now=True)

    class Meta:
        verbose_name = _("risk state of play")
        verbose_name_plural = _("risk states of play")
        constraints = [models.UniqueConstraint("risk", "period", name="reporting_riskreview_one_per_period")]

    def __str__(self):
        return f"{self.risk} {self.period}"


class Indicator(models.Model):
    """A result the project promised, with a baseline, a target per reporting period and a final target.

    Its value comes from one source: **computed** by a named metric from Liaise's own data (see
    ``liaise.reporting.metrics``), **reported** by partners with evidence (approved values only), or **pilots**:
    the sum of the chosen pilot indicators' latest measurements."""

    class Source(models.TextChoices):
        COMPUTED = "computed", _("Computed from Liaise's data")
        REPORTED = "reported", _("Reported by partners with evidence")
        PILOTS = "pilots", _("Rolled up from pilot indicators")

    class Unit(models.TextChoices):
        NUMBER = "number", _("Number")
        PERCENT = "percent", _("Percentage")
        EUR = "eur", _("Euros")
        SCORE = "score", _("Score (may be negative)")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators",
                                verbose_name=_("project"))
    code = models.CharField(_("code"), max_length=12, help_text=_("e.g. KPI1"))
    title = models.CharField(_("indicator"), max_length=250)
    definition = models.TextField(_("definition"), blank=True, max_length=2000,
                                  help_text=_("What is counted, and how. Aggregates only: never a person."))
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices, default=Unit.NUMBER)
    unit_label = models.CharField(_("unit label"), max_length=40, blank=True, help_text=_("e.g. participants"))
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2, default=0)
    final_target = models.DecimalField(_("final target"), max_digits=12, decimal_places=2)
    cumulative = models.BooleanField(
        _("cumulative"), default=True,
        help_text=_("Count from the project's start to the end of each period (otherwise within the period only)."))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.COMPUTED)
    metric = models.CharField(_("metric"), max_length=40, blank=True,
                              help_text=_("For a computed indicator: what Liaise counts."))
    metric_option = models.CharField(_("metric option"), max_length=40, blank=True,
                                     help_text=_("e.g. the kind of event, or the pilot stage, the metric counts."))
    pilot_indicators = models.ManyToManyField("pilots.Indicator", blank=True, related_name="project_indicators",
                                              verbose_name=_("pilot indicators rolled up"))
    public = models.BooleanField(_("public"), default=False,
                                 help_text=_("Shown to visitors on the project's results page."))
    work_package = models.ForeignKey(WorkPackage, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="indicators", verbose_name=_("work package"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["project", "position", "code"]
        constraints = [
            models.UniqueConstraint("project", "code", name="reporting_indicator_unique_code"),
            models.CheckConstraint(condition=~Q(source="computed") | ~Q(metric=""),
                                   name="reporting_indicator_computed_has_metric"),
            models.CheckConstraint(
                condition=Q(unit="score") | (Q(baseline__gte=0) & Q(final_target__gte=0)),
                name="reporting_indicator_not_negative"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("indicator"))
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="targets",
                               verbose_name=_("reporting period"))
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint("indicator", "period", name="reporting_target_one_per_period")]

    def __str__(self):
        return f"{self.indicator.code} {self.period}: {self.value}"


def evidence_path(instance, filename):
    import uuid

    from liaise.core.uploads import ACCEPTED

    return f"reporting/evidence/{instance.indicator_id}/{uuid.uuid4().hex}{ACCEPTED.get(instance.content_type, '.bin')}"


class ReportedValue(models.Model):
    """A partner's value of a reported indicator for a period, with its evidence. It counts only once a project
    coordinator has approved it; every change is kept (:class:`ReportedValueChange`)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reported_values",
                                  verbose_name=_("indicator"))
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reported_values",
                               verbose_name=_("reporting period"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="reported_values",
                                     verbose_name=_("partner"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.TextField(_("explanation"), blank=True, max_length=2000,
                            help_text=_("How the figure was obtained. Aggregates only: never a person."))
    evidence_link = models.URLField(_("evidence (link)"), blank=True, max_length=500)
    evidence_file = models.FileField(_("evidence (file)"), upload_to=evidence_path, blank=True, max_length=200)
    content_type = models.CharField(max_length=100, editable=False, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    review_comment = models.TextField(_("coordinator's comment"), blank=True, max_length=2000)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    updated = models.DateTimeField(_("last update"), auto_now=True)

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        ordering = ["indicator", "period", "organisation__name"]
        constraints = [
            models.UniqueConstraint("indicator", "period", "organisation", name="reporting_value_one_per_partner"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.period} {self.organisation}"


class ReportedValueChange(models.Model):
    """One step of a reported value's history: who did what, when, and the value at that moment."""

    reported_value = models.ForeignKey(ReportedValue, on_delete=models.CASCADE, related_name="changes",
                                       verbose_name=_("reported value"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    action = models.CharField(_("action"), max_length=12)
    status = models.CharField(_("status"), max_length=10, choices=ReportedValue.Status.choices)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("change of a reported value")
        verbose_name_plural = _("changes of reported values")
        ordering = ["reported_value", "at", "pk"]

    def __str__(self):
        return f"{self.reported_value} {self.action} {self.at:%Y-%m-%d}"


class Narrative(models.Model):
    """Part B of the periodic report: what a work package did in a period, written by its lead partner."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    work_package = models.ForeignKey(WorkPackage, on_delete=models.CASCADE, related_name="narratives",
                                     verbose_name=_("work package"))
    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="narratives",
                               verbose_name=_("reporting period"))
    text = models.TextField(_("progress"), blank=True, max_length=20000, help_text=_("Markdown."))
    deviations = models.TextField(_("deviations from the plan and their reasons"), blank=True, max_length=10000,
                                  help_text=_("Markdown."))
    status = models.CharField(_("status"), max_length=6, choices=Status.choices, default=Status.DRAFT)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("last edited by"))
    updated = models.DateTimeField(_("last update"), auto_now=True)

    class Meta:
        verbose_name = _("work package narrative")
        verbose_name_plural = _("work package narratives")
        constraints = [models.UniqueConstraint("work_package", "period", name="reporting_narrative_one_per_period")]

    def __str__(self):
        return f"{self.work_package.code} {self.period}"


def report_document_path(instance, filename):
    return f"reports/{uuid.uuid4().hex}.pdf"


class ReportDocument(models.Model):
    """The latest PDF of a period's report in one language, drawn by the worker (``reporting.documents``).
    ``digest`` is a hash of what the PDF shows (its HTML): a download serves the file while it still matches the
    work plan, the values and the narratives, and asks the worker for a new one when it does not. The report holds
    aggregates and organisations only, no data about a person."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="documents")
    language = models.CharField(max_length=10)
    digest = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=report_document_path, max_length=200, blank=True)
    drawn = models.DateTimeField(null=True, blank=True)
    requested = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("periodic report PDF")
        verbose_name_plural = _("periodic report PDFs")
        constraints = [models.UniqueConstraint(fields=["period", "language"], name="reporting_document_one_per_lang")]

    def __str__(self):
        return f"{self.period} ({self.language})"
