"""What the organisers download about an event: its registrations as CSV (written by ``core.exports``)."""

from collections.abc import Iterator

from django.utils import timezone

from . import queries
from .models import Event

REGISTRATION_HEADER = ["name", "email", "organisation", "country", "participant_type", "status", "registered",
                       "checked_in", "needs"]


def _local(moment, event: Event) -> str:
    return timezone.localtime(moment, event.tz).strftime("%Y-%m-%d %H:%M") if moment else ""


def registration_rows(event: Event) -> Iterator[list]:
    """One row per registration that is not cancelled, in the order of ``REGISTRATION_HEADER``; times are the
    event's local time."""
    for r in queries.registrations(event):
        yield [r.name, r.email, r.organisation, r.country.code, r.participant_type, r.status,
               _local(r.created, event), _local(r.attended, event), r.needs]
