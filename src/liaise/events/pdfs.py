"""Badges and the attendance list (sign-in sheet) of an event as A4 PDFs, drawn by WeasyPrint from HTML templates
(as ``liaise.learning.certificates``). Generated in the request for now (no background worker yet, issue 14):
one query for the rows, and plain layouts WeasyPrint draws quickly."""

from django.template.loader import render_to_string
from django.utils import timezone
from django_countries import countries

from .models import Event
from .registrant_services import badge_rows

BADGES_PER_PAGE = 8


def _rows(event: Event) -> list[dict]:
    rows = badge_rows(event)
    for row in rows:
        row["country_name"] = countries.name(row["country"]) if row["country"] else ""
    return rows


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported here: it loads Pango, which only the PDFs need

    return HTML(string=render_to_string(template, context)).write_pdf()


def badges_pdf(event: Event) -> bytes:
    rows = _rows(event)
    pages = [rows[i:i + BADGES_PER_PAGE] for i in range(0, len(rows), BADGES_PER_PAGE)]
    return _pdf("events/manage/badges_pdf.html", {"event": event, "pages": pages})


def attendance_pdf(event: Event) -> bytes:
    return _pdf("events/manage/attendance_pdf.html",
                {"event": event, "rows": _rows(event), "printed": timezone.localtime(timezone.now(), event.tz)})
