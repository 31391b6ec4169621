"""The demo's project coordinator invites a new partner member from the project's people page; the invitee opens
the link from the email, chooses a password, lands signed in on their dashboard — without the admin."""

import glob
import os
import re
import tempfile
import time

from playwright.sync_api import expect

INVITEE = "browser-invitee@bordeaux.example"


def _invitation_link(wait: float = 30) -> str:
    """The link of the invitation email: the server's background worker writes its mail to files under its data
    directory, within a few seconds of the request that queued it."""
    pattern = os.path.join(tempfile.gettempdir(), "liaise-browser-*", "mail", "*")
    deadline = time.monotonic() + wait
    while True:
        for path in sorted(glob.glob(pattern), key=os.path.getmtime, reverse=True):
            with open(path, encoding="utf-8", errors="replace") as handle:
                text = handle.read()
            if INVITEE in text:
                return re.search(r"https?://\S+/invitations/\S+/", text).group(0)
        if time.monotonic() > deadline:
            raise AssertionError(f"no invitation email within {wait} s")
        time.sleep(0.25)


def test_a_coordinator_invites_a_partner_member_who_accepts_and_is_signed_in(browser, page, live_url):
    page.goto(live_url + "/accounts/login/")
    page.fill("#id_username", "coordinator@efus.example")
    page.fill("#id_password", "demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("h1")).to_contain_text("Hello")  # the dashboard
    page.get_by_role("link", name="People of LIAISE 2").click()
    expect(page.locator("h1")).to_contain_text("People of LIAISE 2")

    # an address already in the network is refused, with the offer to grant the role
    page.fill("#id_email", "participant@example.org")
    page.select_option("#id_organisation", label="Bordeaux")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".field-error")).to_contain_text("grant the role instead")
    expect(page.get_by_role("button", name="Grant the role to this account instead")).to_be_visible()

    page.fill("#id_email", INVITEE)
    page.select_option("#id_organisation", label="Bordeaux")
    page.get_by_role("button", name="Send the invitation").click()
    expect(page.locator(".notice")).to_contain_text(INVITEE)
    expect(page.locator("section[aria-labelledby=invitations-title]")).to_contain_text(INVITEE)

    context = browser.new_context()
    invitee = context.new_page()
    invitee.goto(_invitation_link())
    expect(invitee.locator("main")).to_contain_text("Bordeaux")
    invitee.fill("#id_full_name", "Browser Invitee")
    invitee.fill("#id_password1", "a-long-and-unusual-passphrase")
    invitee.fill("#id_password2", "a-long-and-unusual-passphrase")
    invitee.get_by_role("button", name="Create my account").click()
    expect(invitee.locator(".user-menu summary")).to_have_text("Browser")
    expect(invitee.locator("h1")).to_contain_text("Hello, Browser")
    context.close()

    page.reload()
    expect(page.locator("section[aria-labelledby=roles-title]")).to_contain_text("Browser Invitee")
    expect(page.locator("section[aria-labelledby=changes-title]")).to_contain_text("Browser Invitee")
