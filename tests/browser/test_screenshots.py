"""Screenshots for the record: the home page, an event and the live Q&A audience page on a phone (390 x 844), in
each of the five interface languages, saved in artefacts/screenshots/ (or $LIAISE_ARTEFACTS/screenshots/): the
first screen as <page>-<lang>.png, the whole page as <page>-<lang>-full.png. Each
page says its language in <html lang>, and none of its interface words is left in English: its navigation, skip
link, footer, labels, buttons and headings are compared, one by one, with the English page's."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

LANGUAGES = ["en", "fr", "es", "de", "it"]
PAGES = {"home": "/", "event": "/events/bordeaux-2016/", "live": "/live/BDXRTB/"}
# The interface's words (not content, which may exist in one language only), in the same order in every language.
INTERFACE = (".skip-link, .main-nav a, .site-menu > summary, .header-tools .button, .site-footer a, main label, "
             "main button, main h2, main dt, .segmented a")
# Words that are the same in English and in that language.
SAME = {"API", "JSON API", "OpenAPI", "Newsletter"}
SAME_IN = {"fr": {"Programme", "Questions", "votes", "Menu"}, "es": set(), "de": set(), "it": {"Privacy", "Menu"}}


def artefacts() -> Path:
    path = Path(os.environ.get("LIAISE_ARTEFACTS") or Path(__file__).resolve().parents[2] / "artefacts")
    (path / "screenshots").mkdir(parents=True, exist_ok=True)
    return path / "screenshots"


def interface_words(page) -> list[str]:
    """The interface's words (the live pages' menu opened), without the numbers and signs beside them ("▲ 20
    votes" → "votes")."""
    page.evaluate("() => document.querySelectorAll('details.site-menu').forEach(d => { d.open = true; })")
    return page.locator(INTERFACE).evaluate_all(
        "nodes => nodes.map(n => (n.innerText || n.value || '')"
        "  .replace(/[0-9▲()]/g, ' ').trim().replace(/\\s+/g, ' '))")


@pytest.fixture(scope="module")
def english(browser, live_url):
    """The English page's interface words, page by page."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="en")
    page = context.new_page()
    try:
        words = {}
        for name, path in PAGES.items():
            page.goto(live_url + path)
            words[name] = interface_words(page)
        return words
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_screenshots_in_each_language(browser, live_url, english, lang):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  locale=lang)
    page = context.new_page()
    folder = artefacts()
    untranslated = {}
    try:
        for name, path in PAGES.items():
            page.goto(live_url + ("" if lang == "en" else f"/{lang}") + path)
            expect(page.locator("html")).to_have_attribute("lang", lang)
            page.screenshot(path=str(folder / f"{name}-{lang}.png"))  # the phone's first screen
            page.screenshot(path=str(folder / f"{name}-{lang}-full.png"), full_page=True)
            words = interface_words(page)
            assert len(words) == len(english[name]), (name, words, english[name])
            if lang != "en":
                allowed = SAME | SAME_IN[lang]
                same = [w for w, e in zip(words, english[name], strict=True)
                        if w == e and any(c.isalpha() for c in w) and w not in allowed]
                if same:
                    untranslated[name] = same
        assert untranslated == {}
    finally:
        context.close()
    assert sorted(p.name for p in folder.glob(f"*-{lang}*.png")) == sorted(
        f"{name}-{lang}{full}.png" for name in PAGES for full in ("", "-full"))
