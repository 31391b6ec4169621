"""Capacity under concurrency, against a real `liaise serve` (gunicorn, 4 worker processes) on the database the
suite runs on: SQLite (a file of its own) or PostgreSQL (a database of its own, created and dropped here)."""

import json
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from tests.liveserver import clean_env, liaise, serve, temporary_data_dir

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


@pytest.fixture
def server_env():
    database = settings.DATABASES["default"]
    with temporary_data_dir("liaise-race-") as data_dir:
        env = clean_env(data_dir)
        if not database["ENGINE"].endswith("postgresql"):
            yield env
            return
        import psycopg

        name = f"liaise_race_{uuid.uuid4().hex[:8]}"
        params = {"host": database["HOST"] or "127.0.0.1", "port": database["PORT"] or 5432,
                  "user": database["USER"], "password": database["PASSWORD"] or None}
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
            env["DATABASE_URL"] = f"postgres://{params['user']}@{params['host']}:{params['port']}/{name}"
            try:
                yield env
            finally:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
    liaise(server_env, "migrate", "-v0")
    liaise(server_env, "shell", "-c", SETUP)
    with serve(server_env, "--workers", "4", "--no-demo") as base:
        url = base + "/api/v1/events/race/registrations"
        with ThreadPoolExecutor(max_workers=ATTEMPTS) as pool:
            results = list(pool.map(lambda n: _post(url, n), range(ATTEMPTS)))
    assert {code for code, _ in results} == {201}, results
    statuses = [status for _, status in results]
    assert statuses.count("confirmed") == SEATS
    assert statuses.count("waitlisted") == ATTEMPTS - SEATS
    counted = liaise(server_env, "shell", "-c", COUNT).strip().splitlines()[-1].split()
    assert counted == [str(SEATS), str(SEATS), str(ATTEMPTS - SEATS)]
