"""A newcomer follows a demo pilot from its training to its published practice and the conference where it was
presented, then back, every step linked both ways."""

from playwright.sync_api import expect


def test_training_to_pilot_to_practice_to_conference_and_back(page, live_url, screenshot_dir):
    page.goto(live_url + "/trainings/")
    page.get_by_role("link", name="LIAISE 2 training in Bordeaux").click()
    expect(page.locator("h1")).to_have_text("LIAISE 2 training in Bordeaux")
    page.get_by_role("link", name="Young voices against hate speech").click()
    expect(page.locator("h1")).to_have_text("Young voices against hate speech")
    expect(page.locator(".stage-bar")).to_be_visible()
    expect(page.locator("svg.indicator-chart").first).to_be_visible()
    expect(page.locator(".matches")).to_contain_text("shared topic")
    page.screenshot(path=str(screenshot_dir / "pilot.png"), full_page=True)

    # pilot → practice
    page.locator(".chain").get_by_role("link", name="Young voices against hate speech").click()
    expect(page.locator("h1")).to_contain_text("Young voices against hate speech")
    chain = page.locator(".origin-chain")
    expect(chain).to_contain_text("LIAISE 2 training in Bordeaux")
    expect(chain).to_contain_text("Local responses to polarisation")
    page.screenshot(path=str(screenshot_dir / "practice-from-pilot.png"), full_page=True)

    # practice → conference session, and back to the practice's pilot and training
    chain.get_by_role("link", name="Local responses to polarisation").click()
    expect(page.locator("#session-local-responses")).to_be_visible()
    page.go_back()
    page.locator(".origin-chain").get_by_role("link", name="Young voices against hate speech").click()
    expect(page.locator("h1")).to_have_text("Young voices against hate speech")
    expect(page.locator(".chain")).to_contain_text("Local responses to polarisation")
    page.locator(".chain").get_by_role("link", name="LIAISE 2 training in Bordeaux").click()
    expect(page.locator("h1")).to_have_text("LIAISE 2 training in Bordeaux")
