"""The organisers' pages: create and edit an event, publish, duplicate, the programme editor and the registration
settings, as the project's coordinator and as Bordeaux's partner coordinator; 404 for everyone else."""

import datetime
import zoneinfo

import pytest
from django.core import mail

from liaise.core.tasks import run_pending
from liaise.events.models import Event, GuidingQuestion, Session, SpeakerRole
from liaise.network.models import Organisation, Person, Project

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def event_form(**changes):
    data = {"kind": "conference", "project": Project.objects.get(slug="liaise-2").pk, "title": "Bordeaux 2027",
            "summary": "The next conference.", "timezone": "Europe/Paris", "start": "2027-05-27T09:00",
            "end": "2027-05-28T17:30", "organisers": [Organisation.objects.get(slug="bordeaux").pk],
            "languages": ["en", "fr"], "visibility": "public", "new_venue_name": "Hangar 14",
            "new_venue_city": "Bordeaux", "new_venue_country": "FR", "new_venue_rooms": "Salle A\nSalle B"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize("role", ["project_coordinator", "partner_coordinator"])
def test_create_an_event_as_a_draft_in_its_time_zone(login, role):
    client = login(role)
    assert client.get("/events/new/").status_code == 200
    response = client.post("/events/new/", event_form())
    event = Event.objects.get(title_en="Bordeaux 2027")
    assert response.status_code == 302
    assert response["Location"] == f"/events/{event.slug}/manage/edit/"
    assert event.status == "draft"
    assert event.start == datetime.datetime(2027, 5, 27, 9, 0, tzinfo=PARIS)
    assert event.end == datetime.datetime(2027, 5, 28, 17, 30, tzinfo=PARIS)
    assert event.languages == ["en", "fr"]
    assert [o.slug for o in event.organisers.all()] == ["bordeaux"]
    assert [(v.name, sorted(r.name for r in v.rooms.all())) for v in event.venues.all()] == [
        ("Hangar 14", ["Salle A", "Salle B"])]


def test_a_partner_coordinator_keeps_their_own_organisation(login):
    client = login("partner_coordinator")
    response = client.post("/events/new/", event_form(organisers=[Organisation.objects.get(slug="efus").pk]))
    assert response.status_code == 400
    assert "Keep your own organisation among the organisers" in response.content.decode()
    assert not Event.objects.filter(title_en="Bordeaux 2027").exists()


def test_end_before_start_is_refused_next_to_the_field(login):
    response = login("project_coordinator").post("/events/new/", event_form(end="2027-05-26T09:00"))
    assert response.status_code == 400
    assert "The end must come after the start." in response.content.decode()


@pytest.mark.parametrize("role", ["participant", "partner_member", "expert", "other_partner"])
def test_others_cannot_create(login, role):
    assert login(role).get("/events/new/").status_code == 404


def test_edit_an_event(login):
    client = login("partner_coordinator")
    event = Event.objects.get(slug="bordeaux-2016")
    form = event_form(title="Bordeaux 2016, revised", start="2016-05-27T08:30", end="2016-05-27T18:00",
                      organisers=[o.pk for o in event.organisers.all()], new_venue_name="", new_venue_city="",
                      venues=[v.pk for v in event.venues.all()])
    response = client.post("/events/bordeaux-2016/manage/edit/", form)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Bordeaux 2016, revised"
    assert event.start == datetime.datetime(2016, 5, 27, 8, 30, tzinfo=PARIS)
    assert event.sessions.count() == 7


def test_edit_refuses_dates_that_leave_sessions_outside(login):
    event = Event.objects.get(slug="bordeaux-2016")
    form = event_form(start="2016-05-27T12:00", end="2016-05-27T18:00",
                      organisers=[o.pk for o in event.organisers.all()], new_venue_name="", new_venue_city="")
    response = login("project_coordinator").post("/events/bordeaux-2016/manage/edit/", form)
    assert response.status_code == 400
    assert "would be outside the event: move it first." in response.content.decode()


def test_publish_unpublish_and_cancel(login):
    client = login("project_coordinator")
    event = Event.objects.get(slug="draft-workshop")
    assert client.post("/events/draft-workshop/manage/status/", {"status": "published"}).status_code == 302
    event.refresh_from_db()
    assert event.status == "published"
    client.post("/events/draft-workshop/manage/status/", {"status": "draft"})
    event.refresh_from_db()
    assert event.status == "draft"
    client.post("/events/draft-workshop/manage/status/", {"status": "published"})
    client.post("/events/draft-workshop/manage/status/", {"status": "cancelled"})  # not confirmed
    event.refresh_from_db()
    assert event.status == "published"
    client.post("/events/draft-workshop/manage/status/", {"status": "cancelled", "confirm": "1"})
    event.refresh_from_db()
    assert event.status == "cancelled"


def test_unpublish_refused_once_people_registered(login):
    client = login("project_coordinator")
    response = client.post("/events/bordeaux-2016/manage/status/", {"status": "draft"}, follow=True)
    assert "People are registered: the event cannot go back to draft." in response.content.decode()
    assert Event.objects.get(slug="bordeaux-2016").status == "published"


def test_duplicate_as_the_next_conference(login):
    client = login("partner_coordinator")
    source = Event.objects.get(slug="bordeaux-2016")
    response = client.post("/events/bordeaux-2016/manage/duplicate/",
                           {"title": "Bordeaux 2017", "start_date": "2017-06-01"})
    copy = Event.objects.get(title_en="Bordeaux 2017")
    assert response.status_code == 302
    assert (copy.status, copy.confirmed_count, copy.registrations.count()) == ("draft", 0, 0)
    assert copy.local_start == datetime.datetime(2017, 6, 1, 9, 0, tzinfo=PARIS)
    shift = copy.start - source.start
    assert shift == datetime.timedelta(days=370)
    old = list(source.sessions.order_by("start", "pk"))
    new = list(copy.sessions.order_by("start", "pk"))
    assert [(s.title, s.start + shift, s.room_id) for s in old] == [(s.title, s.start, s.room_id) for s in new]
    assert GuidingQuestion.objects.filter(session__event=copy).count() == \
        GuidingQuestion.objects.filter(session__event=source).count()
    assert sorted(SpeakerRole.objects.filter(session__event=copy).values_list("person_id", "role")) == \
        sorted(SpeakerRole.objects.filter(session__event=source).values_list("person_id", "role"))


def session_form(event, **changes):
    room = event.venues.first().rooms.order_by("name").first()
    data = {"form": "session", "kind": "workshop", "title": "Extra workshop", "start": "2016-05-27T16:00",
            "end": "2016-05-27T17:00", "room": room.pk, "visibility": ""}
    data.update(changes)
    return data


def test_a_programme_clash_is_refused_with_the_other_session_named(login):
    client = login("project_coordinator")
    event = Event.objects.get(slug="bordeaux-2016")
    taken = event.sessions.exclude(kind="break").order_by("start").first()
    start = taken.start.astimezone(PARIS)
    response = client.post("/events/bordeaux-2016/manage/programme/new/", session_form(
        event, room=taken.room_id, start=start.strftime("%Y-%m-%dT%H:%M"),
        end=(start + datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")))
    html = response.content.decode()
    assert response.status_code == 400
    expected = f"{taken.room.name} is already booked for “{taken.title}”"
    assert expected in html.replace("&ldquo;", "“").replace("&rdquo;", "”")
    assert f"from {start:%d/%m/%Y %H:%M} to {taken.end.astimezone(PARIS):%d/%m/%Y %H:%M}" in html
    assert event.sessions.count() == 7


def test_a_session_outside_the_event_is_refused(login):
    client = login("project_coordinator")
    event = Event.objects.get(slug="bordeaux-2016")
    response = client.post("/events/bordeaux-2016/manage/programme/new/",
                           session_form(event, start="2016-05-28T10:00", end="2016-05-28T11:00"))
    assert response.status_code == 400
    assert "The session must be inside the event&#x27;s dates: from 27/05/2016 09:00 to 27/05/2016 17:30" in \
        response.content.decode()


def test_add_a_session_then_its_questions_in_order_and_a_new_speaker(login):
    client = login("partner_coordinator")
    event = Event.objects.get(slug="bordeaux-2016")
    Session.objects.filter(event=event, start__gte=datetime.datetime(2016, 5, 27, 16, 0, tzinfo=PARIS)).delete()
    response = client.post("/events/bordeaux-2016/manage/programme/new/", session_form(event))
    session = event.sessions.get(title_en="Extra workshop")
    url = f"/events/bordeaux-2016/manage/programme/{session.pk}/"
    assert response["Location"] == url
    for text in ["First?", "Second?", "Third?"]:
        assert client.post(url, {"form": "question_add", "question-text": text}).status_code == 302
    third = session.questions.get(text="Third?")
    client.post(url, {"form": "question_move", "item": third.pk, "direction": "up"})
    assert list(session.questions.values_list("text", flat=True)) == ["First?", "Third?", "Second?"]
    client.post(url, {"form": "question_move", "item": third.pk, "direction": "up"})
    client.post(url, {"form": "question_remove", "item": session.questions.get(text="First?").pk})
    assert list(session.questions.values_list("text", "position")) == [("Third?", 0), ("Second?", 1)]
    response = client.post(url, {"form": "speaker_add", "speaker-role": "moderator", "speaker-new_name": "Ana Nova",
                                 "speaker-new_title": "Deputy Mayor",
                                 "speaker-new_organisation": Organisation.objects.get(slug="bordeaux").pk})
    assert response.status_code == 302
    person = Person.objects.get(name="Ana Nova")
    assert (person.title, person.organisation.slug) == ("Deputy Mayor", "bordeaux")
    known = Person.objects.exclude(pk=person.pk).first()
    client.post(url, {"form": "speaker_add", "speaker-role": "panelist", "speaker-person": known.pk})
    assert list(session.speakers.values_list("person__name", "role", "affiliation")) == [
        ("Ana Nova", "moderator", "Deputy Mayor"), (known.name, "panelist", known.title)]
    client.post(url, {"form": "speaker_move", "item": session.speakers.get(role="panelist").pk, "direction": "up"})
    assert list(session.speakers.values_list("role", flat=True)) == ["panelist", "moderator"]
    page = client.get(url).content.decode()
    assert "Move up" in page and "Ana Nova" in page


def test_a_speaker_without_a_person_is_refused(login):
    client = login("project_coordinator")
    session = Event.objects.get(slug="bordeaux-2016").sessions.first()
    response = client.post(f"/events/bordeaux-2016/manage/programme/{session.pk}/",
                           {"form": "speaker_add", "speaker-role": "panelist"})
    assert response.status_code == 400
    assert "Choose a person of the network, or give the name of a new person." in response.content.decode()


def test_delete_a_session(login):
    session = Event.objects.get(slug="bordeaux-2016").sessions.filter(kind="break").first() or \
        Event.objects.get(slug="bordeaux-2016").sessions.first()
    response = login("project_coordinator").post(
        f"/events/bordeaux-2016/manage/programme/{session.pk}/delete/")
    assert response["Location"] == "/events/bordeaux-2016/manage/programme/"
    assert not Session.objects.filter(pk=session.pk).exists()


def test_registration_settings_and_the_confirmation_text(login, client):
    manager = login("project_coordinator")
    response = manager.post("/events/small-workshop/manage/registration-settings/", {
        "registration_enabled": "on", "capacity": "2", "waitlist_enabled": "on",
        "confirmation_text": "Bring your ID card.", "registration_opens": "", "registration_closes": ""})
    assert response.status_code == 302
    event = Event.objects.get(slug="small-workshop")
    assert (event.capacity, event.ask_needs, event.confirmation_text) == (2, False, "Bring your ID card.")
    page = client.get("/events/small-workshop/register/").content.decode()
    assert 'name="needs"' not in page
    response = client.post("/events/small-workshop/register/", {
        "name": "Ada Test", "email": "ada@example.org", "country": "FR", "participant_type": "practitioner",
        "privacy_consent": "on"})
    assert response.status_code == 302
    assert "Bring your ID card." in client.get(response["Location"]).content.decode()
    run_pending()
    assert "Bring your ID card." in mail.outbox[-1].body


def test_capacity_below_the_confirmed_seats_is_refused(login):
    Event.objects.filter(slug="small-workshop").update(confirmed_count=2)
    response = login("project_coordinator").post("/events/small-workshop/manage/registration-settings/", {
        "registration_enabled": "on", "capacity": "1"})
    assert response.status_code == 400
    assert "2 people have a confirmed seat: the capacity cannot be lower." in response.content.decode()


@pytest.mark.parametrize("path", ["manage/edit/", "manage/programme/", "manage/registration-settings/",
                                  "manage/duplicate/"])
def test_others_get_404(login, path):
    # Bordeaux's partner coordinator does not manage Malmö's training; LIAISE 2's coordinator not the hidden
    # project's meeting
    assert login("partner_coordinator").get(f"/events/training-malmo/{path}").status_code == 404
    assert login("project_coordinator").get(f"/events/hidden-meeting/{path}").status_code == 404
    assert login("partner_coordinator").post("/events/training-malmo/manage/status/",
                                             {"status": "draft"}).status_code == 404
    assert Event.objects.get(slug="training-malmo").status == "published"


def test_the_programme_editor_costs_the_same_queries_as_the_programme_grows(login):
    from datetime import timedelta

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from liaise.events.models import Event, GuidingQuestion, Session, SpeakerRole
    from liaise.network.models import Person

    client = login("project_coordinator")
    event = Event.objects.get(slug="bordeaux-2016")
    url = f"/events/{event.slug}/manage/programme/"

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    before = count()
    person = Person.objects.order_by("pk").first()
    for n in range(10):
        session = Session.objects.create(event=event, slug=f"grown-{n}", kind="round_table", title=f"Grown {n}",
                                         start=event.start + timedelta(minutes=n), end=event.start
                                         + timedelta(minutes=n + 1))
        GuidingQuestion.objects.create(session=session, text="Grown?", position=0)
        SpeakerRole.objects.create(session=session, person=person, role="panelist")
    assert count() == before


def test_a_clash_with_another_events_session_does_not_name_it(login):
    """Venues are shared between projects: the organiser learns the room is taken, not by what."""
    from liaise.events.models import Session

    event = Event.objects.get(slug="bordeaux-2016")
    taken = event.sessions.exclude(kind="break").exclude(room=None).order_by("start").first()
    other = Event.objects.exclude(pk=event.pk).filter(project=event.project).first()
    Session.objects.filter(pk=taken.pk).update(event=other)  # the same room, in another event now
    start = taken.start.astimezone(PARIS)
    response = login("project_coordinator").post("/events/bordeaux-2016/manage/programme/new/", session_form(
        event, room=taken.room_id, start=start.strftime("%Y-%m-%dT%H:%M"),
        end=(start + datetime.timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")))
    html = response.content.decode()
    assert response.status_code == 400
    assert f"{taken.room.name} is already booked by another event" in html
    assert f"booked for “{taken.title}”" not in html.replace("&ldquo;", "“").replace("&rdquo;", "”")
