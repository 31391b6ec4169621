"""Issue 17's walk-through, as the demo's project coordinator, without ever opening /admin/: create a conference
with two round tables (guiding questions, a moderator and four panelists each), open registration, register a
participant from another browser, check them in, open a round table's live board from the event page, then create
a training with its event and record a trainee's attendance, upload the conference's agenda, edit the project's
settings and add a new organisation as a partner. (Inviting a partner member who accepts and signs in
is tests/browser/test_people.py.)"""

import re

from playwright.sync_api import expect

PANELISTS = ["Ana Lisboa", "Bram Gent", "Chiara Roma", "Dirk Essen"]


def sign_in(page, live_url, email):
    page.goto(live_url + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", "demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator(".user-menu summary")).to_be_visible()


def admin_requests(page) -> list[str]:
    """Every address under /admin/ the page asks for (the test asserts there is none)."""
    seen: list[str] = []
    page.on("request", lambda request: seen.append(request.url) if "/admin/" in request.url else None)
    return seen


def register(browser, url, name, email):
    """A participant registers from another browser (no account)."""
    context = browser.new_context()
    other = context.new_page()
    other.goto(url)
    other.fill("#id_name", name)
    other.fill("#id_email", email)
    other.select_option("#id_country", "FR")
    other.select_option("#id_participant_type", "local_authority")
    other.check("#id_privacy_consent")
    other.get_by_role("button", name="Register", exact=True).click()
    expect(other.locator("body")).to_contain_text("confirmed")
    context.close()


def add_round_table(page, number, start, end, questions, moderator, panelists):
    page.get_by_role("link", name="Add a session").click()
    page.select_option("#id_kind", "round_table")
    page.fill("#id_title", f"Round table {number}")
    page.fill("#id_start", start)
    page.fill("#id_end", end)
    page.get_by_role("button", name="Add the session").click()
    expect(page.locator("h1")).to_contain_text(f"Round table {number}")
    for text in questions:
        page.fill("#id_question-text", text)
        page.get_by_role("button", name="Add the question").click()
        expect(page.locator("#questions")).to_contain_text(text)
    for role, name in [("moderator", moderator), *[("panelist", p) for p in panelists]]:
        page.select_option("#id_speaker-role", role)
        page.fill("#id_speaker-new_name", name)
        page.fill("#id_speaker-new_title", "Deputy mayor")
        page.get_by_role("button", name="Add the speaker").click()
        expect(page.locator("#speakers")).to_contain_text(name)


