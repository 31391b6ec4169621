"""bench/cluster.py: a conference on a cluster of Liaise nodes behind HAProxy, and one node lost with kill -9.

Creates a fresh PostgreSQL database on the local server and starts a Redis of its own, then N nodes (`liaise serve`:
gunicorn, uvicorn for the streams and the background worker, each node in a data directory of its own, uploads in
one shared directory) on loopback ports behind HAProxy (its configuration generated into the run's temporary
directory: health checks on /healthz, the stream path to the stream servers unbuffered with long timeouts, live Q&A
requests ahead of the registration burst in HAProxy's queue). Then it drives a conference through the proxy:
viewers hold the live stream open (SSE) while questions and votes come in, a registration burst of 2,000 for 250
seats starts shortly before the middle, partners sign in and edit their news posts (and read them back, as
visitors, from whichever node answers) — and in the middle one node is killed with `kill -9` (its whole process
group, as a lost machine). Afterwards the killed node is started again, and the page and API throughput is
measured through the proxy with 1, 2, ... N nodes in service (wrk). Prints one JSON line; see bench/README.md.

    .venv/bin/python bench/cluster.py                         # 3 nodes, 2,500 viewers, 2,000 registrations
    .venv/bin/python bench/cluster.py --viewers 600 --duration 40 --scale-seconds 8     # lighter
    .venv/bin/python bench/cluster.py --small                 # 2 nodes, a few clients, no scaling (the suite's)

Needs haproxy, redis-server (or --redis-url) and a PostgreSQL server it may create databases on (--pg-url, by
default DATABASE_URL when it is a postgres:// URL, else postgres://postgres@127.0.0.1:5432/postgres); wrk for the
scaling part. The database it creates is dropped at the end.
"""

import argparse
import asyncio
import contextlib
import json
import math
import multiprocessing
import os
import random
import re
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from array import array
from pathlib import Path

from sse_client import dechunk

ROOT = Path(__file__).resolve().parent.parent
LIAISE = next((str(p) for p in (Path(sys.executable).with_name("liaise"), ROOT / ".venv" / "bin" / "liaise")
               if p.exists()), shutil.which("liaise") or "liaise")
BOARD = "BDXRTB"
EVENT = "bench-cluster"
LOSS_WINDOW_S = 5.0  # "during the loss": deliveries it may hold up (sent before its end, arriving after the kill)
GOAL = {"reconnect_s": 5.0, "p95_outside_loss_s": 2.0, "lost": 0}
RETRYABLE = {0, 502, 503, 504}  # no answer, or the proxy's: the request may be sent again

SETUP = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from liaise.demo import loader
from liaise.events.models import Event
from liaise.live.models import Board
from liaise.network import services as network
from liaise.network.models import Organisation, Project
from liaise.outreach import services as outreach
loader.load(with_accounts=False)
project = Project.objects.get(slug="liaise-2")
soon = timezone.now() + timedelta(days=10)
Event.objects.update_or_create(slug="EVENT", defaults=dict(
    project=project, title_en="Bench cluster", kind="conference", status="published", capacity=CAPACITY,
    waitlist_enabled=True, start=soon, end=soon + timedelta(hours=8)))
Board.objects.filter(code="BOARD").update(moderation="open", is_open=True)
bordeaux = Organisation.objects.get(slug="bordeaux")
partners = []
for n in range(PARTNERS):
    user = get_user_model().objects.create_user(f"partner{n}@cluster.example", "PASSWORD",
                                                full_name=f"Cluster Partner {n}")
    network.add_membership(user, bordeaux, position="Bench")
    network.grant_project_role(project, user, "partner_coordinator", bordeaux)
    post = outreach.save_post(None, outreach.PostData(
        organisation=bordeaux, project=project, title=f"Cluster post {n}", lead="Written during the bench.",
        language="en", visibility="public", action="publish"), user)
    partners.append({"email": user.email, "slug": post.slug})
print(json.dumps({"database": connection.display_name, "project": project.pk, "organisation": bordeaux.pk,
                  "partners": partners}))
"""

CHECK = """
import json
from collections import Counter
from django_tasks_db.models import DBTaskResult
from liaise.events.models import Event
from liaise.live.models import Question
e = Event.objects.get(slug="EVENT")
emails = Counter(e.registrations.values_list("email", flat=True))
texts = Counter(Question.objects.filter(board__code="BOARD", text__contains="TOKEN").values_list("text", flat=True))
print(json.dumps({
    "confirmed": e.registrations.filter(status="confirmed").count(),
    "waitlisted": e.registrations.filter(status="waitlisted").count(),
    "confirmed_count": e.confirmed_count,
    "emails": dict(emails),
    "question_ids": list(Question.objects.filter(board__code="BOARD", text__contains="TOKEN")
                         .values_list("pk", flat=True)),
    "question_texts": dict(texts),
    "tasks": dict(Counter(DBTaskResult.objects.values_list("status", flat=True))),
}))
"""


def log(*args):
    print("bench/cluster:", *args, file=sys.stderr, flush=True)


class Failure(Exception):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path: Path, chars: int = 2500) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no log)"


def percentiles(values) -> dict:
    """p50/p95 (nearest rank) and max, in seconds."""
    if not values:
        return {"p50": None, "p95": None, "max": None, "n": 0}
    ordered = sorted(values)
    rank = lambda q: ordered[max(math.ceil(len(ordered) * q) - 1, 0)]  # noqa: E731
    return {"p50": round(rank(0.5), 3), "p95": round(rank(0.95), 3), "max": round(ordered[-1], 3),
            "n": len(ordered)}


def raise_nofile() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def liaise(args: list[str], env: dict[str, str], timeout: int = 900) -> str:
    done = subprocess.run([LIAISE, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          check=False)
    if done.returncode != 0:
        raise Failure(f"`liaise {args[0]}` failed ({done.returncode}):\n{(done.stderr or done.stdout)[-2000:]}")
    return done.stdout


def last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def stop_group(process: subprocess.Popen | None, grace: float = 20) -> None:
    """SIGTERM to the process's whole group (a node: the supervisor, gunicorn, uvicorn, the worker), then SIGKILL."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=grace)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def http_get(url: str, timeout: float = 3) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return 0


