"""Browser tests: a real `liaise serve` (gunicorn, its own temporary SQLite database with the demo) driven by
Debian's Chromium through Playwright. Skipped, with the reason, where Chromium is not installed."""

import os
import shutil
from pathlib import Path

import pytest

from tests.liveserver import clean_env, liaise, serve, temporary_data_dir

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not Path(CHROMIUM).exists():
                reason = "Debian's chromium is not installed (apt-get install chromium)"
                item.add_marker(pytest.mark.skip(reason=reason))


# An upcoming workshop open for registration, with two seats, in the server's own database.
OPEN_EVENT = """
from datetime import timedelta
from django.utils import timezone
from liaise.events.models import Event
from liaise.network.models import Project
soon = timezone.now() + timedelta(days=20)
Event.objects.create(project=Project.objects.get(slug="liaise-2"), slug="open-workshop", title_en="Open workshop",
                     kind="workshop", status="published", capacity=2, start=soon, end=soon + timedelta(hours=3))
"""


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Overrides the suite's autouse fixture: no test database here, the server has its own."""


@pytest.fixture(scope="session")
def live_url():
    if os.environ.get("LIAISE_BROWSER_URL"):  # a server you already run, set up as below: quicker to iterate
        yield os.environ["LIAISE_BROWSER_URL"].rstrip("/")
        return
    with temporary_data_dir("liaise-browser-") as data_dir:
        # The demo's Bordeaux conference (2016) keeps its fictitious registrants' names for the check-in journey:
        # with the default retention, the worker's first daily run anonymises registrations of events over a year
        # old (tests/core/test_personal_data.py tests that).
        env = clean_env(data_dir, LIAISE_WORKERS="2", LIAISE_RETAIN_REGISTRATIONS_MONTHS="1200")
        liaise(env, "migrate", "-v0")
        liaise(env, "demo")
        liaise(env, "shell", "-c", OPEN_EVENT)
        with serve(env, ready_path="/") as url:
            yield url


class CheckedBrowser:
    """The browser, whose every context reports what the Content-Security-Policy refused (Chromium writes each
    refusal to the console): :func:`_no_csp_violation` fails the test that caused one."""

    def __init__(self, browser):
        self._browser = browser
        self.violations: list[str] = []

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.on("console", self._console)
        return context

    def _console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(f"{message.location.get('url', '')}: {message.text}")

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API keeps an event loop running in this thread while it is open, and
    # Django refuses database work under a running loop; closing it after the module frees the other tests.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield CheckedBrowser(browser)
        browser.close()


@pytest.fixture(autouse=True)
def _no_csp_violation(browser):
    browser.violations.clear()
    yield
    assert browser.violations == [], "the page broke its Content-Security-Policy"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot_dir() -> Path:
    path = Path(os.environ.get("LIAISE_SCREENSHOTS", Path.cwd() / "var" / "screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path
