"""The live stream: Server-Sent Events at /live/<code>/stream.

Under the ASGI server (uvicorn, started by ``liaise serve``) a connection stays open (``asgi_stream``, which
``liaise.asgi`` calls before Django's request cycle). Each server process has one
``Hub``: a single task that reads the change feed (``Change`` rows with ``id > last``), whatever the number of
clients, and hands each new change, serialised once, to the clients of its board. It reads as soon as a wake-up
signal says a board it serves has something new (``wakeup``: PostgreSQL LISTEN or a Redis SUBSCRIBE, on a
connection of its own), and in any case every ``LIVE_POLL_SECONDS`` (the only way with ``LIVE_WAKEUP=poll``,
the safety net otherwise). State is only ever in the database, so any number of processes can serve one board,
and writes may come from any of them (or from the WSGI workers).

A client that reconnects sends ``Last-Event-ID`` (or ``?after=``) and first gets what it missed from the
database; one too far behind gets a ``reset`` event and reloads the board. Under WSGI the same address answers
at once with what is new and a ``retry`` delay, so a browser's EventSource still stays current by reconnecting.
"""

import asyncio
import contextlib
import io
import logging
import re
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user
from django.core.exceptions import DisallowedHost
from django.core.handlers.asgi import ASGIRequest
from django.db import close_old_connections, connection
from django.http import Http404, HttpResponse

from liaise.core import authz
from liaise.core.cache import tables_in
from liaise.core.cache import versions as content_versions
from liaise.core.filters import MAX_ID

from . import queries, rules, wakeup
from .models import Board, Change

log = logging.getLogger(__name__)
BUFFER = 2000  # changes kept per board in memory for clients that were busy
CHECK_SECONDS = 60  # how long a visitor's board check is reused at most (see Hub.checked)
READ_BATCH_SECONDS = 0.25  # the feed is read at most this often, however often a wake-up signal comes


def _event(change_id: int, kind: str, data: str) -> bytes:
    return f"id: {change_id}\nevent: {kind}\ndata: {data}\n\n".encode()


class Feed:
    """The recent changes of one board, as this process saw them; clients wait on ``updated``."""

    def __init__(self, last_id: int):
        self.entries: deque[tuple[int, bytes, bytes | None]] = deque(maxlen=BUFFER)
        self.last_id = last_id
        self.start = last_id  # every change of the board after this one has come through this feed
        self.evicted = 0  # the newest change that left the buffer
        self.clients = 0
        self.updated = asyncio.Event()

    def add(self, change_id: int, kind: str, data: str, audience: str) -> None:
        if len(self.entries) == self.entries.maxlen:
            self.evicted = self.entries[0][0]
        self.entries.append((change_id, _event(change_id, kind, data),
                             _event(change_id, kind, audience) if audience else None))
        self.last_id = change_id

    def missing(self, cursor: int) -> int:
        """How many changes after ``cursor`` the buffer holds."""
        count = 0
        for change_id, _full, _audience in reversed(self.entries):
            if change_id <= cursor:
                break
            count += 1
        return count

    def notify(self) -> None:
        updated, self.updated = self.updated, asyncio.Event()
        updated.set()

    def since(self, cursor: int, moderator: bool) -> bytes | None:
        """The events after ``cursor`` for this client; None when some already left the buffer."""
        if cursor < self.evicted:
            return None
        chunks = []
        for change_id, full, audience in reversed(self.entries):
            if change_id <= cursor:
                break
            chunk = full if moderator else audience
            if chunk is not None:
                chunks.append(chunk)
        return b"".join(reversed(chunks))