# --- the services: PostgreSQL database, Redis, nodes, HAProxy ----------------------------------------------------


class Database:
    """A fresh database on the PostgreSQL server of ``admin_url``, dropped at the end."""

    def __init__(self, admin_url: str, token: str):
        import psycopg

        self.psycopg = psycopg
        self.admin_url = admin_url
        parts = urllib.parse.urlsplit(admin_url)
        self.name = f"liaise_cluster_{token}"
        self.url = urllib.parse.urlunsplit(parts._replace(path=f"/{self.name}"))
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        with self.psycopg.connect(self.admin_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class Redis:
    def __init__(self, base: Path):
        self.port = free_port()
        self.log = base / "redis.log"
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(
                ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "",
                 "--appendonly", "no", "--dir", str(base)], stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True)
        self.url = f"redis://127.0.0.1:{self.port}/0"
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise Failure("redis-server did not start:\n" + tail(self.log))
            time.sleep(0.2)

    def stop(self) -> None:
        stop_group(self.process, 5)


class Node:
    def __init__(self, n: int, base: Path, env: dict[str, str], workers: int):
        self.name = f"node{n}"
        self.dir = base / self.name
        self.dir.mkdir(exist_ok=True)
        self.port, self.stream_port = free_port(), free_port()
        self.env = {**env, "LIAISE_DATA_DIR": str(self.dir)}
        self.workers = workers
        self.log = self.dir / "serve.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [LIAISE, "serve", "--no-demo", "--host", "127.0.0.1", "--port", str(self.port),
                 "--stream-port", str(self.stream_port), "--workers", str(self.workers)],
                env=self.env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)

    def ready(self) -> bool:
        if self.process is None or self.process.poll() is not None:
            raise Failure(f"{self.name} stopped while starting:\n" + tail(self.log))
        return (http_get(f"http://127.0.0.1:{self.port}/healthz") == 200
                and http_get(f"http://127.0.0.1:{self.stream_port}/healthz") == 200)

    def kill(self) -> None:
        """A lost machine: SIGKILL to every process of the node at once, no goodbye to anyone."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        stop_group(self.process)

    def mail_recipients(self) -> list[str]:
        found = []
        for path in (self.dir / "mail").glob("*.log"):
            found += re.findall(r"^To: (.+)$", path.read_text(errors="replace"), re.MULTILINE)
        return found


def wait_nodes(nodes: list[Node], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    waiting = list(nodes)
    while waiting:
        waiting = [node for node in waiting if not node.ready()]
        if waiting and time.monotonic() > deadline:
            raise Failure(f"{waiting[0].name} did not answer /healthz in {seconds:g} s:\n" + tail(waiting[0].log))
        time.sleep(0.5)


HAPROXY = """\
global
    maxconn {maxconn}
    stats socket {socket} mode 600 level admin
    stats timeout 10s

defaults
    mode http
    timeout connect 2s
    timeout client 1h            # a live stream's client sends nothing after its request
    timeout server 60s
    timeout http-request 10s     # ... but every other request must arrive quickly
    timeout http-keep-alive 10s
    timeout queue 60s            # a registration burst waits here, not in gunicorn's backlog
    timeout check 5s             # a busy node answers its health check late: slow is not down (default: inter, 1 s)
    retries 3
    option redispatch 1          # a refused connection (a node gone) is retried on another node at once
    option forwardfor

frontend liaise
    bind 127.0.0.1:{port}
    # live Q&A writes go ahead of the registration burst in the queue (lower class: served first)
    http-request set-priority-class int(-10) if {{ path_beg /api/v1/live/ }}
    use_backend streams if {{ path_reg ^/live/[^/]+/stream$ }}
    default_backend pages

backend pages
    balance leastconn
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    # checked every second (every 250 ms once in doubt); down after 2 failed checks, or at once when a
    # connection to it fails (a node that was killed refuses connections)
    default-server inter 1s fastinter 250ms fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down
    http-response set-header X-Liaise-Node %[srv_name]
{pages}

