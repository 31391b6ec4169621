"""Browser tests: a real `liaise serve` (gunicorn, its own temporary SQLite database with the demo) driven by
Debian's Chromium through Playwright. Skipped, with the reason, where Chromium is not installed."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_url():
    data_dir = tempfile.mkdtemp(prefix="liaise-browser-")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIAISE_", "DATABASE_URL", "DJANGO_"))}
    env.update(LIAISE_DATA_DIR=data_dir, LIAISE_DEBUG="1", LIAISE_WORKERS="2")
    liaise = str(Path(sys.executable).with_name("liaise"))
    prepare = {"env": env, "check": True, "capture_output": True, "timeout": 180}
    subprocess.run([liaise, "migrate", "-v0"], **prepare)
    subprocess.run([liaise, "demo"], **prepare)
    subprocess.run([liaise, "shell", "-c", OPEN_EVENT], **prepare)
    process = subprocess.Popen([liaise, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                    pytest.fail(f"liaise serve did not start:\n{output[-3000:]}")
                time.sleep(0.3)
        yield url
    finally:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's sync API keeps an event loop running in this thread while it is open, and
    # Django refuses database work under a running loop; closing it after the module frees the other tests.
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


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
