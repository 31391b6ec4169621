"""bench/registration.py: 2,000 concurrent registration attempts for an event with 250 seats.

Starts `liaise serve` (gunicorn, production mode, its own temporary SQLite database unless DATABASE_URL points
elsewhere) on loopback, creates an open event with 250 seats and a waiting list, fires all attempts at once
through the JSON API (asyncio, one connection each), then checks the database. Prints one JSON line:
confirmed / waitlisted / server errors, registrations per second, latency p50/p99, and the check that
exactly 250 were confirmed. See bench/README.md.

    .venv/bin/python bench/registration.py [--attempts 2000] [--capacity 250] [--workers 4]

With DATABASE_URL set, the migrations, the demo and the bench event go into that database: point it at a
throw-away database, never at one that matters. A "bench-race" event left by an earlier run is deleted first and
the bench event is deleted again at the end, so reruns on the same database start from zero registrations.
"""

import argparse
import asyncio
import json
import math
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
LIAISE = next((str(p) for p in (Path(sys.executable).with_name("liaise"), ROOT / ".venv" / "bin" / "liaise")
               if p.exists()), shutil.which("liaise") or "liaise")

SETUP = """
from datetime import timedelta
from django.utils import timezone
from liaise.demo import loader
from liaise.events.models import Event
from liaise.network.models import Project
loader.load(with_accounts=False)
Event.objects.filter(slug="bench-race").delete()  # a rerun on the same DATABASE_URL starts from zero
soon = timezone.now() + timedelta(days=10)
Event.objects.update_or_create(slug="bench-race", defaults=dict(
    project=Project.objects.get(slug="liaise-2"), title_en="Bench race", kind="conference", status="published",
    capacity=CAPACITY, waitlist_enabled=True, start=soon, end=soon + timedelta(hours=8)))
"""

CHECK = """
import json
from django.db import connection
from liaise.events.models import Event
e = Event.objects.get(slug="bench-race")
figures = {"confirmed_count": e.confirmed_count,
           "confirmed": e.registrations.filter(status="confirmed").count(),
           "waitlisted": e.registrations.filter(status="waitlisted").count(),
           "database": connection.display_name}
e.delete()  # leave no bench registrations behind in a DATABASE_URL database
print(json.dumps(figures))
"""


def log(*args):
    print("bench/registration:", *args, file=sys.stderr, flush=True)


def tail(path: Path, chars: int = 2000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no server log)"


def liaise(args: list[str], env: dict[str, str]) -> str:
    """Run a `liaise` command to completion; stop with its stderr (not a bare CalledProcessError) if it fails."""
    done = subprocess.run([LIAISE, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    if done.returncode != 0:
        sys.exit(f"bench/registration: error: `liaise {args[0]}` failed ({done.returncode}):\n"
                 f"{(done.stderr or done.stdout)[-2000:]}")
    return done.stdout


def stop(process: subprocess.Popen) -> None:
    """Terminate the server's whole process group (gunicorn master and workers)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


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
    parser.add_argument("--attempts", type=int, default=2000, help="registration attempts, all at once (2000)")
    parser.add_argument("--capacity", type=int, default=250, help="the event's seats (default 250)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    args = parser.parse_args()
    if args.attempts < 1 or args.workers < 1 or not 0 <= args.capacity <= args.attempts:
        parser.error("--attempts and --workers must be at least 1, --capacity between 0 and --attempts")

    # SIGTERM (e.g. from CI) unwinds through the finally block like Ctrl-C does, so the server is stopped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    data_dir = tempfile.mkdtemp(prefix="liaise-bench-registration-")
    log_path = Path(data_dir) / "server.log"
    # DATABASE_URL and REDIS_URL pass through; HOST/PORT would only confuse `liaise serve`.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LIAISE_", "DJANGO_")) and k not in ("HOST", "PORT")}
    env.update(LIAISE_DATA_DIR=data_dir, LIAISE_DEBUG="0", LIAISE_HTTPS="0", LIAISE_EMAIL="file",
               LIAISE_SECRET_KEY=secrets.token_urlsafe(50), LIAISE_ALLOWED_HOSTS="127.0.0.1,localhost",
               LIAISE_ACCESS_LOG=os.devnull)
    process = None
    try:
        liaise(["migrate", "-v0"], env)
        liaise(["shell", "-c", SETUP.replace("CAPACITY", str(args.capacity))], env)
        port = free_port()
        # The server's output goes to a file: a pipe nobody reads would fill up (error tracebacks under load)
        # and block the workers mid-run.
        with open(log_path, "wb") as server_log:
            process = subprocess.Popen(
                [LIAISE, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
                 "--no-demo"], env=env, cwd=ROOT, stdin=subprocess.DEVNULL,
                stdout=server_log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/topics", timeout=2)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit("bench/registration: error: liaise serve did not start:\n" + tail(log_path))
                time.sleep(0.3)
        log(f"firing {args.attempts} registration attempts at once for {args.capacity} seats ...")
        results, elapsed = asyncio.run(fire(port, args.attempts))
        if process.poll() is not None:
            sys.exit("bench/registration: error: the server died during the run:\n" + tail(log_path))
        check = json.loads(liaise(["shell", "-c", CHECK], env).strip().splitlines()[-1])
    finally:
        if process is not None:
            stop(process)
        shutil.rmtree(data_dir, ignore_errors=True)

    codes = [code for code, _ in results]
    latencies = sorted(seconds * 1000 for _, seconds in results)
    created = codes.count(201)
    figures = {
        "bench": "registration",
        # The database the server actually used (Django's name for it), not a guess from DATABASE_URL's scheme.
        "server": f"gunicorn sync, {args.workers} workers, {check['database']}",
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
                       "p99": round(latencies[math.ceil(len(latencies) * 0.99) - 1], 1)},  # nearest rank
    }
    figures["exact"] = (check["confirmed"] == check["confirmed_count"] == args.capacity
                        and check["waitlisted"] == args.attempts - args.capacity
                        and figures["server_errors"] == 0 and figures["failed_connections"] == 0)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
