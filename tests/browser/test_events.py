"""An attendee reads the Bordeaux programme on a phone; a visitor registers for an open event and cancels;
an organiser checks someone in at the door."""

from playwright.sync_api import expect


def test_programme_on_a_phone(phone, live_url, screenshot_dir):
    phone.goto(live_url + "/events/bordeaux-2016/")
    expect(phone.locator("h1")).to_contain_text("European cities facing radicalisation")
    tables = phone.locator(".session-round_table")
    expect(tables).to_have_count(2)
    expect(tables.first.locator(".questions li")).to_have_count(4)
    expect(tables.first.locator(".speakers li").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 391
    phone.screenshot(path=str(screenshot_dir / "programme-phone.png"), full_page=True)


def test_register_then_cancel(page, live_url, screenshot_dir):
    page.goto(live_url + "/events/")
    page.get_by_role("link", name="Open workshop").click()
    page.get_by_role("link", name="Register").click()
    page.fill("#id_name", "Browser Visitor")
    page.fill("#id_email", "not-an-email")
    page.select_option("#id_country", "BE")
    page.select_option("#id_participant_type", "practitioner")
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".field-error .error").first).to_be_visible()  # bad email and no privacy consent
    page.fill("#id_email", "visitor@example.org")
    page.check("#id_privacy_consent")
    page.screenshot(path=str(screenshot_dir / "register.png"), full_page=True)
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".notice-success")).to_contain_text("Your seat is confirmed")
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.locator("main")).to_contain_text("This registration is cancelled")


def test_bordeaux_registration_is_closed_and_check_in(page, live_url, screenshot_dir):
    page.goto(live_url + "/events/bordeaux-2016/register/")
    expect(page.locator(".notice-error")).to_contain_text("over")

    page.goto(live_url + "/accounts/login/")
    page.fill("#id_username", "partner@bordeaux.example")
    page.fill("#id_password", "demo")
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_url + "/events/bordeaux-2016/manage/checkin/")
    page.fill("#q", "Demo Participant 26")
    page.get_by_role("button", name="Find").click()
    first = page.locator(".checkin-list li").first
    expect(first).to_contain_text("Demo Participant 26")
    page.screenshot(path=str(screenshot_dir / "checkin.png"), full_page=True)
    button = first.get_by_role("button")
    label = button.inner_text()
    button.click()
    expect(page.locator(".notice")).to_contain_text("Check-in of" if "undo" in label else "is checked in")
    page.goto(live_url + "/events/bordeaux-2016/manage/")
    expect(page.locator(".stats .big-number").first).to_have_text("262")
    page.screenshot(path=str(screenshot_dir / "manage.png"), full_page=True)
