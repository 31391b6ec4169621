"""bench/live.py: live Q&A streams — 2,500 phones holding the SSE stream open while questions and votes come in.

Starts `liaise serve` (gunicorn for the pages and the API, uvicorn for the streams; production mode, a throw-away
SQLite database unless DATABASE_URL is set on purpose) on loopback, opens N concurrent stream clients on the demo's
open board BDXRTB (switched to open moderation, so audience questions show at once), gradually, from a few client
processes (raw asyncio, no HTTP library); once all are connected, posts 50 questions and 500 votes through the
JSON API, spread over a minute, each from a device of its own. Every client records when each change reaches it;
delivery latency = arrival of the first event showing a question (or a vote's new count) minus the moment its POST
was sent. It runs the baseline level (250 clients) first, then the main level (2,500), each on a fresh server and a
fresh copy of the same prepared database, and prints one JSON line: latency p50/p95/max over every delivery to
every client, questions lost, the server's memory (peak RSS of its process tree) and CPU, and the ratio of the
main level's p95 to the baseline level's. See bench/README.md.

    .venv/bin/python bench/live.py [--clients 2500] [--baseline-clients 250] [--duration 60]
    .venv/bin/python bench/live.py --clients 500 --baseline-clients 50 --duration 15     # a quick run

With DATABASE_URL set, the migrations, the demo and the bench's questions go into that database (both levels use
it; the bench's questions and stream entries are deleted at the end and the board's moderation restored): point
it at a throw-away database, never at one that matters.
"""

import argparse
import asyncio
import contextlib
import json
import math
import multiprocessing
import multiprocessing.connection
import os
import random
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from array import array
from pathlib import Path

from sse_client import dechunk

ROOT = Path(__file__).resolve().parent.parent
LIAISE = next((str(p) for p in (Path(sys.executable).with_name("liaise"), ROOT / ".venv" / "bin" / "liaise")
               if p.exists()), shutil.which("liaise") or "liaise")
BOARD = "BDXRTB"
GOAL_P95_S = 2.0
GOAL_RSS_MIB = 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

SETUP = """
import json
from django.conf import settings
from django.db import connection
from liaise.demo import loader
from liaise.live.models import Board, Change
loader.load(with_accounts=False)
board = Board.objects.get(code="BOARD")
print(json.dumps({"database": connection.display_name, "moderation": board.moderation,
                  "wakeup": settings.LIVE_WAKEUP, "poll_ms": round(settings.LIVE_POLL_SECONDS * 1000),
                  "last_change": Change.objects.order_by("-pk").values_list("pk", flat=True).first() or 0}))
Board.objects.filter(pk=board.pk).update(moderation="open", is_open=True)
"""

# Only with DATABASE_URL (a SQLite data directory is simply deleted): leave the database as the demo had it.
CLEANUP = """
from liaise.live.models import Board, Change, Question
board = Board.objects.get(code="BOARD")
Question.objects.filter(board=board, text__contains="TOKEN").delete()
Change.objects.filter(board=board, pk__gt=LAST_CHANGE).delete()
Board.objects.filter(pk=board.pk).update(moderation="MODERATION")
"""


def log(*args):
    print("bench/live:", *args, file=sys.stderr, flush=True)


def fail(message: str):
    sys.exit(f"bench/live: error: {message}")


