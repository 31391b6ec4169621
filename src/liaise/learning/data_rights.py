"""Data-subject rights for learning: attendance, certificates, feedback receipts, trainings given.

The answers to a training's survey are anonymous (``FeedbackAnswer`` has no link to anyone): they are neither
exported nor erased, only the receipt that the person answered. Erasure revokes the person's certificates (the
verification page then says so) and deletes their name and PDF; attendance stays (it is counted), on the
registration the events eraser anonymises."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from liaise.core.personal_data import eraser, exporter

from .models import Attendance, Certificate, FeedbackReceipt, Training


def _mine(user) -> Q:
    return Q(registration__user=user) | Q(registration__email__iexact=user.email)


@exporter("learning")
def export_learning(user) -> dict:
    """Your trainings: the modules you attended, your certificates (with their verification code), the trainings
    whose survey you answered (only that you did: the answers themselves are anonymous and cannot be traced back
    to you), and the trainings you gave as a trainer."""
    return {
        "attendance": list(Attendance.objects.filter(_mine(user)).order_by("training", "module__position").values(
            "training__event__slug", "module__title", "module__position")),
        "certificates": list(Certificate.objects.filter(_mine(user)).values(
            "training__event__slug", "code", "name", "issued", "revoked")),
        "feedback_receipts": list(FeedbackReceipt.objects.filter(user=user).values("training__event__slug")),
        "trainings_given": list(Training.objects.filter(trainers=user).values("event__slug")),
    }


@eraser("learning")
def erase_learning(user) -> dict:
    """Revoke the certificates (name and PDF deleted, the row kept: reports count certificates issued); delete
    the feedback receipts; remove the person from the trainers."""
    certificates = list(Certificate.objects.filter(_mine(user)))
    now = timezone.now()
    for certificate in certificates:
        if certificate.pdf:
            name, storage = certificate.pdf.name, certificate.pdf.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        Certificate.objects.filter(pk=certificate.pk).update(
            name="", pdf="", pdf_requested=None, revoked=certificate.revoked or now)
    given = user.trainings_given.count()
    user.trainings_given.clear()
    return {
        "certificates_revoked": len(certificates),
        "feedback_receipts": FeedbackReceipt.objects.filter(user=user).delete()[0],
        "trainings_given": given,
    }
