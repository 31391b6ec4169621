"""Live Q&A answers the signals that events sends for its pages (connected in ``LiveConfig.ready``), so the
programme, the organisers' pages and the statistics show the boards without events importing live."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from liaise.events import signals
from liaise.events.models import Event
from liaise.live import receivers


def test_the_programme_links_each_session_to_its_board(db):
    event = Event.objects.get(slug="bordeaux-2016")
    sessions = list(event.sessions.all())
    ids = {session.slug: session.pk for session in sessions}
    expected = {ids["round-table-1"]: [("Audience questions (code BDXRTA)", "/live/BDXRTA/")],
                ids["round-table-2"]: [("Ask the panel a question — code BDXRTB", "/live/BDXRTB/")]}

    answers = signals.collect_session_links.send(sender=Event, user=AnonymousUser(), event=event, sessions=sessions)

    assert answers == [(receivers.session_links, expected)]
    assert signals.session_links(AnonymousUser(), event, sessions) == expected


def test_the_organisers_get_the_live_tab_and_nobody_else(db):
    event = Event.objects.get(slug="bordeaux-2016")
    coordinator = get_user_model().objects.get(email="coordinator@efus.example")

    answers = signals.collect_manage_links.send(sender=Event, user=coordinator, event=event)

    assert answers == [(receivers.manage_links, [("Live Q&A", "/live/event/bordeaux-2016/")])]
    assert signals.manage_links(coordinator, event) == [("Live Q&A", "/live/event/bordeaux-2016/")]
    assert signals.manage_links(AnonymousUser(), event) == []


def test_the_statistics_count_the_questions_per_session(db):
    event = Event.objects.get(slug="bordeaux-2016")
    expected = [("Audience questions per session",
                 ("Session", "Questions asked", "Shown to the hall", "Answered", "Votes"),
                 [("Local communication strategies", 6, 6, 3, 96),
                  ("Building counter-narratives at the local level", 5, 3, 0, 45)])]

    answers = signals.collect_stats_tables.send(sender=Event, event=event)

    assert answers == [(receivers.stats_tables, expected)]
    assert signals.stats_tables(event) == expected
    assert signals.stats_tables(Event.objects.get(slug="draft-workshop")) == []
