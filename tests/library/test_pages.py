"""The library's pages and API: uploads checked by content, downloads, the workflow, forms, markdown, the API."""

import io
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from liaise.core.tasks import run_pending
from liaise.demo.pdf import make_pdf
from liaise.library import queries, services
from liaise.library.models import Practice, Resource

PDF = make_pdf("Local strategy of Bordeaux", ["A strategy against radicalisation with the word quokkafield inside."])


def user(email):
    return get_user_model().objects.get(email=email)


def upload(client, slug, name, content, **extra):
    data = {"title": "Toolkit", "kind": "publication", "language": "en", "visibility": "public",
            "file": SimpleUploadedFile(name, content), **extra}
    return client.post(f"/library/practices/{slug}/resources/new/", data)


# -- uploads --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "message"), [
    ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "This kind of file is not accepted"),
    ("page.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", "This kind of file is not accepted"),
    ("empty.pdf", b"", "The submitted file is empty."),
])
def test_refused_uploads_say_why_next_to_the_field(login, name, content, message):
    response = upload(login("partner_coordinator"), "draft-practice", name, content)
    assert response.status_code == 400
    errors = response.context["form"].errors["file"]
    assert any(message in e for e in errors)
    assert Resource.objects.filter(practice__slug="draft-practice").count() == 0


def test_an_archive_bomb_and_an_entity_bomb_are_refused_next_to_the_field(login):
    from tests.core.test_archives import LAUGHS, docx

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(60):
                member.write(b"\0" * (1 << 20))
    client = login("partner_coordinator")
    for content, message in [(bomb.getvalue(), "expands to more than 50 MB"), (docx(LAUGHS), "DTD or entities")]:
        response = upload(client, "draft-practice", "plan.docx", content)
        assert response.status_code == 400
        assert any(message in e for e in response.context["form"].errors["file"])
    assert Resource.objects.filter(practice__slug="draft-practice").count() == 0


def test_oversized_upload_is_refused(login, settings):
    settings.LIAISE_MAX_UPLOAD_MB = 1
    response = upload(login("partner_coordinator"), "draft-practice", "big.pdf", b"%PDF-1.4\n" + b"0" * 1_100_000)
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == ["The file is larger than 1 MB."]


def test_default_upload_limit_is_20_mb(settings):
    from liaise.core.uploads import max_upload_bytes

    assert max_upload_bytes() == 20 * 1024 * 1024


