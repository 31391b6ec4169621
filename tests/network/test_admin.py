"""The admin for project coordinators: their projects only, search and filters on every model."""

import pytest

from liaise.network.models import Organisation, Project

MODELS = ["project", "organisation", "partnership", "projectrole", "person", "topic", "membership"]


@pytest.mark.parametrize("model", MODELS)
def test_every_model_has_search_and_filters(login, model):
    client = login("staff")
    response = client.get(f"/admin/network/{model}/?q=bordeaux")
    assert response.status_code == 200
    changelist = response.context["cl"]
    assert changelist.search_fields
    assert changelist.has_filters or model == "topic"


def test_coordinator_edits_own_project_only(login):
    client = login("project_coordinator")
    liaise2 = Project.objects.get(slug="liaise-2")
    hidden = Project.objects.get(slug="hidden-network")
    listed = [p.slug for p in client.get("/admin/network/project/").context["cl"].result_list]
    assert listed == ["liaise-2"]
    assert client.get(f"/admin/network/project/{liaise2.pk}/change/").status_code == 200
    response = client.get(f"/admin/network/project/{hidden.pk}/change/")
    assert response.status_code == 302  # the admin's "does not exist" redirect


def test_coordinator_cannot_edit_the_taxonomy_nor_users(login):
    client = login("project_coordinator")
    topic = client.get("/admin/network/topic/").context["cl"].result_list[0]
    response = client.post(f"/admin/network/topic/{topic.pk}/change/", {"name_en": "Religion"})
    assert response.status_code == 403
    assert client.get("/admin/accounts/user/").status_code == 404


def test_coordinator_may_edit_organisations_of_their_project_but_not_others(login):
    client = login("project_coordinator")
    malmo = Organisation.objects.get(slug="malmo")
    hidden = Organisation.objects.get(slug="hidden-city")
    assert client.get(f"/admin/network/organisation/{malmo.pk}/change/").status_code == 200
    response = client.get(f"/admin/network/organisation/{hidden.pk}/change/")
    assert response.status_code in (302, 403)
    assert response.status_code != 200


def test_partner_roles_are_not_admins(login):
    for role in ["partner_coordinator", "partner_member", "expert", "participant"]:
        assert login(role).get("/admin/").status_code == 302
