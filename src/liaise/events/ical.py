"""iCalendar feeds (RFC 5545) for events and sessions, with VTIMEZONE components (icalendar)."""

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

PRODID = "-//Liaise//Liaise events//EN"


def _vevent(uid: str, title: str, start, end, tz, url: str, location: str = "", description: str = "") -> VEvent:
    item = VEvent()
    item.add("uid", uid)
    item.add("summary", title)
    item.add("dtstamp", timezone.now())
    item.add("dtstart", timezone.localtime(start, tz))
    item.add("dtend", timezone.localtime(end, tz))
    if location:
        item.add("location", location)
    if description:
        item.add("description", description)
    item.add("url", url)
    return item


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _add_timezones(calendar: Calendar, event) -> None:
    """VTIMEZONE components covering the year around the event: small, and read alike by every client."""
    start = timezone.localtime(event.start, event.tz).date()
    end = timezone.localtime(event.end, event.tz).date()
    calendar.add_missing_timezones(first_date=start.replace(year=start.year - 1, month=1, day=1),
                                   last_date=end.replace(year=end.year + 1, month=12, day=31))


def event_calendar(event, days, base_url: str, host: str) -> bytes:
    """The event itself plus every session ``days`` holds (already visibility-filtered)."""
    calendar = _calendar(event.title)
    venues = "; ".join(str(v) for v in event.venues.all())
    calendar.add_component(
        _vevent(f"event-{event.pk}@{host}", event.title, event.start, event.end, event.tz,
                base_url + event.get_absolute_url(), venues, event.summary)
    )
    for day in days:
        for session in day.sessions:
            calendar.add_component(session_vevent(session, event, base_url, host))
    _add_timezones(calendar, event)
    return calendar.to_ical()


def session_vevent(session, event, base_url: str, host: str) -> VEvent:
    location = str(session.room) if session.room else ""
    speakers = ", ".join(f"{s.person.name} ({s.get_role_display()})" for s in session.speakers.all())
    description = "\n".join(filter(None, [session.description, speakers]))
    return _vevent(f"session-{session.pk}@{host}", f"{session.title} — {event.title}", session.start, session.end,
                   event.tz, base_url + session.get_absolute_url(), location, description)


def session_calendar(session, event, base_url: str, host: str) -> bytes:
    calendar = _calendar(f"{session.title} — {event.title}")
    calendar.add_component(session_vevent(session, event, base_url, host))
    _add_timezones(calendar, event)
    return calendar.to_ical()


def events_calendar(name: str, events, base_url: str, host: str) -> bytes:
    """A subscription calendar: one VEVENT per event of ``events`` (already visibility-filtered), with the
    VTIMEZONEs they use. A cancelled event stays in it, marked cancelled, so that subscribers see it go."""
    calendar = _calendar(name)
    events = list(events)
    for event in events:
        venues = "; ".join(str(v) for v in event.venues.all())
        item = _vevent(f"event-{event.pk}@{host}", event.title, event.start, event.end, event.tz,
                       base_url + event.get_absolute_url(), venues, event.summary)
        if event.status == "cancelled":
            item.add("status", "CANCELLED")
        calendar.add_component(item)
    if events:
        first = min(timezone.localtime(e.start, e.tz).date() for e in events)
        last = max(timezone.localtime(e.end, e.tz).date() for e in events)
        calendar.add_missing_timezones(first_date=first.replace(year=first.year - 1, month=1, day=1),
                                       last_date=last.replace(year=last.year + 1, month=12, day=31))
    return calendar.to_ical()