class Hub:
    def __init__(self):
        self.feeds: dict[int, Feed] = {}
        self.last_id = 0
        self.task: asyncio.Task | None = None
        self.listener: asyncio.Task | None = None  # the wake-up listener, while the reader runs
        self.woken = asyncio.Event()  # set by a wake-up signal: read the feed now
        self.starting = asyncio.Lock()
        # one thread of its own for the feed reader: its database connection stays open between polls
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="liaise-live-feed")
        # The content counters (liaise.core.cache.versions) as the last poll read them, and when; and the boards
        # visitors without a session were let in to, each with the content tables its check read and their counters
        # then: a crowd reconnecting at once (a node lost) is checked once per board, not once per phone.
        self.counters: dict[str, int] = {}
        self.counters_read = 0.0
        self.checks: dict[tuple[str, bool], tuple[Board, tuple, float]] = {}

    async def _db(self, function, *args):
        return await asyncio.get_running_loop().run_in_executor(self.executor, function, *args)

    @staticmethod
    def _latest() -> int:
        close_old_connections()
        return Change.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def _read(self, after: int) -> list[tuple[int, int, str, str, str]]:
        try:
            read = time.monotonic()
            self.counters = content_versions()
            self.counters_read = read
            return list(Change.objects.filter(pk__gt=after).order_by("pk")
                        .values_list("pk", "board_id", "kind", "data", "audience")[:5000])
        except Exception:
            connection.close()  # a lost connection is opened again at the next poll
            raise

    def checked(self, key: tuple[str, bool]) -> Board | None:
        """A board a visitor without a session was let in to, while nothing its check read has changed (the
        counters are at most about two polls old), and for at most CHECK_SECONDS. (Read from the event loop too:
        only the hub's thread writes ``checks`` and ``counters``, each replaced or set in one step.)"""
        found = self.checks.get(key)
        now = time.monotonic()
        if found is None or now - self.counters_read > 2 * settings.LIVE_POLL_SECONDS + 1:
            return None
        board, read, when = found
        counters = self.counters
        if now - when > CHECK_SECONDS or any(counters.get(table, 0) != value for table, value in read):
            return None
        return board

    def remember(self, key: tuple[str, bool], board: Board, tables: set[str], counters: dict[str, int]) -> None:
        if len(self.checks) >= 1000:
            self.checks.clear()
        self.checks[key] = (board, tuple((table, counters.get(table, 0)) for table in tables), time.monotonic())

    async def join(self, board_id: int) -> Feed:
        if self.task is None or self.task.done():
            async with self.starting:  # a crowd connecting at once starts one reader, from one position
                if self.task is None or self.task.done():
                    # (re)starting after a quiet spell: start from now, not from where the last client left
                    self.last_id = await self._db(self._latest)
                    loop = asyncio.get_running_loop()
                    self.task = loop.create_task(self._run())
                    if settings.LIVE_WAKEUP != "poll":
                        self.listener = loop.create_task(wakeup.listen(self.wake))
        feed = self.feeds.get(board_id)
        if feed is None:
            feed = self.feeds[board_id] = Feed(self.last_id)
        feed.clients += 1
        return feed

    def leave(self, board_id: int, feed: Feed) -> None:
        feed.clients -= 1
        if feed.clients <= 0 and self.feeds.get(board_id) is feed:
            del self.feeds[board_id]

    def wake(self, board: str | None) -> None:
        """A wake-up signal: ``board`` has something new (None: something may have been missed)."""
        if board is not None and board.isdigit() and int(board) not in self.feeds:
            return  # nobody here watches that board; the poll moves ``last_id`` past it
        self.woken.set()

    async def _run(self) -> None:
        try:
            await self._read_feed()
        finally:
            if self.listener is not None:
                self.listener.cancel()
                self.listener = None

    async def _read_feed(self) -> None:
        last_read = 0.0
        while self.feeds:
            # Woken again soon after a read (a burst of votes): wait for the rest of READ_BATCH_SECONDS, so that what
            # arrives meanwhile goes to the clients in one write each — with 2,500 clients a process, writing each
            # change on its own made the loop too busy to take a lost node's viewers in.
            if (wait := last_read + READ_BATCH_SECONDS - time.monotonic()) > 0:
                await asyncio.sleep(wait)
            last_read = time.monotonic()
            self.woken.clear()  # before reading: a signal that comes during the read makes another read
            try:
                rows = await self._db(self._read, self.last_id)
            except Exception:
                log.exception("live: reading the change feed failed; retrying")
                await asyncio.sleep(1)
                continue
            touched = set()
            for change_id, board_id, kind, data, audience in rows:
                feed = self.feeds.get(board_id)
                if feed is not None:
                    feed.add(change_id, kind, data, audience)
                    touched.add(feed)
                self.last_id = change_id
            for feed in touched:
                feed.notify()
            if len(rows) < 5000:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.woken.wait(), settings.LIVE_POLL_SECONDS)
        self.task = None


