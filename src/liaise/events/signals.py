"""Signals through which the apps built on events (live Q&A, ...) add to the event pages, so that events never
imports them (dependencies point one way: events ← live).

An app above connects receivers in its ``AppConfig.ready``; they answer in the order they were connected, which
is the order of ``INSTALLED_APPS``. Each signal is sent with ``sender=Event`` and keyword arguments only; a
receiver takes ``(sender, *, <the arguments>, **kwargs)`` and returns its part of the answer. The functions below
send a signal and merge the answers; the pages call them.
"""

from django.dispatch import Signal

from .models import Event

# (user, event, sessions) -> {session_id: [(label, url), ...]}: shown under each session of the programme; one or
# two queries for all the sessions together, never one per session. A link may carry a third item, a dict of form
# fields: it is then a button that POSTs them to the url (an action, e.g. "create a board").
collect_session_links = Signal()
# (user, event) -> [(label, url), ...]: shown on the organisers' pages.
collect_manage_links = Signal()
# (event) -> [(title, column_headings, rows), ...]: tables added to the event's statistics.
collect_stats_tables = Signal()


def session_links(user, event, sessions) -> dict[int, list[tuple[str, str]]]:
    links: dict[int, list[tuple[str, str]]] = {}
    for _receiver, answer in collect_session_links.send(sender=Event, user=user, event=event, sessions=sessions):
        for session_id, items in answer.items():
            links.setdefault(session_id, []).extend(items)
    return links


def manage_links(user, event) -> list[tuple[str, str]]:
    answers = collect_manage_links.send(sender=Event, user=user, event=event)
    return [link for _receiver, links in answers for link in links]


def stats_tables(event) -> list[tuple]:
    return [table for _receiver, tables in collect_stats_tables.send(sender=Event, event=event) for table in tables]
