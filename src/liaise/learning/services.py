"""Writes for learning, one function per use case, each in a transaction: attendance, certificates, the
anonymous feedback survey."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaise.core.errors import InvalidInput
from liaise.events.models import Registration

from .models import Attendance, Certificate, FeedbackAnswer, FeedbackReceipt, Training
from .queries import attendee_registration


class LearningError(InvalidInput):
    """A refused action, with a message for a person; ``field`` names the form field it is about."""


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
def issue_certificates(training: Training, today=None) -> list[Certificate]:
    """A certificate for every confirmed trainee who attended at least one module and has none yet."""
    today = today or timezone.localdate()
    eligible = (
        training.event.registrations.filter(status=Registration.Status.CONFIRMED, module_attendances__isnull=False,
                                            certificate__isnull=True)
        .distinct()
        .order_by("name", "pk")
    )
    return [Certificate.objects.create(registration=r, training=training, name=r.name, issued=today)
            for r in eligible]


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
