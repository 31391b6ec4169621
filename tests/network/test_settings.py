"""The organisers' pages of the network: a project's settings and partners, an organisation's record and a new
organisation — by the project's coordinators (and a partner coordinator for their own organisation's record);
404 for everyone else, another project's coordinator included."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from liaise.network import services
from liaise.network.models import Organisation, Partnership, Project, ProjectRole, Topic

SETTINGS = "/projects/liaise-2/settings/"


@pytest.fixture
def other_coordinator(db) -> Client:
    """The coordinator of the hidden project (and of nothing else)."""
    user = get_user_model().objects.create_user("coordinator@hidden.example", "x" * 12, full_name="Hidden Coord")
    ProjectRole.objects.create(project=Project.objects.get(slug="hidden-network"), user=user,
                               role=ProjectRole.Role.PROJECT_COORDINATOR)
    client = Client()
    client.force_login(user)
    return client


def settings_form(project: Project, **changes) -> dict:
    data = {"acronym": project.acronym, "name": project.name, "summary": "A new summary.",
            "visibility": "partners", "predecessor": project.predecessor_id or "",
            "start": project.start.isoformat(), "end": project.end.isoformat(),
            "website": "", "funder": "EU", "programme": "ISF", "grant_number": "123", "eu_funded": "on",
            "topics": [Topic.objects.order_by("pk").first().pk], "target_conferences": "3",
            "target_trainings": "5", "target_pilots": "7", "target_participants": "900"}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_coordinator_saves_the_settings(login, liaise2):
    client = login("project_coordinator")
    predecessor = liaise2.predecessor_id
    assert client.get(SETTINGS).status_code == 200
    response = client.post(SETTINGS, settings_form(liaise2))
    assert response.status_code == 302
    liaise2.refresh_from_db()
    assert (liaise2.summary_en, liaise2.visibility, liaise2.target_conferences, liaise2.target_participants,
            liaise2.eu_funded, [t.pk for t in liaise2.topics.all()], liaise2.predecessor_id) == (
        "A new summary.", "partners", 3, 900, True, [Topic.objects.order_by("pk").first().pk], predecessor)


def test_a_hidden_project_is_no_predecessor_choice(login, liaise2):
    hidden = Project.objects.get(slug="hidden-network")
    response = login("project_coordinator").post(SETTINGS, settings_form(liaise2, predecessor=hidden.pk))
    assert response.status_code == 400
    liaise2.refresh_from_db()
    assert liaise2.predecessor_id != hidden.pk


def test_a_summary_written_in_french_keeps_the_english_one(login, liaise2):
    english = liaise2.summary_en
    response = login("project_coordinator").post("/fr" + SETTINGS, settings_form(liaise2, summary="Résumé."))
    assert response.status_code == 302
    liaise2.refresh_from_db()
    assert (liaise2.summary_fr, liaise2.summary_en) == ("Résumé.", english)


def test_an_end_before_the_start_is_refused_next_to_the_field(login, liaise2):
    response = login("project_coordinator").post(SETTINGS, settings_form(liaise2, end="2000-01-01"))
    assert response.status_code == 400
    assert "The end must come on or after the start." in response.content.decode()
    liaise2.refresh_from_db()
    assert liaise2.end != datetime.date(2000, 1, 1)


def test_a_bad_target_is_refused_next_to_the_field(login, liaise2):
    response = login("project_coordinator").post(SETTINGS, settings_form(liaise2, target_pilots="-1"))
    assert response.status_code == 400
    assert 'class="field field-error"' in response.content.decode()


@pytest.mark.parametrize("role", ["partner_coordinator", "partner_member", "expert", "participant"])
def test_others_do_not_see_the_settings(login, role):
    assert login(role).get(SETTINGS).status_code == 404


def test_another_projects_coordinator_gets_404(other_coordinator):
    assert other_coordinator.get(SETTINGS).status_code == 404
    assert other_coordinator.post(SETTINGS, {}).status_code == 404
    partnership = Partnership.objects.get(project__slug="liaise-2", organisation__slug="bordeaux")
    assert other_coordinator.post(f"/projects/liaise-2/partners/{partnership.pk}/remove/").status_code == 404
    assert other_coordinator.get("/organisations/bordeaux/edit/").status_code == 404
    assert other_coordinator.get("/projects/hidden-network/settings/").status_code == 200


def test_add_a_partner_change_its_role_and_remove_it(login, liaise2):
    client = login("project_coordinator")
    newcomer = services.save_organisation("newcomer", name_en="Newcomer City", kind="city", country="PT")
    response = client.post("/projects/liaise-2/partners/add/", {
        "partner-organisation": newcomer.pk, "partner-role": "associate", "partner-joined_on": "2024-02-01"})
    assert response.status_code == 302
    partnership = Partnership.objects.get(project=liaise2, organisation=newcomer)
    assert (partnership.role, partnership.joined_on) == ("associate", datetime.date(2024, 2, 1))
    client.post(f"/projects/liaise-2/partners/{partnership.pk}/", {"role": "full"})
    partnership.refresh_from_db()
    assert partnership.role == "full"
    response = client.post(f"/projects/liaise-2/partners/{partnership.pk}/remove/", follow=True)
    assert "Newcomer City is no longer a partner of LIAISE 2." in response.content.decode()
    assert not Partnership.objects.filter(pk=partnership.pk).exists()


def test_a_second_lead_is_refused_with_a_message(login, liaise2):
    bordeaux = Partnership.objects.get(project=liaise2, organisation__slug="bordeaux")
    response = login("project_coordinator").post(f"/projects/liaise-2/partners/{bordeaux.pk}/", {"role": "lead"},
                                                 follow=True)
    assert "already has a lead partner" in response.content.decode()
    bordeaux.refresh_from_db()
    assert bordeaux.role != "lead"


def test_a_partner_with_people_and_events_cannot_be_removed_and_says_why(login, liaise2):
    bordeaux = Partnership.objects.get(project=liaise2, organisation__slug="bordeaux")
    response = login("project_coordinator").post(f"/projects/liaise-2/partners/{bordeaux.pk}/remove/", follow=True)
    page = response.content.decode()
    assert "cannot be removed from LIAISE 2: it still has" in page
    assert "project roles (" in page
    assert "events (" in page
    assert Partnership.objects.filter(pk=bordeaux.pk).exists()


def test_adding_an_organisation_already_a_partner_is_refused_next_to_the_field(login):
    bordeaux = Organisation.objects.get(slug="bordeaux")
    response = login("project_coordinator").post("/projects/liaise-2/partners/add/", {
        "partner-organisation": bordeaux.pk, "partner-role": "full"})
    assert response.status_code == 400
    assert 'class="field field-error"' in response.content.decode()


def test_the_settings_page_costs_the_same_queries_as_the_partners_grow(login, liaise2):
    client = login("project_coordinator")

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SETTINGS).status_code == 200
        return len(captured.captured_queries)

    before = count()
    for n in range(8):
        organisation = services.save_organisation(f"grown-{n}", name_en=f"Grown {n}", kind="ngo", country="FR")
        services.add_partner(liaise2, organisation, "associate")
    assert count() == before


@pytest.mark.parametrize("role", ["project_coordinator", "partner_coordinator", "staff"])
def test_an_organisations_record_is_edited_by_its_coordinators(login, role):
    client = login(role)
    url = "/organisations/bordeaux/edit/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"name": "Ville de Bordeaux", "short_name": "Bordeaux", "kind": "city",
                                 "country": "FR", "city": "Bordeaux", "website": "https://www.bordeaux.fr",
                                 "description": "A city."})
    assert response.status_code == 302
    bordeaux = Organisation.objects.get(slug="bordeaux")
    assert (bordeaux.name_en, bordeaux.website, bordeaux.description_en) == (
        "Ville de Bordeaux", "https://www.bordeaux.fr", "A city.")


@pytest.mark.parametrize("role", ["partner_member", "expert", "participant", "other_partner"])
def test_others_do_not_edit_an_organisation(login, role):
    assert login(role).get("/organisations/bordeaux/edit/").status_code == 404


def test_a_partner_coordinator_edits_only_their_own_organisation(login):
    assert login("partner_coordinator").get("/organisations/augsburg/edit/").status_code == 404


def test_a_bad_website_and_no_name_are_refused_next_to_the_fields(login):
    response = login("project_coordinator").post("/organisations/bordeaux/edit/", {
        "name": "", "kind": "city", "country": "FR", "website": "not a website"})
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count('class="field field-error"') == 2


def test_a_coordinator_creates_an_organisation_as_a_new_partner(login, liaise2):
    client = login("project_coordinator")
    assert client.get("/organisations/new/?project=liaise-2").status_code == 200
    response = client.post("/organisations/new/", {
        "name": "Ciudad Nueva", "short_name": "", "kind": "city", "country": "ES", "city": "Nueva",
        "partner_of": liaise2.pk, "partner_role": "associate"})
    organisation = Organisation.objects.get(name_en="Ciudad Nueva")
    assert response.status_code == 302
    assert response["Location"] == "/projects/liaise-2/settings/#partners"
    assert (organisation.slug, Partnership.objects.get(organisation=organisation).role) == (
        "ciudad-nueva", "associate")


def test_a_new_organisation_with_an_existing_name_is_refused(login):
    response = login("project_coordinator").post("/organisations/new/", {
        "name": "Bordeaux", "kind": "city", "country": "FR", "partner_role": "full"})
    assert response.status_code == 400
    assert "already exists" in response.content.decode()


@pytest.mark.parametrize("role", ["partner_coordinator", "partner_member", "participant"])
def test_only_coordinators_create_organisations(login, role):
    assert login(role).get("/organisations/new/").status_code == 404


def test_the_pages_link_the_settings_and_the_record(login):
    assert SETTINGS in login("project_coordinator").get("/projects/liaise-2/").content.decode()
    assert SETTINGS not in login("partner_coordinator").get("/projects/liaise-2/").content.decode()
    edit, record = "/organisations/bordeaux/edit/", "/organisations/bordeaux/"
    assert edit in login("partner_coordinator").get(record).content.decode()
    assert edit not in login("partner_member").get(record).content.decode()


def test_adding_another_projects_partner_does_not_hand_over_its_record(other_coordinator, login):
    """The hidden project's coordinator adds Bordeaux (a LIAISE 2 partner) as a partner: they may not edit the
    record LIAISE 2 relies on; LIAISE 2's coordinator may not either (it is shared now), Bordeaux's own partner
    coordinator and site admins still may."""
    services.add_partner(Project.objects.get(slug="hidden-network"), Organisation.objects.get(slug="bordeaux"),
                         "associate")
    assert other_coordinator.get("/organisations/bordeaux/edit/").status_code == 404
    assert login("project_coordinator").get("/organisations/bordeaux/edit/").status_code == 404
    assert login("partner_coordinator").get("/organisations/bordeaux/edit/").status_code == 200
    assert login("staff").get("/organisations/bordeaux/edit/").status_code == 200
    assert other_coordinator.get("/organisations/hidden-city/edit/").status_code == 200  # its own partner still
