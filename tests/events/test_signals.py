"""The pages of events collect what the apps above add through signals: every receiver answers, in the order
they were connected (``INSTALLED_APPS`` for the apps' own), and the answers are merged."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from liaise.events import signals
from liaise.events.models import Event


def another_app_session_links(sender, *, user, event, sessions, **kwargs):
    return {session.pk: [("Slides", f"/slides/{session.slug}/")] for session in sessions
            if session.slug in ("opening", "round-table-2")}


def another_app_manage_links(sender, *, user, event, **kwargs):
    return [("Badges", f"/badges/{event.slug}/")]


def another_app_stats_tables(sender, *, event, **kwargs):
    return [("Badges printed", ("Day", "Badges"), [("Monday", 3)])]


@pytest.fixture
def another_app():
    """A second app above events, connected after live as an app later in INSTALLED_APPS would be."""
    pairs = [(signals.collect_session_links, another_app_session_links),
             (signals.collect_manage_links, another_app_manage_links),
             (signals.collect_stats_tables, another_app_stats_tables)]
    for signal, receiver in pairs:
        signal.connect(receiver, dispatch_uid="tests-another-app")
    yield
    for signal, _receiver in pairs:
        signal.disconnect(dispatch_uid="tests-another-app")


def test_the_answers_of_every_app_are_merged_in_connection_order(db, another_app):
    event = Event.objects.get(slug="bordeaux-2016")
    sessions = list(event.sessions.all())
    ids = {session.slug: session.pk for session in sessions}
    coordinator = get_user_model().objects.get(email="coordinator@efus.example")

    assert signals.session_links(AnonymousUser(), event, sessions) == {
        ids["opening"]: [("Slides", "/slides/opening/")],
        ids["round-table-1"]: [("Audience questions (code BDXRTA)", "/live/BDXRTA/")],
        ids["round-table-2"]: [("Ask the panel a question — code BDXRTB", "/live/BDXRTB/"),
                               ("Slides", "/slides/round-table-2/")],
    }
    assert signals.manage_links(coordinator, event) == [
        ("Live Q&A", "/live/event/bordeaux-2016/"), ("Badges", "/badges/bordeaux-2016/")]
    assert signals.manage_links(AnonymousUser(), event) == [("Badges", "/badges/bordeaux-2016/")]
    assert [title for title, _head, _rows in signals.stats_tables(event)] == [
        "Audience questions per session", "Badges printed"]


def test_a_receiver_connected_twice_answers_once(db, another_app):
    signals.collect_manage_links.connect(another_app_manage_links, dispatch_uid="tests-another-app")
    event = Event.objects.get(slug="bordeaux-2016")
    assert signals.manage_links(AnonymousUser(), event) == [("Badges", "/badges/bordeaux-2016/")]
