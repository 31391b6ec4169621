"""Certificates of attendance as PDF, drawn by WeasyPrint from an HTML template."""

from django.template.loader import render_to_string

from .models import Certificate


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
