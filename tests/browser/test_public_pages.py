"""A newcomer's first visit, in headless Chromium against `liaise serve`."""

from playwright.sync_api import expect


def test_home_directory_and_organisation(page, live_url, screenshot_dir):
    page.goto(live_url + "/")
    expect(page.locator("h1")).to_contain_text("LIAISE 2")
    expect(page.locator(".facts")).to_contain_text("European Forum for Urban Security")
    expect(page.locator(".big-number")).to_have_text("28")
    page.screenshot(path=str(screenshot_dir / "home.png"), full_page=True)

    page.get_by_role("link", name="Meet the partners").click()
    expect(page.locator("#results-title")).to_have_text("28 organisations")
    page.select_option("#id_country", "DE")
    page.select_option("#id_kind", "city")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#results-title")).to_have_text("3 organisations")
    expect(page.locator(".org-list")).to_contain_text("Düsseldorf")
    page.screenshot(path=str(screenshot_dir / "directory.png"), full_page=True)

    page.get_by_role("link", name="Augsburg").first.click()
    expect(page.locator("h1")).to_contain_text("Augsburg")
    expect(page.locator("main")).to_contain_text("LIAISE 2")


def test_sign_in_and_out(page, live_url):
    page.goto(live_url + "/accounts/login/")
    page.fill("#id_username", "coordinator@efus.example")
    page.fill("#id_password", "wrong")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".error-summary")).to_contain_text("do not match an account")  # announced, focused
    page.fill("#id_password", "demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".user-menu summary")).to_have_text("Demo")
    page.locator(".user-menu summary").click()
    expect(page.get_by_role("link", name="My dashboard")).to_be_visible()
    expect(page.get_by_role("link", name="Administration")).to_have_count(0)  # the admin is for site admins only
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()


def test_project_page_on_a_phone(phone, live_url, screenshot_dir):
    phone.goto(live_url + "/projects/liaise-2/")
    expect(phone.locator("h1")).to_contain_text("LIAISE 2")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1  # no horizontal scrolling of the page itself
    phone.screenshot(path=str(screenshot_dir / "project-phone.png"), full_page=True)
