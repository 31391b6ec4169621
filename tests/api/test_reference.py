"""The API's reference page (/api/v1/docs), drawn on the server from the OpenAPI schema (liaise/api/reference.py):
every operation and schema is on it, its links lead somewhere, it needs no script of its own, and what comes from
the schema is marked as the English it is written in."""

import lxml.html
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaise.api.api import api
from liaise.api.reference import enum_html, inline_code, rules_html, type_html


def _page(client, **headers):
    response = client.get("/api/v1/docs", **headers)
    assert response.status_code == 200
    return response, lxml.html.fromstring(response.content)


def test_every_operation_and_schema_is_on_the_page_with_its_parameters(client):
    schema = api.get_openapi_schema()
    _response, html = _page(client)
    by_id = {element.get("id"): element for element in html.xpath("//*[@id]")}
    operations = [(method, path, op) for path, item in schema["paths"].items() for method, op in item.items()]
    assert len(operations) == 29
    for method, path, op in operations:
        heading = by_id[op["operationId"]]
        assert " ".join(heading.text_content().split()) == f"{method.upper()} {path}"
        card = heading.getparent()
        named = [" ".join(th.text_content().split()) for th in card.xpath(".//caption[.='Parameters']/..//tbody/tr/th")]
        assert named == [p["name"] for p in op.get("parameters", [])]
        statuses = card.xpath(".//caption[.='Answers']/..//tbody//th//text()")
        assert statuses == [str(status) for status in op["responses"]]
    assert {f"schema-{name}" for name in schema["components"]["schemas"]} <= set(by_id)


def test_every_link_within_the_page_leads_to_a_part_of_it(client):
    _response, html = _page(client)
    ids = set(html.xpath("//@id"))
    targets = {href[1:] for href in html.xpath("//a/@href") if href.startswith("#")}
    assert len(targets) > 100
    assert sorted(targets - ids) == []


def test_the_page_is_the_sites_own_without_swagger_and_with_the_api_text_marked_english(client):
    response, html = _page(client, HTTP_ACCEPT_LANGUAGE="fr")
    assert html.get("lang") == "fr"
    assert html.xpath("//script/@src") == ["/static/liaise/focus.js"]
    assert html.xpath("//nav[@class='main-nav']//a[@aria-current='page']/@href") == ["/api/v1/docs"]
    assert b"swagger-ui" not in response.content  # (Swagger UI is only named, as a tool for the OpenAPI file)
    summary = html.get_element_by_id("liaise_network_api_list_projects").getnext()
    assert (summary.text, summary.get("lang")) == ("Projects you can see", "en")
    # a GET that needs nothing in its path can be opened right away, in the reader's session
    assert "/api/v1/projects" in html.xpath("//a/@href")
    assert "/api/v1/projects/{slug}" not in html.xpath("//a/@href")


def test_the_page_reads_nothing_from_the_database_for_a_visitor(client):
    _page(client)  # the schema is built once per process and language
    with CaptureQueriesContext(connection) as queries:
        _page(client)
    assert [q["sql"] for q in queries] == []


def test_types_are_said_in_words_with_links_to_the_schemas_they_name():
    assert type_html({"type": "array", "items": {"$ref": "#/components/schemas/EventOut"}}) == (
        'array of <a href="#schema-EventOut"><code>EventOut</code></a>')
    assert type_html({"anyOf": [{"type": "string", "maxLength": 2}, {"type": "null"}], "format": "date"}) == (
        "<code>string</code> (date) or null")
    assert type_html({"anyOf": [{"type": "integer"}, {"type": "string"}]}) == (
        "<code>integer</code> or <code>string</code>")
    assert type_html({"type": "object", "additionalProperties": {"type": "integer"}}) == (
        "object of <code>integer</code> by key")
    assert type_html({"const": True, "type": "boolean"}) == "always <code>true</code>"
    assert type_html({"enum": ["top", "new"], "type": "string"}) == (
        "one of <code>&quot;top&quot;</code>, <code>&quot;new&quot;</code>")
    assert type_html({}) == "any value"


def test_a_long_list_of_values_is_folded():
    codes = [f"C{i}" for i in range(20)]
    assert enum_html(codes).startswith("<details><summary>one of 20 values</summary><code>&quot;C0&quot;</code>, ")


def test_rules_are_read_from_the_schema_and_from_its_options():
    schema = {"anyOf": [{"type": "string", "maxLength": 120, "pattern": "^[a-z]+$"}, {"type": "null"}], "default": ""}
    assert rules_html(schema) == [
        "default <code>&quot;&quot;</code>", "at most 120 characters", "matches <code>^[a-z]+$</code>"]
    assert rules_html({"type": "integer", "minimum": 1, "maximum": 100}) == ["at least 1", "at most 100"]


def test_descriptions_are_escaped_with_their_code_spans():
    assert inline_code("the id to send as `after`, <b>or</b> ``0``") == (
        "the id to send as <code>after</code>, &lt;b&gt;or&lt;/b&gt; <code>0</code>")
