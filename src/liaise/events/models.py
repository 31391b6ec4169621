"""Events (meetings, conferences, trainings), venues and rooms, sessions with guiding questions and speaker
roles, registrations with a waiting list, and materials.

Capacity is enforced by the database: ``Event.confirmed_count`` can never exceed ``Event.capacity`` (a check
constraint), and a seat is taken by one conditional UPDATE (see ``services.register``), so concurrent
registrations can never overbook, on SQLite or PostgreSQL.
"""

import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaise.network.models import Organisation, Person, Project, Topic, Visibility

VISIBILITY_RANK = {Visibility.PUBLIC: 0, Visibility.PARTNERS: 1, Visibility.ORGANISERS: 2}


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a time zone such as Europe/Paris."), params={"value": value})


class Venue(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["slug"]

    def __str__(self):
        return f"{self.name}, {self.city}"


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("venue"))
    name = models.CharField(_("name"), max_length=120)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue", "name"]
        constraints = [models.UniqueConstraint(fields=["venue", "name"], name="events_room_unique_name")]

    def __str__(self):
        return f"{self.name} ({self.venue.name})"


class Event(models.Model):
    class Kind(models.TextChoices):
        INTERNAL_MEETING = "internal_meeting", _("Internal meeting")
        WORKSHOP = "workshop", _("Workshop")
        CONFERENCE = "conference", _("Conference")
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="events", verbose_name=_("project"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    venues = models.ManyToManyField(Venue, blank=True, related_name="events", verbose_name=_("venues"))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris",
                                validators=[validate_timezone])
    languages = models.JSONField(_("languages"), default=list, blank=True,
                                 help_text=_("Language codes, e.g. [\"en\", \"fr\"]."))
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    organisers = models.ManyToManyField(Organisation, blank=True, related_name="organised_events",
                                        verbose_name=_("organising partners"))
    topics = models.ManyToManyField(Topic, blank=True, related_name="events", verbose_name=_("topics"))
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Empty: no limit."))
    waitlist_enabled = models.BooleanField(_("waiting list"), default=True)
    registration_opens = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes = models.DateTimeField(_("registration closes"), null=True, blank=True)
    registration_enabled = models.BooleanField(_("registration on Liaise"), default=True)
    confirmed_count = models.PositiveIntegerField(_("confirmed seats"), default=0, editable=False)
    ask_needs = models.BooleanField(
        _("ask for accessibility and dietary needs"), default=True,
        help_text=_("The registration form asks for needs (with the consent to use them)."))
    confirmation_text = models.TextField(
        _("confirmation text"), blank=True, max_length=3000,
        help_text=_("Shown on the registration page and in the confirmation email."))
    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=20, default="2016-05")
    updated = models.DateTimeField(_("last update"), auto_now=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="events_event_end_after_start"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(confirmed_count__lte=F("capacity")),
                name="events_event_never_overbooked",
            ),
            models.CheckConstraint(
                condition=Q(registration_opens__isnull=True) | Q(registration_closes__isnull=True)
                | Q(registration_closes__gte=F("registration_opens")),
                name="events_event_registration_window_ordered",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tz)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed_count, 0)


