"""The admin is for site admins (staff) only: search and filters on every model; everybody else — project
coordinators included — is sent to the sign-in page and does their work in Liaise's own pages."""

import pytest
from django.contrib.auth import get_user_model

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


@pytest.mark.parametrize("role", ["project_coordinator", "partner_coordinator", "partner_member", "expert",
                                  "participant", "other_partner"])
def test_only_site_admins_enter_the_admin(login, role):
    client = login(role)
    liaise2 = Project.objects.get(slug="liaise-2")
    for url in ("/admin/", "/admin/network/project/", f"/admin/network/project/{liaise2.pk}/change/"):
        response = client.get(url)
        assert (response.status_code, response["Location"].split("?")[0]) == (302, "/admin/login/")
    assert client.get("/admin/login/")["Location"] == "/"


def test_a_site_admin_edits_any_project_and_organisation(login):
    client = login("staff")
    hidden = Project.objects.get(slug="hidden-network")
    assert client.get(f"/admin/network/project/{hidden.pk}/change/").status_code == 200
    assert client.get(f"/admin/network/organisation/{Organisation.objects.get(slug='hidden-city').pk}/change/"
                      ).status_code == 200


def test_the_menu_links_the_admin_for_site_admins_only(login):
    assert "/admin/" in login("staff").get("/").content.decode()
    assert "/admin/" not in login("project_coordinator").get("/").content.decode()


def test_admin_applies_the_partner_role_rules(login, django_user_model):
    from liaise.network.models import ProjectRole

    client = login("staff")
    liaise2 = Project.objects.get(slug="liaise-2")
    expert = django_user_model.objects.get(email="member@augsburg.example")
    malmo = Organisation.objects.get(slug="malmo")
    response = client.post(f"/admin/network/projectrole/{ProjectRole.objects.get(user=expert).pk}/change/", {
        "project": liaise2.pk, "user": expert.pk, "role": "partner_member", "organisation": malmo.pk,
    })
    assert "This person is not a member of the organisation." in response.content.decode()
    assert ProjectRole.objects.get(user=expert).organisation.slug == "augsburg"


def test_the_admin_loads_liaises_accessibility_fixes_and_labels_split_date_fields(login):
    """Issue 18: liaise.web's admin/base_site.html adds admin.css and admin.js (breadcrumbs, names for the fields
    the admin's scripts build); its admin/widgets/split_datetime.html gives the date and the time a label each."""
    client = login("staff")
    person = get_user_model().objects.get(email="admin@liaise.example")
    html = client.get(f"/admin/accounts/user/{person.pk}/change/").content.decode()
    assert ('<link rel="stylesheet" href="/static/liaise/admin.css">' in html,
            '<script src="/static/liaise/admin.js" defer></script>' in html,
            '<label for="id_last_login_0">Date:</label>' in html,
            '<label for="id_last_login_1">Time:</label>' in html) == (True, True, True, True)


def test_the_project_list_filters_by_a_blank_funder_with_a_link_that_says_so(login, liaise2):
    """A blank funder is the admin's empty value ("-") in the filter, not a link without text (issue 18)."""
    Project.objects.filter(pk=liaise2.pk).update(funder="")
    response = login("staff").get("/admin/network/project/")
    choices = [choice for spec in response.context["cl"].filter_specs if spec.title == "funder"
               for choice in spec.choices(response.context["cl"])]
    assert [choice["display"] for choice in choices if choice["query_string"] == "?funder="] == ["-"]
