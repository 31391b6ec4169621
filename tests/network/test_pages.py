import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaise.network.models import Organisation, Partnership
from tests.factories import OrganisationFactory, PartnershipFactory

PAGES = ["/", "/projects/", "/projects/liaise-2/", "/partners/", "/partners/?project=liaise-2&country=FR",
         "/organisations/efus/"]


def test_home_shows_the_project_at_a_glance(login):
    html = login("anonymous").get("/").content.decode()
    assert "LIAISE 2" in html
    assert "European Forum for Urban Security" in html
    assert '<strong class="big-number">28</strong>' in html
    assert "including 18 cities and regions" in html
    assert "<strong>5</strong> European conferences" in html


def test_project_page_lists_all_partners_with_roles(login):
    response = login("anonymous").get("/projects/liaise-2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "28 partners" in html
    assert "18 cities and regions" in html
    assert html.count('<th scope="row"><a href="/organisations/') == 28
    assert "CEP – European Organisation for Probation" in html
    assert "Local Institutions Against Extremism" not in html or "Builds on" in html


def test_directory_filters_by_country_and_kind(login):
    html = login("anonymous").get("/partners/?country=FR&kind=city").content.decode()
    for city in ["Bagneux", "Bordeaux", "Paris", "Sarcelles", "Toulouse"]:
        assert city in html
    assert "Augsburg" not in html
    assert "5 organisations" in html


def test_directory_country_filter_is_case_insensitive(login):
    html = login("anonymous").get("/partners/?country=de").content.decode()
    assert "Augsburg" in html and "Bordeaux</strong>" not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("country=ZZ", "Unknown country"),
        ("kind=castle", "Unknown organisation kind “castle”"),
        ("project=nope", "Unknown project"),
        ("country=" + "F" * 50, "Ensure this value has at most 2 characters"),
    ],
)
def test_directory_bad_filters_get_a_message_next_to_the_field(login, query, message):
    response = login("anonymous").get(f"/partners/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_directory_chart_counts_partners_per_country(login):
    response = login("anonymous").get("/partners/?project=liaise-2")
    chart = dict((code, n) for code, _name, n in response.context["chart"])
    assert chart["FR"] == 8
    assert chart["DE"] == 7
    assert sum(chart.values()) == 28


def test_organisation_page_lists_projects_and_public_contacts(login):
    html = login("anonymous").get("/organisations/bordeaux/").content.decode()
    assert "Alain Juppé" in html and "Mayor of Bordeaux" in html
    assert "LIAISE 2" in html


def test_pages_are_responsive_and_have_a_language_switcher(login):
    html = login("anonymous").get("/").content.decode()
    assert '<meta name="viewport"' in html
    assert 'hreflang="en"' in html
    assert '<html lang="en">' in html


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["anonymous", "project_coordinator"])
def test_query_counts_do_not_grow_with_tenfold_partners(login, liaise2, role):
    from django.core.cache import cache

    client = login(role)
    before = {}
    for url in PAGES:
        cache.clear()
        before[url] = _count(client, url)
    # Ten times the partners: 252 more organisations in LIAISE 2, in several countries and kinds.
    kinds = [Organisation.Kind.CITY, Organisation.Kind.REGION, Organisation.Kind.NGO]
    for i in range(252):
        organisation = OrganisationFactory(country=["FR", "DE", "IT", "ES"][i % 4], kind=kinds[i % 3])
        PartnershipFactory(project=liaise2, organisation=organisation, role=Partnership.Role.ASSOCIATE)
    assert liaise2.partnerships.count() == 280
    after = {}
    for url in PAGES:
        cache.clear()
        after[url] = _count(client, url)
    assert after == before
    assert max(before.values()) <= 12


def test_anonymous_pages_are_served_from_cache_with_few_queries(login):
    client = login("anonymous")
    client.get("/projects/liaise-2/")
    assert _count(client, "/projects/liaise-2/") == 1  # the content version only