def raise_nofile() -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tail(path: Path, chars: int = 2000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return "(no server log)"


def liaise(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run([LIAISE, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          check=False)
    if done.returncode != 0:
        fail(f"`liaise {args[0]}` failed ({done.returncode}):\n{(done.stderr or done.stdout)[-2000:]}")
    return done.stdout


def percentiles(values) -> dict:
    """p50/p95 (nearest rank) and max, in seconds."""
    if not values:
        return {"p50": None, "p95": None, "max": None, "n": 0}
    ordered = sorted(values)
    rank = lambda q: ordered[max(math.ceil(len(ordered) * q) - 1, 0)]  # noqa: E731
    return {"p50": round(rank(0.5), 3), "p95": round(rank(0.95), 3), "max": round(ordered[-1], 3),
            "n": len(ordered)}


# --- the stream clients (run in client processes) --------------------------------------------------------------


class Client:
    """One phone: the change ids of the `question` events it got, and when (time.monotonic(), system-wide)."""

    __slots__ = ("changes", "connected", "dropped", "error", "resets", "times", "writer")

    def __init__(self):
        self.changes = array("q")
        self.times = array("d")
        self.connected = None  # when the `retry:` line arrived
        self.dropped = False  # the stream ended (or failed) after it was connected
        self.resets = 0
        self.error = ""
        self.writer = None


async def hold(client: Client, port: int, request: bytes, seen: dict, ready: asyncio.Event) -> None:
    """Open the stream and read it until cancelled. `seen` (shared by the process's clients) keeps each change's
    data once: every client gets the same bytes, so only the first one is kept and parsed (at the end)."""
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 30)
        client.writer = writer
        writer.write(request)
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), 30)
        status = head.split(b" ", 2)[1]
        if status != b"200":
            client.error = f"HTTP {status.decode()}"
            return
        chunked = b"transfer-encoding: chunked" in head.lower()
        raw = b""
        sse = b""
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
                    if lines[1] == b"event: question":
                        change = int(lines[0][4:])
                        if change not in seen:
                            seen[change] = lines[2]
                        client.changes.append(change)
                        client.times.append(now)
                elif block.startswith(b"retry:"):
                    if client.connected is None:
                        client.connected = now
                        ready.set()
                elif block.startswith(b"event: reset"):
                    client.resets += 1
        if client.connected is not None:
            client.dropped = True
        else:
            client.error = "stream closed before it started"
    except asyncio.CancelledError:
        raise
    except (OSError, TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError,
            IndexError) as exc:
        if client.connected is not None:
            client.dropped = True
        else:
            client.error = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        ready.set()


def _parse(data: bytes) -> tuple[int, int]:
    body = json.loads(data.split(b"data: ", 1)[1] if data.startswith(b"data: ") else data)
    return body["id"], body.get("votes", 0)


def tally(clients: list[Client], seen: dict, asked: dict, voted: dict) -> dict:
    """Latencies of every delivery, and what the still-connected clients never got.

    asked: question id -> when its POST was sent; voted: (question id, vote count it made) -> when sent."""
    parsed = {change: _parse(data) for change, data in seen.items()}
    every, first = array("d"), array("d")
    lost_questions: set[int] = set()
    missed_questions = missed_votes = dropped = 0
    for client in clients:
        if client.connected is None:
            continue
        shown: dict[int, int] = {}  # question id -> highest vote count seen
        for change, at in zip(client.changes, client.times, strict=True):
            question, votes = parsed[change]
            sent = asked.get(question)
            if sent is None:
                continue  # not one of the bench's questions
            before = shown.get(question)
            if before is None:
                first.append(at - sent)
                every.append(at - sent)
                before = 0
            if votes > before:
                for count in range(before + 1, votes + 1):  # an event showing n votes also shows every count below
                    sent_vote = voted.get((question, count))
                    if sent_vote is not None:
                        every.append(at - sent_vote)
            shown[question] = max(before, votes)
        if client.dropped:
            dropped += 1
            continue
        missing = [q for q in asked if q not in shown]
        missed_questions += len(missing)
        lost_questions.update(missing)
        missed_votes += sum(1 for (q, count) in voted if shown.get(q, 0) < count)
    return {"every": every, "first": first, "lost": sorted(lost_questions), "missed_questions": missed_questions,
            "missed_votes": missed_votes, "dropped": dropped, "resets": sum(c.resets for c in clients)}


