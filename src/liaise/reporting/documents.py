"""The periodic report's PDF, drawn by the worker (WeasyPrint takes seconds for a large project): the download
computes the report's HTML (a fraction of a second) and its digest; while the stored ``ReportDocument`` of the
period and language matches it, the file is served, otherwise the worker is asked for a new one and the page says
it is being prepared (see ``liaise.core.documents``)."""

import hashlib
import re

from django.core.files.base import ContentFile
from django.db.models.signals import post_delete
from django.utils import translation

from liaise.core import documents
from liaise.core.tasks import background

from . import queries, report
from .models import ReportDocument, ReportingPeriod

# pygal gives each chart a random id: left out of the digest, which must only change with what the report shows
_RANDOM_IDS = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def digest(data) -> str:
    return hashlib.sha256(_RANDOM_IDS.sub("", report.html(data)).encode()).hexdigest()


def stored(data) -> ReportDocument | None:
    """The stored PDF of the period's report in the active language if it shows what the report holds now, else
    None (and the worker is asked for a new one, once however often the page is reloaded)."""
    language = translation.get_language() or "en"
    document, _created = ReportDocument.objects.get_or_create(period=data.period, language=language)
    if documents.is_current(document, digest(data)):
        return document
    if documents.ask(document):
        render_report.enqueue(data.period.pk, language)
    return None


@background(priority=5, retries=3)
def render_report(period_id: int, language: str) -> str:
    """Draw the period's report as it is now and store it in place of the previous one."""
    period = ReportingPeriod.objects.select_related("project").filter(pk=period_id).first()
    if period is None:
        return ""
    with translation.override(language):
        data = queries.report_data(period.project, period)
        current = digest(data)
        document, _created = ReportDocument.objects.get_or_create(period=period, language=language)
        if documents.is_current(document, current):
            documents.done_already(document)
            return document.file.name
        content = report.pdf(data)
    return documents.put_in_place(document, ContentFile(content), "report.pdf", current)


def connect() -> None:
    post_delete.connect(documents.delete_file_with_row, sender=ReportDocument, dispatch_uid="reporting-document")
