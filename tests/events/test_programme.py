import icalendar
import pytest
import vobject
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaise.events.models import Event, Session, SpeakerRole
from tests.factories import OrganisationFactory


def test_bordeaux_programme_as_the_seed_tells(client):
    response = client.get("/events/bordeaux-2016/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "European cities facing radicalisation: communication and counter-narratives" in html
    assert "Grand Théâtre de Bordeaux" in html
    for name in ["Marik Fetouh", "Roger Vicot", "Magnus Ranstorp", "Alain Juppé"]:
        assert name in html
    assert html.count("What communication strategy should be adopted at the local level?") == 2
    assert html.count("In what ways can the local level contribute to the development and dissemination") == 2
    kinds = list(Event.objects.get(slug="bordeaux-2016").sessions.values_list("kind", flat=True))
    assert {"opening", "keynote", "closing"} <= set(kinds)
    assert kinds.count("round_table") == 2
    assert "Panelist" in html and "Moderator" in html


def test_programme_query_count_does_not_grow_with_sessions(login):
    event = Event.objects.get(slug="bordeaux-2016")
    client = login("project_coordinator")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/events/bordeaux-2016/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    template = event.sessions.filter(kind="round_table").first()
    person = SpeakerRole.objects.filter(session=template).first().person
    for i in range(20):
        session = Session.objects.create(event=event, slug=f"extra-{i}", kind="workshop", title_en=f"Extra {i}",
                                         start=template.start, end=template.end, room=template.room)
        SpeakerRole.objects.create(session=session, person=person, role="panelist", position=i)
        session.questions.create(text_en="Q?", position=0)
    event.organisers.add(OrganisationFactory())
    assert count() == before


def test_event_list_query_count_is_constant(client):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/events/").status_code == 200
        return len(ctx.captured_queries)

    from django.core.cache import cache

    before = count()
    base = Event.objects.get(slug="small-workshop")
    for i in range(15):
        Event.objects.create(project=base.project, slug=f"w-{i}", title_en=f"W {i}", kind="workshop",
                             status="published", start=base.start, end=base.end)
    cache.clear()
    assert count() == before


@pytest.mark.parametrize("url", ["/events/bordeaux-2016.ics", "/events/bordeaux-2016/sessions/opening.ics"])
def test_calendars_parse_in_two_independent_libraries(client, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    calendar = icalendar.Calendar.from_ical(body)
    events = [c for c in calendar.walk("VEVENT")]
    assert events
    assert any(tz["TZID"] == "Europe/Paris" for tz in calendar.walk("VTIMEZONE"))
    start = events[0].decoded("DTSTART")
    assert start.tzinfo is not None and start.year == 2016
    parsed = vobject.readOne(body)
    assert len(parsed.vevent_list) == len(events)
    assert parsed.vevent.dtstart.value.utcoffset().total_seconds() == 7200  # CEST


def test_internal_meeting_materials_are_for_partners_only(login):
    from liaise.events.models import Material

    material = Material.objects.get(title="Minutes of the kick-off")
    url = f"/events/liaise-2-kick-off/materials/{material.pk}/"
    response = login("partner_member").get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert login("anonymous").get(url).status_code == 404
    assert login("other_partner").get(url).status_code == 404


def test_api_event_detail_and_list_filters(client):
    data = client.get("/api/v1/events/bordeaux-2016").json()
    assert data["timezone"] == "Europe/Paris"
    assert data["start"].startswith("2016-05-27T09:00:00+02:00")
    tables = [s for s in data["sessions"] if s["kind"] == "round_table"]
    assert len(tables) == 2 and len(tables[0]["guiding_questions"]) == 4
    assert any(sp["role"] == "panelist" for sp in tables[0]["speakers"])
    listed = client.get("/api/v1/events?project=liaise-2&kind=conference&from=2016-01-01&to=2016-12-31").json()
    assert [e["slug"] for e in listed["items"]] == ["bordeaux-2016", "leuven-2016"]
    assert client.get("/api/v1/events?from=2017-01-01&to=2016-01-01").status_code == 400
    assert client.get("/api/v1/events?from=yesterday").status_code == 422


def test_public_stats_suppress_small_counts(client):
    data = client.get("/api/v1/events/bordeaux-2016/stats").json()
    assert data["registered"] > 250 and data["attended"] > 250
    assert data["countries"] == 14
    assert all(v == "<5" or v >= 5 for v in data["by_country"].values())
    small = client.get("/api/v1/events/small-workshop/stats").json()
    assert small["registered"] == "<5"