async def client_main(conn, port: int, count: int, rate: float) -> None:
    request = (f"GET /live/{BOARD}/stream HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/event-stream\r\n"
               f"Cache-Control: no-cache\r\n\r\n").encode()
    seen: dict[int, bytes] = {}
    clients = [Client() for _ in range(count)]
    ready = asyncio.Event()
    tasks = []
    started = time.monotonic()
    for n, client in enumerate(clients):
        delay = started + n / rate - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(hold(client, port, request, seen, ready)))
    deadline = time.monotonic() + 60
    while any(c.connected is None and not c.error for c in clients) and time.monotonic() < deadline:
        ready.clear()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), 1)
    errors = [c.error for c in clients if c.error]
    conn.send(("connected", sum(c.connected is not None for c in clients), len(errors), errors[:3],
               time.monotonic() - started))
    loop = asyncio.get_running_loop()
    message = await loop.run_in_executor(None, conn.recv)  # ("finish", asked, voted) once the load is over
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    for client in clients:
        if client.writer is not None:
            client.writer.close()
    result = tally(clients, seen, message[1], message[2])
    result["cpu_s"] = cpu.ru_utime + cpu.ru_stime
    conn.send(("result", result))


def client_process(conn, port: int, count: int, rate: float) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us
    raise_nofile()
    try:
        import uvloop

        uvloop.run(client_main(conn, port, count, rate))
    except ImportError:
        asyncio.run(client_main(conn, port, count, rate))


# --- the server's process tree -----------------------------------------------------------------------------------


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _part(pid: int) -> str:
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    if b"liaise.supervise" in cmdline or b"liaise serve" in cmdline:  # its argument names the servers it runs
        return "supervisor"
    return "streams" if b"uvicorn" in cmdline else "pages" if b"gunicorn" in cmdline else "supervisor"


def _kib(path: str, field: str) -> int:
    for line in Path(path).read_text().splitlines():
        if line.startswith(field):
            return int(line.split()[1])
    return 0


