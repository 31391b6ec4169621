"""The live feed's wake-up (``LIAISE_LIVE_WAKEUP``) on a real `liaise serve`: with the poll set to 5 s, a question
asked through the API (gunicorn) reaches the streams (two uvicorn processes) at once, because the writer's
PostgreSQL NOTIFY or Redis PUBLISH wakes every hub; and a signal that never comes — a writer that sends none, a
listener whose connection is cut — costs only time: the poll still delivers the question.

``notify`` runs in the PostgreSQL pass of the suite only; ``redis`` wherever redis-server is installed (a
Redis of its own is started on a free loopback port)."""

import contextlib
import shutil
import socket
import subprocess
import time

import pytest
from django.conf import settings

from tests.events.test_concurrency import server_env  # noqa: F401 - a fixture: a data dir (and a PG database)
from tests.live.test_stream import Stream, _post, identity
from tests.liveserver import LIAISE, clean_env, free_port, liaise, serve

POLL_S = 5.0
AT_ONCE_S = 1.0  # "without waiting for the poll": well under POLL_S, whatever the poll's phase

OPEN_BOARD = "from liaise.live.models import Board; Board.objects.filter(code='BDXRTB').update(moderation='open')"
ASK_QUIETLY = """
from liaise.live import services
from liaise.live.models import Board
services.ask(Board.objects.get(code="BDXRTB"), "TEXT", services.device_key("quiet-writer"))
"""


@pytest.fixture(scope="module")
def redis_url():
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server; .ci/run installs it)")
    port = free_port()
    process = subprocess.Popen(["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
                                "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start") from None
                time.sleep(0.1)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(params=["notify", "redis"])
def wakeup_env(request, server_env):  # noqa: F811
    kind = request.param
    if kind == "notify" and not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        pytest.skip("NOTIFY/LISTEN needs PostgreSQL: this runs in the PostgreSQL pass (DATABASE_URL=postgres://…)")
    env = {**server_env, "LIAISE_LIVE_WAKEUP": kind, "LIAISE_LIVE_POLL_MS": str(int(POLL_S * 1000))}
    if kind == "redis":
        env["REDIS_URL"] = request.getfixturevalue("redis_url")
    return env


@contextlib.contextmanager
def board_streams(env, count: int = 4):
    """A server with the demo's board BDXRTB open to questions, and ``count`` audience streams on it."""
    stream_port = free_port()
    with serve(env, "--workers", "1", "--stream-workers", "2", "--no-worker", stream_port=stream_port) as url:
        liaise(env, "shell", "-c", OPEN_BOARD)
        streams = [Stream(stream_port, "/live/BDXRTB/stream") for _ in range(count)]
        try:
            time.sleep(0.5)  # the streams are subscribed; their hubs have read the feed once
            yield url, streams
        finally:
            for stream in streams:
                stream.close()


def _ask(url: str, text: str) -> int:
    status, body = _post(f"{url}/api/v1/live/BDXRTB/questions", {"text": text}, identity(url))
    assert (status, body["status"]) == (201, "visible")
    return body["id"]


def _delivered(streams, question: int, timeout: float) -> float:
    """Every stream shows ``question``; the longest wait."""
    waits = []
    for stream in streams:
        _id, data, waited = stream.next_event("question", timeout)
        assert data["id"] == question
        waits.append(waited)
    return max(waits)


def test_a_question_reaches_the_streams_without_waiting_for_the_poll(wakeup_env):
    with board_streams(wakeup_env) as (url, streams):
        for n in range(3):  # three in a row: one could be lucky and land just before a poll, not three
            started = time.monotonic()
            question = _ask(url, f"At once {n}?")
            _delivered(streams, question, POLL_S)
            assert time.monotonic() - started < AT_ONCE_S
            time.sleep(0.3)


def test_a_lost_signal_is_delivered_by_the_poll(wakeup_env):
    kind = wakeup_env["LIAISE_LIVE_WAKEUP"]
    with board_streams(wakeup_env, count=2) as (url, streams):
        # a writer that sends no signal (configured without a wake-up): the poll still brings its question
        started = time.monotonic()
        liaise({**wakeup_env, "LIAISE_LIVE_WAKEUP": "poll"}, "shell", "-c", ASK_QUIETLY.replace("TEXT", "Quiet?"))
        _id, data, _waited = streams[0].next_event("question", POLL_S + 3)
        assert data["text"] == "Quiet?"
        assert streams[1].next_event("question", POLL_S + 3)[1]["text"] == "Quiet?"
        assert time.monotonic() - started < POLL_S + 3

        # the listeners' connections are cut: what is signalled meanwhile is lost, the question is not
        if kind == "notify":
            liaise(wakeup_env, "shell", "-c", "from django.db import connection\n"
                   "connection.cursor().execute(\"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   "WHERE application_name = 'liaise live listener'\")")
        else:
            import redis

            client = redis.Redis.from_url(wakeup_env["REDIS_URL"])
            assert client.client_kill_filter(_type="pubsub") >= 1
            client.close()
        question = _ask(url, "Cut?")
        assert _delivered(streams, question, POLL_S + 3) < POLL_S + 3

        # and the listeners come back: the wake-up works again
        time.sleep(3)
        started = time.monotonic()
        question = _ask(url, "Back?")
        _delivered(streams, question, POLL_S)
        assert time.monotonic() - started < AT_ONCE_S


def test_the_setting_resolves_auto_and_refuses_what_cannot_work(tmp_path):
    check = "from django.conf import settings; print(settings.LIVE_WAKEUP, settings.LIVE_POLL_SECONDS)"
    env = clean_env(str(tmp_path))  # SQLite
    env.pop("REDIS_URL", None)
    assert liaise(env, "shell", "-v0", "-c", check).split() == ["poll", "0.25"]
    redis_env = {**env, "REDIS_URL": "redis://127.0.0.1:1/0"}  # never reached: only read
    assert liaise(redis_env, "shell", "-v0", "-c", check).split() == ["redis", "2.0"]
    assert liaise({**env, "LIAISE_LIVE_WAKEUP": "poll", "LIAISE_LIVE_POLL_MS": "500"}, "shell", "-v0",
                  "-c", check).split() == ["poll", "0.5"]
    for value, message in (("notify", "needs PostgreSQL"), ("redis", "needs REDIS_URL"), ("pigeon", "use auto")):
        done = subprocess.run([LIAISE, "shell", "-v0", "-c", check], env={**env, "LIAISE_LIVE_WAKEUP": value},
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode != 0
        assert message in done.stderr
