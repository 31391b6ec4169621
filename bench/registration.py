"""bench/registration.py: 2,000 concurrent registration attempts for an event with 250 seats.

Starts `liaise serve` (gunicorn, production mode, its own temporary SQLite database unless DATABASE_URL points
elsewhere) on loopback, creates an open event with 250 seats and a waiting list, fires all attempts at once
through the JSON API (asyncio, one connection each), then checks the database. Prints one JSON line:
confirmed / waitlisted / server errors, registrations per second, latency p50/p99, and the check that
exactly 250 were confirmed.
"""

import argparse
import asyncio
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIAISE = str(Path(sys.executable).with_name("liaise"))

SETUP = """
from datetime import timedelta
from django.utils import timezone
from liaise.demo import loader
from liaise.events.models import Event
from liaise.network.models import Project
loader.load(with_accounts=False)
soon = timezone.now() + timedelta(days=10)
Event.objects.update_or_create(slug="bench-race", defaults=dict(
    project=Project.objects.get(slug="liaise-2"), title_en="Bench race", kind="conference", status="published",
    capacity=CAPACITY, waitlist_enabled=True, start=soon, end=soon + timedelta(hours=8)))
"""

CHECK = """
import json
from liaise.events.models import Event
e = Event.objects.get(slug="bench-race")
print(json.dumps({"confirmed_count": e.confirmed_count,
                  "confirmed": e.registrations.filter(status="confirmed").count(),
                  "waitlisted": e.registrations.filter(status="waitlisted").count()}))
"""


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def attempt(port: int, n: int, run_id: str) -> tuple[int, float]:
    body = json.dumps({"name": f"Bench {n}", "email": f"bench{n}-{run_id}@example.org", "country": "FR",
                       "participant_type": "practitioner", "privacy_consent": True}).encode()
    head = (f"POST /api/v1/events/bench-race/registrations HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    started = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 60)
        writer.write(head + body)
        await writer.drain()
        status_line = await asyncio.wait_for(reader.readline(), 120)
        await reader.read()
        writer.close()
        status = int(status_line.split()[1])
    except (TimeoutError, OSError, IndexError, ValueError):
        status = 0  # connection refused, reset or timed out
    return status, time.perf_counter() - started


async def fire(port: int, attempts: int) -> tuple[list[tuple[int, float]], float]:
    run_id = secrets.token_hex(3)
    started = time.perf_counter()
    results = await asyncio.gather(*(attempt(port, n, run_id) for n in range(attempts)))
    return results, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--capacity", type=int, default=250)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="liaise-bench-registration-")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIAISE_", "DJANGO_"))}
    env.update(LIAISE_DATA_DIR=data_dir, LIAISE_DEBUG="0", LIAISE_HTTPS="0", LIAISE_EMAIL="file",
               LIAISE_SECRET_KEY=secrets.token_urlsafe(50), LIAISE_ALLOWED_HOSTS="127.0.0.1,localhost",
               LIAISE_ACCESS_LOG=os.devnull)
    run = {"env": env, "check": True, "capture_output": True, "text": True, "timeout": 300, "cwd": ROOT}
    process = None
    try:
        subprocess.run([LIAISE, "migrate", "-v0"], **run)
        subprocess.run([LIAISE, "shell", "-c", SETUP.replace("CAPACITY", str(args.capacity))], **run)
        port = free_port()
        process = subprocess.Popen(
            [LIAISE, "serve", "--port", str(port), "--workers", str(args.workers), "--no-demo"], env=env, cwd=ROOT,
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/topics", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit("liaise serve did not start: " + (process.stderr.read().decode()[-2000:]))
                time.sleep(0.3)
        log(f"firing {args.attempts} registration attempts at once for {args.capacity} seats ...")
        results, elapsed = asyncio.run(fire(port, args.attempts))
        check = json.loads(subprocess.run([LIAISE, "shell", "-c", CHECK], **run).stdout.strip().splitlines()[-1])
    finally:
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)

    codes = [code for code, _ in results]
    latencies = sorted(seconds * 1000 for _, seconds in results)
    created = codes.count(201)
    figures = {
        "bench": "registration",
        "server": f"gunicorn sync, {args.workers} workers, SQLite" if "DATABASE_URL" not in env
        else f"gunicorn sync, {args.workers} workers, {env['DATABASE_URL'].split(':')[0]}",
        "attempts": args.attempts,
        "capacity": args.capacity,
        "confirmed": check["confirmed"],
        "waitlisted": check["waitlisted"],
        "confirmed_count_column": check["confirmed_count"],
        "server_errors": sum(1 for c in codes if c >= 500),
        "failed_connections": codes.count(0),
        "other_4xx": sum(1 for c in codes if 400 <= c < 500),
        "registrations_per_s": round(created / elapsed, 1),
        "elapsed_s": round(elapsed, 2),
        "latency_ms": {"p50": round(statistics.median(latencies), 1),
                       "p99": round(latencies[int(len(latencies) * 0.99) - 1], 1)},
    }
    figures["exact"] = (check["confirmed"] == check["confirmed_count"] == args.capacity
                        and check["waitlisted"] == args.attempts - args.capacity
                        and figures["server_errors"] == 0 and figures["failed_connections"] == 0)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