class Sampler(threading.Thread):
    """Every second: RSS (and PSS) of each process of the server's tree, by part; keeps the peak of the sums, and
    each process's CPU time (for the CPU used during the load)."""

    def __init__(self, root: int):
        super().__init__(daemon=True)
        self.root = root
        self.peak = {"total": 0, "streams": 0, "pages": 0, "supervisor": 0, "pss_total": 0}
        self.cpu: dict[int, tuple[str, float]] = {}
        self.processes = {}
        self.stopping = threading.Event()

    def sample(self) -> None:
        sums = dict.fromkeys(self.peak, 0)
        for pid in _tree(self.root):
            try:
                part = _part(pid)
                rss = _kib(f"/proc/{pid}/status", "VmRSS:")
                pss = _kib(f"/proc/{pid}/smaps_rollup", "Pss:")
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            sums[part] += rss
            sums["total"] += rss
            sums["pss_total"] += pss
            self.cpu[pid] = (part, (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
            self.processes[pid] = part
        for key, value in sums.items():
            self.peak[key] = max(self.peak[key], value)

    def cpu_by_part(self) -> dict[str, float]:
        self.sample()
        totals: dict[str, float] = {}
        for part, seconds in self.cpu.values():
            totals[part] = totals.get(part, 0.0) + seconds
        return totals

    def run(self) -> None:
        while not self.stopping.wait(1):
            self.sample()


# --- idle: what the server costs while every client is connected and nothing happens -----------------------------


def _transactions(database_url: str) -> tuple[int, int]:
    """Transactions committed in the database so far, and scans of the change feed's table (each read of the feed
    is one; nothing else reads it while nothing happens), from PostgreSQL's cumulative statistics."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_force_next_flush()")
        return conn.execute(
            "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),"
            " (SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables"
            "  WHERE relname = 'live_change')").fetchone()


def measure_idle(seconds: float, sampler: "Sampler", database_url: str | None) -> dict:
    """CPU of each part of the server, transactions per second in the database (PostgreSQL: every process's
    commits, the hubs' reads, the background worker's polls and autovacuum included; less the 2 of the measure
    itself) and reads of the change feed per second, over ``seconds`` of quiet with every client connected."""
    log(f"idle for {seconds:g} s ...")
    before = _transactions(database_url) if database_url else None
    cpu_before, wall_before = sampler.cpu_by_part(), time.monotonic()
    time.sleep(seconds)
    cpu_after, wall = sampler.cpu_by_part(), time.monotonic() - wall_before
    idle = {"seconds": round(wall, 1),
            "cpu_cores": {part: round((cpu_after.get(part, 0) - cpu_before.get(part, 0)) / wall, 3)
                          for part in cpu_after}}
    if database_url:
        # stats are flushed by each backend about once a second: wait for them, then count
        time.sleep(1.5)
        after = _transactions(database_url)
        idle["db_xact_per_s"] = round((after[0] - before[0] - 2) / (wall + 1.5), 2)
        idle["feed_reads_per_s"] = round((after[1] - before[1]) / (wall + 1.5), 2)
    return idle


# --- the load: questions and votes through the API (gunicorn) ----------------------------------------------------


async def post(port: int, path: str, device: str, body: dict | None = None) -> tuple[int, dict, float, float]:
    payload = json.dumps(body or {}).encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\n"
            f"X-Liaise-Device: {device}\r\nContent-Length: {len(payload)}\r\nConnection: close\r\n\r\n").encode()
    sent = time.monotonic()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 30)
        writer.write(head + payload)
        answer = await asyncio.wait_for(reader.read(), 60)
        writer.close()
        status = int(answer.split(b" ", 2)[1])
        data = json.loads(answer.split(b"\r\n\r\n", 1)[1] or b"{}")
    except (OSError, TimeoutError, IndexError, ValueError):
        return 0, {}, sent, time.monotonic()
    return status, data, sent, time.monotonic()


def identity(secret: str, name: str) -> str:
    """The device identity the server would issue (``liaise.live.devices.issue``) for a phone named ``name``:
    its 24-character random part, signed with the server's key, as a phone's cookie carries it."""
    from django.core.signing import Signer

    random_part = "".join(c if c.isalnum() else "-" for c in name)[:24].ljust(24, "-")
    return Signer(key=secret, salt="liaise.live.device", fallback_keys=[]).sign(random_part)


async def load(port: int, questions: int, votes: int, duration: float, token: str, secret: str) -> dict:
    """Questions at even intervals over `duration`, votes in between, each vote on a question already posted (at
    random), each POST from a device of its own and sent on time whatever the earlier ones are doing."""
    rng = random.Random(token)
    asked: dict[int, float] = {}  # question id -> when its POST was sent
    voted: dict[tuple[int, int], float] = {}  # (question id, vote count it made) -> when sent
    known: list[int] = []
    first = asyncio.Event()
    answers: list[float] = []
    failures: list[str] = []
    start = time.monotonic() + 0.2

    async def at(offset: float) -> None:
        await asyncio.sleep(max(start + offset - time.monotonic(), 0))

    async def ask(n: int) -> None:
        await at(n * duration / questions)
        status, data, sent, done = await post(port, f"/api/v1/live/{BOARD}/questions",
                                              identity(secret, f"b{token}q{n:05d}"),
                                              {"text": f"Bench question {n} [{token}]: how does it scale?"})
        answers.append(done - sent)
        if status != 201 or data.get("status") != "visible":
            failures.append(f"question {n}: HTTP {status} {data}")
            return
        asked[data["id"]] = sent
        known.append(data["id"])
        first.set()

    async def vote(n: int) -> None:
        await at((n + 0.5) * duration / votes)
        await first.wait()
        question = rng.choice(known)
        status, data, sent, done = await post(port, f"/api/v1/live/{BOARD}/questions/{question}/vote",
                                              identity(secret, f"b{token}v{n:05d}"))
        answers.append(done - sent)
        if status != 201:
            failures.append(f"vote {n}: HTTP {status} {data}")
            return
        voted[(question, data["votes"])] = sent

    began = time.monotonic()
    await asyncio.gather(*(ask(n) for n in range(questions)), *(vote(n) for n in range(votes)))
    return {"asked": asked, "voted": voted, "failures": failures, "post_s": percentiles(answers),
            "elapsed_s": time.monotonic() - began}


# --- one level: a fresh server, N clients, the load --------------------------------------------------------------


def wait_ready(process: subprocess.Popen, port: int, stream_port: int, log_path: Path) -> None:
    deadline = time.monotonic() + 120
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/live/{BOARD}", timeout=2)
            with socket.create_connection(("127.0.0.1", stream_port), timeout=2):
                return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                fail("liaise serve did not start:\n" + tail(log_path))
            time.sleep(0.3)


def stop(process: subprocess.Popen | None) -> None:
    """Terminate the server's whole process group (the supervisor, gunicorn and uvicorn)."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def run_level(args, clients: int, env: dict, data_dir: str, token: str) -> dict:
    log_path = Path(data_dir) / "server.log"
    port, stream_port = free_port(), free_port()
    process = sampler = None
    workers: list[tuple[multiprocessing.Process, object]] = []
    try:
        with open(log_path, "wb") as server_log:
            process = subprocess.Popen(
                [LIAISE, "serve", "--host", "127.0.0.1", "--port", str(port), "--stream-port", str(stream_port),
                 "--workers", str(args.workers), "--stream-workers", str(args.stream_workers), "--no-demo",
                 *(["--no-worker"] if args.no_worker else [])],
                env=env, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=server_log, stderr=subprocess.STDOUT,
                start_new_session=True)
        wait_ready(process, port, stream_port, log_path)
        procs = max(1, min(args.client_procs, clients))
        context = multiprocessing.get_context("fork")
        for n in range(procs):
            share = clients // procs + (1 if n < clients % procs else 0)
            parent, child = context.Pipe()
            worker = context.Process(target=client_process, args=(child, stream_port, share, args.connect_rate / procs),
                                     daemon=True)
            worker.start()
            child.close()
            workers.append((worker, parent))
        sampler = Sampler(process.pid)  # started after the forks: no thread is running when they happen
        sampler.start()
        log(f"{clients} clients: connecting at {args.connect_rate:g}/s from {procs} processes ...")
        connected = failed = 0
        errors: list[str] = []
        connect_s = 0.0
        for _worker, conn in workers:
            if not conn.poll(clients / args.connect_rate + 120):
                fail("a client process did not report its connections")
            _, ok, bad, sample, seconds = conn.recv()
            connected, failed, connect_s = connected + ok, failed + bad, max(connect_s, seconds)
            errors += sample
        log(f"{clients} clients: {connected} connected ({failed} failed) in {connect_s:.1f} s; "
            f"posting {args.questions} questions and {args.votes} votes over {args.duration:g} s ...")
        if connected == 0:
            fail(f"no stream client could connect: {errors[:3]}\n" + tail(log_path))
        time.sleep(1)  # the last streams are subscribed to the hub
        idle = measure_idle(args.idle, sampler, env.get("DATABASE_URL")) if args.idle > 0 else None
        cpu_before, wall_before = sampler.cpu_by_part(), time.monotonic()
        own_before = resource.getrusage(resource.RUSAGE_SELF)
        posted = asyncio.run(load(port, args.questions, args.votes, args.duration, token, env["LIAISE_SECRET_KEY"]))
        time.sleep(args.settle)
        cpu_after, wall = sampler.cpu_by_part(), time.monotonic() - wall_before
        own_after = resource.getrusage(resource.RUSAGE_SELF)
        if process.poll() is not None:
            fail("the server died during the run:\n" + tail(log_path))
        for _, conn in workers:
            conn.send(("finish", posted["asked"], posted["voted"]))
        results = []
        for worker, conn in workers:
            if not conn.poll(300):
                fail("a client process did not report its figures")
            results.append(conn.recv()[1])
            worker.join(timeout=30)
    finally:
        for worker, _ in workers:
            if worker.is_alive():
                worker.terminate()
                worker.join(timeout=5)
        if sampler is not None:
            sampler.stopping.set()
        stop(process)

    every = array("d")
    first = array("d")
    lost: set[int] = set()
    for result in results:
        every.extend(result["every"])
        first.extend(result["first"])
        lost.update(result["lost"])
    mib = lambda kib: round(kib / 1024, 1)  # noqa: E731
    peak = sampler.peak
    cpu = {part: round((cpu_after.get(part, 0) - cpu_before.get(part, 0)) / wall, 2) for part in cpu_after}
    cpu["clients"] = round(sum(r["cpu_s"] for r in results) / wall, 2)  # whole life, connections included
    cpu["load"] = round((own_after.ru_utime + own_after.ru_stime - own_before.ru_utime - own_before.ru_stime)
                        / wall, 2)
    latency = percentiles(every)
    level = {
        "clients": clients,
        "connected": connected,
        "connect_failures": failed,
        "connect_s": round(connect_s, 1),
        "clients_dropped": sum(r["dropped"] for r in results),
        "questions": len(posted["asked"]),
        "votes": len(posted["voted"]),
        "post_failures": len(posted["failures"]),
        "latency_s": latency,
        "question_latency_s": percentiles(first),
        "questions_lost": len(lost),
        "missed_deliveries": {"questions": sum(r["missed_questions"] for r in results),
                              "votes": sum(r["missed_votes"] for r in results)},
        "resets": sum(r["resets"] for r in results),
        "rss_mib": {"total": mib(peak["total"]), "streams": mib(peak["streams"]), "pages": mib(peak["pages"]),
                    "supervisor": mib(peak["supervisor"])},
        "pss_mib_total": mib(peak["pss_total"]),
        "cpu_cores": cpu,
        "post_s": {k: v for k, v in posted["post_s"].items() if k != "n"},
        "load_s": round(posted["elapsed_s"], 1),
    }
    if idle is not None:
        level["idle"] = idle
    if posted["failures"] or errors:
        level["first_errors"] = (posted["failures"] + errors)[:3]
    level["met"] = (latency["p95"] is not None and latency["p95"] <= GOAL_P95_S
                    and peak["total"] / 1024 < GOAL_RSS_MIB and not lost and connected == clients
                    and level["clients_dropped"] == 0 and not posted["failures"]
                    and level["questions"] == args.questions)
    return level


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=2500, help="stream clients at the main level (2500)")
    parser.add_argument("--baseline-clients", type=int, default=250,
                        help="stream clients at the baseline level, run first (250; 0 skips it)")
    parser.add_argument("--duration", type=float, default=60, help="seconds over which the load is spread (60)")
    parser.add_argument("--questions", type=int, default=50, help="questions posted (50)")
    parser.add_argument("--votes", type=int, default=500, help="votes posted (500)")
    parser.add_argument("--settle", type=float, default=5, help="seconds to wait after the last post (5)")
    parser.add_argument("--connect-rate", type=float, default=300, help="new stream connections per second (300)")
    parser.add_argument("--client-procs", type=int, default=2, help="client processes (2)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2, as `liaise serve`)")
    parser.add_argument("--stream-workers", type=int, default=1, help="uvicorn processes (1, as `liaise serve`)")
    parser.add_argument("--poll-ms", type=int, default=None,
                        help="LIAISE_LIVE_POLL_MS of the server (its default: 250, or 2000 behind a wake-up)")
    parser.add_argument("--wakeup", choices=("auto", "notify", "redis", "poll"), default="poll",
                        help="LIAISE_LIVE_WAKEUP of the server (poll; notify needs DATABASE_URL, redis REDIS_URL)")
    parser.add_argument("--idle", type=float, default=0,
                        help="seconds of quiet measured before the load, every client connected (0: none)")
    parser.add_argument("--no-worker", action="store_true",
                        help="serve without the background worker (whose polls would count in the idle figures)")
    args = parser.parse_args()
    if (args.clients < 1 or args.baseline_clients < 0 or args.questions < 1 or args.votes < 0 or args.duration <= 0
            or args.connect_rate <= 0 or args.client_procs < 1 or args.workers < 1 or args.stream_workers < 1):
        parser.error("counts, rates and durations must be positive")
    hard = raise_nofile()
    if hard < args.clients + 200:
        fail(f"RLIMIT_NOFILE hard limit {hard} is too low for {args.clients} clients")

    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    token = secrets.token_hex(4)
    database_url = os.environ.get("DATABASE_URL")
    base = tempfile.mkdtemp(prefix="liaise-bench-live-")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("LIAISE_", "DJANGO_")) and k not in ("HOST", "PORT")}
    env.update(LIAISE_DEBUG="0", LIAISE_HTTPS="0", LIAISE_EMAIL="file", LIAISE_SECRET_KEY=secrets.token_urlsafe(50),
               LIAISE_ALLOWED_HOSTS="127.0.0.1", LIAISE_ACCESS_LOG=os.devnull, LIAISE_LIVE_WAKEUP=args.wakeup,
               # one loopback address for the whole hall: lift the per-address limits (each phone is a device)
               LIAISE_LIVE_ASK_PER_MINUTE="1000", LIAISE_LIVE_ASK_PER_IP="1000000",
               LIAISE_LIVE_VOTE_PER_IP="1000000")
    if args.poll_ms is not None:
        env["LIAISE_LIVE_POLL_MS"] = str(args.poll_ms)
    prepared = Path(base) / "prepared"
    setup = None
    levels = []
    try:
        log(f"preparing the database (migrate, demo, board {BOARD} open to questions) ...")
        prepared.mkdir()
        prep_env = {**env, "LIAISE_DATA_DIR": str(prepared)}
        liaise(["migrate", "-v0"], prep_env)
        setup = json.loads(liaise(["shell", "-c", SETUP.replace("BOARD", BOARD)], prep_env).strip().splitlines()[-1])
        for clients in ([args.baseline_clients] if args.baseline_clients else []) + [args.clients]:
            data_dir = Path(base) / f"clients-{clients}-{len(levels)}"
            if database_url:
                data_dir.mkdir()
            else:  # a fresh copy of the prepared database for each level
                shutil.copytree(prepared, data_dir, ignore=shutil.ignore_patterns("static", "mail"))
            levels.append(run_level(args, clients, {**env, "LIAISE_DATA_DIR": str(data_dir)}, str(data_dir), token))
            log(f"{clients} clients: {json.dumps(levels[-1])}")
    finally:
        if database_url and setup is not None:
            liaise(["shell", "-c", CLEANUP.replace("BOARD", BOARD).replace("TOKEN", token)
                    .replace("LAST_CHANGE", str(setup["last_change"])).replace("MODERATION", setup["moderation"])],
                   {**env, "LIAISE_DATA_DIR": str(prepared)})
        shutil.rmtree(base, ignore_errors=True)

    main_level = levels[-1]
    figures = {
        "bench": "live",
        "database": setup["database"] + ("" if database_url else " (fresh copy per level)"),
        "server": f"gunicorn sync {args.workers} workers + uvicorn {args.stream_workers} process(es), "
                  f"fresh per level",
        "wakeup": setup["wakeup"],
        "poll_ms": setup["poll_ms"],
        "duration_s": args.duration,
        **main_level,
        "goal": {"p95_s": GOAL_P95_S, "rss_mib": GOAL_RSS_MIB, "questions_lost": 0},
        "meets_goal": main_level["met"],
    }
    del figures["met"]
    p95 = main_level["latency_s"]["p95"]
    if len(levels) > 1:
        baseline = levels[0]
        figures[f"at_{baseline['clients']}"] = baseline
        base_p95 = baseline["latency_s"]["p95"]
        figures[f"ratio_p95_vs_{baseline['clients']}"] = round(p95 / base_p95, 2) if p95 and base_p95 else None
    figures["ratio_p95_vs_poll"] = round(p95 / (setup["poll_ms"] / 1000), 2) if p95 else None
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
