"""The organisers' pages that replace the admin for an event's materials (upload, edit, delete) and for venues and
their rooms: by the event's managers (materials) and by those who create events (venues); 404 for everyone else."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from liaise.events import programme
from liaise.events.models import Event, Material, Room, Venue
from liaise.network.models import Project, ProjectRole

MATERIALS = "/events/bordeaux-2016/manage/materials/"
PDF = b"%PDF-1.4\n% slides\n%%EOF\n"


@pytest.fixture
def other_coordinator(db) -> Client:
    user = get_user_model().objects.create_user("coordinator@hidden.example", "x" * 12, full_name="Hidden Coord")
    ProjectRole.objects.create(project=Project.objects.get(slug="hidden-network"), user=user,
                               role=ProjectRole.Role.PROJECT_COORDINATOR)
    client = Client()
    client.force_login(user)
    return client


def upload(client, name="slides.pdf", content=PDF, **extra):
    data = {"title": "Opening slides", "kind": "slides", "visibility": "public",
            "file": SimpleUploadedFile(name, content), **extra}
    return client.post(MATERIALS, data)


@pytest.mark.parametrize("role", ["project_coordinator", "partner_coordinator", "staff"])
def test_the_events_managers_upload_a_material(login, role):
    client = login(role)
    assert client.get(MATERIALS).status_code == 200
    response = upload(client)
    assert response.status_code == 302
    material = Material.objects.get(event__slug="bordeaux-2016", title="Opening slides")
    assert (material.kind, material.visibility, material.content_type) == ("slides", "public", "application/pdf")
    assert b"".join(client.get(f"/events/bordeaux-2016/materials/{material.pk}/").streaming_content) == PDF


@pytest.mark.parametrize(("name", "content", "message"), [
    ("evil.pdf", b"<html><script>alert(1)</script></html>", "This kind of file is not accepted"),
    ("empty.pdf", b"", "The submitted file is empty."),
])
def test_a_bad_file_gets_a_message_next_to_the_field(login, name, content, message):
    response = upload(login("project_coordinator"), name, content)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    assert 'class="field field-error"' in page
    assert not Material.objects.filter(title="Opening slides").exists()


def test_a_session_of_another_event_is_refused(login):
    other = Event.objects.get(slug="liaise-2-kick-off").sessions.first()
    response = upload(login("project_coordinator"), session=other.pk)
    assert response.status_code == 400
    assert not Material.objects.filter(title="Opening slides").exists()


def test_edit_then_delete_a_material_and_its_file(login, django_capture_on_commit_callbacks):
    client = login("partner_coordinator")
    upload(client)
    material = Material.objects.get(title="Opening slides")
    session = Event.objects.get(slug="bordeaux-2016").sessions.order_by("start").first()
    url = f"{MATERIALS}{material.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Slides of the opening", "kind": "slides", "visibility": "organisers",
                                 "session": session.pk})
    assert response.status_code == 302
    material.refresh_from_db()
    assert (material.title, material.visibility, material.session_id) == (
        "Slides of the opening", "organisers", session.pk)
    assert client.post(url, {"title": "", "kind": "slides", "visibility": "public"}).status_code == 400
    name, storage = material.file.name, material.file.storage
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"{url}delete/").status_code == 302
    assert (Material.objects.filter(pk=material.pk).exists(), storage.exists(name)) == (False, False)


@pytest.mark.parametrize("role", ["partner_member", "expert", "participant", "other_partner", "anonymous"])
def test_others_do_not_see_the_materials_pages(login, role):
    client = login(role)
    material = Material.objects.get(title="Minutes of the kick-off")
    assert client.get(MATERIALS).status_code == 404
    assert client.get(f"/events/liaise-2-kick-off/manage/materials/{material.pk}/").status_code == 404
    assert client.post(f"/events/liaise-2-kick-off/manage/materials/{material.pk}/delete/").status_code == 404


def test_another_projects_coordinator_gets_404(other_coordinator):
    material = Material.objects.get(title="Minutes of the kick-off")
    assert other_coordinator.get(MATERIALS).status_code == 404
    assert other_coordinator.post(f"/events/liaise-2-kick-off/manage/materials/{material.pk}/delete/"
                                  ).status_code == 404
    assert Material.objects.filter(pk=material.pk).exists()
    assert other_coordinator.get("/events/hidden-meeting/manage/materials/").status_code == 200


def test_the_materials_page_costs_the_same_queries_as_materials_grow(login):
    client = login("project_coordinator")
    event = Event.objects.get(slug="bordeaux-2016")
    session = event.sessions.first()

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(MATERIALS).status_code == 200
        return len(captured.captured_queries)

    before = count()
    for n in range(6):
        programme.add_material(event, programme.MaterialData(f"Handout {n}", session=session if n % 2 else None),
                               SimpleUploadedFile(f"h{n}.pdf", PDF))
    assert count() == before


# --- venues and rooms ------------------------------------------------------------------------------------------

def test_a_coordinator_adds_a_venue_with_rooms_and_edits_them(login):
    client = login("project_coordinator")
    assert client.get("/venues/").status_code == 200
    response = client.post("/venues/new/", {"name": "Hangar 14", "address": "Quai des Chartrons", "city": "Bordeaux",
                                            "country": "FR", "rooms": "Salle A\nSalle B"})
    venue = Venue.objects.get(name="Hangar 14")
    assert response.status_code == 302
    assert response["Location"] == f"/venues/{venue.slug}/"
    url = f"/venues/{venue.slug}/"
    assert client.get(url).status_code == 200
    client.post(url, {"form": "room_add", "room-room_name": "Salle C", "room-capacity": "80"})
    room_a = venue.rooms.get(name="Salle A")
    client.post(url, {"form": "room_edit", "item": room_a.pk, "edit-room_name": "Grande salle",
                      "edit-capacity": "300"})
    client.post(url, {"form": "room_remove", "item": venue.rooms.get(name="Salle B").pk})
    client.post(url, {"form": "venue", "name": "Hangar 14 (H14)", "address": "", "city": "Bordeaux",
                      "country": "FR"})
    venue.refresh_from_db()
    assert venue.name == "Hangar 14 (H14)"
    assert [(r.name, r.capacity) for r in venue.rooms.order_by("name")] == [("Grande salle", 300), ("Salle C", 80)]


def test_a_duplicate_room_name_and_a_missing_city_get_messages_next_to_the_fields(login):
    client = login("project_coordinator")
    venue = programme.save_venue(None, programme.VenueData("Hangar 14", "Bordeaux", "FR"), ["Salle A"])
    url = f"/venues/{venue.slug}/"
    response = client.post(url, {"form": "room_add", "room-room_name": "salle a"})
    assert response.status_code == 400
    assert "already has a room named salle a" in response.content.decode()
    response = client.post(url, {"form": "venue", "name": "Hangar 14", "city": "", "country": "FR"})
    assert response.status_code == 400
    assert 'class="field field-error"' in response.content.decode()
    response = client.post("/venues/new/", {"name": "Nowhere", "city": "", "country": ""})
    assert response.status_code == 400


def test_a_booked_room_cannot_be_removed_and_says_why(login):
    session = Event.objects.get(slug="bordeaux-2016").sessions.exclude(room=None).select_related("room").first()
    room = session.room
    response = login("project_coordinator").post(f"/venues/{room.venue.slug}/", {"form": "room_remove",
                                                                                 "item": room.pk}, follow=True)
    count = room.sessions.count()
    assert f"The room {room.name} is booked by {count} session" in response.content.decode()
    assert Room.objects.filter(pk=room.pk).exists()


def test_a_partner_coordinator_edits_only_venues_of_their_own_events(login):
    client = login("partner_coordinator")
    bordeaux_venue = Event.objects.get(slug="bordeaux-2016").venues.first()
    assert client.get(f"/venues/{bordeaux_venue.slug}/").status_code == 200
    foreign = Venue.objects.exclude(events__in=Event.objects.filter(organisers__slug="bordeaux")).filter(
        events__isnull=False).first()
    assert client.get(f"/venues/{foreign.slug}/").status_code == 404
    assert client.get("/venues/new/").status_code == 200


@pytest.mark.parametrize("role", ["partner_member", "expert", "participant", "other_partner"])
def test_others_do_not_see_the_venues(login, role):
    client = login(role)
    venue = Venue.objects.first()
    assert client.get("/venues/").status_code == 404
    assert client.get("/venues/new/").status_code == 404
    assert client.get(f"/venues/{venue.slug}/").status_code == 404


def test_the_venues_page_costs_the_same_queries_as_venues_grow(login):
    client = login("project_coordinator")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/venues/").status_code == 200
        return len(captured.captured_queries)

    before = count()
    for n in range(6):
        programme.save_venue(None, programme.VenueData(f"Hall {n}", "Lyon", "FR"), ["A", "B"])
    assert count() == before


def test_renaming_a_room_to_a_taken_name_is_refused_in_its_row(login):
    venue = programme.save_venue(None, programme.VenueData("Hangar 14", "Bordeaux", "FR"), ["Salle A", "Salle B"])
    room_b = venue.rooms.get(name="Salle B")
    response = login("project_coordinator").post(f"/venues/{venue.slug}/", {
        "form": "room_edit", "item": room_b.pk, "edit-room_name": "Salle A", "edit-capacity": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Hangar 14 already has a room named Salle A." in page
    assert f'id="edit-name-{room_b.pk}" name="edit-room_name" value="Salle A"' in page
    assert sorted(venue.rooms.values_list("name", flat=True)) == ["Salle A", "Salle B"]
