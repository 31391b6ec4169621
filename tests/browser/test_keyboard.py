"""Keyboard-only journeys: after the first page is opened, only keys are pressed (no click, no address typed).
Every Tab stop shows where the focus is; the skip link is each page's first stop and takes the focus to <main>; a
form that fails says so in a summary that takes the focus, and each wrong field is marked invalid and described by
its message."""

import re

from playwright.sync_api import expect

from tests.browser.a11y import focused, follow, select_by_keys, skip_to_main, tab_to


def assert_invalid(page, field_id: str, message: str) -> None:
    """The field is marked invalid and one of its descriptions is the message."""
    field = page.locator(f"#{field_id}")
    expect(field).to_have_attribute("aria-invalid", "true")
    described = field.get_attribute("aria-describedby").split()
    texts = [page.locator(f"#{d}").inner_text() for d in described]
    assert any(message in text for text in texts), (described, texts)


def test_register_to_an_event_with_the_keyboard(page, live_url):
    page.goto(live_url + "/")
    skip_to_main(page)
    tab_to(page, "a", "Events", backwards=True)  # the main navigation is before <main>
    follow(page)
    expect(page.locator("h1")).to_have_text("Events")
    skip_to_main(page)
    tab_to(page, "a", "Open workshop")
    follow(page)
    skip_to_main(page)
    tab_to(page, "a", "Register")
    follow(page)
    expect(page.locator("h1")).to_contain_text("Register")

    skip_to_main(page)
    tab_to(page, "#id_name")
    page.keyboard.type("Keyboard Visitor")
    page.keyboard.press("Tab")
    page.keyboard.type("not-an-email")
    tab_to(page, "#id_country")
    select_by_keys(page, "Belgium")
    tab_to(page, "button", "Register")
    follow(page)  # no consent, a bad address: the server answers with the form and its errors

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("Email")
    assert_invalid(page, "id_email", "Enter a valid email address.")
    assert_invalid(page, "id_privacy_consent", "This field is required.")
    expect(page.locator("#id_name")).not_to_have_attribute("aria-invalid", "true")

    # the summary's link takes the focus to the field
    tab_to(page, ".error-summary a", "Email")
    page.keyboard.press("Enter")
    expect(page.locator("#id_email")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("keyboard@example.org")
    tab_to(page, "#id_privacy_consent")
    page.keyboard.press("Space")
    expect(page.locator("#id_privacy_consent")).to_be_checked()
    tab_to(page, "button", "Register")
    follow(page)
    expect(page.locator(".notice-success")).to_contain_text("Your seat is confirmed")

    # and gives the seat back, still with the keyboard
    tab_to(page, "button", "Cancel my registration")
    follow(page)
    expect(page.locator("main")).to_contain_text("This registration is cancelled")


def test_ask_and_vote_in_the_live_qa_with_the_keyboard(page, live_url):
    page.goto(live_url + "/live/")
    skip_to_main(page)
    tab_to(page, "#id_code")
    page.keyboard.type("bdxrtb")
    follow(page)  # Enter in the field submits the form
    expect(page.locator("h1")).to_have_text("Building counter-narratives at the local level")

    skip_to_main(page)
    tab_to(page, "#id_to_speaker")
    select_by_keys(page, "Representative, City of Bologna")
    tab_to(page, "button", "Send")
    page.keyboard.press("Enter")  # nothing written: the message is announced, the focus goes to the text
    error = page.locator("[data-ask-error]")
    expect(error).to_have_text("Write your question first.")
    expect(error).to_have_attribute("role", "alert")
    expect(page.locator("#id_text")).to_be_focused()
    assert_invalid(page, "id_text", "Write your question first.")

    question = "Keyboard only: how do you keep young people involved once a pilot ends?"
    page.keyboard.type(question)
    tab_to(page, "#id_name")
    page.keyboard.type("Kim")
    tab_to(page, "button", "Send")
    page.keyboard.press("Enter")
    expect(page.locator("[data-ask-done]")).to_contain_text("once a moderator approves it")
    expect(page.locator("#id_text")).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".question", has_text=question)).to_contain_text("Awaiting moderation")

    # votes for a question of the list, then takes the vote back: the focus stays on the button
    card = page.locator(".question", has_text="How do you prepare teachers")
    before = int(card.locator(".vote-count").inner_text())
    tab_to(page, ".question .vote")  # the top question first: focus the teachers' one
    while "How do you prepare teachers" not in page.evaluate(
            "document.activeElement.closest('.question').innerText"):
        tab_to(page, ".question .vote")
    page.keyboard.press("Enter")
    expect(card.locator(".vote")).to_have_attribute("aria-pressed", "true")
    expect(card.locator(".vote-count")).to_have_text(str(before + 1))
    expect(card.locator(".vote")).to_be_focused()
    assert focused(page)["focusVisible"]
    page.keyboard.press("Space")
    expect(card.locator(".vote")).to_have_attribute("aria-pressed", "false")
    expect(card.locator(".vote-count")).to_have_text(str(before))
    expect(card.locator(".vote")).to_be_focused()


def test_search_the_library_with_the_keyboard(page, live_url):
    page.goto(live_url + "/")
    skip_to_main(page)
    tab_to(page, "a", "Library", backwards=True)
    follow(page)
    skip_to_main(page)
    tab_to(page, "#id_q")
    page.keyboard.type("families")
    follow(page)
    expect(page).to_have_url(re.compile(r"q=families"))
    expect(page.locator("main")).to_contain_text("Family support network")
    skip_to_main(page)
    tab_to(page, "a", "Family support network")
    follow(page)
    expect(page.locator("h1")).to_contain_text("Family support network")


def test_fill_a_pilots_logic_model_with_the_keyboard(page, live_url):
    page.goto(live_url + "/accounts/login/")
    expect(page.locator("#id_username")).to_be_focused()  # the sign-in page starts in its first field
    page.keyboard.type("partner@bordeaux.example")
    page.keyboard.press("Tab")
    page.keyboard.type("demo")
    follow(page)
    skip_to_main(page)
    tab_to(page, "a", "Pilots", backwards=True)
    follow(page)
    skip_to_main(page)
    tab_to(page, "a", "Young voices against hate speech")
    follow(page)
    expect(page.locator("h1")).to_have_text("Young voices against hate speech")
    skip_to_main(page)
    tab_to(page, "a", "Edit")
    follow(page)
    expect(page.locator("h1")).to_have_text("Edit the pilot")

    # empties the title by mistake while adding an outcome
    skip_to_main(page)
    tab_to(page, "#id_title")
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    tab_to(page, "#id_outcomes")
    page.keyboard.press("Control+End")
    outcome = "Pupils name a trusted adult to talk to (keyboard test)"
    page.keyboard.press("Enter")
    page.keyboard.type(outcome)
    tab_to(page, "button", "Save")
    follow(page)

    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Title: This field is required.")
    assert_invalid(page, "id_title", "This field is required.")
    expect(page.locator("#id_outcomes")).to_have_value(re.compile(re.escape(outcome)))  # nothing typed is lost
    tab_to(page, ".error-summary a", "Title")
    page.keyboard.press("Enter")
    expect(page.locator("#id_title")).to_be_focused()
    page.keyboard.type("Young voices against hate speech")
    tab_to(page, "button", "Save")
    follow(page)
    expect(page.locator("h1")).to_have_text("Young voices against hate speech")
    expect(page.locator(".logic-model")).to_contain_text(outcome)