backend streams
    balance leastconn
    timeout server 1h            # SSE: a keep-alive comment every 15 s; HAProxy does not buffer the response
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 1s fastinter 250ms fall 2 rise 2 observe layer4 error-limit 1 on-error mark-down
    http-response set-header X-Liaise-Node %[srv_name]
{streams}
"""


class Proxy:
    def __init__(self, base: Path, nodes: list[Node], workers: int, maxconn: int):
        self.port = free_port()
        self.socket = base / "haproxy.sock"
        self.config = base / "haproxy.cfg"
        self.log = base / "haproxy.log"
        self.config.write_text(HAPROXY.format(
            maxconn=maxconn, socket=self.socket, port=self.port,
            pages="\n".join(f"    server {n.name} 127.0.0.1:{n.port} check maxconn {2 * workers}" for n in nodes),
            streams="\n".join(f"    server {n.name} 127.0.0.1:{n.stream_port} check" for n in nodes)))
        check = subprocess.run(["haproxy", "-c", "-q", "-f", str(self.config)], capture_output=True, text=True,
                               check=False)
        if check.returncode != 0:
            raise Failure(f"haproxy refuses its configuration:\n{check.stderr or check.stdout}")
        with open(self.log, "wb") as out:
            self.process = subprocess.Popen(["haproxy", "-db", "-f", str(self.config)], stdout=out,
                                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                            start_new_session=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def command(self, line: str) -> str:
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(5)
            s.connect(str(self.socket))
            s.sendall(line.encode() + b"\n")
            chunks = []
            while chunk := s.recv(65536):
                chunks.append(chunk)
        return b"".join(chunks).decode()

    def status(self) -> dict[tuple[str, str], str]:
        """(backend, server) -> UP / DOWN / MAINT / ..., from `show stat`."""
        lines = self.command("show stat").splitlines()
        header = lines[0].lstrip("# ").split(",")
        found = {}
        for line in lines[1:]:
            row = dict(zip(header, line.split(","), strict=False))
            if row.get("svname") not in ("FRONTEND", "BACKEND", None):
                found[(row["pxname"], row["svname"])] = row["status"]
        return found

    def wait_up(self, names: list[str], seconds: float = 30) -> float:
        """Seconds until every named server is UP in both backends."""
        began = time.monotonic()
        while True:
            if self.process.poll() is not None:
                raise Failure("haproxy stopped:\n" + tail(self.log))
            with contextlib.suppress(OSError):
                state = self.status()
                if all(state.get((b, n), "").startswith("UP") for b in ("pages", "streams") for n in names):
                    return time.monotonic() - began
            if time.monotonic() - began > seconds:
                raise Failure(f"haproxy does not see {names} up: {self.status()}")
            time.sleep(0.1)

    def set_state(self, name: str, state: str) -> None:
        for backend in ("pages", "streams"):
            self.command(f"set server {backend}/{name} state {state}")

    def stop(self) -> None:
        stop_group(self.process, 5)


# --- raw HTTP through the proxy (asyncio; one connection per request, as phones and browsers do here) -----------


async def request(port: int, method: str, path: str, headers: dict | None = None, body: bytes = b"",
                  timeout: float = 120) -> tuple[int, dict, bytes]:
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close",
             f"Content-Length: {len(body)}"]
    lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 30)
        try:
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
            answer = await asyncio.wait_for(reader.read(), timeout)
        finally:
            writer.close()
        head, _, content = answer.partition(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
    except (OSError, TimeoutError, IndexError, ValueError):
        return 0, {}, b""
    found: dict[str, list[str]] = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        found.setdefault(name.strip().lower(), []).append(value.strip())
    if "chunked" in ",".join(found.get("transfer-encoding", [])):
        content = dechunk(content)[0]
    return status, found, content


def identity(secret: str, name: str) -> str:
    """The device identity the server issues (``liaise.live.devices``), signed with the nodes' shared key."""
    from django.core.signing import Signer

    random_part = "".join(c if c.isalnum() else "-" for c in name)[:24].ljust(24, "-")
    return Signer(key=secret, salt="liaise.live.device", fallback_keys=[]).sign(random_part)


# --- viewers: SSE clients with a browser's EventSource reconnection (run in client processes) ---------------------


class Viewer:
    """One phone: when it (re)connected and through which node, when its stream dropped, and the `question`
    events it got (change id, arrival time, system-wide monotonic clock)."""

    __slots__ = ("changes", "connects", "drops", "error", "failed_attempts", "handshakes", "last_id", "resets",
                 "retry", "times", "writer")

    def __init__(self):
        self.changes, self.times = array("q"), array("d")
        self.connects: list[tuple[float, str]] = []
        self.handshakes: list[float] = []  # seconds from opening the connection to the stream's first line
        self.drops: list[float] = []
        self.error = ""
        self.failed_attempts = 0
        self.last_id = None
        self.resets = 0
        self.retry = 2.0  # EventSource's reconnection time until the server sends `retry:`
        self.writer = None