def test_accepted_pdf_downloads_byte_identical_as_an_attachment(login):
    client = login("partner_coordinator")
    response = upload(client, "draft-practice", "../../etc/evil name.pdf", PDF)
    assert response.status_code == 302
    assert Resource.objects.get(practice__slug="draft-practice").extracted_text == ""  # not read in the request
    assert run_pending() == 1  # the worker reads the text
    resource = Resource.objects.get(practice__slug="draft-practice")
    assert resource.file.name.startswith("library/") and resource.file.name.endswith(".pdf")
    assert "evil" not in resource.file.name
    assert "quokkafield" in resource.extracted_text
    download = client.get(f"/library/resources/{resource.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    # a draft's resource: not for others
    assert login("anonymous").get(f"/library/resources/{resource.pk}/download/").status_code == 404
    assert login("partner_member").get(f"/library/resources/{resource.pk}/download/").status_code == 404


def test_pdf_text_is_searchable_once_published(login):
    client = login("partner_coordinator")
    upload(client, "draft-practice", "strategy.pdf", PDF)
    run_pending()
    anonymous = user("coordinator@efus.example")
    services.publish(anonymous, Practice.objects.get(slug="draft-practice"))
    from django.contrib.auth.models import AnonymousUser

    found = queries.search_practices(AnonymousUser(), "quokkafield", with_facets=False).items
    assert [p.slug for p in found] == ["draft-practice"]


def test_unreadable_pdf_still_uploads_with_a_note_for_editors(login):
    client = login("partner_coordinator")
    response = upload(client, "draft-practice", "broken.pdf", b"%PDF-1.7\n1 0 obj << /Broken \nthis is not a pdf")
    assert response.status_code == 302
    run_pending()
    resource = Resource.objects.get(practice__slug="draft-practice")
    assert resource.extraction_note.startswith(("The text of this file could not be read", "No text was found"))
    page = client.get("/library/practices/draft-practice/").content.decode()
    assert resource.extraction_note in page


def test_docx_text_is_extracted(login):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document xmlns:w='x'><w:p>Wombatline training</w:p></w:document>")
    response = upload(login("partner_coordinator"), "draft-practice", "plan.docx", buffer.getvalue())
    assert response.status_code == 302
    run_pending()
    assert Resource.objects.get(practice__slug="draft-practice").extracted_text == "Wombatline training"


# -- workflow -------------------------------------------------------------------------------------------------

FORM = {
    "title": "Street mediators at night", "summary": "Mediators walk the city centre at night.",
    "description": "Hello <script>alert('x')</script> [click](javascript:alert(1)) **bold**",
    "kind": "programme", "approach": "community", "topics": [], "audiences": ["youth", "general_public"],
    "scope": "local", "language": "en", "languages": "fr, en", "visibility": "public", "contact": "",
}


def owner_value(slug="bordeaux"):
    from liaise.network.models import Organisation, Project

    return f"{Project.objects.get(slug='liaise-2').pk}:{Organisation.objects.get(slug=slug).pk}"


def test_partner_coordinator_drafts_submits_and_coordinator_publishes(login):
    partner = login("partner_coordinator")
    response = partner.post("/library/practices/new/", {**FORM, "owner": owner_value()})
    assert response.status_code == 302
    practice = Practice.objects.get(title_en="Street mediators at night")
    assert (practice.status, practice.organisation.slug, practice.languages) == ("draft", "bordeaux", ["fr", "en"])
    assert sorted(practice.audience_codes()) == ["general_public", "youth"]
    url = practice.get_absolute_url()
    # invisible to others while a draft
    assert login("anonymous").get(url).status_code == 404
    assert login("partner_member").get(url).status_code == 404
    assert partner.post(f"{url}workflow/", {"action": "submit"}).status_code == 302
    assert Practice.objects.get(pk=practice.pk).status == "in_review"
    # the partner coordinator cannot edit while in review, nor publish
    assert partner.get(f"{url}edit/").status_code == 404
    partner.post(f"{url}workflow/", {"action": "publish"})
    assert Practice.objects.get(pk=practice.pk).status == "in_review"
    coordinator = login("project_coordinator")
    assert "Street mediators at night" in coordinator.get("/library/workspace/").content.decode()
    coordinator.post(f"{url}workflow/", {"action": "send_back", "comment": ""})
    assert Practice.objects.get(pk=practice.pk).status == "in_review"  # a comment is required
    coordinator.post(f"{url}workflow/", {"action": "publish"})
    coordinator.post(f"{url}workflow/", {"action": "peer_reviewed"})
    practice.refresh_from_db()
    assert (practice.status, practice.peer_reviewed) == ("published", True)
    assert login("anonymous").get(url).status_code == 200
    coordinator.post(f"{url}workflow/", {"action": "send_back", "comment": "Add the evaluation, please."})
    practice.refresh_from_db()
    assert (practice.status, practice.peer_reviewed, practice.review_comment) == (
        "draft", False, "Add the evaluation, please.")
    assert "Add the evaluation, please." in partner.get(url).content.decode()
    from django.core.cache import cache

    cache.clear()  # (the content version is bumped on commit, which tests never reach)
    assert login("anonymous").get(url).status_code == 404


def test_partner_coordinator_cannot_write_for_another_organisation(login):
    response = login("partner_coordinator").post("/library/practices/new/", {**FORM, "owner": owner_value("paris")})
    assert response.status_code == 400
    assert response.context["form"].errors["owner"]
    assert not Practice.objects.filter(title_en="Street mediators at night").exists()


def test_form_errors_are_next_to_the_fields(login):
    response = login("partner_coordinator").post("/library/practices/new/", {
        **FORM, "owner": owner_value(), "title": "", "approach": "castle", "languages": "fr, klingon",
        "contact": "not-an-address"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"title", "approach", "languages", "contact"}
    assert 'class="error"' in response.content.decode()


def test_script_and_javascript_links_come_out_inert(login):
    partner = login("partner_coordinator")
    partner.post("/library/practices/new/", {**FORM, "owner": owner_value()})
    practice = Practice.objects.get(title_en="Street mediators at night")
    html = partner.get(practice.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html
    assert "<strong>bold</strong>" in html


def test_origin_session_is_shown_with_its_event(client):
    html = client.get("/library/practices/bordeaux-family-listening-line/").content.decode()
    assert "Where it comes from" in html
    assert "Local communication strategies" in html
    assert "/events/bordeaux-2016/#session-round-table-1" in html


def test_search_page_shows_facets_snippets_and_filters(client):
    response = client.get("/library/?q=parents&country=FR")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<mark>" in html
    assert "Family support" in html  # a facet value
    assert client.get("/library/?country=ZZ").status_code == 400


# -- API ------------------------------------------------------------------------------------------------------


def test_api_search_answers_ranked_items_and_facets(client):
    body = client.get("/api/v1/practices?q=family+listening+line&limit=5").json()
    assert body["items"][0]["slug"] == "bordeaux-family-listening-line"
    assert set(body["items"][0]) == {"slug", "title", "snippet", "organisation", "country", "topics", "score", "url"}
    assert body["items"][0]["country"] == "FR"
    assert set(body["facets"]) == {"topic", "approach", "audience", "country", "kind"}
    assert body["count"] >= 1


def test_api_filters_and_errors(client):
    body = client.get("/api/v1/practices?approach=exit").json()
    assert {item["slug"] for item in body["items"]} == {"dusseldorf-exit-counselling"}
    bad = client.get("/api/v1/practices?topic=nope")
    assert (bad.status_code, bad.json()) == (400, {"detail": "Unknown topic “nope”.", "field": "topic"})
    assert client.get("/api/v1/practices?country=ZZ").status_code == 400
    assert client.get("/api/v1/practices?limit=0").status_code == 422
    assert "detail" in client.get("/api/v1/practices?offset=-1").json()
    # any offset: the API pages through the same order as the page does
    first = [p["slug"] for p in client.get("/api/v1/practices?limit=20").json()["items"]]
    assert [p["slug"] for p in client.get("/api/v1/practices?limit=10&offset=5").json()["items"]] == first[5:15]


def test_api_detail(client):
    body = client.get("/api/v1/practices/bordeaux-family-listening-line").json()
    assert body["origin"] == [{"kind": "session", "title": "Local communication strategies",
                               "url": "/events/bordeaux-2016/#session-round-table-1"}]
    assert body["is_demo"] is True
    assert body["audiences"] == ["families", "health_social"] or sorted(body["audiences"]) == [
        "families", "health_social"]
    assert client.get("/api/v1/practices/draft-practice").status_code == 404


def test_api_list_query_count_is_fixed(client, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from liaise.demo.library_loader import generate_practices

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/practices?q=prevention&limit=50").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    generate_practices(200, stream=None, seed=11)
    assert count() == before


def test_demo_publications_are_real_pdfs_with_text(client):
    resources = Resource.objects.filter(is_demo=True, practice__isnull=True)
    assert resources.count() == 2
    for resource in resources:
        assert resource.content_type == "application/pdf"
        assert resource.extraction_note == ""
        assert "Demo document" in resource.extracted_text
    assert "methodological guide" in client.get("/library/resources/?q=guide").content.decode()