def test_a_coordinator_runs_a_conference_and_a_training_without_the_admin(browser, page, live_url, screenshot_dir):
    admin = admin_requests(page)
    sign_in(page, live_url, "coordinator@efus.example")

    # the conference
    page.goto(live_url + "/events/new/")
    page.select_option("#id_kind", "conference")
    page.select_option("#id_project", label="LIAISE 2")
    page.fill("#id_title", "Sixth European conference")
    page.fill("#id_start", "2030-03-14T09:00")
    page.fill("#id_end", "2030-03-15T17:00")
    page.locator("#id_organisers").get_by_label("Bordeaux", exact=True).check()
    page.fill("#id_new_venue_name", "Palais des congrès")
    page.fill("#id_new_venue_city", "Bordeaux")
    page.select_option("#id_new_venue_country", "FR")
    page.fill("#id_new_venue_rooms", "Auditorium\nSalle 2")
    page.get_by_role("button", name="Create the draft").click()
    expect(page.locator("body")).to_contain_text("Sixth European conference")
    slug = re.search(r"/events/([^/]+)/", page.url).group(1)

    page.goto(f"{live_url}/events/{slug}/manage/programme/")
    add_round_table(page, 1, "2030-03-14T10:00", "2030-03-14T11:30",
                    ["What works in schools?", "How do cities share data safely?"], "Marie Bordeaux", PANELISTS)
    page.goto(f"{live_url}/events/{slug}/manage/programme/")
    add_round_table(page, 2, "2030-03-14T14:00", "2030-03-14T15:30",
                    ["Who funds prevention?", "What did the pilots teach us?"], "Jan Leuven",
                    [f"{p} II" for p in PANELISTS])

    # registration open, then published
    page.goto(f"{live_url}/events/{slug}/manage/registration-settings/")
    page.check("#id_registration_enabled")
    page.fill("#id_capacity", "300")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(f"{live_url}/events/{slug}/manage/edit/")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_role("button", name="Unpublish (back to draft)")).to_be_visible()

    # a participant registers from another browser; the coordinator checks them in
    register(browser, f"{live_url}/events/{slug}/register/", "Zoé Participant", "zoe@example.org")
    page.goto(f"{live_url}/events/{slug}/manage/checkin/")
    page.fill("#q", "Zoé")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_role("button", name="Checked in — undo")).to_be_visible()

    # the live board of round table 1, from the event page
    page.goto(f"{live_url}/events/{slug}/")
    expect(page.locator("body")).to_contain_text("What works in schools?")
    expect(page.locator("body")).to_contain_text("Dirk Essen")
    page.get_by_role("button", name="Create a live Q&A board").first.click()
    expect(page.get_by_role("button", name="Open the board")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "organiser-board.png"), full_page=True)

    # a training with its event; a trainee registers; attendance recorded
    page.goto(live_url + "/trainings/new/?project=liaise-2")
    page.check("input[name=event_source][value=new]")
    page.fill("#id_title", "Training for Bordeaux's youth workers")
    page.fill("#id_start", "2030-04-02T09:00")
    page.fill("#id_end", "2030-04-02T17:00")
    page.fill("#id_city", "Bordeaux")
    page.select_option("#id_status", "published")
    page.select_option("#id_partner", label="Bordeaux")
    page.locator("input[name=modules]").first.check()
    page.get_by_role("button", name="Create the training").click()
    expect(page.locator("h1")).to_contain_text("Training for Bordeaux's youth workers")
    training_url = page.url
    training_slug = re.search(r"/trainings/([^/]+)/", training_url).group(1)
    register(browser, f"{live_url}/events/{training_slug}/register/", "Yann Trainee", "yann@example.org")
    page.goto(f"{live_url}/trainings/{training_slug}/attendance/")
    page.locator("input[type=checkbox][name^=a-]").first.check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator("input[type=checkbox][name^=a-]").first).to_be_checked()
    page.screenshot(path=str(screenshot_dir / "organiser-attendance.png"), full_page=True)

    # the conference's agenda uploaded as a material of the event
    page.goto(f"{live_url}/events/{slug}/manage/edit/")
    page.get_by_role("link", name="Materials").click()
    page.set_input_files("#id_file", {"name": "agenda.pdf", "mimeType": "application/pdf",
                                      "buffer": b"%PDF-1.4\n% agenda\n%%EOF\n"})
    page.fill("#id_title", "Agenda of the sixth conference")
    page.select_option("#id_kind", "agenda")
    page.select_option("#id_visibility", "public")
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator(".data-table")).to_contain_text("Agenda of the sixth conference")

    # the project's own settings, and a new organisation made a partner
    page.goto(live_url + "/projects/liaise-2/")
    page.get_by_role("link", name="Settings and partners").click()
    page.fill("#id_summary", "LIAISE 2 brings cities and regions together against radicalisation.")
    page.fill("#id_target_conferences", "4")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("body")).to_contain_text("The project's settings are saved.")
    page.get_by_role("link", name="A new organisation, not in the network yet").click()
    page.fill("#id_name", "Ville de Nantes")
    page.select_option("#id_kind", "city")
    page.select_option("#id_country", "FR")
    page.fill("#id_city", "Nantes")
    page.select_option("#id_partner_role", "associate")
    page.get_by_role("button", name="Create the organisation").click()
    expect(page.locator("#partners")).to_contain_text("Ville de Nantes")
    page.screenshot(path=str(screenshot_dir / "organiser-settings.png"), full_page=True)
    # ...and removed again: the partnership had nothing in it yet (the other browser tests count 28 partners)
    page.get_by_role("button", name="Remove Ville de Nantes").click()
    expect(page.get_by_role("button", name="Remove Ville de Nantes")).to_have_count(0)
    expect(page.locator("#partners table")).not_to_contain_text("Ville de Nantes")
    assert admin == []
