"""Page benchmark: Liaise's pages against a bare Django view, same server, same settings, same run.

Prepares a throw-away data directory and SQLite database (migrate, the demo with its accounts, a session for the
demo partner member), then starts two servers as ``liaise serve`` would (collectstatic, then gunicorn sync
workers) on free loopback ports: one as configured (the page cache on), one with the page cache off
(``LIAISE_PAGE_CACHE_SECONDS=0``), one with the fragment cache off too. It drives each page with ``wrk``
(concurrent keep-alive clients) on four paths: ``cached`` (a visitor, page cache on), ``cold`` (a visitor, page
cache off: every request runs the page's view and draws its layout, its fragments come from the fragment cache —
the page after a save of something it does not show), ``signed_in`` (the demo partner member, with the session
cookie the bench made: their own copy of the page) and ``rendered`` (a visitor, both caches off: every part of
the page drawn on every request — reported, no goal),
stops the servers and prints one JSON line on stdout: req/s and p99 per page and path, and their ratios to the
baseline measured on the first server in the same run. Progress goes to stderr. See bench/README.md.

    .venv/bin/python bench/pages.py [--duration 10] [--connections 32] [--rounds 1]
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent

BASELINE = ("baseline", "/bench/baseline/")
PAGES = [
    ("home", "/"),
    ("project", "/projects/liaise-2/"),
    ("directory", "/partners/"),
    ("programme", "/events/bordeaux-2016/"),
    ("library", "/library/"),
    ("practice", "/library/practices/bordeaux-family-listening-line/"),
]
PATHS = ("cached", "cold", "signed_in", "rendered")
# The goals of each path, as ratios of the baseline's req/s (issue 19: >= 0.30 with the page cache cold and signed
# in); the wholly rendered path has none: it tells what a page costs when nothing of it is cached.
GOAL_RPS_RATIO_MIN = {"cached": 0.5, "cold": 0.3, "signed_in": 0.3}
SIGNED_IN_EMAIL = "member@augsburg.example"  # the demo partner member
GOAL_P99_MS_MAX = 50.0
GOAL_P99_RATIO_MAX = 2.0  # read instead of the absolute p99 where the baseline's own p99 is above it
WARMUP_S = 2
THREADS = 2


def log(message: str) -> None:
    sys.stderr.write(f"bench/pages: {message}\n")
    sys.stderr.flush()


def fail(message: str) -> None:
    sys.stderr.write(f"bench/pages: error: {message}\n")
    raise SystemExit(1)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def liaise_command() -> list[str]:
    script = Path(sys.executable).parent / "liaise"
    if script.exists():
        return [str(script)]
    venv_script = ROOT / ".venv" / "bin" / "liaise"
    if venv_script.exists():
        return [str(venv_script)]
    found = shutil.which("liaise")
    if found:
        return [found]
    fail("the `liaise` command is not installed: run `make install` first.")
    raise AssertionError  # unreachable


def server_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # Always a fresh SQLite database and per-process cache, whatever the calling shell has configured.
    for name in ("DATABASE_URL", "REDIS_URL", "LIAISE_WORKERS", "HOST", "PORT"):
        env.pop(name, None)
    alphabet = string.ascii_letters + string.digits + "!#%+-.=@^_~"
    env.update(
        LIAISE_DATA_DIR=str(data_dir),
        LIAISE_DEBUG="0",
        LIAISE_SECRET_KEY="".join(secrets.choice(alphabet) for _ in range(50)),
        LIAISE_HTTPS="0",  # plain HTTP on loopback
        LIAISE_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SETTINGS_MODULE="baseline_settings",
        PYTHONPATH=os.pathsep.join(p for p in (str(BENCH_DIR), env.get("PYTHONPATH", "")) if p),
    )
    return env


# Prepares the database before any server starts: migrations, the demo with its accounts (the bench's throw-away
# database only: `liaise serve` never loads demo accounts in production mode), and a signed-in session for the demo
# partner member, made as Django's login() makes it. Prints {"cookie": name, "session": key} on its last line.
PREPARE = """
import json, os, django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.core.management import call_command
from importlib import import_module
from liaise.demo import loader
call_command("migrate", interactive=False, verbosity=0)
loader.load(with_accounts=True)
user = get_user_model().objects.get(email=os.environ["BENCH_SIGNED_IN_EMAIL"])
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
print(json.dumps({"cookie": settings.SESSION_COOKIE_NAME, "session": session.session_key}))
"""


def prepare(env: dict[str, str], data_dir: Path) -> str:
    """Migrate, load the demo with its accounts, and make the partner member's session: the Cookie header."""
    completed = subprocess.run([sys.executable, "-c", PREPARE], cwd=data_dir,
                               env={**env, "BENCH_SIGNED_IN_EMAIL": SIGNED_IN_EMAIL}, capture_output=True,
                               text=True, check=False)
    if completed.returncode != 0:
        fail(f"preparing the database failed:\n{completed.stderr.strip()[-3000:]}")
    made = json.loads(completed.stdout.strip().splitlines()[-1])
    return f"{made['cookie']}={made['session']}"


