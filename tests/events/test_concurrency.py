"""Capacity under concurrency, against a real `liaise serve` (gunicorn, 4 worker processes) on the database the
suite runs on: SQLite (a file of its own) or PostgreSQL (a database of its own, created and dropped here)."""

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.conf import settings

LIAISE = str(Path(sys.executable).with_name("liaise"))
SEATS, ATTEMPTS = 5, 40

SETUP = """
from datetime import timedelta
from django.utils import timezone
from liaise.demo import loader
from liaise.events.models import Event
from liaise.network.models import Project
loader.load(with_accounts=False)
soon = timezone.now() + timedelta(days=10)
Event.objects.create(project=Project.objects.get(slug="liaise-2"), slug="race", title_en="Race", kind="workshop",
                     status="published", capacity=SEATS, start=soon, end=soon + timedelta(hours=2))
""".replace("SEATS", str(SEATS))

COUNT = """
from liaise.events.models import Event
e = Event.objects.get(slug="race")
print(e.confirmed_count, e.registrations.filter(status="confirmed").count(),
      e.registrations.filter(status="waitlisted").count())
"""


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server_env():
    data_dir = tempfile.mkdtemp(prefix="liaise-race-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIAISE_", "DATABASE_URL", "DJANGO_"))}
    env.update(LIAISE_DATA_DIR=data_dir, LIAISE_DEBUG="1", LIAISE_EMAIL="file")
    database = settings.DATABASES["default"]
    admin = None
    if database["ENGINE"].endswith("postgresql"):
        import psycopg

        name = f"liaise_race_{uuid.uuid4().hex[:8]}"
        params = {"host": database["HOST"] or "127.0.0.1", "port": database["PORT"] or 5432,
                  "user": database["USER"], "password": database["PASSWORD"] or None}
        admin = psycopg.connect(dbname="postgres", autocommit=True, **params)
        admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = (f"postgres://{params['user']}@{params['host']}:{params['port']}/{name}")
    yield env
    if admin is not None:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    shutil.rmtree(data_dir, ignore_errors=True)


def _post(url, n):
    body = json.dumps({"name": f"Racer {n}", "email": f"racer{n}@example.org", "country": "FR",
                       "participant_type": "other", "privacy_consent": True}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read())["status"]
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()[:200]


def test_concurrent_registrations_never_overbook(server_env):
    run = {"env": server_env, "capture_output": True, "text": True, "timeout": 180, "check": True}
    subprocess.run([LIAISE, "migrate", "-v0"], **run)
    subprocess.run([LIAISE, "shell", "-c", SETUP], **run)
    port = _free_port()
    process = subprocess.Popen([LIAISE, "serve", "--port", str(port), "--workers", "4", "--no-demo"],
                               env=server_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/api/v1/topics", timeout=2)
                break
            except OSError:
                assert process.poll() is None and time.monotonic() < deadline, "liaise serve did not start"
                time.sleep(0.3)
        url = base + "/api/v1/events/race/registrations"
        with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
            results = list(pool.map(lambda n: _post(url, n), range(ATTEMPTS)))
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=20)
    assert {code for code, _ in results} == {201}, results
    statuses = [status for _, status in results]
    assert statuses.count("confirmed") == SEATS
    assert statuses.count("waitlisted") == ATTEMPTS - SEATS
    counted = subprocess.run([LIAISE, "shell", "-c", COUNT], **run).stdout.strip().splitlines()[-1].split()
    assert counted == [str(SEATS), str(SEATS), str(ATTEMPTS - SEATS)]
