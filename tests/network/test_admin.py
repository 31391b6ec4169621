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


def test_coordinator_cannot_give_themselves_a_role_in_another_project(login, django_user_model):
    from liaise.network.models import ProjectRole

    client = login("project_coordinator")
    me = django_user_model.objects.get(email="coordinator@efus.example")
    hidden = Project.objects.get(slug="hidden-network")
    response = client.post("/admin/network/projectrole/add/", {
        "project": hidden.pk, "user": me.pk, "role": "project_coordinator", "organisation": "",
    })
    assert response.status_code == 200  # the form again, with an error next to the field
    assert "Select a valid choice" in response.content.decode()
    assert not ProjectRole.objects.filter(project=hidden, user=me).exists()


def test_admin_applies_the_partner_role_rules(login, django_user_model):
    from liaise.network.models import ProjectRole

    client = login("project_coordinator")
    liaise2 = Project.objects.get(slug="liaise-2")
    expert = django_user_model.objects.get(email="member@augsburg.example")
    malmo = Organisation.objects.get(slug="malmo")
    response = client.post(f"/admin/network/projectrole/{ProjectRole.objects.get(user=expert).pk}/change/", {
        "project": liaise2.pk, "user": expert.pk, "role": "partner_member", "organisation": malmo.pk,
    })
    assert "This person is not a member of the organisation." in response.content.decode()
    assert ProjectRole.objects.get(user=expert).organisation.slug == "augsburg"


def test_coordinator_does_not_see_hidden_memberships_or_users(login):
    client = login("project_coordinator")
    memberships = client.get("/admin/network/membership/").context["cl"].result_list
    assert "hidden-city" not in {m.organisation.slug for m in memberships}
    form = client.get("/admin/network/projectrole/add/").context["adminform"].form
    emails = {u.email for u in form.fields["user"].queryset}
    assert "member@hidden.example" not in emails and "member@augsburg.example" in emails