async def watch(viewer: Viewer, port: int, seen: dict, ready: asyncio.Event) -> None:
    """Hold the stream; when it ends or fails, wait the reconnection time and reconnect with Last-Event-ID, as an
    EventSource does (and live.js lets it), until cancelled."""
    while True:
        connected = False
        attempt = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 30)
            viewer.writer = writer
            resume = f"Last-Event-ID: {viewer.last_id}\r\n" if viewer.last_id is not None else ""
            writer.write((f"GET /live/{BOARD}/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                          f"Accept: text/event-stream\r\nCache-Control: no-cache\r\n{resume}\r\n").encode())
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
            status = head.split(b" ", 2)[1]
            if status != b"200":
                raise ConnectionError(f"HTTP {status.decode()}")
            lower = head.lower()
            node = re.search(rb"x-liaise-node: *([^\r]+)", lower)
            node = node.group(1).decode() if node else "?"
            chunked = b"transfer-encoding: chunked" in lower
            raw = sse = b""
            while True:
                data = await reader.read(262144)
                if not data:
                    break
                now = time.monotonic()
                if chunked:  # uvicorn sends the stream in HTTP/1.1 chunks
                    payload, raw = dechunk(raw + data)
                    sse += payload
                else:
                    sse += data
                *blocks, sse = sse.split(b"\n\n")
                for block in blocks:
                    if block.startswith(b"id: "):
                        lines = block.split(b"\n", 2)
                        change = int(lines[0][4:])
                        viewer.last_id = change
                        if lines[1] == b"event: question":
                            if change not in seen:
                                seen[change] = lines[2]
                            viewer.changes.append(change)
                            viewer.times.append(now)
                    elif block.startswith(b"retry:"):
                        viewer.retry = int(block.split(b"\n", 1)[0][6:]) / 1000
                        if not connected:
                            connected = True
                            viewer.connects.append((now, node))
                            viewer.handshakes.append(now - attempt)
                            ready.set()
                    elif block.startswith(b"event: reset"):
                        viewer.resets += 1
                        viewer.last_id = None  # a browser reloads the board: it starts from now
        except asyncio.CancelledError:
            raise
        except (OSError, TimeoutError, ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                ValueError, IndexError) as exc:
            if not connected:
                viewer.failed_attempts += 1
                viewer.error = f"{type(exc).__name__}: {exc}"[:200]
                ready.set()
        if connected:
            viewer.drops.append(time.monotonic())
        await asyncio.sleep(viewer.retry)


def _parse(data: bytes) -> tuple[int, int]:
    body = json.loads(data.split(b"data: ", 1)[1] if data.startswith(b"data: ") else data)
    return body["id"], body.get("votes", 0)


def tally(viewers: list[Viewer], seen: dict, asked: dict, voted: dict, killed_at: float | None,
          killed: str | None) -> dict:
    """Deliveries by window (before the loss, held up by it, after it), what still-connected viewers never got,
    and how long the killed node's viewers took to come back."""
    parsed = {change: _parse(data) for change, data in seen.items()}
    windows = {"before": array("d"), "during": array("d"), "after": array("d")}
    lost: set[int] = set()
    missed_questions = missed_votes = not_back = unexpected_drops = 0
    reconnect, handshake = array("d"), array("d")

    def window(sent: float, at: float) -> str:
        if killed_at is None or at <= killed_at:
            return "before"
        return "during" if sent < killed_at + LOSS_WINDOW_S else "after"

    for viewer in viewers:
        if not viewer.connects:
            continue
        shown: dict[int, int] = {}
        for change, at in zip(viewer.changes, viewer.times, strict=True):
            question, votes = parsed[change]
            sent = asked.get(question)
            if sent is None:
                continue
            before = shown.get(question)
            if before is None:
                windows[window(sent, at)].append(at - sent)
                before = 0
            for count in range(before + 1, votes + 1):  # an event showing n votes shows every count below
                sent_vote = voted.get((question, count))
                if sent_vote is not None:
                    windows[window(sent_vote, at)].append(at - sent_vote)
            shown[question] = max(shown.get(question, 0), votes)
        for dropped in viewer.drops:
            held = max((c for c in viewer.connects if c[0] < dropped), default=(0, ""))  # the stream that ended
            back = next((at for at, _node in viewer.connects if at > dropped), None)
            if killed_at is not None and held[1] == killed and dropped >= killed_at - 0.5:
                if back is not None:
                    reconnect.append(back - killed_at)
                    handshake.append(viewer.handshakes[viewer.connects.index(next(
                        c for c in viewer.connects if c[0] == back))])
            else:
                unexpected_drops += 1
        if viewer.drops and viewer.drops[-1] > viewer.connects[-1][0]:
            not_back += 1
            continue
        missing = [q for q in asked if q not in shown]
        missed_questions += len(missing)
        lost.update(missing)
        missed_votes += sum(1 for (q, count) in voted if shown.get(q, 0) < count)
    return {"windows": windows, "lost": sorted(lost), "missed_questions": missed_questions,
            "missed_votes": missed_votes, "not_back": not_back, "unexpected_drops": unexpected_drops,
            "reconnect": reconnect, "handshake": handshake, "resets": sum(v.resets for v in viewers),
            "on_killed": sum(1 for v in viewers if v.connects and any(
                node == killed and (killed_at is None or at < killed_at) for at, node in v.connects)),
            "failed_attempts": sum(v.failed_attempts for v in viewers)}


async def viewers_main(conn, port: int, count: int, rate: float) -> None:
    seen: dict[int, bytes] = {}
    viewers = [Viewer() for _ in range(count)]
    ready = asyncio.Event()
    tasks = []
    started = time.monotonic()
    for n, viewer in enumerate(viewers):
        delay = started + n / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(watch(viewer, port, seen, ready)))
    deadline = time.monotonic() + 120
    while any(not v.connects for v in viewers) and time.monotonic() < deadline:
        ready.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), 1)
    errors = [v.error for v in viewers if not v.connects and v.error]
    conn.send(("connected", sum(bool(v.connects) for v in viewers), errors[:3], time.monotonic() - started))
    message = await asyncio.get_running_loop().run_in_executor(None, conn.recv)  # ("finish", ...)
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for viewer in viewers:
        if viewer.writer is not None:
            viewer.writer.close()
    result = tally(viewers, seen, *message[1:])
    result["cpu_s"] = cpu.ru_utime + cpu.ru_stime
    conn.send(("result", result))


def viewers_process(conn, port: int, count: int, rate: float) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise_nofile()
    try:
        import uvloop

        uvloop.run(viewers_main(conn, port, count, rate))
    except ImportError:
        asyncio.run(viewers_main(conn, port, count, rate))


# --- the conference: questions, votes, the registration burst, partners' edits, and the loss of a node ------------


