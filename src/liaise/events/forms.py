from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaise.network.models import Topic

from .models import Event, Registration
from .queries import EventFilters


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    # A callable: the country names are read at render time, in the visitor's language.
    country = forms.ChoiceField(label=_("Country"), choices=lambda: [("", "—"), *countries])
    participant_type = forms.ChoiceField(label=_("You are"), choices=Registration.ParticipantType.choices)
    needs = forms.CharField(
        label=_("Accessibility or dietary needs (optional)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("This can reveal health or religious information: it is shown only to the organisers and "
                    "deleted after the event."),
    )
    needs_consent = forms.BooleanField(
        label=_("I agree that the organisers use these needs to prepare the event."), required=False
    )
    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my registration is processed as it says."),
        required=True,
    )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if "<" in name or ">" in name:
            raise forms.ValidationError(_("A name cannot contain < or >."))
        if not name:
            raise forms.ValidationError(_("This field is required."))
        return name

    def clean(self):
        data = super().clean()
        if data.get("needs", "").strip() and not data.get("needs_consent"):
            self.add_error(
                "needs_consent",
                _("To tell us about your needs, tick this box, or leave the needs empty."),
            )
        return data


class EventFilterForm(forms.Form):
    project = forms.SlugField(label=_("Project"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *Event.Kind.choices])
    topic = forms.SlugField(label=_("Topic"), required=False)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    when = forms.ChoiceField(
        label=_("When"), required=False,
        choices=[("", _("All dates")), ("upcoming", _("Upcoming")), ("past", _("Past"))],
    )

    def __init__(self, *args, projects=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].widget = forms.Select(
            choices=[("", _("All projects"))] + [(p.slug, p.acronym) for p in projects]
        )
        self.fields["topic"].widget = forms.Select(
            choices=[("", _("All topics"))] + [(t.slug, t.name) for t in Topic.objects.order_by("position")]
        )
        self.fields["country"].widget = forms.Select(choices=[("", _("All countries")), *countries])
        self._projects = {p.slug for p in projects}

    def clean_project(self):
        value = self.cleaned_data.get("project", "")
        if value and value not in self._projects:
            raise forms.ValidationError(_("Unknown project: choose one from the list."))
        return value

    def clean_topic(self):
        value = self.cleaned_data.get("topic", "")
        if value and not Topic.objects.filter(slug=value).exists():
            raise forms.ValidationError(_("Unknown topic: choose one from the list."))
        return value

    def clean_country(self):
        value = (self.cleaned_data.get("country") or "").upper()
        if value and value not in dict(countries):
            raise forms.ValidationError(_("Unknown country: choose one from the list."))
        return value

    def filters(self) -> EventFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return EventFilters(**{k: data.get(k) or "" for k in ("project", "kind", "topic", "country", "when")})