def fetch(url: str, timeout: float = 5.0, cookie: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def wait_until_up(server: subprocess.Popen, url: str, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            fail(f"the server exited with status {server.returncode} before answering:\n{tail(log_path)}")
        try:
            status, _body = fetch(url, timeout=2)
        except OSError:
            time.sleep(0.25)
            continue
        if status == 200:
            return
        fail(f"{url} answered {status} while starting:\n{tail(log_path)}")
    fail(f"the server did not answer {url} within {timeout:.0f} s:\n{tail(log_path)}")


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server log)"


def stop(server: subprocess.Popen) -> None:
    """Terminate the server's whole process group (gunicorn master and workers)."""
    if server.poll() is not None:
        return
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def parse_wrk(output: str) -> dict:
    """Requests/sec, p99 (ms), request count and error counts from ``wrk --latency`` output."""
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m|h)\s*$", output, re.M)
    requests = re.search(r"^\s+(\d+) requests in", output, re.M)
    if not (rps and p99 and requests):
        raise ValueError(f"cannot read wrk's output:\n{output}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(rps.group(1)),
        "p99_ms": float(p99.group(1)) * _UNIT_MS[p99.group(2)],
        "requests": int(requests.group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in socket_errors.groups()) if socket_errors else 0,
    }


def run_wrk(wrk: str, url: str, connections: int, duration: int, cookie: str | None = None) -> dict:
    command = [wrk, f"-t{THREADS}", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "10s",
               *(["-H", f"Cookie: {cookie}"] if cookie else []), url]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        fail(f"wrk failed on {url}: {completed.stderr.strip() or completed.stdout.strip()}")
    return parse_wrk(completed.stdout)


def check(target: dict, label: str, path: str) -> int:
    """The page answers 200 before it is measured (signed in: to the signed-in user); returns its size in bytes."""
    status, body = fetch(target["base"] + path, timeout=30, cookie=target["cookie"])
    if status != 200:
        fail(f"{label} ({path}) answered {status}, not 200: fix the page before measuring it.")
    if target["cookie"] and b"user-menu" not in body:
        fail(f"{label} ({path}) was not served to a signed-in user: the bench's session does not work.")
    return len(body)


def drain(target: dict) -> None:
    """Wait for the requests wrk left queued when it stopped (a slow page's backlog outlives its connections) to
    be served, so that they do not weigh on the next URL's figures: the baseline answers once they are."""
    fetch(target["base"] + BASELINE[1], timeout=300)


def measure(wrk: str, target: dict, label: str, path: str, connections: int, duration: int) -> dict:
    result = run_wrk(wrk, target["base"] + path, connections, duration, target["cookie"])
    drain(target)
    if result["non_2xx"] or result["socket_errors"]:
        fail(
            f"{label} ({path}): {result['non_2xx']} non-2xx responses and {result['socket_errors']} socket errors "
            f"out of {result['requests']} requests: the figures would not mean anything."
        )
    log(f"{label}: {result['rps']:.0f} req/s, p99 {result['p99_ms']:.1f} ms")
    return result


def run_all(wrk: str, targets: dict[str, dict], connections: int, duration: int, rounds: int) -> dict[str, dict]:
    """Warm each URL up, then measure all of them round after round (interleaved, so that a burst of other load
    on the machine hits baseline and pages alike); each URL's figures are the medians over the rounds."""
    urls = [("baseline", "cached", BASELINE[1])]
    urls += [(f"{path}/{name}", path, url) for path in PATHS for name, url in PAGES]
    for label, path, url in urls:
        size = check(targets[path], label, url)
        log(f"{label}: {url} ({size / 1024:.1f} KB), warm-up {WARMUP_S} s")
        run_wrk(wrk, targets[path]["base"] + url, connections, WARMUP_S, targets[path]["cookie"])
        drain(targets[path])
    runs: dict[str, list[dict]] = {label: [] for label, _path, _url in urls}
    for number in range(1, rounds + 1):
        log(f"round {number}/{rounds}: {duration} s per URL")
        for label, path, url in urls:
            runs[label].append(measure(wrk, targets[path], label, url, connections, duration))
    return {
        label: {
            "rps": round(statistics.median(r["rps"] for r in results), 1),
            "p99_ms": round(statistics.median(r["p99_ms"] for r in results), 2),
        }
        for label, results in runs.items()
    }


