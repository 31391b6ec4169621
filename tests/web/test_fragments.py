"""Fragments of visitors' pages (issue 19): cached with the versions of the content tables they were drawn from, so
that a page whose whole-page copy is missing (the page cache off here) is served from its fragments, and a save
re-draws what read the table it wrote — not every page."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from liaise.core import cache as page_cache
from liaise.library.models import Practice
from liaise.network.models import Organisation, Topic
from liaise.outreach.queries import latest
from tests.web.test_page_queries import PAGES  # the pages bench/pages.py measures, and the events list


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request runs its view: what is fast is the fragments'
    settings.FRAGMENT_CACHE_SECONDS = 300


def _renaming_bordeaux_shows_in_the_directory(client, capture):
    with capture(execute=True):
        bordeaux = Organisation.objects.get(slug="bordeaux")
        bordeaux.name_en = "Bordeaux Métropole (renamed)"
        bordeaux.save()
    assert "Bordeaux Métropole (renamed)" in client.get("/partners/").content.decode()


def _get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    return response, len(ctx.captured_queries)


@pytest.mark.parametrize("name", PAGES)
def test_a_page_drawn_from_its_fragments_is_the_page_drawn_anew(settings, name):
    url = PAGES[name]
    client = Client()
    first, drawn = _get(client, url)
    again, served = _get(client, url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    # the counters only: none of the page's own queries (for a page of one thing, whether the visitor may see it
    # is kept too)
    assert served == 1 < drawn
    assert not first.cookies and not again.cookies  # (no CSRF cookie: the whole page may be cached too)
    settings.FRAGMENT_CACHE_SECONDS = 0
    assert Client().get(url).content == first.content


def test_a_save_redraws_the_fragments_that_read_its_table_and_no_other(django_capture_on_commit_callbacks):
    client = Client()
    for url in ("/", "/partners/", "/library/"):
        client.get(url)
    post = latest(AnonymousUser())[0]  # the newest post the home page shows
    before = page_cache.versions()
    with django_capture_on_commit_callbacks(execute=True):
        post.title = "Bordeaux hosts the kick-off (updated)"
        post.save()
    after = page_cache.versions()
    assert after["outreach_post"] == before["outreach_post"] + 1
    assert after[""] == before[""] + 1  # whole pages: any save
    assert after["network_organisation"] == before["network_organisation"]
    home, drawn = _get(client, "/")
    assert "Bordeaux hosts the kick-off (updated)" in home.content.decode() and drawn > 2
    # The directory's and the library's fragments read no news: still served as they were.
    for url in ("/partners/", "/library/"):
        page, served = _get(client, url)
        assert page.status_code == 200 and served == 1, url
    # and an organisation's new name reaches the directory
    _renaming_bordeaux_shows_in_the_directory(client, django_capture_on_commit_callbacks)


def test_a_new_link_redraws_what_read_the_links(django_capture_on_commit_callbacks):
    client = Client()
    practice = Practice.objects.get(slug="bordeaux-family-listening-line")
    html = client.get(f"/library/practices/{practice.slug}/").content.decode()
    topic = Topic.objects.exclude(practices=practice).order_by("slug").first()
    assert topic.name not in html
    with django_capture_on_commit_callbacks(execute=True):
        practice.topics.add(topic)  # a many-to-many link: its through table's counter
    assert topic.name in client.get(f"/library/practices/{practice.slug}/").content.decode()


def test_a_write_that_bypasses_the_signals_bumps_every_fragment():
    client = Client()
    client.get("/partners/")
    Organisation.objects.filter(slug="bordeaux").update(name_en="Bordeaux (bulk)")
    assert "Bordeaux (bulk)" not in client.get("/partners/").content.decode()  # the signals did not see it
    page_cache.bump()  # what bulk writes call (or `liaise bump_content_version`)
    assert "Bordeaux (bulk)" in client.get("/partners/").content.decode()


def test_signed_in_users_never_get_a_visitors_fragment(login, settings):
    settings.SIGNED_IN_CACHE_SECONDS = 0
    hidden = Practice.objects.filter(status="published").exclude(visibility="public").first()
    assert hidden is not None
    visitor = Client().get("/library/?q=" + hidden.title.split()[0]).content.decode()
    Client().get("/library/")
    member = login("partner_member")
    assert hidden.title in member.get("/library/?q=" + hidden.title.split()[0]).content.decode()
    assert hidden.title not in visitor
    # and a visitor never gets what a member was shown
    assert hidden.title not in Client().get("/library/?q=" + hidden.title.split()[0]).content.decode()


def test_a_page_the_visitor_may_not_see_is_404_also_once_its_fragments_are_cached(login, settings):
    settings.SIGNED_IN_CACHE_SECONDS = 0
    hidden = Practice.objects.filter(status="published").exclude(visibility="public").first()
    url = f"/library/practices/{hidden.slug}/"
    assert login("partner_member").get(url).status_code == 200
    assert Client().get(url).status_code == 404
    assert Client().get("/library/practices/no-such-practice/").status_code == 404


def test_each_language_has_its_fragments():
    english = Client().get("/partners/").content.decode()
    french = Client().get("/fr/partners/").content.decode()
    assert 'lang="fr"' in french and french != english
    assert re.search(r"<h1[^>]*>[^<]*Annuaire", french) or "Partenaires" in french


def test_the_tables_a_statement_names():
    assert page_cache.tables_in('SELECT "network_organisation"."name" FROM "network_organisation"') == {
        "network_organisation"}
    # the search index of the practices counts as their table; a table that is not content does not count
    assert page_cache.tables_in("SELECT rowid FROM library_practice_fts WHERE library_practice_fts MATCH ?") == {
        "library_practice"}
    assert page_cache.tables_in('SELECT * FROM "accounts_user" JOIN "django_session" ON 1') == set()
    assert "library_practice_topics" in page_cache.tables_in('SELECT * FROM "library_practice_topics"')


def test_fragments_can_be_turned_off(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client = Client()
    _first, drawn = _get(client, "/partners/")
    _again, again = _get(client, "/partners/")
    assert again == drawn > 2


def test_a_fragment_with_a_form_signed_for_this_browser_is_not_kept(rf):
    from django.middleware.csrf import get_token

    from liaise.core.cache import Fragments

    request = rf.get("/")
    fragments = Fragments(request, "test", {})
    fragments.get_or_draw("form", "", lambda: f"<input value='{get_token(request)}'>")
    drawn = []
    fragments.get_or_draw("form", "", lambda: drawn.append(1) or "again")
    assert drawn == [1]  # drawn again: the first was not kept
    fragments.get_or_draw("plain", "", lambda: "plain")
    assert Fragments(rf.get("/"), "test", {}).get_or_draw("plain", "", lambda: "other") == "plain"


@pytest.mark.parametrize("name", PAGES)
def test_with_the_page_cache_on_a_visitors_page_is_served_whole(settings, name):
    settings.PAGE_CACHE_SECONDS = 300
    client = Client()
    first, _drawn = _get(client, PAGES[name])
    assert first.status_code == 200 and not first.cookies  # a page that sets a cookie is never cached
    again, served = _get(client, PAGES[name])
    assert again.content == first.content and served == 1  # the counters; then the page from the cache


def test_a_first_write_to_a_table_starts_its_counter():
    from liaise.core.models import ContentVersion

    ContentVersion.objects.all().delete()
    assert page_cache.versions() == {}
    page_cache.bump_tables(("library_practice",))
    assert page_cache.versions() == {"": 1, "library_practice": 1}
    page_cache.bump_tables(("library_practice", "network_topic"))
    assert page_cache.versions() == {"": 2, "library_practice": 2, "network_topic": 1}
    page_cache.bump()
    assert page_cache.versions() == {"": 3, "library_practice": 3, "network_topic": 2}


def test_a_whole_page_is_kept_until_a_save_of_what_it_shows(settings, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 300
    client = Client()
    client.get("/partners/")
    client.get("/library/")
    with django_capture_on_commit_callbacks(execute=True):
        post = latest(AnonymousUser())[0]
        post.title = "Bordeaux hosts the kick-off (updated)"
        post.save()
    for url in ("/partners/", "/library/"):  # they show no news: still served whole
        assert _get(client, url)[1] == 1, url
    assert "Bordeaux hosts the kick-off (updated)" in client.get("/").content.decode()
    # A page drawn from cached fragments follows what they were drawn from.
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/partners/")  # its fragments
    settings.PAGE_CACHE_SECONDS = 300
    import hashlib

    from django.core.cache import cache

    from liaise import __version__

    assert cache.delete("page:" + hashlib.sha256(f"{__version__}|en|/partners/?".encode()).hexdigest())
    client.get("/partners/")  # the whole page, put together from the fragments
    _renaming_bordeaux_shows_in_the_directory(client, django_capture_on_commit_callbacks)


def test_a_page_hidden_from_visitors_answers_404_at_once(django_capture_on_commit_callbacks):
    client = Client()
    url = "/library/practices/bordeaux-family-listening-line/"
    assert client.get(url).status_code == 200
    assert _get(client, url)[1] == 1
    with django_capture_on_commit_callbacks(execute=True):
        practice = Practice.objects.get(slug="bordeaux-family-listening-line")
        practice.visibility = "partners"
        practice.save()
    assert client.get(url).status_code == 404
