"""Writes for learning, one function per use case, each in a transaction: creating and editing a training (with
its event, or for an existing one), attendance, certificates, opening and closing the anonymous feedback survey
and answering it."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaise.core.errors import InvalidInput
from liaise.events import programme
from liaise.events.models import Event, Registration, Venue
from liaise.events.rules import manage_event
from liaise.network.models import Organisation, Partnership, Project, ProjectRole

from .models import Attendance, Certificate, FeedbackAnswer, FeedbackReceipt, Module, Training
from .queries import attendee_registration, trainers_of_projects


class LearningError(InvalidInput):
    """A refused action, with a message for a person; ``field`` names the form field it is about."""


@dataclass
class TrainingData:
    """What a training holds: the partner authority whose staff is trained, the modules it delivers (of its
    project's curriculum) and its trainers (experts of its project)."""

    partner: Organisation
    modules: list[Module]
    trainers: list
    feedback_open: bool = True


def _check_training_data(project: Project, data: TrainingData) -> None:
    if data.partner is None or not Partnership.objects.filter(project=project, organisation=data.partner).exists():
        raise LearningError(_("Choose a partner of this project: its staff is trained."), field="partner")
    modules = list(data.modules or [])
    if not modules:
        raise LearningError(_("Choose at least one module delivered."), field="modules")
    if any(module.project_id != project.pk for module in modules):
        raise LearningError(_("Choose modules of this project's curriculum."), field="modules")
    trainers = {user.pk for user in data.trainers or []}
    if trainers - set(trainers_of_projects([project.pk]).filter(pk__in=trainers).values_list("pk", flat=True)):
        raise LearningError(_("Choose trainers among the experts of this project."), field="trainers")


def _save(training: Training, data: TrainingData) -> Training:
    training.partner = data.partner
    training.feedback_open = data.feedback_open
    training.save()
    training.modules.set(data.modules)
    training.trainers.set(data.trainers or [])
    return training


def _own_organisation(user, project: Project) -> Organisation | None:
    """The organisation ``user`` coordinates in ``project`` as a partner coordinator (None otherwise)."""
    role = ProjectRole.objects.filter(project=project, user=user, role=ProjectRole.Role.PARTNER_COORDINATOR,
                                      ).select_related("organisation").first()
    return role.organisation if role else None


@dataclass
class NewEvent:
    """The event a training is created together with (an event of kind training)."""

    title: str
    start: object  # aware datetime
    end: object  # aware datetime
    timezone: str = "Europe/Paris"
    visibility: str = "public"
    status: str = Event.Status.DRAFT
    venue_city: str = ""


def _create_event(project: Project, new: NewEvent, organisers, partner: Organisation, user) -> Event:
    """Through the events' own service (``events.programme.save_event``): the venue is the one of that city and
    the partner's country when there is one, else a new one; published at once when asked."""
    city = (new.venue_city or "").strip()
    venue = (Venue.objects.filter(city__iexact=city, country=partner.country).order_by("pk").first()
             if city else None)
    data = programme.EventData(
        kind=Event.Kind.TRAINING, project=project, title=new.title, start=new.start, end=new.end,
        timezone=new.timezone, organisers=list(organisers), visibility=new.visibility,
        venues=[venue] if venue else [],
        new_venue=programme.NewVenue(name=city, city=city, country=partner.country) if city and not venue else None)
    event = programme.save_event(None, data, user)
    if new.status == Event.Status.PUBLISHED:
        event = programme.set_status(event, Event.Status.PUBLISHED)
    return event


@transaction.atomic
def create_training(project: Project, data: TrainingData, user, event: Event | None = None,
                    new_event: NewEvent | None = None) -> Training:
    """A training of ``project`` for an existing ``event`` (of kind training, of the project, without a training,
    managed by ``user``) or together with a ``new_event`` created through ``events.programme.save_event``.

    The new event's organisers are the partner trained and, for a partner coordinator, their own organisation, so
    that they manage it; a partner coordinator can only attach a training to an event they manage."""
    _check_training_data(project, data)
    if (event is None) == (new_event is None):
        raise LearningError(_("Choose an existing event or describe a new one."), field="event")
    if event is not None:
        if event.project_id != project.pk or event.kind != Event.Kind.TRAINING:
            raise LearningError(_("Choose an event of kind “training” of this project."), field="event")
        if Training.objects.filter(event=event).exists():
            raise LearningError(_("This event already has a training."), field="event")
    else:
        organisers = [data.partner]
        own = _own_organisation(user, project)
        if own is not None and own.pk != data.partner.pk:
            organisers.append(own)
        event = _create_event(project, new_event, organisers, data.partner, user)
    if not manage_event.allows(user, event):
        raise LearningError(_("You can only create trainings for events you manage."), field="event")
    return _save(Training(event=event), data)


@transaction.atomic
def edit_training(training: Training, data: TrainingData) -> Training:
    """Change the partner trained, the modules and the trainers. A module whose attendance is recorded stays:
    untick its attendance first."""
    project = training.event.project
    _check_training_data(project, data)
    kept = {module.pk for module in data.modules}
    dropped = (Module.objects.filter(attendances__training=training).exclude(pk__in=kept).distinct()
               .order_by("position").first())
    if dropped is not None:
        raise LearningError(
            _("Attendance is recorded for “%(module)s”: untick it on the attendance page before removing the "
              "module.") % {"module": dropped.title}, field="modules")
    return _save(training, data)


@transaction.atomic
def set_feedback_open(training: Training, is_open: bool) -> Training:
    training.feedback_open = is_open
    training.save(update_fields=["feedback_open"])
    return training


@transaction.atomic
def set_attendance(training: Training, attended: dict[int, set[int]]) -> int:
    """Replace the attendance of the training's confirmed trainees with ``attended`` (registration id → module
    ids). Refuses registrations that are not confirmed trainees of this training and modules it does not
    deliver. Returns the number of attendance records."""
    trainees = set(
        training.event.registrations.filter(status=Registration.Status.CONFIRMED).values_list("pk", flat=True)
    )
    modules = set(training.modules.values_list("pk", flat=True))
    unknown_people = set(attended) - trainees
    if unknown_people:
        raise LearningError(_("Only confirmed trainees of this training can attend its modules."))
    if any(set(ids) - modules for ids in attended.values()):
        raise LearningError(_("This training does not deliver one of the modules chosen."))
    Attendance.objects.filter(training=training).delete()
    Attendance.objects.bulk_create(
        Attendance(training=training, registration_id=registration_id, module_id=module_id)
        for registration_id, module_ids in attended.items()
        for module_id in sorted(module_ids)
    )
    from liaise.core.cache import bump

    bump()  # bulk writes bypass the signals that invalidate cached pages
    return sum(len(ids) for ids in attended.values())


@transaction.atomic
def issue_certificates(training: Training, today=None, base_url: str = "") -> list[Certificate]:
    """A certificate for every confirmed trainee who attended at least one module and has none yet; the worker
    draws each one's PDF (queued here, in the transaction)."""
    from .certificates import request_pdf

    today = today or timezone.localdate()
    eligible = (
        training.event.registrations.filter(status=Registration.Status.CONFIRMED, module_attendances__isnull=False,
                                            certificate__isnull=True)
        .distinct()
        .order_by("name", "pk")
    )
    issued = [Certificate.objects.create(registration=r, training=training, name=r.name, issued=today)
              for r in eligible]
    for certificate in issued:
        request_pdf(certificate, base_url.rstrip("/") + certificate.get_absolute_url())
    return issued


@dataclass
class FeedbackData:
    overall: int
    relevance: int
    trainers: int
    comment: str = ""


def submit_feedback(training: Training, user, data: FeedbackData) -> None:
    """Record an attendee's anonymous answer, once. The answer holds no link to the person: the receipt that
    they answered is a separate row, and the answer has neither a timestamp nor a sequential key."""
    if attendee_registration(user, training) is None:
        raise LearningError(_("Only people who attended this training can answer its survey."))
    if not training.feedback_open:
        raise LearningError(_("The feedback survey of this training is closed: answers are no longer taken."),
                            status=409)
    for field in ("overall", "relevance", "trainers"):
        if not 1 <= int(getattr(data, field)) <= 5:
            raise LearningError(_("Choose a rating from 1 to 5."), field=field)
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(training=training, user=user)
            FeedbackAnswer.objects.create(training=training, overall=data.overall, relevance=data.relevance,
                                          trainers=data.trainers, comment=data.comment.strip()[:2000])
    except IntegrityError:
        raise LearningError(_("You have already answered this survey. Thank you!")) from None