class Session(models.Model):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening")
        KEYNOTE = "keynote", _("Keynote")
        PLENARY = "plenary", _("Plenary")
        ROUND_TABLE = "round_table", _("Round table")
        WORKSHOP = "workshop", _("Workshop")
        INTERNAL_MEETING = "internal_meeting", _("Internal meeting")
        BREAK = "break", _("Break")
        CLOSING = "closing", _("Closing")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event"))
    slug = models.SlugField(_("slug"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions",
                             verbose_name=_("room"))
    topics = models.ManyToManyField(Topic, blank=True, related_name="sessions", verbose_name=_("topics"))
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, blank=True,
        help_text=_("Empty: as the event. A session can only be narrower than its event."),
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start", "end", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "slug"], name="events_session_unique_slug"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="events_session_end_after_start"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.event.get_absolute_url()}#session-{self.slug}"

    def effective_visibility(self, event: Event | None = None) -> str:
        """The narrower of the event's and the session's own visibility (inherited downward)."""
        event = event or self.event
        own = self.visibility or event.visibility
        return max(own, event.visibility, key=lambda v: VISIBILITY_RANK[v])


class GuidingQuestion(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="questions",
                                verbose_name=_("session"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.CharField(_("question"), max_length=400)

    class Meta:
        verbose_name = _("guiding question")
        verbose_name_plural = _("guiding questions")
        ordering = ["session", "position", "pk"]

    def __str__(self):
        return self.text


class SpeakerRole(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        MODERATOR = "moderator", _("Moderator")
        PANELIST = "panelist", _("Panelist")
        KEYNOTE = "keynote", _("Keynote speaker")
        OPENING = "opening", _("Opening speaker")
        CLOSING = "closing", _("Closing speaker")
        EXPERT = "expert", _("Expert contributor")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speakers",
                                verbose_name=_("session"))
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="speaker_roles",
                               verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    affiliation = models.CharField(_("affiliation at the time"), max_length=250, blank=True,
                                   help_text=_("As it was at this session, e.g. “Deputy Mayor of Bordeaux”."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("speaker role")
        verbose_name_plural = _("speaker roles")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person", "role"], name="events_speaker_unique_role"),
        ]

    def __str__(self):
        return f"{self.person} — {self.get_role_display()}"


# The wording of the needs consent box on the registration form; stored with each registration that ticks it
# (Registration.needs_consent_text), in the language it was shown in.
NEEDS_CONSENT_TEXT = _("I agree that the organisers use these needs to prepare the event.")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("Waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class ParticipantType(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        PRACTITIONER = "practitioner", _("Practitioner")
        RESEARCHER = "researcher", _("Researcher")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        OTHER = "other", _("Other")

    class Gender(models.TextChoices):
        """Declared by the participant, optional; "" when not asked or left blank. Statistics show how many
        declared it and never infer it."""
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        SELF = "self", _("Another gender")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    # An erased person's registration keeps what the statistics count (status, country, participant type, gender,
    # attendance) under this name and an address at this domain, which no mail is sent to (events.data_rights).
    ERASED_NAME = "A former member"
    ERASED_DOMAIN = "erased.invalid"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations",
                              verbose_name=_("event"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="registrations", verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), max_length=254)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    country = CountryField(_("country"))
    participant_type = models.CharField(_("participant type"), max_length=20, choices=ParticipantType.choices)
    gender = models.CharField(
        _("gender"), max_length=12, choices=Gender.choices, blank=True,
        help_text=_("Optional: only for the project's statistics. Never inferred."))
    needs = models.TextField(
        _("accessibility or dietary needs"), blank=True, max_length=1000,
        help_text=_("Shown to the organisers only and deleted after the event."),
    )
    needs_consent = models.BooleanField(_("consent to process the needs"), default=False)
    needs_consent_text = models.TextField(
        _("consent text agreed to"), blank=True,
        help_text=_("The exact wording of the needs consent, in the language it was shown in (see language)."))
    privacy_version = models.CharField(_("privacy notice version accepted"), max_length=20)
    language = models.CharField(_("language"), max_length=8, default="en",
                                help_text=_("The language of the emails about this registration."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, db_index=True)
    created = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    promoted = models.DateTimeField(_("promoted from the waiting list"), null=True, blank=True)
    cancelled = models.DateTimeField(_("cancelled"), null=True, blank=True)
    attended = models.DateTimeField(_("checked in"), null=True, blank=True)
    anonymised = models.DateTimeField(
        _("anonymised"), null=True, blank=True, editable=False,
        help_text=_("When the name, email and needs were removed (LIAISE_RETAIN_REGISTRATIONS_MONTHS after the "
                    "event); the row stays for the statistics."))

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created", "pk"]
        constraints = [
            models.UniqueConstraint(
                "event", Lower("email"), condition=~Q(status="cancelled"), name="events_registration_one_per_email",
            ),
            models.CheckConstraint(
                condition=Q(needs="") | Q(needs_consent=True), name="events_registration_needs_only_with_consent"
            ),
            models.CheckConstraint(
                condition=Q(attended__isnull=True) | Q(status="confirmed"),
                name="events_registration_only_confirmed_attend",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created"], name="events_reg_queue")]

    def __str__(self):
        return f"{self.name} — {self.event}"


def material_path(instance, filename):
    """A name made by the server, with the extension of the checked content (never the uploader's)."""
    import uuid

    from liaise.core.uploads import ACCEPTED

    suffix = {**ACCEPTED, **GENERATED}.get(instance.content_type, ".bin")
    return f"events/{instance.event_id}/{uuid.uuid4().hex}{suffix}"


# Kinds of material the platform writes itself (never accepted as uploads): e.g. a live Q&A archive.
GENERATED = {"text/markdown": ".md", "text/csv": ".csv"}


class Material(models.Model):
    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MINUTES = "minutes", _("Minutes")
        SLIDES = "slides", _("Slides")
        OTHER = "other", _("Other")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="materials", verbose_name=_("event"))
    session = models.ForeignKey(Session, on_delete=models.CASCADE, null=True, blank=True,
                                related_name="materials", verbose_name=_("session"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=material_path)
    content_type = models.CharField(max_length=100, editable=False, blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices,
                                  default=Visibility.PARTNERS)
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["event", "kind", "title"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.session_id and self.event_id and self.session.event_id != self.event_id:
            raise ValidationError({"session": _("This session belongs to another event.")})
        if self.file and not self.file._committed:
            from liaise.core.uploads import validate_upload

            try:
                self.content_type = validate_upload(self.file)
            except ValidationError as exc:
                raise ValidationError({"file": exc.messages}) from None

    def effective_visibility(self) -> str:
        own = self.visibility
        parent = self.session.effective_visibility(self.event) if self.session_id else self.event.visibility
        return max(own, parent, key=lambda v: VISIBILITY_RANK[v])


class Message(models.Model):
    """A message the organisers sent to a group of an event's registrants: what was sent, by whom, to how many.
    No copy of the addresses is kept (they stay on the registrations)."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed participants")
        WAITLISTED = "waitlisted", _("Waiting list")
        CHECKED_IN = "checked_in", _("Checked-in participants")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="messages", verbose_name=_("event"))
    audience = models.CharField(_("sent to"), max_length=12, choices=Audience.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), max_length=10000)
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("sent by"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return self.subject


def document_path(instance, filename):
    return f"event-documents/{uuid.uuid4().hex}.pdf"


class EventDocument(models.Model):
    """The latest badges or attendance list of an event, drawn by the worker (``events.pdfs.render_document``).
    ``digest`` is a hash of what the PDF shows: a download serves the file while it still matches the
    registrations, and asks for a new one when it does not. The file holds names: it is replaced by the next one
    and deleted by the daily purge a day after it was drawn."""

    class Kind(models.TextChoices):
        BADGES = "badges", _("badges")
        ATTENDANCE = "attendance", _("attendance list")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    digest = models.CharField(max_length=64, blank=True)
    file = models.FileField(upload_to=document_path, max_length=200, blank=True)
    drawn = models.DateTimeField(null=True, blank=True)
    requested = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["event", "kind"], name="events_document_one_per_kind")]

    def __str__(self):
        return f"{self.event} — {self.kind}"
