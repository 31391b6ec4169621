"""Search across languages: the demo's practices have French, Spanish, German and Italian titles and summaries,
each indexed with its language's stemming, and a query in any of those languages finds them, whatever the
inflection. Runs on whichever database the suite uses (SQLite FTS5 or PostgreSQL)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from liaise.demo.library_data import TRANSLATIONS
from liaise.demo.library_loader import generate_practices
from liaise.library import queries
from liaise.library.models import Practice
from liaise.library.search import stemming

ANON = AnonymousUser()

# (query, the practice looked for): the words of its translated title or summary, inflected otherwise
# (singular for plural, a verb for a noun, another gender), or without their accents.
KNOWN_ITEMS = {
    "fr": [
        ("famille écouter", "bordeaux-family-listening-line"),
        ("médiateur interculturel", "reggio-emilia-intercultural-mediators"),
        ("table dialogue quartiers", "brussels-neighbourhood-dialogue-tables"),
        ("ambassadeur discours haineux réseau social", "liege-online-hate-monitoring-youth"),
        ("professionnel premiere ligne formé", "lhospitalet-first-line-training"),
    ],
    "es": [
        ("familia preocupada escuchar", "bordeaux-family-listening-line"),
        ("red mentores bachillerato", "malmo-mentor-network-schools"),
        ("embajador odio red social", "liege-online-hate-monitoring-youth"),
        ("protocolo regional centro educativo", "catalunya-regional-prevention-protocol"),
        ("mesa dialogo vecinos", "brussels-neighbourhood-dialogue-tables"),
    ],
    "de": [
        ("Ausstiegsberatung Gruppe verlassen", "dusseldorf-exit-counselling"),
        ("Fallkonferenzen Datenschutz", "augsburg-multi-agency-case-conference"),
        ("interkultureller Mediator", "reggio-emilia-intercultural-mediators"),
        ("Botschafter Hassrede", "liege-online-hate-monitoring-youth"),
        ("Dialogtisch Stadtviertel", "brussels-neighbourhood-dialogue-tables"),
    ],
    "it": [
        ("famiglia preoccupata ascolto", "bordeaux-family-listening-line"),
        ("mediatore interculturale", "reggio-emilia-intercultural-mediators"),
        ("tavolo dialogo quartieri", "brussels-neighbourhood-dialogue-tables"),
        ("scarcerazioni reinserimento", "toulouse-prison-probation-reintegration"),
        ("mentore scuola secondaria", "malmo-mentor-network-schools"),
    ],
}


@pytest.fixture
def distractors(db):
    """300 synthetic practices sharing the demo's vocabulary (in English)."""
    generate_practices(300, stream=None, seed=7)


def top(q, user=ANON):
    return [p.slug for p in queries.search_practices(user, q, with_facets=False).items]


def test_the_demo_practices_are_translated(db):
    for slug, translations in TRANSLATIONS.items():
        practice = Practice.objects.get(slug=slug)
        for code, (title, summary) in translations.items():
            assert (getattr(practice, f"title_{code}"), getattr(practice, f"summary_{code}")) == (title, summary)
    assert set(TRANSLATIONS) >= set(Practice.objects.filter(is_demo=True, origin_pilot=None).values_list("slug",
                                                                                                          flat=True))


@pytest.mark.parametrize("language", ["fr", "es", "de", "it"])
def test_known_items_in_each_language_are_in_the_top_three(distractors, language):
    misses = [(q, expected, top(q)[:3]) for q, expected in KNOWN_ITEMS[language] if expected not in top(q)[:3]]
    assert not misses


def test_a_word_matches_whatever_its_inflection():
    """The index's stem of a word and the query's stems of another form of it meet."""
    assert stemming.stem("fr", "famille") in stemming.forms("familles")
    assert stemming.stem("fr", "écoute") in stemming.forms("Écouter")
    assert stemming.stem("fr", "écoute") in stemming.forms("ecoute")  # typed without its accent
    assert stemming.stem("de", "familien") in stemming.forms("Familie")
    assert stemming.stem("it", "famiglie") in stemming.forms("famiglia")
    assert stemming.stem("es", "familias") in stemming.forms("familia")
    assert stemming.words("L'Écoute, des familles") == ["l", "écoute", "des", "familles"]
    assert stemming.stemmed("fr", "L'Écoute des familles") == "l ecout de famill"


@pytest.mark.parametrize("q", ["famille", "écoute", "familles", "écouter"])
def test_the_french_library_finds_french_words(client, db, q):
    page = client.get("/fr/library/", {"q": q}).content.decode()
    assert "bordeaux-family-listening-line" in page
    assert "écoute pour les familles" in page  # the French title


def test_a_snippet_shows_the_words_as_written(db):
    """The matched words are marked in the original text, not as stems."""
    item = next(p for p in queries.search_practices(ANON, "inquiets psychologue", with_facets=False).items
                if p.slug == "bordeaux-family-listening-line")
    assert "<mark>psychologue</mark>" in item.snippet or "<mark>inquiets</mark>" in item.snippet


def test_a_resource_is_found_in_the_language_of_its_text(db):
    """Resources are indexed the same way: a German document's text is stemmed as German."""
    from django.core.files.base import ContentFile

    from liaise.library.models import Resource
    from liaise.network.models import Project

    resource = Resource(project=Project.objects.get(slug="liaise-2"), title_en="Leitfaden für Kommunen",
                        description_it="Guida per i comuni sulla prevenzione della radicalizzazione",
                        extracted_text="Die Gemeinden erstellen Präventionspläne mit den Schulen.",
                        language="de", visibility="public", kind="publication")
    resource.file.save("leitfaden.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    found = [r.pk for r in queries.resource_list(ANON, q="Gemeinde Präventionsplan Schule")]
    assert found == [resource.pk]
    assert [r.pk for r in queries.resource_list(ANON, q="guide comune")] == [resource.pk]
