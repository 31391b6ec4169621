"""Done when (issue 14): killing the worker with ``kill -9`` in the middle of a newsletter of 5,000 subscribers and
starting it again delivers exactly one copy to each — the real worker (django-tasks-db's ``db_worker``) in a
subprocess, on the file mail backend and a database file of its own."""

import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

SUBSCRIBERS = 5000
SETUP = """
from django.utils import timezone
from liaise.network.models import Organisation
from liaise.outreach import newsletters
from liaise.outreach.models import NewsletterIssue, Post, Subscriber
now = timezone.now()
org = Organisation.objects.create(slug="crash-org", name="Crash", kind="network", country="FR")
post = Post.objects.create(slug="crash-news", organisation=org, title_en="News", lead_en="Lead.",
                           status="published", published_at=now)
Subscriber.objects.bulk_create([Subscriber(email=f"s{i}@example.net", token=f"t{i}", confirmed_at=now)
                                for i in range(SUBSCRIBERS)], batch_size=1000)
issue = NewsletterIssue.objects.create(subject="Crash test")
issue.posts.set([post])
print(newsletters.start_sending(issue, None, "http://testserver/"))
""".replace("SUBSCRIBERS", str(SUBSCRIBERS))
ID = re.compile(rb"^Message-ID: <newsletter\.\d+\.(\d+)@", re.MULTILINE)


def copies(mail_dir: Path) -> list[bytes]:
    return [m for p in mail_dir.glob("*") for m in ID.findall(p.read_bytes())]


def test_kill_9_in_the_middle_and_restart_delivers_exactly_one_copy_to_each(tmp_path):
    src = Path(__file__).resolve().parents[2] / "src"
    env = {**os.environ, "PYTHONPATH": str(src), "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
           "LIAISE_DATA_DIR": str(tmp_path), "LIAISE_EMAIL": "file", "LIAISE_NEWSLETTER_RATE": "0",
           "LIAISE_NEWSLETTER_BATCH": "500", "LIAISE_NEWSLETTER_LEASE_SECONDS": "2", "LIAISE_DEBUG": "1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    liaise = [sys.executable, "-m", "liaise"]
    subprocess.run([*liaise, "migrate", "-v0"], env=env, check=True, cwd=tmp_path)
    out = subprocess.run([*liaise, "shell", "-c", SETUP], env=env, check=True, cwd=tmp_path, capture_output=True)
    assert out.stdout.decode().split()[-1] == str(SUBSCRIBERS)
    mail_dir = tmp_path / "mail"
    worker = [*liaise, "db_worker", "--queue-name", "*", "--interval", "0.1", "--no-startup-delay", "--no-reload"]

    first = subprocess.Popen(worker, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(copies(mail_dir)) < 1000 and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.05)
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    before = len(copies(mail_dir))
    assert 0 < before < SUBSCRIBERS, "the worker was not killed in the middle"

    second = subprocess.Popen(worker, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        db = sqlite3.connect(tmp_path / "db.sqlite3", timeout=30)
        deadline = time.monotonic() + 240  # (about 60 s on an idle machine)
        status = None
        while time.monotonic() < deadline:
            status = db.execute("SELECT status FROM outreach_newsletterissue").fetchone()[0]
            if status == "sent":
                break
            time.sleep(0.2)
        counts = dict(db.execute("SELECT status, count(*) FROM outreach_delivery GROUP BY status").fetchall())
        db.close()
    finally:
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=30)
    assert status == "sent"
    found = copies(mail_dir)
    assert (len(found), len(set(found))) == (SUBSCRIBERS, SUBSCRIBERS)  # each subscriber once, nobody twice
    assert counts == {"sent": SUBSCRIBERS}
