from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaise.core.filters import MAX_SLUG_LENGTH, FilterForm
from liaise.network.models import Topic

from .models import NEEDS_CONSENT_TEXT, Event, Message, Registration
from .queries import EventFilters, event_filters


class RegistrationForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email"), max_length=254)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    # A callable: the country names are read at render time, in the visitor's language.
    country = forms.ChoiceField(label=_("Country"), choices=lambda: [("", "—"), *countries])
    participant_type = forms.ChoiceField(label=_("You are"), choices=Registration.ParticipantType.choices)
    gender = forms.ChoiceField(
        label=_("Gender (optional)"), required=False,
        choices=[("", _("— not declared")), *Registration.Gender.choices],
        help_text=_("Optional, and “Prefer not to say” is a choice too. Used only for the project's aggregate "
                    "statistics to its funder (never shown below 5 people, never guessed when left empty)."),
    )
    needs = forms.CharField(
        label=_("Accessibility or dietary needs (optional)"), required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("This can reveal health or religious information: it is shown only to the organisers and "
                    "deleted after the event."),
    )
    needs_consent = forms.BooleanField(label=NEEDS_CONSENT_TEXT, required=False)
    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my registration is processed as it says."),
        required=True,
    )

    def __init__(self, *args, ask_needs: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_needs:  # the event's organisers chose not to ask (Event.ask_needs)
            del self.fields["needs"], self.fields["needs_consent"]

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


class EventFilterForm(FilterForm):
    """The event list's filters, parsed by ``queries.event_filters``; a refused value is an error next to its
    field."""

    project = forms.CharField(label=_("Project"), required=False, max_length=MAX_SLUG_LENGTH)
    kind = forms.CharField(label=_("Kind"), required=False, max_length=40,
                           widget=forms.Select(choices=[("", _("All kinds")), *Event.Kind.choices]))
    topic = forms.CharField(label=_("Topic"), required=False, max_length=MAX_SLUG_LENGTH)
    country = forms.CharField(label=_("Country"), required=False, max_length=2)
    when = forms.CharField(
        label=_("When"), required=False, max_length=20,
        widget=forms.Select(choices=[("", _("All dates")), ("upcoming", _("Upcoming")), ("past", _("Past"))]),
    )

    def __init__(self, *args, user=None, projects=(), **kwargs):
        super().__init__(*args, filter_set=event_filters(user), **kwargs)
        self.fields["project"].widget = forms.Select(
            choices=[("", _("All projects"))] + [(p.slug, p.acronym) for p in projects]
        )
        self.fields["topic"].widget = forms.Select(
            choices=[("", _("All topics"))] + [(t.slug, t.name) for t in Topic.objects.order_by("position")]
        )
        self.fields["country"].widget = forms.Select(choices=[("", _("All countries")), *countries])

    def filters(self) -> EventFilters:
        return EventFilters.of(self.values())


class MessageForm(forms.Form):
    """A message from the organisers to a group of registrants (plain text)."""

    audience = forms.ChoiceField(label=_("Send to"), widget=forms.RadioSelect)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Message"), max_length=10000, widget=forms.Textarea(attrs={"rows": 10}),
                           help_text=_("Plain text. Each person receives their own copy, greeted by name, with "
                                       "the link to their registration; nobody sees the others' addresses."))

    def __init__(self, *args, counts: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audience"].choices = [
            (value, f"{label} ({counts.get(value, 0)})") for value, label in Message.Audience.choices
        ]
