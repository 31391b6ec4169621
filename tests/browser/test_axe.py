"""axe-core (the copy `axe-playwright-python` ships) over every route of the permission matrix that renders HTML,
for the role that sees the most of it, in headless Chromium: 0 serious and 0 critical violations (issue 18).

The pages come from the matrix's own rows, against the test database (the demo plus tests/conftest.py's
fixtures): each GET row that answers 200 to some role is fetched in-process with django.test.Client as the first
role of ``ROLE_ORDER`` it lets in, before the browser starts (Playwright's event loop and Django's database do
not mix in one thread). The browser then loads each page from that copy (``page.route``: no server), its static
files from the finders; whatever else the page asks for (the live stream, the API) gets a 404. Answers that are
not HTML (the API, feeds, calendars, PDFs, CSV/XLSX, downloads) and redirects are left out.

Django's admin is checked too (as a site admin), with Liaise's fixes (web/templates/admin/, liaise/admin.css and
admin.js). On its pages axe does not preload the style sheets: it would copy the admin's ``@import``-ed sheets into
an inline <style>, which the Content-Security-Policy refuses (axe's doing, not the page's); it serves only the
css-orientation-lock rule.

Every page is checked at a desktop width; a page of each kind (public, participant, partner, coordinator, live
audience, moderator and screen, the API's reference) also at a phone's.
"""

import mimetypes
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.db import transaction
from django.test import Client
from django.utils import translation

from tests.conftest import ROLE_EMAILS
from tests.permissions.test_matrix import DEVICE, MATRIX, Row

ORIGIN = "http://testserver"
# the role that sees the most first: a site admin sees everything; then the project's coordinators, ...
ROLE_ORDER = ["staff", "project_coordinator", "partner_coordinator", "expert", "partner_member", "other_partner",
              "participant", "anonymous"]
# routes left out, by the start of their name, each with its reason (none now: the API's documentation, Swagger UI
# until issue 18, is Liaise's own page)
LEFT_OUT: dict[str, str] = {}
SERIOUS = ("serious", "critical")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
# a page of each kind, at a phone's width too: (route, role)
PHONE_PAGES = [
    ("web:home", "anonymous"), ("events:detail", "anonymous"), ("events:register", "anonymous"),
    ("library:search", "anonymous"), ("accounts:login", "anonymous"),
    ("web:dashboard", "participant"), ("learning:my_trainings", "participant"),
    ("events:detail", "partner_member"), ("pilots:detail", "partner_member"),
    ("events:manage", "project_coordinator"), ("events:manage_programme", "project_coordinator"),
    ("reporting:results", "project_coordinator"),
    ("live:board", "anonymous"), ("live:moderate", "expert"), ("live:screen", "anonymous"),
    ("api:openapi-view", "anonymous"),
]


@dataclass
class Page:
    row: Row
    role: str
    url: str
    headers: dict
    body: bytes

    @property
    def html(self) -> bool:
        return self.headers.get("Content-Type", "").startswith("text/html")

    @property
    def label(self) -> str:
        return f"{self.row.id} as {self.role} ({self.url})"


def best_role(row: Row) -> str | None:
    return next((role for role in ROLE_ORDER if row.expected.get(role) == 200), None)


def checked_rows() -> list[Row]:
    """The first GET row of each route that some role sees (200), but those ``LEFT_OUT``."""
    first: dict[str, Row] = {}
    for row in MATRIX:
        if row.method == "GET" and not row.bug and best_role(row) and not row.route.startswith(tuple(LEFT_OUT)):
            first.setdefault(row.route, row)
    return list(first.values())


def fetch(rows_roles: list[tuple[Row, str]]) -> list[Page]:
    """Each row's answer (200s only) to its role, in a savepoint of its own (rolled back), with an empty cache."""
    from django.core.cache import cache

    users = {u.email: u for u in get_user_model().objects.filter(email__in=ROLE_EMAILS.values())}
    found = []
    for row, role in rows_roles:
        client = Client(raise_request_exception=False)
        client.cookies["liaise_device"] = DEVICE
        if role != "anonymous":
            client.force_login(users[ROLE_EMAILS[role]])
        cache.clear()
        with transaction.atomic():
            url = row.url()
            response = row.request(client, url)
            transaction.set_rollback(True)
        if response.status_code == 200 and not getattr(response, "streaming", False):
            headers = {k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "set-cookie")}
            found.append(Page(row, role, url, headers, response.content))
    translation.activate(settings.LANGUAGE_CODE)
    return found


