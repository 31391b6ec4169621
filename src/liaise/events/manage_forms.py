"""Forms of the organisers' pages. Dates and times are typed in the event's time zone (a ``datetime-local``
input, no JavaScript) and come out aware; the services (``programme.py``) check what depends on the data."""

import zoneinfo
from datetime import datetime

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from liaise.core.fields import DateField, DateTimeField, ModelChoiceField, ModelMultipleChoiceField, check_year
from liaise.network.models import Organisation, Person, Project, Topic, Visibility
from liaise.network.rules import view_organisation

from .models import Event, Material, Room, Session, SpeakerRole, Venue

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"
COMMON_ZONES = ["Europe/Paris", "Europe/Berlin", "Europe/Brussels", "Europe/Madrid", "Europe/Rome",
                "Europe/Amsterdam", "Europe/Copenhagen", "Europe/Stockholm", "Europe/Vienna", "Europe/Warsaw",
                "Europe/Prague", "Europe/Budapest", "Europe/Athens", "Europe/Helsinki", "Europe/Bucharest",
                "Europe/Sofia", "Europe/Lisbon", "Europe/Dublin", "Europe/London", "Europe/Istanbul", "UTC"]


def zone_choices():
    others = sorted(zoneinfo.available_timezones() - set(COMMON_ZONES))
    return [(z, z) for z in COMMON_ZONES] + [(z, z) for z in others if "/" in z and not z.startswith("Etc/")]