hub = Hub()


def _cursor(request) -> int | None:
    raw = request.headers.get("Last-Event-ID") or request.GET.get("after")
    try:
        value = int(raw)
    except (TypeError, ValueError):
        return None
    return value if 0 <= value <= MAX_ID else None


def _cors(request, response) -> None:
    """Pages may be served on another port of the same host (``liaise serve`` runs the stream server beside the
    pages): answer their EventSource, with credentials, but no other site."""
    origin = request.headers.get("Origin")
    if origin and urlsplit(origin).hostname == request.get_host().rsplit(":", 1)[0].strip("[]"):
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Credentials"] = "true"
        response["Access-Control-Allow-Headers"] = "Last-Event-ID, Cache-Control"
    response["Vary"] = "Origin"


def _board(request, code: str, moderator: bool) -> Board:
    permission = rules.moderate_board if moderator else rules.view_board
    return authz.get_or_404(request.user, permission, queries.boards(), code=queries.clean_code(code))


def _sse_headers(response) -> None:
    response["Cache-Control"] = "no-cache, no-store"
    response["X-Accel-Buffering"] = "no"  # nginx: do not buffer the stream


def stream(request, code):
    """The stream's address under WSGI (and Django's test client): what is new after ``Last-Event-ID`` at once,
    then ``retry``, so an EventSource keeps up by reconnecting. Under uvicorn, ``asgi_stream`` answers it."""
    response = HttpResponse(status=204)
    if request.method != "OPTIONS":
        moderator = request.GET.get("moderate") == "1"
        board = _board(request, code, moderator)
        cursor = _cursor(request)
        backlog = queries.backlog(board.pk, cursor, moderator) if cursor is not None else queries.Backlog([], False, 0)
        body = b"retry: 1500\n\n" + (b"event: reset\ndata: {}\n\n" if backlog.reset else b"".join(
            _event(*row) for row in backlog.changes))
        response = HttpResponse(body, content_type="text/event-stream; charset=utf-8")
        _sse_headers(response)
    _cors(request, response)
    return response


# --- under uvicorn: the stream, answered before Django's request cycle -----------------------------------------
# Django's ASGI handler gives every request a thread of its own (and that thread a database connection) for as
# long as the response lasts: for a stream, as long as the phone stays. So ``liaise.asgi`` sends the stream's
# address here instead: the request is parsed by Django, the visitor recognised by its session and the board
# checked by the same code as the pages, all on the hub's one thread; then only a coroutine waits per client.

STREAM_PATH = re.compile(r"^/live/(?P<code>[-A-Za-z0-9_]{1,12})/stream$")
SessionStore = None


def _resolve(request, code: str, moderator: bool) -> Board:
    global SessionStore
    if SessionStore is None:
        SessionStore = import_module(settings.SESSION_ENGINE).SessionStore
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    request.session = SessionStore(session_key)
    request.user = get_user(request)
    if session_key or not request.user.is_anonymous:
        return _board(request, code, moderator)
    # A visitor: the same answer for every visitor, while nothing the check read has changed.
    key = (queries.clean_code(code), moderator)
    board = hub.checked(key)
    if board is None:
        counters, tables = hub.counters, set()

        def watch(execute, sql, params, many, context):
            tables.update(tables_in(sql))
            return execute(sql, params, many, context)

        with connection.execute_wrapper(watch):
            board = _board(request, code, moderator)  # (Http404 is not remembered)
        hub.remember(key, board, tables, counters)
    return board


