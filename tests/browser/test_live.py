"""A live round table in three browsers at once: someone in the audience asks a named panelist on a phone, the
moderator approves the question, and the hall's screen shows it, then shows it highlighted — nobody reloads. The
pages' JavaScript writes through the JSON API (/api/v1/live) with the session, CSRF token and device cookie."""

from playwright.sync_api import expect


def test_ask_a_panelist_approve_and_see_it_on_the_screen(browser, live_url, screenshot_dir):
    audience = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    moderator = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    screen = browser.new_context(viewport={"width": 1600, "height": 900}).new_page()
    try:
        moderator.goto(live_url + "/accounts/login/")
        moderator.fill("#id_username", "expert@experts.example")  # the named moderator of this board
        moderator.fill("#id_password", "demo")
        moderator.get_by_role("button", name="Sign in").click()
        moderator.goto(live_url + "/live/BDXRTB/moderate")
        expect(moderator.locator("[data-connection]")).to_have_text("Live")
        screen.goto(live_url + "/live/BDXRTB/screen")
        expect(screen.locator("[data-connection]")).to_have_text("Live")

        audience.goto(live_url + "/live/")
        audience.fill("#id_code", "bdxrtb")
        audience.get_by_role("button", name="Join").click()
        expect(audience.locator("h1")).to_have_text("Building counter-narratives at the local level")
        audience.get_by_label("To", exact=True).select_option(label="Representative, City of Bologna")
        audience.fill("#id_text", "")
        audience.get_by_role("button", name="Send").click()
        expect(audience.locator("[data-ask-error]")).to_have_text("Write your question first.")
        question = "Which school staff took part in the Bologna workshops, and what did they change afterwards?"
        audience.fill("#id_text", question)
        audience.fill("#id_name", "Giulia")
        audience.get_by_role("button", name="Send").click()
        expect(audience.locator("[data-ask-done]")).to_contain_text("once a moderator approves it")
        mine = audience.locator(".question", has_text=question)
        expect(mine).to_contain_text("Awaiting moderation")
        audience.screenshot(path=str(screenshot_dir / "live-audience.png"), full_page=True)

        pending = moderator.locator('[data-list="pending"] .question', has_text=question)
        expect(pending).to_contain_text("To Representative, City of Bologna")  # arrived without a reload
        moderator.screenshot(path=str(screenshot_dir / "live-moderate.png"), full_page=True)
        pending.get_by_role("button", name="Approve").click()
        approved = moderator.locator('[data-list="visible"] .question', has_text=question)
        expect(approved).to_be_visible()

        expect(screen.locator(".screen-list")).to_contain_text(question)
        expect(audience.locator(".question", has_text=question)).not_to_contain_text("Awaiting moderation")
        approved.get_by_role("button", name="Now answering").click()
        expect(screen.locator("[data-highlight-text]")).to_have_text(question)
        expect(screen.locator("[data-highlight-to]")).to_have_text("To Representative, City of Bologna")
        expect(audience.locator("[data-highlight-text]")).to_have_text(question)
        screen.screenshot(path=str(screenshot_dir / "live-screen.png"))

        # the audience votes; the moderator sees the count change
        audience.locator(".question", has_text=question).locator(".vote").click()
        expect(audience.locator(".question", has_text=question).locator(".vote")).to_have_attribute(
            "aria-pressed", "true")
        expect(moderator.locator('[data-list="visible"] .question', has_text=question)).to_contain_text("1 vote")
        # takes it back (DELETE in the API), then reports the question
        audience.locator(".question", has_text=question).locator(".vote").click()
        expect(audience.locator(".question", has_text=question).locator(".vote")).to_have_attribute(
            "aria-pressed", "false")
        expect(moderator.locator('[data-list="visible"] .question', has_text=question)).to_contain_text("0 votes")
        audience.locator(".question", has_text=question).locator(".report").click()
        expect(audience.locator(".question", has_text=question).locator(".report")).to_have_text(
            "Thank you: the moderators will look at this question.")
    finally:
        for page in (audience, moderator, screen):
            page.context.close()