class Conference:
    def __init__(self, args, port: int, secret: str, token: str, setup: dict, kill):
        self.args, self.port, self.secret, self.token, self.setup = args, port, secret, token, setup
        self.kill = kill
        self.rng = random.Random(token)
        self.asked: dict[int, float] = {}
        self.voted: dict[tuple[int, int], float] = {}
        self.known: list[int] = []
        self.first = asyncio.Event()
        self.counts = {"questions_failed": 0, "questions_retried": 0, "votes_failed": 0, "votes_retried": 0}
        self.first_errors: list[str] = []
        self.registrations: dict[int, int] = {}  # attempt -> final status
        self.registration_retries = 0
        self.registration_times: list[float] = []
        self.edits = {"saved": 0, "failed": 0, "retried": 0, "stale_reads": 0, "read_failures": 0}
        self.killed_at: float | None = None

    def error(self, text: str) -> None:
        if len(self.first_errors) < 5:
            self.first_errors.append(text[:300])

    async def at(self, offset: float) -> None:
        await asyncio.sleep(max(self.start + offset - time.monotonic(), 0))

    async def post_json(self, path: str, device: str | None, body: dict | None, tries: int = 4):
        """POST, sent again (after a second) when the proxy could not get an answer from a node, as a person
        taps again; returns (status, json, sent, tries used)."""
        payload = json.dumps(body or {}).encode()
        headers = {"Content-Type": "application/json"}
        if device:
            headers["X-Liaise-Device"] = device
        sent = time.monotonic()
        for attempt in range(tries):
            status, _, content = await request(self.port, "POST", path, headers, payload)
            if status not in RETRYABLE or attempt == tries - 1:
                try:
                    data = json.loads(content or b"{}")
                except ValueError:
                    data = {}
                return status, data, sent, attempt
            await asyncio.sleep(1)
        raise AssertionError("unreachable")

    async def ask(self, n: int) -> None:
        a = self.args
        await self.at(n * a.duration / a.questions)
        status, data, sent, retried = await self.post_json(
            f"/api/v1/live/{BOARD}/questions", identity(self.secret, f"c{self.token}q{n:05d}"),
            {"text": f"Cluster question {n} [{self.token}]: does it survive?"})
        self.counts["questions_retried"] += retried
        if status != 201 or data.get("status") != "visible":
            self.counts["questions_failed"] += 1
            self.error(f"question {n}: HTTP {status} {data}")
            return
        self.asked[data["id"]] = sent
        self.known.append(data["id"])
        self.first.set()

    async def vote(self, n: int) -> None:
        a = self.args
        await self.at((n + 0.5) * a.duration / a.votes)
        await self.first.wait()
        question = self.rng.choice(self.known)
        status, data, sent, retried = await self.post_json(
            f"/api/v1/live/{BOARD}/questions/{question}/vote", identity(self.secret, f"c{self.token}v{n:05d}"), None)
        self.counts["votes_retried"] += retried
        if status != 201:
            self.counts["votes_failed"] += 1
            self.error(f"vote {n}: HTTP {status} {data}")
            return
        self.voted[(question, data["votes"])] = sent

    async def register(self, n: int, gate: asyncio.Semaphore) -> None:
        body = {"name": f"Cluster {n}", "email": f"c{n}-{self.token}@cluster.example", "country": "FR",
                "participant_type": "practitioner", "privacy_consent": True}
        async with gate:
            began = time.monotonic()
            status, _data, _sent, retried = await self.post_json(f"/api/v1/events/{EVENT}/registrations", None,
                                                                 body, tries=8)
            self.registration_times.append(time.monotonic() - began)
        self.registration_retries += retried
        self.registrations[n] = status
        if status not in (201, 409):
            self.error(f"registration {n}: HTTP {status}")

    async def burst(self) -> None:
        a = self.args
        await self.at(a.duration * a.kill_at - a.burst_lead if a.kill_at else a.duration * 0.4)
        gate = asyncio.Semaphore(a.burst_concurrency or a.attempts)
        began = time.monotonic()
        await asyncio.gather(*(self.register(n, gate) for n in range(a.attempts)))
        self.burst_s = time.monotonic() - began

    async def killer(self) -> None:
        a = self.args
        if not a.kill_at:
            return
        await self.at(a.duration * a.kill_at)
        self.killed_at = time.monotonic()
        await asyncio.get_running_loop().run_in_executor(None, self.kill)
        log(f"killed {a.kill_node} (kill -9, its whole process group) at {self.killed_at - self.start:.1f} s")

    async def call(self, jar: dict | None, method: str, path: str, form: dict | None = None):
        """A browser's request: its cookies (``jar``, updated from Set-Cookie; None: a visitor without any)."""
        headers = {}
        if jar:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in jar.items())
        body = b""
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        status, found, content = await request(self.port, method, path, headers, body)
        if jar is not None:
            for line in found.get("set-cookie", []):
                name, _, rest = line.partition("=")
                jar[name.strip()] = rest.split(";", 1)[0]
        return status, content.decode(errors="replace")

    @staticmethod
    def form_token(page: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return match.group(1) if match else ""

    async def sign_in(self, n: int, account: dict) -> dict | None:
        """A partner signs in before the conference (the session lives in the database: any node knows it)."""
        jar: dict[str, str] = {}
        for _attempt in range(5):
            status, page = await self.call(jar, "GET", "/accounts/login/")
            if status == 200:
                status, _ = await self.call(jar, "POST", "/accounts/login/", {
                    "csrfmiddlewaretoken": self.form_token(page), "username": account["email"],
                    "password": self.args.password})
                if status == 302:
                    return jar
            await asyncio.sleep(1)
        self.error(f"partner {n}: could not sign in (HTTP {status})")
        return None

    async def partner(self, n: int, account: dict, jar: dict | None) -> None:
        """Edit the post again and again, each time reading it back as a visitor through the proxy, from whichever
        node answers: a page cached before the edit (Redis, shared) must not be served after it."""
        a = self.args
        if jar is None:
            self.edits["failed"] += 1
            return
        edit, public = f"/news/{account['slug']}/edit/", f"/news/{account['slug']}/"
        await self.at(n * a.edit_interval / max(a.partners, 1))
        version = 0
        while time.monotonic() < self.start + a.duration:
            version += 1
            title = f"Cluster post {n}, edit {version} [{self.token}]"
            for _attempt in range(4):
                status, page = await self.call(jar, "GET", edit)
                if status == 200:
                    status, _ = await self.call(jar, "POST", edit, {
                        "csrfmiddlewaretoken": self.form_token(page), "project": self.setup["project"],
                        "organisation": self.setup["organisation"], "language": "en", "title": title,
                        "lead": f"Edited on the cluster, version {version}.", "body": "", "visibility": "public",
                        "action": "publish"})
                    if status == 302:
                        break
                self.edits["retried"] += 1
                await asyncio.sleep(1)
            else:
                self.edits["failed"] += 1
                self.error(f"partner {n} edit {version}: HTTP {status}")
                continue
            self.edits["saved"] += 1
            status, page = await self.call(None, "GET", public)
            if status != 200:
                self.edits["read_failures"] += 1
            elif title not in page:
                self.edits["stale_reads"] += 1
            await asyncio.sleep(a.edit_interval)

    async def run(self) -> None:
        a = self.args
        partners = self.setup["partners"]
        jars = await asyncio.gather(*(self.sign_in(n, account) for n, account in enumerate(partners)))
        self.start = time.monotonic() + 0.3
        await asyncio.gather(
            *(self.ask(n) for n in range(a.questions)), *(self.vote(n) for n in range(a.votes)),
            *(self.partner(n, account, jar) for n, (account, jar) in enumerate(zip(partners, jars, strict=True))),
            self.burst(), self.killer())


# --- throughput with 1, 2, ... N nodes (wrk through the proxy) ----------------------------------------------------


def wrk(url: str, seconds: float, connections: int) -> dict:
    done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s", "--latency", url],
                          capture_output=True, text=True, timeout=seconds + 60, check=False)
    out = done.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\b", out, re.MULTILINE)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.+)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {"rps": round(float(rps.group(1)), 1) if rps else None,
            "p99_ms": round(float(p99.group(1)) * scale[p99.group(2)], 1) if p99 else None,
            "non_2xx": int(errors.group(1)) if errors else 0,
            **({"socket_errors": socket_errors.group(1).strip()} if socket_errors else {})}


