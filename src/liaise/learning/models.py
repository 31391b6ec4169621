"""Curriculum modules, trainings (events of kind *training* delivering modules to a partner authority's staff),
attendance per trainee and module, an anonymous feedback survey, and certificates of attendance.

Anonymous feedback: a ``FeedbackAnswer`` holds the ratings and the comment and nothing that points to a
person — no user, no timestamp, a random primary key (so neither the id order nor the row order can be matched
with the order of the receipts). A ``FeedbackReceipt`` only records that someone has answered, so that each
attendee answers once. Results are shown only once at least ``FEEDBACK_MIN_ANSWERS`` answers exist.

Trainees are the training event's confirmed registrations (``events.Registration``): attendance and
certificates hang from them, so a trainee's name and account are the ones they registered with.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from liaise.events.models import Event, Registration
from liaise.network.models import Organisation, Project, Topic

FEEDBACK_MIN_ANSWERS = 5


class Module(models.Model):
    """A curriculum module: what a training session teaches."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="modules", verbose_name=_("project"))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="modules", verbose_name=_("topic"))
    objectives = models.TextField(_("learning objectives"), help_text=_("Markdown: what trainees can do afterwards."))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), validators=[MinValueValidator(15), MaxValueValidator(24 * 60)]
    )
    materials = models.TextField(_("materials"), blank=True, help_text=_("Markdown: handouts, readings, links."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["topic__position", "position", "slug"]
        constraints = [
            models.CheckConstraint(condition=Q(duration_minutes__gte=15), name="learning_module_duration_positive"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("learning:curriculum") + f"#module-{self.slug}"


class Training(models.Model):
    """A training session: an event of kind *training* that delivers modules to a partner authority's staff."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="training", verbose_name=_("event"),
                                 limit_choices_to={"kind": Event.Kind.TRAINING})
    partner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="trainings",
                                verbose_name=_("partner authority"),
                                help_text=_("The partner whose staff is trained."))
    modules = models.ManyToManyField(Module, related_name="trainings", verbose_name=_("modules"))
    trainers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="trainings_given",
                                      verbose_name=_("trainers"),
                                      help_text=_("Experts of the project who deliver the training."))
    feedback_open = models.BooleanField(
        _("feedback survey open"), default=True,
        help_text=_("Attendees can answer the anonymous survey only while it is open."))

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["event__start", "event__slug"]

    def __str__(self):
        return str(self.event)

    def get_absolute_url(self):
        return reverse("learning:training", kwargs={"slug": self.event.slug})

    def clean(self):
        super().clean()
        if self.event_id and self.event.kind != Event.Kind.TRAINING:
            raise ValidationError({"event": _("Choose an event of kind “training”.")})


class Attendance(models.Model):
    """A trainee (a confirmed registration of the training's event) attended a module."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendances",
                                 verbose_name=_("training"))
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="module_attendances",
                                     verbose_name=_("trainee"))
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="attendances",
                               verbose_name=_("module"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["training", "registration__name", "module__position"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "module"], name="learning_attendance_once_per_module"),
        ]

    def __str__(self):
        return f"{self.registration.name} — {self.module}"


class FeedbackReceipt(models.Model):
    """That an attendee has answered the survey of a training — and nothing about what they answered."""

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="feedback_receipts",
                                 verbose_name=_("training"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feedback_receipts",
                             verbose_name=_("user"))

    class Meta:
        verbose_name = _("feedback receipt")
        verbose_name_plural = _("feedback receipts")
        constraints = [
            models.UniqueConstraint(fields=["training", "user"], name="learning_feedback_once_per_person"),
        ]

    def __str__(self):
        return f"{self.user} answered {self.training}"


RATING = [MinValueValidator(1), MaxValueValidator(5)]


class FeedbackAnswer(models.Model):
    """One anonymous answer: no user, no timestamp, a random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="feedback_answers",
                                 verbose_name=_("training"))
    overall = models.PositiveSmallIntegerField(_("overall"), validators=RATING)
    relevance = models.PositiveSmallIntegerField(_("relevance to my work"), validators=RATING)
    trainers = models.PositiveSmallIntegerField(_("trainers"), validators=RATING)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        ordering = ["training", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(overall__gte=1, overall__lte=5) & Q(relevance__gte=1, relevance__lte=5)
                & Q(trainers__gte=1, trainers__lte=5),
                name="learning_feedback_ratings_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.training}: {self.overall}/5"


def new_certificate_code() -> str:
    """24 random url-safe characters (144 bits): unguessable."""
    return secrets.token_urlsafe(18)


def certificate_path(instance, filename):
    """A name nobody can guess (the verification code is shown to whoever checks the certificate)."""
    return f"certificates/{uuid.uuid4().hex}.pdf"


class Certificate(models.Model):
    """A certificate of attendance, verifiable at /certificates/<code>/. Its PDF is drawn once by the worker
    (``certificates.render_pdf``) and stored; the download serves the stored file."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="certificate",
                                        verbose_name=_("trainee"))
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="certificates",
                                 verbose_name=_("training"))
    code = models.CharField(_("verification code"), max_length=40, unique=True, default=new_certificate_code,
                            editable=False)
    name = models.CharField(_("name on the certificate"), max_length=150)
    issued = models.DateField(_("issued on"))
    pdf = models.FileField(_("PDF"), upload_to=certificate_path, max_length=200, blank=True, editable=False)
    pdf_requested = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False,
                                   help_text=_("Its holder's account was erased: the verification page says it is "
                                               "revoked, and its name and PDF are gone."))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["training", "name"]

    def __str__(self):
        return f"{self.name} — {self.training}"

    def get_absolute_url(self):
        return reverse("learning:verify", kwargs={"code": self.code})
