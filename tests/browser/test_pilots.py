"""A newcomer follows a demo pilot from its training to the pilot page and back (the practice step is added when
the library app arrives)."""

from playwright.sync_api import expect


def test_training_to_pilot_and_back(page, live_url, screenshot_dir):
    page.goto(live_url + "/trainings/")
    page.get_by_role("link", name="LIAISE 2 training in Bordeaux").click()
    expect(page.locator("h1")).to_have_text("LIAISE 2 training in Bordeaux")
    page.get_by_role("link", name="Young voices against hate speech").click()
    expect(page.locator("h1")).to_have_text("Young voices against hate speech")
    expect(page.locator(".stage-bar")).to_be_visible()
    expect(page.locator("svg.indicator-chart").first).to_be_visible()
    expect(page.locator(".matches")).to_contain_text("shared topic")
    page.screenshot(path=str(screenshot_dir / "pilot.png"), full_page=True)
    page.locator(".chain").get_by_role("link", name="LIAISE 2 training in Bordeaux").click()
    expect(page.locator("h1")).to_have_text("LIAISE 2 training in Bordeaux")