def scaling(proxy: Proxy, nodes: list[Node], seconds: float, connections: int) -> dict:
    targets = {"api": "/api/v1/events", "page": "/"}
    figures: dict[str, dict] = {name: {} for name in targets}
    for count in range(1, len(nodes) + 1):
        for i, node in enumerate(nodes):
            proxy.set_state(node.name, "ready" if i < count else "maint")
        time.sleep(1.5)
        for name, path in targets.items():
            wrk(proxy.url + path, 2, connections)  # warm up (caches, connections)
            figures[name][str(count)] = wrk(proxy.url + path, seconds, connections)
            log(f"{count} node(s), {name}: {figures[name][str(count)]}")
    for node in nodes:
        proxy.set_state(node.name, "ready")
    result = {}
    for name, levels in figures.items():
        one = levels["1"]["rps"]
        result[name] = {"path": targets[name], "rps": {k: v["rps"] for k, v in levels.items()},
                        "p99_ms": {k: v["p99_ms"] for k, v in levels.items()},
                        "vs_1_node": {k: round(v["rps"] / one, 2) if one and v["rps"] else None
                                      for k, v in levels.items()}}
        bad = {k: v for k, v in levels.items() if v["non_2xx"] or v.get("socket_errors")}
        if bad:
            result[name]["errors"] = bad
    return result


# --- the run ---------------------------------------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add = parser.add_argument
    add("--nodes", type=int, default=3, help="Liaise nodes behind the proxy (3)")
    add("--workers", type=int, default=2, help="gunicorn workers per node (2, as `liaise serve`)")
    add("--viewers", type=int, default=2500, help="live stream viewers (2500)")
    add("--attempts", type=int, default=2000, help="registration attempts in the burst (2000)")
    add("--capacity", type=int, default=250, help="the event's seats (250)")
    add("--burst-concurrency", type=int, default=0, help="registrations in flight at once (0: all)")
    add("--burst-lead", type=float, default=5, help="seconds between the burst's start and the kill (5)")
    add("--questions", type=int, default=50, help="questions asked (50)")
    add("--votes", type=int, default=500, help="votes (500)")
    add("--partners", type=int, default=4, help="partners editing news posts (4)")
    add("--edit-interval", type=float, default=2, help="seconds between a partner's edits (2)")
    add("--duration", type=float, default=60, help="seconds of conference (60)")
    add("--kill-at", type=float, default=0.5, help="when to kill a node, as a fraction of --duration (0.5; 0: never)")
    add("--kill-node", default="node1", help="which node to kill (node1)")
    add("--settle", type=float, default=6, help="seconds waited after the conference before counting (6)")
    add("--connect-rate", type=float, default=250, help="new viewers per second (250)")
    add("--client-procs", type=int, default=2, help="viewer processes (2)")
    add("--scale-seconds", type=float, default=10, help="wrk seconds per level of the 1..N scaling (10; 0: skip)")
    add("--scale-connections", type=int, default=32, help="wrk connections for the scaling (32)")
    add("--pg-url", default="", help="a PostgreSQL URL the bench may create and drop databases with")
    add("--redis-url", default="", help="use this Redis instead of starting one (its keys are not cleaned up)")
    add("--development", action="store_true",
        help="nodes in development mode (LIAISE_DEBUG=1): they start in seconds, without compressing static files")
    add("--start-seconds", type=float, default=900, help="how long the nodes may take to start (900)")
    add("--small", action="store_true",
        help="the suite's quick version: 2 nodes, 40 viewers, 60 registrations for 10 seats, 8 questions, "
             "20 votes, 2 partners, 20 s, no scaling, development mode (explicit flags still win)")
    defaults = {action.dest: action.default for action in parser._actions}
    args = parser.parse_args()
    if args.small:
        small = dict(nodes=2, viewers=40, attempts=60, capacity=10, questions=8, votes=20, partners=2,
                     duration=20, burst_lead=3, settle=4, scale_seconds=0, development=True, connect_rate=100,
                     client_procs=1, edit_interval=1)
        for name, value in small.items():
            if getattr(args, name) == defaults[name]:
                setattr(args, name, value)
    if (args.nodes < 1 or args.workers < 1 or args.viewers < 1 or args.questions < 1 or args.votes < 0
            or args.attempts < 0 or args.capacity < 0 or args.duration <= 0 or not 0 <= args.kill_at < 1
            or args.partners < 0 or args.client_procs < 1):
        parser.error("counts and durations must be positive, --kill-at between 0 and 1")
    if args.kill_at and args.nodes < 2:
        parser.error("killing a node needs at least 2 nodes (or --kill-at 0)")
    if args.kill_at and args.kill_node not in {f"node{n}" for n in range(1, args.nodes + 1)}:
        parser.error(f"--kill-node must be one of node1..node{args.nodes}")
    args.password = secrets.token_urlsafe(16)
    return args


def admin_url(args) -> str:
    if args.pg_url:
        return args.pg_url
    env = os.environ.get("DATABASE_URL", "")
    if env.startswith(("postgres://", "postgresql://")):
        return urllib.parse.urlunsplit(urllib.parse.urlsplit(env)._replace(path="/postgres"))
    return "postgres://postgres@127.0.0.1:5432/postgres"


