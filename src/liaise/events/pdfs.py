"""Badges and the attendance list (sign-in sheet) of an event as A4 PDFs, drawn by WeasyPrint from HTML templates
(as ``liaise.learning.certificates``) — in the worker, never in a request. A download computes the digest of what
the PDF would show (one query for the rows); while the stored ``EventDocument`` matches it, it serves the file,
otherwise it asks the worker for a new one (:func:`request_document`) and says it is being prepared."""

import hashlib
import json
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db.models.signals import post_delete
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_countries import countries

from liaise.core import documents
from liaise.core.tasks import background

from .models import Event, EventDocument
from .registrant_services import badge_rows

BADGES_PER_PAGE = 8
KEEP_DRAWN = timedelta(days=1)  # the files hold names: the daily purge deletes them after this


def _rows(event: Event) -> list[dict]:
    rows = badge_rows(event)
    for row in rows:
        row["country_name"] = countries.name(row["country"]) if row["country"] else ""
    return rows


def digest(event: Event, kind: str, rows: list[dict]) -> str:
    """A hash of everything the PDF shows: the rows, the event (its last update) and the language."""
    what = [kind, translation.get_language(), event.updated.isoformat(), event.project.acronym, rows]
    return hashlib.sha256(json.dumps(what, sort_keys=True, default=str).encode()).hexdigest()


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDFs need

    return HTML(string=render_to_string(template, context)).write_pdf()


def draw(event: Event, kind: str, rows: list[dict]) -> bytes:
    if kind == EventDocument.Kind.BADGES:
        pages = [rows[i:i + BADGES_PER_PAGE] for i in range(0, len(rows), BADGES_PER_PAGE)]
        return _pdf("events/manage/badges_pdf.html", {"event": event, "pages": pages})
    return _pdf("events/manage/attendance_pdf.html",
                {"event": event, "rows": rows, "printed": timezone.localtime(timezone.now(), event.tz)})


def stored_document(event: Event, kind: str) -> EventDocument | None:
    """The stored PDF of ``kind`` if it still shows what the event holds now, else None (and the worker is asked
    for a new one, once however often the page is reloaded)."""
    current = digest(event, kind, _rows(event))
    document, _created = EventDocument.objects.get_or_create(event=event, kind=kind)
    if documents.is_current(document, current):
        return document
    if documents.ask(document):
        render_document.enqueue(event.pk, kind, translation.get_language() or "en")
    return None


@background(priority=5, retries=3)
def render_document(event_id: int, kind: str, language: str) -> str:
    """Draw the event's badges or attendance list as it is now and store it in place of the previous one."""
    event = Event.objects.select_related("project").filter(pk=event_id).first()
    if event is None:
        return ""
    with translation.override(language):
        rows = _rows(event)
        current = digest(event, kind, rows)
        document, _created = EventDocument.objects.get_or_create(event=event, kind=kind)
        if documents.is_current(document, current):
            documents.done_already(document)
            return document.file.name  # already drawn as it is now
        content = draw(event, kind, rows)
    return documents.put_in_place(document, ContentFile(content), f"{kind}.pdf", current)


def purge_documents(now=None) -> int:
    """Delete the stored badges and attendance lists drawn more than a day ago (they hold names)."""
    now = now or timezone.now()
    return EventDocument.objects.filter(drawn__lt=now - KEEP_DRAWN).delete()[0]  # the files go on commit


def connect() -> None:
    post_delete.connect(documents.delete_file_with_row, sender=EventDocument, dispatch_uid="events-document-deleted")