def pages_to_check() -> tuple[list[Page], list[Page], dict]:
    """The desktop pages, the phone pages, and every answer fetched (by role and address) for what the pages ask
    for as they load."""
    rows = checked_rows()
    phone = []
    for route, role in PHONE_PAGES:
        row = next((row for row in MATRIX if row.route == route and row.method == "GET"
                    and row.expected.get(role) == 200), None)
        assert row is not None, f"no GET row of {route} that {role} sees"
        phone.append((row, role))
    desktop, phone = fetch([(row, best_role(row)) for row in rows]), fetch(phone)
    answers = {(page.role, page.url): page for page in desktop + phone}
    return [page for page in desktop if page.html], [page for page in phone if page.html], answers


@pytest.fixture(scope="module", autouse=True)
def _database_beside_playwright():
    """Playwright's sync API runs its event loop in this thread (between its calls too), so Django takes every
    query for one made from async code and refuses it. Nothing async touches the database here: the loop only
    drives the browser, and the pages are fetched in plain calls of this test, one after the other."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


def static_answer(path: str) -> dict | None:
    found = finders.find(path)
    if not found:
        return None
    return {"status": 200, "body": Path(found).read_bytes(),
            "content_type": mimetypes.guess_type(found)[0] or "application/octet-stream"}


def axe_violations(browser, pages: list[Page], answers: dict, viewport: dict, width: str) -> list[dict]:
    """axe-core's violations on each page, one browser tab at ``viewport``, each page served from its copy."""
    phone = viewport is PHONE
    context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone)
    context.add_init_script(AXE_SCRIPT)  # (through the DevTools protocol: the pages' CSP does not apply)
    role = {"current": "anonymous"}

    def handle(route):
        path = route.request.url.removeprefix(ORIGIN)
        answer = answers.get((role["current"], path))
        if answer is not None and route.request.method == "GET":
            return route.fulfill(status=200, headers=answer.headers, body=answer.body)
        if path.startswith(settings.STATIC_URL):
            found = static_answer(path.removeprefix(settings.STATIC_URL).split("?")[0])
            if found:
                return route.fulfill(**found)
        return route.fulfill(status=404, body=b"", content_type="text/plain")

    context.route("**/*", handle)
    tab = context.new_page()
    found = []
    for page in pages:
        role["current"] = page.role
        tab.goto(ORIGIN + page.url, wait_until="load")
        preload = "false" if page.row.route.startswith("admin:") else "true"
        results = tab.evaluate(f"axe.run(document, {{resultTypes: ['violations'], preload: {preload}}})")
        for violation in results["violations"]:
            for node in violation["nodes"]:
                found.append({"impact": violation["impact"], "rule": violation["id"], "page": page.label,
                              "width": width, "target": " ".join(map(str, node["target"])),
                              "summary": " ".join(node.get("failureSummary", "").split())})
    context.close()
    return found


def test_axe_on_every_html_route(browser, db, capsys):
    started = time.monotonic()
    desktop, phone, answers = pages_to_check()
    fetched = time.monotonic() - started
    found = (axe_violations(browser, desktop, answers, DESKTOP, "desktop")
             + axe_violations(browser, phone, answers, PHONE, "phone"))
    with capsys.disabled():
        print(f"\naxe: {len({page.row.route for page in desktop})} routes, {len(desktop)} pages at a desktop's "
              f"width and {len(phone)} at a phone's, fetched in {fetched:.0f} s, checked in "
              f"{time.monotonic() - started - fetched:.0f} s; {len(found)} violations (any impact)")
    serious = [f"{v['impact']} {v['rule']}: {v['target']} on {v['page']} ({v['width']}): {v['summary']}"
               for v in found if v["impact"] in SERIOUS]
    assert serious == [], "\n".join(serious)
