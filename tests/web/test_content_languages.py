"""Content shows which languages it exists in and falls back visibly (issue 18): "Also in: Français · Deutsch" on
practice, event, project and news pages, a note and ``lang`` on the text shown in another language; editors see
which translations are missing (badges, and the library workspace's filter)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext as _

from liaise.core import translations
from liaise.events.models import Event
from liaise.library.models import Practice
from liaise.network.models import Project
from liaise.outreach.models import Post


def _note(page_language: str, shown: str, *, whole: bool = True) -> str:
    """The note as the page in ``page_language`` writes it (whatever the catalogues hold)."""
    with translation.override(page_language):
        names = {"language": translation.get_language_info(page_language)["name_translated"],
                 "fallback": translation.get_language_info(shown)["name_translated"]}
        message = (_("Not available in %(language)s; shown in %(fallback)s.") if whole
                   else _("Parts of this page are not available in %(language)s; they are shown in %(fallback)s."))
        return message % names


@pytest.fixture
def practice(db) -> Practice:
    Practice.objects.filter(slug="partners-practice").update(
        title_en="Partners-only practice", summary_en="A test practice.", description_en="Long text.",
        title_fr="Pratique des partenaires", summary_fr="Une pratique d'essai.", description_fr="",
        title_de="", summary_de="")
    return Practice.objects.get(slug="partners-practice")


def test_what_a_page_shows_in_another_language(practice):
    assert translations.translated_fields(Practice) == ("title", "summary", "description")
    assert translations.available(practice) == ["en", "fr"]
    assert translations.states(practice) == [("en", "complete"), ("fr", "partial"), ("es", "missing"),
                                             ("de", "missing"), ("it", "missing")]
    french = translations.fallbacks(practice, "fr")
    assert (french.fields, french.title_missing, french.shown_in) == ({"description": "en"}, False, "en")
    german = translations.fallbacks(practice, "de")
    assert (german.fields, german.title_missing) == (
        {"title": "en", "summary": "en", "description": "en"}, True)
    assert translations.fallbacks(practice, "en").fields == {}


def test_missing_in_is_the_query_twin_of_the_badges(practice):
    for language in ("en", "fr", "es", "de", "it"):
        incomplete = set(Practice.objects.filter(translations.missing_in(Practice, language))
                         .values_list("pk", flat=True))
        expected = {p.pk for p in Practice.objects.all() if translations.state(p, language) != "complete"}
        assert incomplete == expected, language
    assert practice.pk in incomplete and practice.pk not in set(
        Practice.objects.filter(translations.missing_in(Practice, "en")).values_list("pk", flat=True))


def test_a_practice_page_in_a_missing_language_says_so_and_marks_the_fallback(login, practice):
    body = login("partner_member").get("/de/library/practices/partners-practice/").content.decode()
    assert _note("de", "en") in body
    assert '<h1 lang="en">Partners-only practice</h1>' in body
    assert '<p class="lead-text" lang="en">A test practice.</p>' in body
    assert ('<a href="/library/practices/partners-practice/" hreflang="en" lang="en">English</a> · '
            '<a href="/fr/library/practices/partners-practice/" hreflang="fr" lang="fr">Français</a></p>') in body


def test_a_partly_translated_page_marks_only_what_falls_back(login, practice):
    body = login("partner_member").get("/fr/library/practices/partners-practice/").content.decode()
    assert _note("fr", "en", whole=False) in body
    assert "<h1>Pratique des partenaires</h1>" in body
    assert '<div lang="en"><p>Long text.</p>' in body
    assert 'href="/library/practices/partners-practice/" hreflang="en" lang="en">English</a>' in body


def test_a_page_in_its_own_language_has_no_note(login, practice):
    body = login("partner_member").get("/library/practices/partners-practice/").content.decode()
    assert 'class="notice content-fallback"' not in body
    assert '<h1>Partners-only practice</h1>' in body
    assert 'href="/fr/library/practices/partners-practice/" hreflang="fr" lang="fr">Français</a></p>' in body


def test_event_project_and_news_pages_show_their_languages(client, db):
    event = Event.objects.filter(visibility="public", status="published").order_by("pk").first()
    Event.objects.filter(pk=event.pk).update(title_it="Titolo italiano", title_es="")
    body = client.get(f"/es{event.get_absolute_url()}").content.decode()
    assert _note("es", "en") in body and f'<h1 lang="en">{event.title_en}</h1>' in body
    assert 'hreflang="it" lang="it">Italiano</a>' in body
    Project.objects.filter(slug="liaise-2").update(name_fr="")
    body = client.get("/fr/projects/liaise-2/").content.decode()
    assert _note("fr", "en") in body and '<span class="subtitle" lang="en">' in body
    # a post written in French only: shown in French on the English page, said so
    Post.objects.filter(slug="test-public-post").update(title_en="", lead_en="", title_fr="Nouvelles publiques",
                                                        lead_fr="Pour tous.", language="fr")
    body = client.get("/news/test-public-post/").content.decode()
    assert _note("en", "fr") in body
    assert '<h1 lang="fr">Nouvelles publiques</h1>' in body and '<p class="lead-text" lang="fr">Pour tous.</p>' in body


def test_the_languages_cost_no_query(login, practice):
    client = login("partner_member")
    client.get("/de/library/practices/partners-practice/")
    with CaptureQueriesContext(connection) as untranslated:
        client.get("/de/library/practices/partners-practice/")
    with CaptureQueriesContext(connection) as translated:
        client.get("/library/practices/partners-practice/")
    assert len(untranslated) == len(translated)


def test_editors_see_the_translations_and_filter_the_missing_ones(login, practice):
    coordinator = login("project_coordinator")
    page = coordinator.get("/library/workspace/?missing=fr")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Partners-only practice" in body  # published, partly translated into French
    assert '<span class="badge badge-partial"><span aria-hidden="true">FR ½</span>' in body
    Practice.objects.filter(slug="partners-practice").update(description_fr="Un long texte.")
    assert "Partners-only practice" not in coordinator.get("/library/workspace/?missing=fr").content.decode()
    assert "Partners-only practice" in coordinator.get("/library/workspace/?missing=it").content.decode()
    refused = coordinator.get("/library/workspace/?missing=xx")
    assert refused.status_code == 400
    assert 'id="id_missing_error"' in refused.content.decode()


def test_the_workspace_filter_costs_the_same_queries_whatever_the_rows(login, practice):
    coordinator = login("project_coordinator")
    coordinator.get("/library/workspace/?missing=fr")
    with CaptureQueriesContext(connection) as few:
        coordinator.get("/library/workspace/?missing=fr")
    Practice.objects.filter(slug="hidden-practice").update(title_fr="")
    for n in range(5):
        Practice.objects.create(slug=f"extra-{n}", title_en=f"Extra {n}", summary_en="x", approach="family",
                                country="FR", project=practice.project, organisation=practice.organisation,
                                status="draft")
    with CaptureQueriesContext(connection) as more:
        coordinator.get("/library/workspace/?missing=fr")
    assert len(more) == len(few)


def test_badges_on_the_editing_pages_and_my_posts(login, practice):
    coordinator = login("project_coordinator")
    event = Event.objects.filter(project__slug="liaise-2").order_by("pk").first()
    for path in (f"/events/{event.slug}/manage/edit/", "/library/practices/partners-practice/edit/",
                 "/news/test-public-post/edit/", "/news/mine/"):
        body = coordinator.get(path).content.decode()
        assert 'class="translation-badges"' in body, path
    body = coordinator.get("/library/practices/partners-practice/edit/").content.decode()
    with translation.override("en"):
        assert '<span class="visually-hidden">French: partly translated</span>' in body
        assert '<span class="visually-hidden">English: translated</span>' in body