def conference(args, base: Path, env: dict, database: Database, setup: dict) -> dict:
    nodes = [Node(n, base, env, args.workers) for n in range(1, args.nodes + 1)]
    proxy = None
    viewers: list[tuple[multiprocessing.Process, object]] = []
    try:
        log(f"starting {len(nodes)} nodes ({'development' if args.development else 'production'} mode) ...")
        began = time.monotonic()
        for node in nodes:
            node.start()
        wait_nodes(nodes, args.start_seconds)
        log(f"nodes up in {time.monotonic() - began:.0f} s; starting haproxy ...")
        hard = raise_nofile()
        proxy = Proxy(base, nodes, args.workers, maxconn=max(2000, min(20000, (hard - 500) // 2)))
        proxy.wait_up([n.name for n in nodes])
        if http_get(proxy.url + "/healthz") != 200:
            raise Failure("the proxy does not answer /healthz:\n" + tail(proxy.log))

        context = multiprocessing.get_context("fork")
        procs = max(1, min(args.client_procs, args.viewers))
        for n in range(procs):
            share = args.viewers // procs + (1 if n < args.viewers % procs else 0)
            parent, child = context.Pipe()
            process = context.Process(target=viewers_process,
                                      args=(child, proxy.port, share, args.connect_rate / procs), daemon=True)
            process.start()
            child.close()
            viewers.append((process, parent))
        log(f"{args.viewers} viewers connecting through the proxy at {args.connect_rate:g}/s ...")
        connected, errors, connect_s = 0, [], 0.0
        for _process, conn in viewers:
            if not conn.poll(args.viewers / args.connect_rate + 180):
                raise Failure("a viewer process did not report its connections")
            _, ok, sample, seconds = conn.recv()
            connected, connect_s = connected + ok, max(connect_s, seconds)
            errors += sample
        log(f"{connected} viewers connected in {connect_s:.1f} s; the conference runs {args.duration:g} s, "
            f"{args.kill_node if args.kill_at else 'no node'} killed at {args.duration * args.kill_at:g} s ...")
        if connected == 0:
            raise Failure(f"no viewer could connect: {errors[:3]}")
        time.sleep(1)
        victim = next((n for n in nodes if n.name == args.kill_node), None)
        talk = Conference(args, proxy.port, env["LIAISE_SECRET_KEY"], database.name[-8:], setup,
                          victim.kill if victim else None)
        asyncio.run(talk.run())
        time.sleep(args.settle)
        for _, conn in viewers:
            conn.send(("finish", talk.asked, talk.voted, talk.killed_at, args.kill_node if args.kill_at else None))
        results = []
        for process, conn in viewers:
            if not conn.poll(600):
                raise Failure("a viewer process did not report its figures")
            results.append(conn.recv()[1])
            process.join(timeout=30)
        state = proxy.status()
        check = last_json(liaise(["shell", "-v0", "-c", CHECK.replace("EVENT", EVENT).replace("BOARD", BOARD)
                                  .replace("TOKEN", talk.token)], {**env, "LIAISE_DATA_DIR": str(base / "prep")}))
        mails = [m for node in nodes for m in node.mail_recipients()]

        scale, rejoin_s = None, None
        if args.scale_seconds > 0 and shutil.which("wrk"):
            if args.kill_at:
                log(f"starting {args.kill_node} again ...")
                began = time.monotonic()
                victim.start()
                wait_nodes([victim], args.start_seconds)
                proxy.wait_up([victim.name], 60)
                rejoin_s = round(time.monotonic() - began, 1)
            log("throughput with 1.." + str(len(nodes)) + " nodes (wrk) ...")
            scale = scaling(proxy, nodes, args.scale_seconds, args.scale_connections)
        elif args.scale_seconds > 0:
            scale = {"skipped": "wrk is not installed"}
    finally:
        for process, _ in viewers:
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
        if proxy is not None:
            proxy.stop()
        for node in nodes:
            node.stop()
    return figures(args, talk, results, check, mails, state, connected, connect_s, scale, rejoin_s, setup)


def figures(args, talk: Conference, results, check, mails, state, connected, connect_s, scale, rejoin_s,
            setup) -> dict:
    windows = {name: array("d") for name in ("before", "during", "after")}
    reconnect, handshake, lost = array("d"), array("d"), set()
    sums = dict.fromkeys(("missed_questions", "missed_votes", "not_back", "unexpected_drops", "resets",
                          "on_killed", "failed_attempts"), 0)
    for result in results:
        for name in windows:
            windows[name].extend(result["windows"][name])
        reconnect.extend(result["reconnect"])
        handshake.extend(result["handshake"])
        lost.update(result["lost"])
        for name in sums:
            sums[name] += result[name]
    emails = check["emails"]
    answered = {n: s for n, s in talk.registrations.items()}
    ours = {f"c{n}-{talk.token}@cluster.example" for n in range(args.attempts)}
    registered_ok = {f"c{n}-{talk.token}@cluster.example" for n, s in answered.items() if s in (201, 409)}
    registrations = {
        "attempts": args.attempts, "capacity": args.capacity,
        "confirmed": check["confirmed"], "waitlisted": check["waitlisted"],
        "confirmed_count_column": check["confirmed_count"],
        "lost": len([e for e in registered_ok if emails.get(e, 0) == 0]),
        "doubled": sum(1 for e in ours if emails.get(e, 0) > 1),
        "unanswered": sum(1 for s in answered.values() if s not in (201, 409)),
        "retried": talk.registration_retries,
        "burst_s": round(getattr(talk, "burst_s", 0), 1),
        "latency_s": {k: v for k, v in percentiles(talk.registration_times).items() if k != "n"},
    }
    registrations["exact"] = (registrations["confirmed"] == registrations["confirmed_count_column"]
                              == min(args.capacity, args.attempts)
                              and registrations["confirmed"] + registrations["waitlisted"] == args.attempts
                              and registrations["lost"] == registrations["doubled"]
                              == registrations["unanswered"] == 0)
    in_db = set(check["question_ids"])
    questions = {
        "asked": len(talk.asked), "lost": len(lost), "not_stored": len([q for q in talk.asked if q not in in_db]),
        "doubled": sum(n - 1 for n in check["question_texts"].values() if n > 1),
        "failed": talk.counts["questions_failed"], "retried": talk.counts["questions_retried"],
        "missed_deliveries": sums["missed_questions"],
    }
    votes = {"counted": len(talk.voted), "failed": talk.counts["votes_failed"],
             "retried": talk.counts["votes_retried"], "missed_deliveries": sums["missed_votes"]}
    reconnect_p = percentiles(reconnect)
    viewers = {"count": args.viewers, "connected": connected, "connect_s": round(connect_s, 1),
               "on_killed_node": sums["on_killed"], "reconnected": reconnect_p["n"], "not_back": sums["not_back"],
               "reconnect_s": {k: v for k, v in reconnect_p.items() if k != "n"},
               # of which the last connection attempt (the rest: the stream's own `retry` wait, 2 s, and failures)
               "reconnect_handshake_s": {k: v for k, v in percentiles(handshake).items() if k != "n"},
               "unexpected_drops": sums["unexpected_drops"], "resets": sums["resets"],
               "failed_attempts": sums["failed_attempts"]}
    delivery = {name: percentiles(values) for name, values in windows.items()}
    counts = {}
    for recipient in mails:
        counts[recipient] = counts.get(recipient, 0) + 1
    figures = {
        "bench": "cluster",
        "nodes": args.nodes,
        "node": f"liaise serve: gunicorn sync {args.workers} workers + uvicorn 1 process + worker"
                + (", development mode" if args.development else ", production mode"),
        "services": f"HAProxy {haproxy_version()}, {setup['database']}, Redis {redis_version()}",
        "duration_s": args.duration,
        "killed": ({"node": args.kill_node, "at_s": round(talk.killed_at - talk.start, 1),
                    "proxy_state_after": sorted({v for (_b, n), v in state.items() if n == args.kill_node})}
                   if talk.killed_at else None),
        "registrations": registrations,
        "questions": questions,
        "votes": votes,
        "viewers": viewers,
        "delivery_p95_s": {name: d["p95"] for name, d in delivery.items()},
        "delivery_s": delivery,
        "partners": {"count": args.partners, **talk.edits},
        "mails": {"sent": len(mails), "to_bench": sum(1 for m in mails if talk.token in m),
                  "doubled": sum(1 for n in counts.values() if n > 1), "tasks": check["tasks"]},
        "throughput": scale,
        "rejoin_s": rejoin_s,
        "goal": {**GOAL, "loss_window_s": LOSS_WINDOW_S},
    }
    if talk.first_errors:
        figures["first_errors"] = talk.first_errors
    outside = [d["p95"] for name, d in delivery.items() if name != "during" and d["p95"] is not None]
    figures["meets_goal"] = bool(
        registrations["exact"] and questions["lost"] == 0 and questions["not_stored"] == 0
        and questions["failed"] == 0 and viewers["connected"] == args.viewers and viewers["not_back"] == 0
        and (not talk.killed_at or (reconnect_p["max"] is not None and reconnect_p["max"] <= GOAL["reconnect_s"]))
        and outside and max(outside) <= GOAL["p95_outside_loss_s"] and talk.edits["stale_reads"] == 0
        and talk.edits["failed"] == 0)
    return figures


def haproxy_version() -> str:
    out = subprocess.run(["haproxy", "-v"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"version (\S+)", out)
    return match.group(1).split("-")[0] if match else "?"


def redis_version() -> str:
    out = subprocess.run(["redis-server", "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"v=(\S+)", out)
    return match.group(1) if match else "?"


def main() -> None:
    args = parse_args()
    missing = [tool for tool in ("haproxy",) + (() if args.redis_url else ("redis-server",)) if not shutil.which(tool)]
    if missing:
        sys.exit(f"bench/cluster: error: {', '.join(missing)} not found (Debian: apt-get install {' '.join(missing)})")
    hard = raise_nofile()
    if hard < 2 * args.viewers + 500:
        sys.exit(f"bench/cluster: error: RLIMIT_NOFILE hard limit {hard} is too low for {args.viewers} viewers")
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    token = secrets.token_hex(4)
    base = Path(tempfile.mkdtemp(prefix="liaise-bench-cluster-"))
    database = redis = None
    try:
        database = Database(admin_url(args), token)
        redis = None if args.redis_url else Redis(base)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("LIAISE_", "DJANGO_")) and k not in ("HOST", "PORT", "DATABASE_URL", "REDIS_URL")}
        env.update(
            DATABASE_URL=database.url, REDIS_URL=args.redis_url or redis.url,
            LIAISE_DEBUG="1" if args.development else "0", LIAISE_HTTPS="0", LIAISE_EMAIL="file",
            LIAISE_SECRET_KEY=secrets.token_urlsafe(50), LIAISE_ALLOWED_HOSTS="127.0.0.1,localhost",
            LIAISE_ACCESS_LOG=os.devnull, LIAISE_MEDIA_ROOT=str(base / "shared-media"),
            LIAISE_STREAM_SAME_ORIGIN="1", LIAISE_BEHIND_PROXY="1",
            # one loopback address for the whole hall: lift the per-address limits (each phone is a device)
            LIAISE_LIVE_ASK_PER_MINUTE="1000", LIAISE_LIVE_ASK_PER_IP="1000000", LIAISE_LIVE_VOTE_PER_IP="1000000")
        (base / "shared-media").mkdir()
        prep = base / "prep"
        prep.mkdir()
        prep_env = {**env, "LIAISE_DATA_DIR": str(prep)}
        log(f"preparing database {database.name} (migrate, demo, an event of {args.capacity} seats, "
            f"board {BOARD} open, {args.partners} partners) ...")
        liaise(["migrate", "-v0"], prep_env)
        setup = last_json(liaise(["shell", "-v0", "-c", SETUP.replace("EVENT", EVENT).replace("BOARD", BOARD)
                                  .replace("CAPACITY", str(args.capacity)).replace("PARTNERS", str(args.partners))
                                  .replace("PASSWORD", args.password)], prep_env))
        result = conference(args, base, env, database, setup)
    except Failure as exc:
        sys.exit(f"bench/cluster: error: {exc}")
    finally:
        if redis is not None:
            redis.stop()
        if database is not None:
            with contextlib.suppress(Exception):
                database.drop()
        shutil.rmtree(base, ignore_errors=True)
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
