"""Languages in the browser (issue 18): a page's "Also in" links lead to the same page in another language; a
participant changes their language on their profile and the site follows."""

from playwright.sync_api import expect

PRACTICE = "/library/practices/bordeaux-family-listening-line/"


def test_also_in_leads_to_the_same_page_in_another_language(page, live_url):
    page.goto(live_url + "/de" + PRACTICE)
    also_in = page.locator(".also-in")
    expect(also_in.get_by_role("link", name="English")).to_be_visible()
    also_in.get_by_role("link", name="English").click()
    expect(page).to_have_url(live_url + PRACTICE)
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_participant_chooses_their_language_on_their_profile(page, live_url):
    page.goto(live_url + "/accounts/login/")
    page.fill("#id_username", "participant@example.org")
    page.fill("#id_password", "demo")
    page.get_by_role("button", name="Sign in").click()
    page.locator(".user-menu summary").click()
    page.get_by_role("link", name="Your profile").click()
    page.select_option("#id_language", "it")
    page.get_by_role("button", name="Save").click()
    expect(page).to_have_url(live_url + "/it/accounts/profile/")
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.locator("#id_language")).to_have_value("it")
    page.select_option("#id_language", "en")  # back to English, for the other tests signing in as this participant
    page.locator("form.card button[type=submit]").click()
    expect(page).to_have_url(live_url + "/accounts/profile/")