def report(results: dict[str, dict], connections: int, duration: int, rounds: int, workers: int) -> dict:
    """Figures per path and page with their ratios to the baseline. The cached path's goal is the earlier one
    (>= 0.5 of the baseline's req/s and p99 under 50 ms, or <= 2x the baseline's where that is above 50 ms); the
    cold and signed-in paths' goal is issue 19's (>= 0.30 of the baseline's req/s)."""
    baseline = results["baseline"]
    if not baseline["rps"]:
        fail("the baseline served no request in the time given: the machine is too busy to measure anything.")
    # Where the baseline itself is slower than the absolute p99 goal at this load, p99 is read as a ratio.
    p99_relative = baseline["p99_ms"] > GOAL_P99_MS_MAX
    paths, paths_met = {}, {}
    for path in PATHS:
        pages = {}
        for name, _url in PAGES:
            figures = dict(results[f"{path}/{name}"])
            figures["rps_ratio"] = round(figures["rps"] / baseline["rps"], 3)
            figures["p99_ratio"] = round(figures["p99_ms"] / baseline["p99_ms"], 3)
            if path not in GOAL_RPS_RATIO_MIN:
                pages[name] = figures
                continue
            met = figures["rps_ratio"] >= GOAL_RPS_RATIO_MIN[path]
            if path == "cached":
                met = met and (figures["p99_ratio"] <= GOAL_P99_RATIO_MAX if p99_relative
                               else figures["p99_ms"] < GOAL_P99_MS_MAX)
            figures["met"] = met
            pages[name] = figures
        paths[path] = pages
        if path in GOAL_RPS_RATIO_MIN:
            paths_met[path] = all(figures["met"] for figures in pages.values())
    goal = {"rps_ratio_min": GOAL_RPS_RATIO_MIN, "cached_p99_ms_max": GOAL_P99_MS_MAX}
    if p99_relative:
        goal["cached_p99_ratio_max"] = GOAL_P99_RATIO_MAX
        goal["p99_read_as"] = "ratio to baseline (baseline p99 above p99_ms_max)"
    return {
        "bench": "pages",
        "server": f"gunicorn sync, {workers} workers",
        "connections": connections,
        "threads": THREADS,
        "duration_s": duration,
        "rounds": rounds,
        "baseline": {"rps": baseline["rps"], "p99_ms": baseline["p99_ms"]},
        "paths": paths,
        "goal": goal,
        "paths_met": paths_met,
        "met": all(paths_met.values()),
    }


def start_server(name: str, data_dir: Path, env: dict[str, str], workers: int, timeout: float,
                 worker: bool = True) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = data_dir / f"server-{name}.log"
    command = [*liaise_command(), "serve", "--host", "127.0.0.1", "--port", str(port), "--stream-port",
               str(free_port()), "--workers", str(workers), *([] if worker else ["--no-worker"])]
    log(f"starting `liaise serve` ({name}) on {base} (data in {data_dir}; log in {log_path.name})")
    with open(log_path, "wb") as server_log:
        server = subprocess.Popen(
            command, cwd=data_dir, env=env, stdin=subprocess.DEVNULL,
            stdout=server_log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    wait_until_up(server, base + BASELINE[1], log_path, timeout)
    log(f"server ({name}) is up")
    return {"server": server, "base": base, "log": log_path, "cookie": None}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds measured per URL (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent wrk connections (default 32)")
    parser.add_argument("--rounds", type=int, default=1,
                        help="measure every URL this many times, interleaved, and report medians (default 1)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--startup-timeout", type=float, default=180, help="seconds to wait for the server")
    args = parser.parse_args(argv)
    if min(args.duration, args.connections, args.rounds, args.workers) < 1:
        parser.error("--duration, --connections, --rounds and --workers must be at least 1")
    if args.connections < THREADS:
        parser.error(f"--connections must be at least {THREADS} (wrk runs {THREADS} threads)")

    wrk = shutil.which("wrk")
    if wrk is None:
        fail("wrk is not installed: `apt-get install wrk` (or run `make bench`, which installs it).")

    # SIGTERM (e.g. from CI) unwinds through the finally blocks like Ctrl-C does, so the server is stopped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    data_dir = Path(tempfile.mkdtemp(prefix="liaise-bench-"))
    servers: list[dict] = []
    try:
        env = server_env(data_dir)
        log("preparing the database (migrations, the demo with its accounts, a partner member's session)")
        cookie = prepare(env, data_dir)
        cached = start_server("cache on", data_dir, env, args.workers, args.startup_timeout)
        servers.append(cached)
        cold = start_server("cache off", data_dir, {**env, "LIAISE_PAGE_CACHE_SECONDS": "0"}, args.workers,
                            args.startup_timeout, worker=False)  # (one background worker is enough)
        servers.append(cold)
        rendered = start_server("nothing cached", data_dir,
                                {**env, "LIAISE_PAGE_CACHE_SECONDS": "0", "LIAISE_FRAGMENT_CACHE_SECONDS": "0"},
                                args.workers, args.startup_timeout, worker=False)
        servers.append(rendered)
        targets = {"cached": cached, "cold": cold, "signed_in": {**cached, "cookie": cookie}, "rendered": rendered}
        results = run_all(wrk, targets, args.connections, args.duration, args.rounds)
        for target in servers:
            if target["server"].poll() is not None:
                fail(f"a server died during the run:\n{tail(target['log'])}")
    finally:
        for target in servers:
            stop(target["server"])
        shutil.rmtree(data_dir, ignore_errors=True)

    print(json.dumps(report(results, args.connections, args.duration, args.rounds, args.workers)), flush=True)


if __name__ == "__main__":
    main()
