"""Hooks through which the apps built on events (live Q&A, trainings...) add to the event pages, so that
events never imports them (dependencies point one way: events ← live).

An app registers a provider module (or object) in its ``AppConfig.ready``; a provider may define any of:

- ``session_links(user, event, sessions) -> {session_id: [(label, url), ...]}`` — shown under each session of
  the programme; one or two queries for all sessions together, never one per session.
- ``manage_links(user, event) -> [(label, url), ...]`` — shown on the organisers' page.
- ``stats_tables(event) -> [(title, column_headings, rows), ...]`` — tables added to the event's statistics.
"""

_providers: list = []


def register(provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def _each(name):
    for provider in _providers:
        function = getattr(provider, name, None)
        if function is not None:
            yield function


def session_links(user, event, sessions) -> dict[int, list[tuple[str, str]]]:
    links: dict[int, list[tuple[str, str]]] = {}
    for function in _each("session_links"):
        for session_id, items in function(user, event, sessions).items():
            links.setdefault(session_id, []).extend(items)
    return links


def manage_links(user, event) -> list[tuple[str, str]]:
    return [link for function in _each("manage_links") for link in function(user, event)]


def stats_tables(event) -> list[tuple]:
    return [table for function in _each("stats_tables") for table in function(event)]