async def _answer(send, status: int, headers: list, body: bytes = b"") -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"), *headers]})
    await send({"type": "http.response.body", "body": body})


async def asgi_stream(scope, receive, send, code: str) -> None:
    request = ASGIRequest(scope, io.BytesIO())
    try:
        request.get_host()
    except DisallowedHost:
        return await _answer(send, 400, [], b"Bad Request: this host is not served here.")
    cors = HttpResponse()
    _cors(request, cors)
    headers = [(k.lower().encode(), v.encode()) for k, v in cors.items() if k.lower() != "content-type"]
    if request.method == "OPTIONS":
        return await _answer(send, 204, headers)
    if request.method not in ("GET", "HEAD"):
        return await _answer(send, 405, [*headers, (b"allow", b"GET, HEAD, OPTIONS")], b"Method Not Allowed")
    moderator = request.GET.get("moderate") == "1"
    # A visitor whose board was checked a moment ago (a crowd arriving at once) goes straight to the stream.
    board = None if request.COOKIES.get(settings.SESSION_COOKIE_NAME) else hub.checked(
        (queries.clean_code(code), moderator))
    try:
        board = board or await hub._db(_resolve, request, code, moderator)
    except Http404:
        return await _answer(send, 404, headers, b"Not Found")
    except Exception:
        log.exception("live: the stream could not check a board")
        return await _answer(send, 503, [*headers, (b"retry-after", b"2")], b"Try again shortly.")
    await send({"type": "http.response.start", "status": 200, "headers": [
        (b"content-type", b"text/event-stream; charset=utf-8"), (b"cache-control", b"no-cache, no-store"),
        (b"x-accel-buffering", b"no"), *headers,
    ]})
    if request.method == "HEAD":
        return await send({"type": "http.response.body", "body": b""})
    events = _events(board.pk, _cursor(request), moderator)

    async def pump():
        async for chunk in events:
            await send({"type": "http.response.body", "body": chunk, "more_body": True})

    async def gone():
        while (await receive())["type"] != "http.disconnect":
            pass

    tasks = [asyncio.ensure_future(pump()), asyncio.ensure_future(gone())]
    try:
        await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await events.aclose()


async def _events(board_id: int, cursor: int | None, moderator: bool):
    feed = await hub.join(board_id)
    try:
        yield b"retry: 2000\n\n"
        if cursor is None:
            cursor = feed.last_id
        elif feed.start <= cursor < feed.last_id and (missed := feed.since(cursor, moderator)) is not None:
            # what it missed is in this process's buffer (a viewer of a lost node reconnecting here): no query
            if feed.missing(cursor) > queries.RESET_AFTER:
                yield b"event: reset\ndata: {}\n\n"
            elif missed:
                yield missed
            cursor = feed.last_id
        elif cursor < feed.last_id:
            backlog = await hub._db(queries.backlog, board_id, cursor, moderator)
            if backlog.reset:
                yield b"event: reset\ndata: {}\n\n"
                cursor = feed.last_id
            else:
                yield b"".join(_event(*row) for row in backlog.changes)
                # what the backlog sent must not come twice when the feed shows it too
                cursor = backlog.last
        heartbeat = settings.LIVE_HEARTBEAT_SECONDS
        while True:
            if feed.last_id <= cursor:
                updated = feed.updated
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(updated.wait(), heartbeat)
                if feed.last_id <= cursor:
                    yield b": keep-alive\n\n"
                    continue
            chunk = feed.since(cursor, moderator)
            cursor = feed.last_id
            if chunk is None:
                yield b"event: reset\ndata: {}\n\n"
            elif chunk:
                yield chunk
    finally:
        hub.leave(board_id, feed)
