import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from liaise.accounts.services import create_api_token
from liaise.network.models import Partnership
from tests.factories import OrganisationFactory, PartnershipFactory


def test_project_detail_lists_28_partners_18_of_them_cities_or_regions(client):
    data = client.get("/api/v1/projects/liaise-2").json()
    assert data["acronym"] == "LIAISE 2"
    assert data["lead"]["slug"] == "efus"
    assert data["start"] == "2016-05-01" and data["end"] == "2018-04-30"
    assert data["predecessor"] == "liaise"
    assert len(data["partners"]) == 28
    assert sum(p["kind"] in ("city", "region") for p in data["partners"]) == 18
    assert data["counts"]["local_authorities"] == 18
    cep = next(p for p in data["partners"] if p["organisation"]["slug"] == "cep")
    assert (cep["role"], cep["kind"], cep["country"]) == ("full", "network", "NL")
    assert data["targets"] == {"conferences": 5, "trainings": 17, "pilots": 17, "participants": None}


def test_project_list_is_paginated(client):
    data = client.get("/api/v1/projects?limit=1&offset=0").json()
    assert data["count"] == 2
    assert [p["slug"] for p in data["items"]] == ["liaise-2"]
    assert data["items"][0]["partner_count"] == 28
    assert data["items"][0]["lead"]["slug"] == "efus"


def test_organisations_filter(client):
    data = client.get("/api/v1/organisations?country=fr&kind=city&limit=100").json()
    assert data["count"] == 5
    assert {o["slug"] for o in data["items"]} == {"bagneux", "bordeaux", "paris", "sarcelles", "toulouse"}


@pytest.mark.parametrize(
    ("query", "status", "detail"),
    [
        ("country=XX", 400, "Unknown country code “XX”"),
        ("kind=castle", 400, "Unknown organisation kind “castle”"),
        ("project=nope", 400, "Unknown project “nope”"),
        ("limit=abc", 422, "limit: Input should be a valid integer"),
        ("limit=-1", 422, "limit:"),
        ("offset=-5", 422, "offset:"),
    ],
)
def test_bad_filters_answer_4xx_with_detail(client, query, status, detail):
    response = client.get(f"/api/v1/organisations?{query}")
    assert response.status_code == status
    assert detail in response.json()["detail"]


def test_unknown_and_malformed_slugs_are_404_json(client):
    for url in ["/api/v1/projects/nope", "/api/v1/projects/bad%20slug", "/api/v1/projects/..%2F.."]:
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["detail"]


def test_a_write_to_a_wrong_address_is_a_json_404_not_the_csrf_page(db):
    from django.test import Client

    for url in ["/api/v1/nothing", "/api/v1/events/bad%20slug/registrations"]:
        response = Client(enforce_csrf_checks=True).post(url, {}, content_type="application/json")
        assert (response.status_code, response["Content-Type"]) == (404, "application/json")


def test_errors_of_the_family_answer_detail_and_field(client):
    response = client.get("/api/v1/events?kind=castle")
    assert response.status_code == 400
    assert response.json()["field"] == "kind"
    assert response.json()["detail"].startswith("Unknown event kind “castle”: use one of ")
    french = client.get("/api/v1/organisations?country=ZZ", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french == {"detail": "Code de pays inconnu : « ZZ ». Utilisez un code ISO 3166, comme FR ou DE.",
                      "field": "country"}


def test_topics(client):
    data = client.get("/api/v1/topics").json()
    assert data["count"] == 8
    assert "Family support" in [t["name"] for t in data["items"]]


def test_content_language_follows_accept_language(client):
    data = client.get("/api/v1/projects/liaise-2", HTTP_ACCEPT_LANGUAGE="fr").json()
    assert data["name"] == "Institutions locales contre l'extrémisme violent II"
    # No Italian text in the demo: falls back to English.
    data = client.get("/api/v1/projects/liaise-2", HTTP_ACCEPT_LANGUAGE="it").json()
    assert data["name"] == "Local Institutions Against Violent Extremism II"


def test_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/projects", "/api/v1/projects/{slug}", "/api/v1/organisations", "/api/v1/topics"} <= set(
        schema["paths"]
    )


def test_bearer_token_sees_what_its_user_sees(django_user_model, db):
    member = django_user_model.objects.get(email="member@hidden.example")
    _token, raw = create_api_token(member, "script")
    client = Client()
    assert client.get("/api/v1/projects/hidden-network").status_code == 404
    response = client.get("/api/v1/projects/hidden-network", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert response.json()["visibility"] == "partners"


@pytest.mark.parametrize("header", ["Bearer lia_wrong", "Bearer ", "Basic abc", "Token x"])
def test_bad_tokens_are_401_with_detail(client, header):
    response = client.get("/api/v1/projects", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["detail"]


def test_list_query_counts_do_not_grow(client, liaise2):
    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = ["/api/v1/projects", "/api/v1/projects/liaise-2", "/api/v1/organisations?limit=100", "/api/v1/topics"]
    before = [count(u) for u in urls]
    for _ in range(252):
        PartnershipFactory(project=liaise2, organisation=OrganisationFactory(), role=Partnership.Role.FULL)
    assert [count(u) for u in urls] == before


def test_no_two_api_schemas_share_a_name():
    """The OpenAPI schema names its components after the classes: two apps' ``IndicatorOut`` would overwrite each
    other and the documented shape of one endpoint would be the other's."""
    import importlib
    import inspect

    from ninja import Schema

    seen: dict[str, str] = {}
    for app in ("network", "events", "live", "learning", "pilots", "library", "reporting"):
        module = importlib.import_module(f"liaise.{app}.api")
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Schema) and cls.__module__ == module.__name__:
                assert name not in seen, f"{name} is defined in {seen.get(name)} and {module.__name__}"
                seen[name] = module.__name__
    assert "ResultsIndicatorOut" in seen and "IndicatorOut" in seen
