"""Forms of the work plan, the results framework, reported values and narratives. They check their fields only;
the rules between fields and rows (months within the project, codes twice, overlapping periods, targets below
zero...) are the services', whose messages the views put next to the field (``add_to_form``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from liaise.core.fields import ModelChoiceField, ModelForm
from liaise.network.models import Organisation, Partnership, Project

from .models import (
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

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NO_PERSONAL_DATA = _("Aggregates only: never a person's name or details.")


class ItemForm(ModelForm):
    """A work-plan item's fields, its choices narrowed to ``project``. The model's own checks (codes, months,
    constraints) are left to the service, which answers with a message for the field."""

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        partners = Organisation.objects.filter(partnerships__project=project).order_by("name")
        packages = WorkPackage.objects.filter(project=project).order_by("number")
        for name, field in self.fields.items():
            if name == "lead":
                field.queryset = partners
            elif name in ("work_package", "work_packages"):
                field.queryset = packages
            if isinstance(field, forms.DateField):
                field.widget = DATE
            if name.endswith("_month"):
                field.help_text = _("Project month, 1 to %(n)s (month 1 begins on %(start)s).") % {
                    "n": project.duration_months, "start": project.start.strftime("%d/%m/%Y")}

    def _post_clean(self):
        """No model validation here (see the class): the service does it, with its messages."""


class PeriodForm(ItemForm):
    class Meta:
        model = ReportingPeriod
        fields = ["number", "first_month", "last_month"]


class WorkPackageForm(ItemForm):
    class Meta:
        model = WorkPackage
        fields = ["number", "title", "lead", "start_month", "end_month", "objectives"]
        widgets = {"objectives": forms.Textarea(attrs={"rows": 4})}


class DeliverableForm(ItemForm):
    upload = forms.FileField(label=_("File"), required=False, help_text=_("PDF, DOCX, PPTX, ODT, PNG or JPEG."))

    class Meta:
        model = Deliverable
        fields = ["work_package", "number", "title", "type", "dissemination", "lead", "due_month", "status",
                  "link", "submitted_on"]


class MilestoneForm(ItemForm):
    class Meta:
        model = Milestone
        fields = ["number", "title", "work_package", "due_month", "verification", "achieved_on"]


class RiskForm(ItemForm):
    class Meta:
        model = Risk
        fields = ["number", "description", "work_packages", "likelihood", "severity", "mitigation"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "mitigation": forms.Textarea(attrs={"rows": 3}),
                   "work_packages": forms.CheckboxSelectMultiple}


class RiskReviewForm(ModelForm):
    class Meta:
        model = RiskReview
        fields = ["materialised", "state_of_play"]
        widgets = {"state_of_play": forms.Textarea(attrs={"rows": 5})}

    def _post_clean(self):
        """The service checks the rest."""


def _metric_choices():
    try:
        from . import metrics
    except ImportError:
        from .services import KNOWN_METRICS

        return [("", "—"), *((name, name.replace("_", " ")) for name in KNOWN_METRICS)]
    return [("", "—"), *((name, str(metric.label)) for name, metric in metrics.METRICS.items())]


class IndicatorForm(ItemForm):
    """An indicator and, in the same form, its target for each of the project's reporting periods."""

    class Meta:
        model = Indicator
        fields = ["code", "title", "definition", "unit", "unit_label", "baseline", "final_target", "cumulative",
                  "source", "metric", "metric_option", "pilot_indicators", "work_package", "public", "position"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3}),
                   "pilot_indicators": forms.CheckboxSelectMultiple}

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        from liaise.pilots.models import Indicator as PilotIndicator

        self.fields["metric"] = forms.ChoiceField(
            label=_("Metric"), required=False, choices=_metric_choices(),
            help_text=_("For a computed indicator: what Liaise counts."))
        self.fields["pilot_indicators"].queryset = PilotIndicator.objects.filter(
            pilot__project=self.project).select_related("pilot").order_by("pilot__title", "position")
        self.fields["pilot_indicators"].label_from_instance = lambda i: f"{i.pilot.title}: {i.name}"
        self.periods = list(periods)
        targets = {t.period_id: t.value for t in self.instance.targets.all()} if self.instance.pk else {}
        for period in self.periods:
            self.fields[f"target_{period.number}"] = forms.DecimalField(
                label=_("Target for %(period)s") % {"period": period.label}, required=False, max_digits=12,
                decimal_places=2, initial=targets.get(period.pk))

    def target_fields(self):
        return [self[f"target_{p.number}"] for p in self.periods]

    def main_fields(self):
        return [field for field in self if not field.name.startswith("target_")]

    def targets(self) -> dict:
        return {p: self.cleaned_data.get(f"target_{p.number}") for p in self.periods}


class ReportedValueForm(ModelForm):
    """A partner's value: for a new one, also the period and the organisation (among those the user acts for)."""

    period = ModelChoiceField(label=_("Reporting period"), queryset=ReportingPeriod.objects.none())
    organisation = ModelChoiceField(label=_("For the partner"), queryset=Partnership.objects.none())
    upload = forms.FileField(label=_("Evidence (file)"), required=False,
                             help_text=_("PDF, DOCX, PPTX, ODT, PNG or JPEG."))

    class Meta:
        model = ReportedValue
        fields = ["value", "note", "evidence_link"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    field_order = ["period", "organisation", "value", "note", "evidence_link", "upload"]

    def __init__(self, *args, periods=None, partnerships=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["note"].help_text = _("How the figure was obtained. ") + NO_PERSONAL_DATA
        if periods is None:
            del self.fields["period"], self.fields["organisation"]
        else:
            self.fields["period"].queryset = periods
            self.fields["period"].label_from_instance = lambda p: p.label
            self.fields["organisation"].queryset = partnerships
            self.fields["organisation"].label_from_instance = lambda p: p.organisation.name

    def _post_clean(self):
        """The service checks the rest."""


class ReviewForm(forms.Form):
    comment = forms.CharField(label=_("Comment for the partner"), required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, required=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = required
        if required:
            self.fields["comment"].help_text = _("Required: say what to change.")


class NarrativeForm(ModelForm):
    class Meta:
        model = Narrative
        fields = ["text", "deviations", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 12}), "deviations": forms.Textarea(attrs={"rows": 6})}

    def _post_clean(self):
        """The service checks the rest."""
