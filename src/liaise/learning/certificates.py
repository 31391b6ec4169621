"""Certificates of attendance as PDF, drawn by WeasyPrint from an HTML template — in the worker, never in a
request: issuing a certificate asks for its PDF (:func:`request_pdf`), the task :func:`render_pdf` draws and
stores it, and the download serves the stored file (or a "being prepared" page while it is not there yet)."""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete
from django.template.loader import render_to_string
from django.utils import timezone

from liaise.core.tasks import background

from .models import Certificate

# A request older than this without a PDF is made again (the worker may have lost it, or it failed for good).
REQUEST_AGAIN_AFTER = timedelta(minutes=10)


def certificate_pdf(certificate: Certificate, verify_url: str) -> bytes:
    """The certificate as a one-page A4 PDF. WeasyPrint is imported here: it loads Pango, which only this needs."""
    from weasyprint import HTML

    training = certificate.training
    modules = list(training.modules.all())
    html = render_to_string("learning/certificate_pdf.html", {
        "certificate": certificate, "training": training, "event": training.event, "modules": modules,
        "verify_url": verify_url,
    })
    return HTML(string=html).write_pdf()


def request_pdf(certificate: Certificate, verify_url: str) -> bool:
    """Ask the worker to draw ``certificate``'s PDF, unless it is stored or already asked for (one conditional
    UPDATE: reloading the download page does not queue it twice). True when a task was queued."""
    if certificate.pdf:
        return False
    now = timezone.now()
    asked = Certificate.objects.filter(pk=certificate.pk, pdf="").filter(
        Q(pdf_requested__isnull=True) | Q(pdf_requested__lt=now - REQUEST_AGAIN_AFTER)
    ).update(pdf_requested=now)
    if asked:
        render_pdf.enqueue(certificate.pk, verify_url)
    return bool(asked)


@background(priority=5, retries=3)
def render_pdf(certificate_id: int, verify_url: str) -> str:
    """Draw and store one certificate's PDF; idempotent (a stored PDF, or a deleted certificate, is left)."""
    from .queries import certificates

    certificate = certificates().filter(pk=certificate_id, revoked__isnull=True).first()
    if certificate is None or certificate.pdf:
        return ""
    certificate.pdf.save("certificate.pdf", ContentFile(certificate_pdf(certificate, verify_url)), save=False)
    if not Certificate.objects.filter(pk=certificate_id, pdf="").update(pdf=certificate.pdf.name):
        certificate.pdf.delete(save=False)  # another worker stored it first
    return certificate.pdf.name or ""


def _certificate_deleted(sender, instance, **kwargs):
    """The PDF holds a person's name: it goes with its certificate (an erasure, a deleted registration or
    training), once the deletion is committed (never for a rolled-back one)."""
    if instance.pdf:
        name, storage = instance.pdf.name, instance.pdf.storage
        transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    post_delete.connect(_certificate_deleted, sender=Certificate, dispatch_uid="learning-certificate-deleted")