class LocalDateTimeField(DateTimeField):
    """A date and time typed in the event's time zone; ``localise(form, tz)`` makes it aware in ``clean``."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("input_formats", [LOCAL_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"])
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        # Parsed naive: the time zone is the event's, applied by the form (never the server's).
        if value in self.empty_values:
            return None
        for fmt in self.input_formats:
            try:
                parsed = datetime.strptime(value.strip(), fmt)
            except (ValueError, TypeError):
                continue
            return check_year(parsed)  # year 1 or 9999 would overflow once the event's time zone applies
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


def aware(value: datetime | None, tz: zoneinfo.ZoneInfo) -> datetime | None:
    if value is None:
        return None
    return timezone.make_aware(value.replace(tzinfo=None), tz)


def naive_local(value: datetime | None, tz: zoneinfo.ZoneInfo) -> datetime | None:
    return None if value is None else timezone.localtime(value, tz).replace(tzinfo=None)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Event.Kind.choices)
    project = ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    title = forms.CharField(label=_("Title"), max_length=250)
    summary = forms.CharField(label=_("Summary"), required=False, max_length=6000,
                              widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Markdown."))
    timezone = forms.ChoiceField(label=_("Time zone"), choices=zone_choices, initial="Europe/Paris",
                                 help_text=_("The start and end below are in this time zone."))
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
    organisers = ModelMultipleChoiceField(
        label=_("Organising partners"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Partners of the project. A partner coordinator keeps their own organisation."))
    venues = ModelMultipleChoiceField(label=_("Venues"), queryset=Venue.objects.order_by("city", "name"),
                                      required=False, widget=forms.CheckboxSelectMultiple)
    new_venue_name = forms.CharField(label=_("Or a new venue: name"), max_length=200, required=False)
    new_venue_address = forms.CharField(label=_("New venue: address"), max_length=300, required=False)
    new_venue_city = forms.CharField(label=_("New venue: city"), max_length=120, required=False)
    new_venue_country = forms.ChoiceField(label=_("New venue: country"), required=False,
                                          choices=lambda: [("", "—"), *countries])
    new_venue_rooms = forms.CharField(label=_("New venue: rooms"), required=False, max_length=3000,
                                      widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One room per line."))
    languages = forms.MultipleChoiceField(label=_("Languages"), choices=settings.CONTENT_LANGUAGES, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    topics = ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.order_by("position"),
                                      required=False, widget=forms.CheckboxSelectMultiple)
    visibility = forms.ChoiceField(label=_("Who sees it"), choices=Visibility.choices, initial=Visibility.PUBLIC,
                                   help_text=_("Public; the project's partners; or its organisers only (internal)."))

    def __init__(self, *args, projects=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects
        self.fields["organisers"].queryset = Organisation.objects.filter(
            partnerships__project__in=projects).distinct().order_by("slug")

    def clean(self):
        data = super().clean()
        tz = zoneinfo.ZoneInfo(data.get("timezone") or "UTC")
        for name in ("start", "end"):
            if data.get(name) is not None:
                data[name] = aware(data[name], tz)
        return data

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        tz = event.tz
        return {"kind": event.kind, "project": event.project, "title": event.title, "summary": event.summary,
                "timezone": event.timezone, "start": naive_local(event.start, tz), "end": naive_local(event.end, tz),
                "organisers": list(event.organisers.all()), "venues": list(event.venues.all()),
                "languages": event.languages, "topics": list(event.topics.all()), "visibility": event.visibility}


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Event.Status.choices)
    confirm = forms.BooleanField(required=False)


class DuplicateForm(forms.Form):
    title = forms.CharField(label=_("Title of the new event"), max_length=250)
    start_date = DateField(label=_("It starts on"), widget=forms.DateInput(attrs={"type": "date"}),
                           help_text=_("The sessions move by as many days."))


class RegistrationSettingsForm(forms.Form):
    registration_enabled = forms.BooleanField(label=_("Registration on Liaise"), required=False)
    registration_opens = LocalDateTimeField(label=_("Registration opens (optional)"), required=False)
    registration_closes = LocalDateTimeField(label=_("Registration closes (optional)"), required=False)
    capacity = forms.IntegerField(label=_("Capacity"), required=False, min_value=0, max_value=1_000_000,
                                  help_text=_("Empty: no limit."))
    waitlist_enabled = forms.BooleanField(label=_("Waiting list when full"), required=False)
    ask_needs = forms.BooleanField(
        label=_("Ask for accessibility and dietary needs"), required=False,
        help_text=_("With the participant's consent; shown to the organisers only and deleted after the event."))
    confirmation_text = forms.CharField(
        label=_("Confirmation text"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on the registration page and in the confirmation email (practical details)."))

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["registration_opens"].help_text = self.fields["registration_closes"].help_text = \
            _("In the event's time zone (%(tz)s).") % {"tz": event.timezone}

    def clean(self):
        data = super().clean()
        for name in ("registration_opens", "registration_closes"):
            data[name] = aware(data.get(name), self.event.tz)
        return data

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        return {"registration_enabled": event.registration_enabled, "capacity": event.capacity,
                "registration_opens": naive_local(event.registration_opens, event.tz),
                "registration_closes": naive_local(event.registration_closes, event.tz),
                "waitlist_enabled": event.waitlist_enabled, "ask_needs": event.ask_needs,
                "confirmation_text": event.confirmation_text}


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Session.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=250)
    description = forms.CharField(label=_("Description"), required=False, max_length=6000,
                                  widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Markdown."))
    start = LocalDateTimeField(label=_("Start"))
    end = LocalDateTimeField(label=_("End"))
    room = ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False,
                            empty_label=_("— no room"))
    visibility = forms.ChoiceField(label=_("Who sees it"), required=False,
                                   choices=[("", _("As the event")), *Visibility.choices],
                                   help_text=_("A session can only be narrower than its event."))
    topics = ModelMultipleChoiceField(label=_("Topics"), queryset=Topic.objects.order_by("position"),
                                      required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["room"].queryset = Room.objects.filter(venue__events=event).select_related("venue")
        self.fields["start"].help_text = self.fields["end"].help_text = \
            _("In the event's time zone (%(tz)s).") % {"tz": event.timezone}

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            data[name] = aware(data.get(name), self.event.tz)
        return data

    @classmethod
    def initial_for(cls, session: Session, event: Event) -> dict:
        return {"kind": session.kind, "title": session.title, "description": session.description,
                "start": naive_local(session.start, event.tz), "end": naive_local(session.end, event.tz),
                "room": session.room_id, "visibility": session.visibility, "topics": list(session.topics.all())}


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Guiding question"), max_length=400)


class SpeakerForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=SpeakerRole.Role.choices)
    person = ModelChoiceField(label=_("A person of the network"), required=False,
                              queryset=Person.objects.select_related("organisation").order_by("name"),
                              empty_label=_("— or a new person below"))
    new_name = forms.CharField(label=_("New person: name"), max_length=150, required=False)
    new_title = forms.CharField(label=_("New person: public title"), max_length=250, required=False,
                                help_text=_("E.g. “Deputy Mayor of Bordeaux”. Public information only."))
    new_organisation = ModelChoiceField(label=_("New person: organisation"), required=False,
                                        queryset=Organisation.objects.order_by("slug"))
    affiliation = forms.CharField(label=_("Affiliation at this session (optional)"), max_length=250, required=False,
                                  help_text=_("Empty: the person's public title."))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only people and organisations the user may see (an organisation of a hidden project does not exist).
        organisations = view_organisation.filter(user, Organisation.objects.all())
        self.fields["person"].queryset = self.fields["person"].queryset.filter(
            Q(organisation__isnull=True) | Q(organisation__in=organisations))
        self.fields["new_organisation"].queryset = organisations.order_by("slug")


class MaterialForm(forms.Form):
    """A material's title, kind, visibility and session (of the event)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Material.Kind.choices, initial=Material.Kind.OTHER)
    visibility = forms.ChoiceField(
        label=_("Who sees it"), choices=Visibility.choices, initial=Visibility.PARTNERS,
        help_text=_("Never wider than its event (and its session): the narrowest of them applies."))
    session = ModelChoiceField(label=_("Session (optional)"), queryset=Session.objects.none(), required=False,
                               empty_label=_("— the whole event"))

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = event.sessions.order_by("start", "pk")

    @classmethod
    def initial_for(cls, material: Material) -> dict:
        return {"title": material.title, "kind": material.kind, "visibility": material.visibility,
                "session": material.session_id}


class MaterialUploadForm(MaterialForm):
    file = forms.FileField(label=_("File"), help_text=_("PDF, DOCX, PPTX, ODT, PNG or JPEG."))

    field_order = ["file", "title", "kind", "visibility", "session"]


class VenueForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    city = forms.CharField(label=_("City"), max_length=120)
    country = forms.ChoiceField(label=_("Country"), choices=lambda: [("", "—"), *countries])

    @classmethod
    def initial_for(cls, venue: Venue) -> dict:
        return {"name": venue.name, "address": venue.address, "city": venue.city,
                "country": venue.country.code if venue.country else ""}


class NewVenueForm(VenueForm):
    rooms = forms.CharField(label=_("Rooms"), required=False, max_length=3000,
                            widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One room per line."))


class RoomForm(forms.Form):
    room_name = forms.CharField(label=_("Room"), max_length=120)
    capacity = forms.IntegerField(label=_("Capacity (optional)"), required=False, min_value=0,
                                  max_value=1_000_000)
