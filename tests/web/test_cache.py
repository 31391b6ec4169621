from django.test import Client

from liaise.core import cache as page_cache
from liaise.network.models import Organisation


def test_an_edit_shows_at_once_for_anonymous_visitors(django_capture_on_commit_callbacks):
    client = Client()
    assert "Bordeaux" in client.get("/partners/").content.decode()
    version = page_cache.current()
    with django_capture_on_commit_callbacks(execute=True):
        bordeaux = Organisation.objects.get(slug="bordeaux")
        bordeaux.name_en = "Bordeaux Métropole (renamed)"
        bordeaux.save()
    assert page_cache.current() == version + 1
    assert "Bordeaux Métropole (renamed)" in client.get("/partners/").content.decode()


def test_signed_in_users_never_get_a_cached_page(login):
    anonymous = login("anonymous").get("/").content.decode()
    signed_in = login("partner_coordinator").get("/").content.decode()
    assert "Sign out" in signed_in and "Sign out" not in anonymous
    assert "Sign out" not in login("anonymous").get("/").content.decode()


def test_error_pages_are_not_cached(client):
    assert client.get("/partners/?country=ZZ").status_code == 400
    assert client.get("/partners/?country=ZZ").status_code == 400
    assert client.get("/partners/").status_code == 200


def test_markdown_is_sanitised():
    from liaise.web.markdown import render_markdown

    html = render_markdown('<script>alert(1)</script> [x](javascript:alert(1)) **ok** <img src=x onerror=alert(1)>')
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html
    assert "<strong>ok</strong>" in html


def test_only_the_parameters_a_page_reads_are_part_of_its_cache_key(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/partners/?country=FR")
    with CaptureQueriesContext(connection) as ctx:
        html = client.get("/partners/?country=FR&utm=random123").content.decode()
    assert len(ctx.captured_queries) == 1  # served from the cache
    assert "Bagneux" in html and "Augsburg" not in html
    # A repeated parameter: the page reads the last value, and so does the key.
    assert "Augsburg" in client.get("/partners/?country=FR&country=DE").content.decode()
