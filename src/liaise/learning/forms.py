from django import forms
from django.utils.translation import gettext_lazy as _

from liaise.core.fields import DateTimeField, ModelChoiceField, ModelMultipleChoiceField
from liaise.events.models import Event, validate_timezone
from liaise.network.models import Organisation, Visibility

from .models import Module

RATINGS = [(n, str(n)) for n in range(5, 0, -1)]


class FeedbackForm(forms.Form):
    overall = forms.TypedChoiceField(label=_("Overall, how useful was this training?"), choices=RATINGS, coerce=int,
                                     widget=forms.RadioSelect, help_text=_("5 = very useful, 1 = not useful"))
    relevance = forms.TypedChoiceField(label=_("How relevant was it to your work?"), choices=RATINGS, coerce=int,
                                       widget=forms.RadioSelect, help_text=_("5 = very relevant, 1 = not relevant"))
    trainers = forms.TypedChoiceField(label=_("How clear were the trainers?"), choices=RATINGS, coerce=int,
                                      widget=forms.RadioSelect, help_text=_("5 = very clear, 1 = not clear"))
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your answer is anonymous: do not write your name, and do not describe any person."),
    )


class AttendanceForm(forms.Form):
    """One checkbox per (trainee, module), named ``a-<registration id>-<module id>``."""

    def __init__(self, *args, rows=(), modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rows, self.modules = list(rows), list(modules)
        for row in self.rows:
            for module in self.modules:
                self.fields[f"a-{row.registration.pk}-{module.pk}"] = forms.BooleanField(
                    required=False, initial=module.pk in row.attended,
                    label=f"{row.registration.name}: {module.title}",
                )

    def attended(self) -> dict[int, set[int]]:
        result: dict[int, set[int]] = {}
        for name, value in self.cleaned_data.items():
            if value:
                _prefix, registration_id, module_id = name.split("-")
                result.setdefault(int(registration_id), set()).add(int(module_id))
        return result


class TrainingForm(forms.Form):
    """A training: with an existing event or a new one (creating only), then the partner trained, the modules,
    the trainers and whether the feedback survey is open. Choices are those of the training's project
    (``queries.training_form_choices``); a value from elsewhere gets a message next to its field."""

    EXISTING, NEW = "existing", "new"
    EVENT_FIELDS = ("event_source", "event", "title", "start", "end", "timezone", "city", "visibility", "status")
    TRAINING_FIELDS = ("partner", "modules", "trainers", "feedback_open")

    event_source = forms.ChoiceField(
        label=_("Event"), widget=forms.RadioSelect, initial=NEW,
        choices=[(NEW, _("Create the training's event now")),
                 (EXISTING, _("Use an existing training event of the project"))])
    event = ModelChoiceField(
        label=_("Existing training event"), required=False, queryset=Event.objects.none(),
        help_text=_("Events of kind “training” you manage that have no training yet."),
        error_messages={"invalid_choice": _("Choose a training event of this project that you manage and that "
                                            "has no training yet.")})
    title = forms.CharField(label=_("Title of the new event"), required=False, max_length=250)
    start = DateTimeField(label=_("Start"), required=False,
                          widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                          help_text=_("Local time in the event's time zone."))
    end = DateTimeField(label=_("End"), required=False,
                        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    timezone = forms.CharField(label=_("Time zone"), initial="Europe/Paris", max_length=64, required=False,
                               validators=[validate_timezone], help_text=_("e.g. Europe/Paris, Europe/Berlin."))
    city = forms.CharField(label=_("Venue city"), required=False, max_length=120,
                           help_text=_("Empty: no venue yet (online, or to be decided)."))
    visibility = forms.ChoiceField(label=_("Who sees the event"), choices=Visibility.choices,
                                   initial=Visibility.PUBLIC)
    status = forms.ChoiceField(label=_("Status"), initial=Event.Status.DRAFT,
                               choices=[(Event.Status.DRAFT, Event.Status.DRAFT.label),
                                        (Event.Status.PUBLISHED, Event.Status.PUBLISHED.label)],
                               help_text=_("A draft is seen only by the event's managers."))
    partner = ModelChoiceField(
        label=_("Partner authority trained"), queryset=Organisation.objects.none(),
        help_text=_("The partner of the project whose staff is trained."),
        error_messages={"invalid_choice": _("Choose a partner of this project: its staff is trained.")})
    modules = ModelMultipleChoiceField(
        label=_("Modules delivered"), queryset=Module.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Modules of the project's curriculum, delivered in the curriculum's order."),
        error_messages={"invalid_choice": _("Choose modules of this project's curriculum."),
                        "invalid_pk_value": _("Choose modules of this project's curriculum.")})
    trainers = ModelMultipleChoiceField(
        label=_("Trainers"), required=False, queryset=Module.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("People with the expert role in the project."),
        error_messages={"invalid_choice": _("Choose trainers among the experts of this project."),
                        "invalid_pk_value": _("Choose trainers among the experts of this project.")})
    feedback_open = forms.BooleanField(label=_("The anonymous feedback survey is open"), required=False,
                                       initial=True)

    def __init__(self, *args, choices=None, creating=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = creating
        if not creating:
            for name in self.EVENT_FIELDS:
                del self.fields[name]
        else:
            self.fields["event"].queryset = choices.events
            self.fields["event"].label_from_instance = lambda e: f"{e.title} ({e.local_start:%d/%m/%Y})"
        self.fields["partner"].queryset = choices.partners
        self.fields["modules"].queryset = choices.modules
        self.fields["modules"].label_from_instance = lambda m: f"{m.title} ({m.topic.name}, {m.duration_minutes} min)"
        self.fields["trainers"].queryset = choices.trainers
        self.fields["trainers"].label_from_instance = lambda u: u.full_name or u.email

    def event_fields(self):
        return [self[name] for name in self.EVENT_FIELDS if name in self.fields]

    def training_fields(self):
        return [self[name] for name in self.TRAINING_FIELDS]

    @staticmethod
    def initial_for(training) -> dict:
        return {"partner": training.partner, "modules": list(training.modules.all()),
                "trainers": list(training.trainers.all()), "feedback_open": training.feedback_open}

    def clean(self):
        data = super().clean()
        if not self.creating:
            return data
        if data.get("event_source") == self.EXISTING:
            if not data.get("event") and "event" not in self.errors:
                self.add_error("event", _("Choose the training's event."))
            return data
        for name, message in (("title", _("Give the event a title.")), ("start", _("Give the start.")),
                              ("end", _("Give the end."))):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        zone = data.get("timezone") or "Europe/Paris"
        if data.get("start") and data.get("end") and "timezone" not in self.errors:
            data["start"], data["end"] = (in_zone(data["start"], zone), in_zone(data["end"], zone))
            if data["end"] < data["start"]:
                self.add_error("end", _("The end comes before the start."))
        data["timezone"] = zone
        return data


def in_zone(value, zone: str):
    """The wall-clock time typed in the form, read in the event's time zone ``zone``."""
    import zoneinfo

    from django.utils import timezone as tz

    naive = tz.make_naive(value) if tz.is_aware(value) else value
    return naive.replace(tzinfo=zoneinfo.ZoneInfo(zone))
