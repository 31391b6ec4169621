"""bench/registration_mail.py: the request time of a registration with its confirmation mail sent inside the
request (before) and queued for the worker (after), against a slow mail server, in the same run.

Starts an SMTP sink on loopback that waits ``--smtp-delay`` (200 ms) before accepting each message (a slow mail
server), a throw-away SQLite database with an open event, and gunicorn (production mode) twice:

- before: ``DJANGO_SETTINGS_MODULE=sync_mail_settings`` — tasks run at once where they are enqueued, so the
  registration request itself talks to the mail server (the path before issue 14);
- after: Liaise's own settings, with ``liaise worker`` running beside gunicorn (as ``liaise serve`` runs it).

Each half posts ``--registrations`` registrations one after the other to the JSON API and times each request;
the after half then waits until the worker has delivered every confirmation. Prints one JSON line: each half's
request time (mean, p50, p95 in ms) and mails delivered, the worker's time to deliver them all, and the ratio
before ÷ after of the median request time. See bench/README.md.

    .venv/bin/python bench/registration_mail.py [--registrations 60] [--smtp-delay 0.2] [--workers 2]
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from registration import LIAISE, free_port, liaise, stop, tail  # noqa: E402

from tests.smtpsink import SMTPSink  # noqa: E402

SETUP = """
from datetime import timedelta
from django.utils import timezone
from liaise.events.models import Event
from liaise.network.models import Organisation, Partnership, Project
project, _ = Project.objects.get_or_create(slug="bench", defaults=dict(acronym="BENCH", name_en="Bench",
                                           start="2026-01-01", end="2027-12-31", visibility="public"))
soon = timezone.now() + timedelta(days=10)
Event.objects.update_or_create(slug="bench-mail", defaults=dict(
    project=project, title_en="Bench mail", kind="conference", status="published",
    capacity=None, start=soon, end=soon + timedelta(hours=8)))
"""


def log(*args):
    print("bench/registration_mail:", *args, file=sys.stderr, flush=True)


def register(port: int, n: int, run: str) -> float:
    body = json.dumps({"name": f"Bench {n}", "email": f"mail{n}-{run}@example.org", "country": "FR",
                       "participant_type": "practitioner", "privacy_consent": True}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}/api/v1/events/bench-mail/registrations", body,
                                     headers={"Content-Type": "application/json"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        response.read()
        if response.status != 201:
            sys.exit(f"bench/registration_mail: error: a registration answered {response.status}")
    return (time.perf_counter() - started) * 1000


def figures(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"mean_ms": round(statistics.fmean(ordered), 1), "p50_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1)}


def half(name: str, env: dict, args, sink: SMTPSink, data_dir: str) -> dict:
    port = free_port()
    log_path = Path(data_dir) / f"{name}.log"
    processes = []
    try:
        with open(log_path, "wb") as server_log:
            processes.append(subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "liaise.wsgi:application", "--bind", f"127.0.0.1:{port}",
                 "--workers", str(args.workers), "--access-logfile", os.devnull],
                env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=server_log, stderr=subprocess.STDOUT,
                start_new_session=True))
            if name == "after":
                processes.append(subprocess.Popen(
                    [LIAISE, "worker", "--interval", "0.2"], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
                    stdout=server_log, stderr=subprocess.STDOUT, start_new_session=True))
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/topics", timeout=2)
                break
            except OSError:
                if any(p.poll() is not None for p in processes) or time.monotonic() > deadline:
                    sys.exit(f"bench/registration_mail: error: the {name} server did not start:\n" + tail(log_path))
                time.sleep(0.3)
        run = secrets.token_hex(3)
        for n in range(3):  # warm-up: each worker's first request loads the code
            register(port, n, f"warm-{run}")
        deadline = time.monotonic() + 60
        while len(sink.messages) < sink.before_warm + 3 and time.monotonic() < deadline:
            time.sleep(0.05)  # (the after half: the worker delivers the warm-up mails first)
        received_before = len(sink.messages)
        log(f"{name}: {args.registrations} registrations, one after the other ...")
        started = time.perf_counter()
        times = [register(port, n, run) for n in range(args.registrations)]
        answered = time.perf_counter() - started
        deadline = time.monotonic() + 120 + args.registrations * args.smtp_delay * 2
        while len(sink.messages) - received_before < args.registrations and time.monotonic() < deadline:
            time.sleep(0.02)
        delivered = time.perf_counter() - started
        return {**figures(times), "mails_delivered": len(sink.messages) - received_before,
                "all_answered_s": round(answered, 2), "all_mails_delivered_s": round(delivered, 2)}
    finally:
        for process in processes:
            stop(process)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--registrations", type=int, default=60, help="registrations per half (default 60)")
    parser.add_argument("--smtp-delay", type=float, default=0.2, help="the mail server's seconds per message (0.2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    args = parser.parse_args()
    if args.registrations < 1 or args.workers < 1 or args.smtp_delay < 0:
        parser.error("--registrations and --workers must be at least 1, --smtp-delay zero or more")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    data_dir = tempfile.mkdtemp(prefix="liaise-bench-mail-")
    try:
        with SMTPSink(delay=args.smtp_delay) as sink:
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith(("LIAISE_", "DJANGO_")) and k not in ("HOST", "PORT", "DATABASE_URL")}
            env.update(LIAISE_DATA_DIR=data_dir, LIAISE_DEBUG="0", LIAISE_HTTPS="0", LIAISE_EMAIL="smtp",
                       LIAISE_SMTP_HOST="127.0.0.1", LIAISE_SMTP_PORT=str(sink.port),
                       LIAISE_SECRET_KEY=secrets.token_urlsafe(50), LIAISE_ALLOWED_HOSTS="127.0.0.1,localhost")
            liaise(["migrate", "-v0"], env)
            liaise(["shell", "-c", SETUP], env)
            sink.before_warm = 0
            before = half("before", {**env, "DJANGO_SETTINGS_MODULE": "sync_mail_settings",
                                     "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), env.get("PYTHONPATH", "")])},
                          args, sink, data_dir)
            sink.before_warm = len(sink.messages)
            after = half("after", env, args, sink, data_dir)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps({
        "bench": "registration_mail",
        "server": f"gunicorn sync, {args.workers} workers, SQLite; after: plus one `liaise worker`",
        "registrations": args.registrations,
        "smtp_delay_ms": round(args.smtp_delay * 1000),
        "before_mail_in_request": before,
        "after_mail_queued": after,
        "p50_ratio_before_over_after": round(before["p50_ms"] / after["p50_ms"], 1),
        "mean_ratio_before_over_after": round(before["mean_ms"] / after["mean_ms"], 1),
        "all_delivered": before["mails_delivered"] == after["mails_delivered"] == args.registrations,
    }))


if __name__ == "__main__":
    main()
