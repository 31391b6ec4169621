"""bench/newsletter.py: how fast the newsletter task sends, on the file mail backend, against a baseline.

In one process, on a throw-away SQLite database and data directory (``DATABASE_URL`` is ignored): migrates, makes
``--subscribers`` confirmed subscribers and a network-wide issue with one news post, then measures

- ``baseline``: the same messages (rendered once, personalised per recipient, as the task does) written by one
  ``connection.send_messages(messages)`` call — the fastest the backend takes them;
- ``task_unlimited``: the issue sent by the task with ``LIAISE_NEWSLETTER_RATE=0`` (no limit), run through
  ``liaise.core.tasks.run_pending`` (django-tasks-db's ``Worker.run_task``, the worker's own code path): one
  claim-and-mark commit per mail, the backstop and successor runs included;
- ``task_limited``: ``--limited`` subscribers at ``--rate`` mails a second (the limit must hold).

Each phase checks that every subscriber's mail was written exactly once. Prints one JSON line.

    .venv/bin/python bench/newsletter.py [--subscribers 2000] [--limited 200] [--rate 50]
"""

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def log(*args):
    print("bench/newsletter:", *args, file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--limited", type=int, default=200)
    parser.add_argument("--rate", type=int, default=50)
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="liaise-bench-newsletter-"))
    os.environ.update({"DATABASE_URL": f"sqlite:///{data}/db.sqlite3", "LIAISE_DATA_DIR": str(data),
                       "LIAISE_EMAIL": "file", "LIAISE_DEBUG": "1", "LIAISE_NEWSLETTER_BATCH": "500",
                       "DJANGO_SETTINGS_MODULE": "liaise.settings"})
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.core.mail import get_connection
    from django.core.management import call_command
    from django.utils import timezone

    from liaise.core.tasks import run_pending
    from liaise.network.models import Organisation
    from liaise.outreach import newsletters
    from liaise.outreach.models import NewsletterIssue, Post, Subscriber

    log("migrating", data)
    call_command("migrate", verbosity=0)
    now = timezone.now()
    org = Organisation.objects.create(slug="bench-org", name="Bench", kind="network", country="FR")
    post = Post.objects.create(slug="bench-news", organisation=org, title_en="Bench news",
                               lead_en="A lead of a sentence or two, as news posts have.", status="published",
                               published_at=now)

    def subscribers(prefix: str, n: int):
        Subscriber.objects.update(unsubscribed_at=now)  # the previous phase's subscribers receive no more
        return Subscriber.objects.bulk_create(
            [Subscriber(email=f"{prefix}{i}@example.net", token=f"{prefix}-{i}", confirmed_at=now)
             for i in range(n)], batch_size=1000)

    def issue(subject: str) -> NewsletterIssue:
        made = NewsletterIssue.objects.create(subject=subject, intro="Hello.\nThe news of the month.")
        made.posts.set([post])
        return made

    def written(directory: Path) -> list[bytes]:
        found = []
        for path in directory.glob("*"):
            found += re.findall(rb"^To: (\S+)", path.read_bytes(), re.MULTILINE)
        return found

    def mail_dir(name: str) -> Path:
        directory = data / name
        directory.mkdir()
        settings.EMAIL_FILE_PATH = str(directory)
        return directory

    n = args.subscribers
    # baseline: one send_messages call with the same messages
    people = subscribers("b", n)
    base = issue("Baseline")
    directory = mail_dir("baseline")
    started = time.perf_counter()
    rendered = newsletters.render_issue(base, "en", base_url="http://bench.example/")
    messages = [newsletters.personalise(rendered, to=s.email, msgid=newsletters.message_id(base.pk, s.pk),
                                        unsubscribe=newsletters.unsubscribe_url(s.token, "http://bench.example/"))
                for s in people]
    with get_connection(fail_silently=False) as connection:
        connection.send_messages(messages)
    baseline_s = time.perf_counter() - started
    assert len(written(directory)) == n
    log(f"baseline: {n} in {baseline_s:.2f} s")

    def task_phase(prefix: str, count: int, rate: int) -> float:
        settings.LIAISE_NEWSLETTER_RATE = rate
        subscribers(prefix, count)
        sent = issue(f"Task {prefix}")
        directory = mail_dir(prefix)
        started = time.perf_counter()
        newsletters.start_sending(sent, None, "http://bench.example/")
        run_pending()
        elapsed = time.perf_counter() - started
        sent.refresh_from_db()
        copies = written(directory)
        assert sent.status == "sent" and len(copies) == count == len(set(copies)), "not exactly one each"
        log(f"task {prefix} (rate {rate or 'unlimited'}): {count} in {elapsed:.2f} s")
        return elapsed

    unlimited_s = task_phase("u", n, 0)
    limited_s = task_phase("l", args.limited, args.rate)
    result = {
        "bench": "newsletter", "backend": "file", "database": "sqlite",
        "subscribers": n, "baseline_per_s": round(n / baseline_s, 1),
        "task_unlimited_per_s": round(n / unlimited_s, 1),
        "task_vs_baseline": round((n / unlimited_s) / (n / baseline_s), 3),
        "limited_subscribers": args.limited, "rate_limit_per_s": args.rate,
        "task_limited_per_s": round(args.limited / limited_s, 1),
        "limit_held": args.limited / limited_s <= args.rate * 1.02,
        "exactly_one_each": True,
    }
    print(json.dumps(result))
    shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
