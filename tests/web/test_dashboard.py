"""The personal dashboard (issue 17): /my/ after sign-in."""

from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from liaise.network.models import ProjectRole
from liaise.web import queries
from tests.conftest import ROLE_EMAILS

DASHBOARD = reverse("web:dashboard")


def test_sign_in_leads_to_the_dashboard(login):
    assert settings.LOGIN_REDIRECT_URL == "web:dashboard"
    response = login("anonymous").post(reverse("accounts:login"),
                                       {"username": ROLE_EMAILS["project_coordinator"], "password": "demo"})
    assert response.status_code == 302
    assert response.url == DASHBOARD


def test_visitors_are_asked_to_sign_in(login):
    response = login("anonymous").get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_demo_coordinator_sees_what_needs_attention(login):
    page = login("project_coordinator").get(DASHBOARD).content.decode()
    for expected in (
        "Events I manage", reverse("events:manage", kwargs={"slug": "small-workshop"}),
        "Pilot milestones due", "badge-late", "Reported values to approve",
        reverse("reporting:value_approve", kwargs={"slug": "liaise-2", "pk": 2}),
        reverse("network:people", kwargs={"slug": "liaise-2"}),
        reverse("pilots:new"), reverse("library:practice_create"), reverse("events:venues"),
    ):
        assert expected in page, expected


def test_a_participant_sees_their_registrations_and_no_organiser_item(login):
    from django.contrib.auth import get_user_model

    participant = get_user_model().objects.get(email=ROLE_EMAILS["participant"])
    board = queries.dashboard(participant)
    assert (board.events, board.milestones, board.values, board.people, board.shortcuts) == ([], [], [], [], [])
    page = login("participant").get(DASHBOARD).content.decode()
    assert "My upcoming registrations" in page
    assert "Events I manage" not in page


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DASHBOARD).status_code == 200
    return len(captured)


def test_the_query_count_is_constant(login, liaise2):
    """More events, waiting lists, questions, values: the same number of queries for a coordinator."""
    from datetime import timedelta

    from django.utils import timezone

    from liaise.events.models import Event, Registration

    client = login("project_coordinator")
    before = _queries(client)
    soon = timezone.now() + timedelta(days=10)
    for n in range(3):
        event = Event.objects.create(project=liaise2, slug=f"more-{n}", title_en=f"More {n}", status="published",
                                     start=soon, end=soon + timedelta(hours=2), kind=Event.Kind.WORKSHOP)
        for status in ("confirmed", "waitlisted"):
            Registration.objects.create(event=event, name="P", email=f"p{n}{status}@example.org", country="FR",
                                        participant_type="practitioner", status=status, privacy_version="1")
    assert _queries(client) == before
    assert before <= 16
    page = client.get(DASHBOARD).content.decode()
    assert "More 2" in page
    assert ProjectRole.objects.filter(project=liaise2).exists() is True
