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


def test_signed_in_users_never_get_the_visitors_copy(login):
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


def _queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(ctx.captured_queries)


def _without_csrf(html):
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_a_signed_in_user_gets_their_own_copy_with_the_personal_parts_rendered_anew(login):
    member = login("partner_member")
    member.get("/")  # (the browser's CSRF cookie: part of the copy's key, as its forms are signed with it)
    first, made = _queries(member, "/partners/")
    again, served = _queries(member, "/partners/")
    assert _without_csrf(again) == _without_csrf(first)
    assert served == 3 < made  # session, user, content version
    assert "liaise:messages" not in again
    assert "user-menu" in again and "Sign out" in again  # the user menu, theirs


def test_a_signed_in_copy_never_reaches_another_user(login, liaise2):
    from django.urls import reverse

    coordinator, member = login("project_coordinator"), login("partner_member")
    settings_url = reverse("network:project_settings", kwargs={"slug": liaise2.slug})
    coordinator.get("/"), member.get("/")  # (their browsers' CSRF cookies)
    for _round in range(2):  # made, then served from each one's copy
        coordinator_page, coordinator_queries = _queries(coordinator, "/projects/liaise-2/")
        member_page, member_queries = _queries(member, "/projects/liaise-2/")
        assert settings_url in coordinator_page and settings_url not in member_page
    assert coordinator_queries == member_queries == 3


def test_messages_show_once_on_a_signed_in_copy(login, rf):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage

    member = login("partner_member")
    member.get("/partners/")
    member.cookies["messages"] = CookieStorage(rf.get("/"))._encode([Message(constants.SUCCESS, "Saved for the test.")])
    assert "Saved for the test." in _queries(member, "/partners/")[0]
    assert "Saved for the test." not in _queries(member, "/partners/")[0]


def test_an_edit_and_a_flag_change_make_a_new_signed_in_copy(login, django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model

    member = login("partner_member")
    assert "Bordeaux" in member.get("/partners/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        bordeaux = Organisation.objects.get(slug="bordeaux")
        bordeaux.name_en = "Bordeaux Métropole (renamed)"
        bordeaux.save()
    assert "Bordeaux Métropole (renamed)" in member.get("/partners/").content.decode()
    user = get_user_model().objects.get(email="member@augsburg.example")
    _page, before = _queries(member, "/partners/")
    user.is_staff = True
    user.save()
    _page, after = _queries(member, "/partners/")
    assert after > before  # not the member's earlier copy: rendered anew for a site admin
    user.full_name = "Zoltan Renamed"
    user.save()
    assert f"<summary>{user.get_short_name()}</summary>" in member.get("/partners/").content.decode()


def test_the_signed_in_copy_can_be_turned_off(login, settings):
    settings.SIGNED_IN_CACHE_SECONDS = 0
    member = login("partner_member")
    _page, made = _queries(member, "/partners/")
    assert _queries(member, "/partners/")[1] == made
