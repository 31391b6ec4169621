from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaise.core.fields import DateField, ModelChoiceField, ModelMultipleChoiceField
from liaise.learning.models import Training
from liaise.network.models import Project, Topic, Visibility

from .models import NO_PERSONAL_DATA, Milestone, Pilot, TargetGroup


class LinesField(forms.CharField):
    """A list edited as a textarea, one item per line."""

    widget = forms.Textarea

    def __init__(self, *args, max_items=30, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 6000)
        super().__init__(*args, **kwargs)
        self.max_items = max_items
        self.widget.attrs.setdefault("rows", 4)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value

    def clean(self, value):
        text = super().clean(value) or ""
        items = [line.strip(" -•\t") for line in text.splitlines()]
        items = [item for item in items if item]
        if len(items) > self.max_items:
            raise forms.ValidationError(_("At most %(n)d lines.") % {"n": self.max_items})
        if any(len(item) > 300 for item in items):
            raise forms.ValidationError(_("Keep each line under 300 characters."))
        return items


def lines(label, help_text=""):
    return LinesField(label=label, help_text=help_text or _("One per line."))


class PilotForm(forms.Form):
    project = ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    organisation = ModelChoiceField(label=_("Owning partner"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False, max_length=3000,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("Markdown. A few sentences for the pilot list. ") + NO_PERSONAL_DATA)
    problem = forms.CharField(label=_("Problem statement"), max_length=6000, widget=forms.Textarea(attrs={"rows": 5}),
                              help_text=_("Markdown. What local problem the pilot addresses, from the diagnosis. ")
                              + NO_PERSONAL_DATA)
    topics = ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.order_by("position"),
                                      widget=forms.CheckboxSelectMultiple)
    target_groups = ModelMultipleChoiceField(
        label=_("Target groups"), queryset=TargetGroup.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple, help_text=_("Groups, never individuals."),
    )
    trainings = ModelMultipleChoiceField(label=_("Trainings applied"), required=False,
                                         queryset=Training.objects.none(), widget=forms.CheckboxSelectMultiple)
    agencies = lines(_("Multi-agency partners"), _("Local agencies working on the pilot (schools, youth services, "
                                                   "police…): one per line. Organisations, not people."))
    budget = forms.DecimalField(label=_("Budget in EUR (optional)"), required=False, min_value=0, max_digits=12,
                                decimal_places=2)
    start = DateField(label=_("Start (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = DateField(label=_("End (optional)"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=Visibility.choices, initial=Visibility.PARTNERS,
                                   help_text=Pilot._meta.get_field("visibility").help_text)
    inputs = lines(_("Inputs"), _("Resources: staff time, funding, partners… one per line."))
    activities = lines(_("Activities"), _("What the pilot does: one per line."))
    outputs = lines(_("Outputs"), _("What the activities produce (sessions held, people trained…): one per line."))
    outcomes = lines(_("Outcomes"), _("Changes expected for the target groups: one per line."))
    impact = lines(_("Impact"), _("The long-term change sought: one per line."))
    lessons_learned = forms.CharField(label=_("Lessons learned"), required=False, max_length=6000,
                                      widget=forms.Textarea(attrs={"rows": 5}),
                                      help_text=_("Markdown. Needed to complete the pilot. ") + NO_PERSONAL_DATA)

    def __init__(self, *args, projects=None, organisations=None, trainings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["organisation"].queryset = organisations
        self.fields["trainings"].queryset = trainings
        self.fields["trainings"].label_from_instance = lambda t: f"{t.event.title} ({t.event.local_start:%d/%m/%Y})"

    @staticmethod
    def initial_for(pilot: Pilot | None, project: Project | None = None) -> dict:
        """The form filled with ``pilot`` (every field), or, for a new pilot, with its project if known."""
        if pilot is None:
            return {"project": project} if project is not None else {}
        initial = {name: getattr(pilot, name) for name in (
            "title", "summary", "problem", "agencies", "budget", "start", "end", "visibility", "lessons_learned",
            *Pilot.LOGIC_MODEL)}
        initial.update(project=pilot.project, organisation=pilot.organisation, topics=list(pilot.topics.all()),
                       target_groups=list(pilot.target_groups.all()), trainings=list(pilot.trainings.all()))
        return initial

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end comes before the start."))
        return data


class StopForm(forms.Form):
    reason = forms.CharField(label=_("Why does the pilot stop?"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}), help_text=NO_PERSONAL_DATA)


class IndicatorForm(forms.Form):
    name = forms.CharField(label=_("Indicator"), max_length=200, help_text=NO_PERSONAL_DATA)
    unit = forms.CharField(label=_("Unit"), max_length=40, required=False, help_text=_("e.g. schools, %, sessions"))
    baseline = forms.DecimalField(label=_("Baseline"), max_digits=12, decimal_places=2)
    target = forms.DecimalField(label=_("Target"), max_digits=12, decimal_places=2)


class MeasurementForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("Indicator"), coerce=int)
    date = DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    value = forms.DecimalField(label=_("Value (an aggregate number)"), max_digits=12, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=300, required=False, help_text=NO_PERSONAL_DATA)

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.pk, i.name) for i in indicators]

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("A measurement cannot be in the future."))
        return value


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200, help_text=NO_PERSONAL_DATA)
    due = DateField(label=_("Due on"), widget=forms.DateInput(attrs={"type": "date"}))


class MilestoneStatusForm(forms.Form):
    milestone = ModelChoiceField(queryset=Milestone.objects.none(), widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), choices=Milestone.Status.choices)

    def __init__(self, *args, milestones=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestone"].queryset = milestones if milestones is not None else Milestone.objects.none()


class UpdateForm(forms.Form):
    text = forms.CharField(label=_("Journal entry"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Markdown. ") + NO_PERSONAL_DATA)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Your comment"), max_length=3000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=NO_PERSONAL_DATA)


class IdeaForm(forms.Form):
    project = ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    organisation = ModelChoiceField(label=_("Posted for"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("The idea"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("Markdown. The problem, the target groups, what you would try. ")
                           + NO_PERSONAL_DATA)
    topics = ModelMultipleChoiceField(label=_("Topics"), required=False,
                                      queryset=Topic.objects.order_by("position"),
                                      widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, projects=None, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["organisation"].queryset = organisations
