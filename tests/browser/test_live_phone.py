"""The live Q&A audience page on a phone in the hall: the board, not the site's navigation, fills the first
screen; everything a finger taps is at least 24 x 24 CSS px; a question that appears is read out politely, once,
without the whole list; and a reader who asked for less motion gets none."""

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import SMALL_TARGETS, horizontal_overflow

BOARD = "/live/BDXRTB/"
# Records what changes inside the page's live regions (what a screen reader would read out).
WATCH_LIVE_REGIONS = """() => {
  window.liveChanges = [];
  const observer = new MutationObserver(records => records.forEach(r => window.liveChanges.push(
    (r.target.closest ? r.target : r.target.parentElement).closest("[aria-live], [role=status], [role=alert]")
      .textContent.trim())));
  document.querySelectorAll("[aria-live], [role=status], [role=alert]").forEach(region => observer.observe(
    region, {childList: true, subtree: true, characterData: true}));
}"""


@pytest.mark.parametrize("width, height", [(390, 844), (320, 568)])
def test_the_audience_page_fits_a_phone(browser, live_url, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    try:
        phone.goto(live_url + BOARD)
        expect(phone.locator("h1")).to_have_text("Building counter-narratives at the local level")
        header = phone.locator(".site-header").bounding_box()["height"]
        assert header <= height / 4, f"the header takes {header} of {height} px"
        assert phone.get_by_role("link", name="Projects").is_visible() is False  # behind the menu
        assert horizontal_overflow(phone) == (width, width, [])
        assert phone.evaluate(SMALL_TARGETS) == []

        # the menu opens (and its links are big enough too)
        phone.locator(".site-menu > summary").tap()
        expect(phone.get_by_role("link", name="Projects")).to_be_visible()
        assert phone.evaluate(SMALL_TARGETS) == []
        assert horizontal_overflow(phone) == (width, width, [])

        # the regions read out as the board changes are polite; the list itself is not one
        assert phone.locator("[aria-live=assertive]").count() == 0
        expect(phone.locator("[data-announce]")).to_have_attribute("aria-live", "polite")
        assert phone.locator("[data-list]").get_attribute("aria-live") is None
    finally:
        context.close()


def test_a_new_question_is_announced_once_and_moves_only_without_reduced_motion(browser, live_url):
    moderator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    phones = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                      reduced_motion=motion)
        phones[motion] = context.new_page()
    moving, still = phones["no-preference"], phones["reduce"]
    try:
        moderator.goto(live_url + "/accounts/login/")
        moderator.fill("#id_username", "expert@experts.example")
        moderator.fill("#id_password", "demo")
        moderator.get_by_role("button", name="Sign in").click()
        moderator.goto(live_url + "/live/BDXRTB/moderate")
        expect(moderator.locator("[data-connection]")).to_have_text("Live")

        question = f"Phone test {uuid.uuid4().hex[:6]}: which partners joined the programme after the first year?"
        moving.goto(live_url + BOARD)
        still.goto(live_url + BOARD)
        for phone in phones.values():
            phone.evaluate("() => new Promise(r => setTimeout(r, 300))")  # the stream is open
            phone.evaluate(WATCH_LIVE_REGIONS)
        moving.fill("#id_text", question)
        moving.get_by_role("button", name="Send").click()
        expect(moving.locator("[data-ask-done]")).to_contain_text("once a moderator approves it")

        pending = moderator.locator('[data-list="pending"] .question', has_text=question)
        pending.get_by_role("button", name="Approve").click()
        for phone in phones.values():
            card = phone.locator(".question", has_text=question)
            expect(card).to_be_visible()
            expect(phone.locator("[data-announce]")).to_have_text(f"New question: {question}")
        assert still.evaluate("window.liveChanges") == [f"New question: {question}"]  # not the whole list

        # the arrival is drawn with an animation, except for whoever asked for less motion
        assert moving.locator(".question.is-new").evaluate("e => getComputedStyle(e).animationName") == (
            "question-arrives")
        assert still.locator(".question.is-new").evaluate("e => getComputedStyle(e).animationName") == "none"
        moving_parts = still.evaluate("""() => Array.from(document.querySelectorAll("*")).filter(e => {
            const s = getComputedStyle(e);
            return s.animationName !== "none" || s.transitionDuration.split(",").some(d => parseFloat(d) > 0);
          }).map(e => e.tagName + "." + e.className)""")
        assert moving_parts == []

        # a vote changes a count, and nothing is read out
        still.evaluate("window.liveChanges = []")
        vote = still.locator(".question", has_text=question).locator(".vote")
        vote.tap()
        expect(vote).to_have_attribute("aria-pressed", "true")
        expect(moving.locator(".question", has_text=question).locator(".vote-count")).to_have_text("1")
        assert still.evaluate("window.liveChanges") == []
        assert moving.locator("[data-announce]").inner_text() == f"New question: {question}"
    finally:
        moderator.context.close()
        for phone in phones.values():
            phone.context.close()
