"""The live feed's wake-up: a signal, sent when a ``Change`` commits, that makes every stream process read the feed
at once instead of at its next poll (``settings.LIVE_WAKEUP``).

- ``notify``: the writing transaction runs ``pg_notify('liaise_live', '<board id>')``. PostgreSQL delivers it
  when, and only if, that transaction commits (a rolled-back question wakes nobody), to every session that
  ``LISTEN``\\s: each ``Hub`` keeps one such connection of its own, an asynchronous psycopg connection on the
  stream server's event loop (the hub's one thread stays free for the feed's reads).
- ``redis``: after the commit (``transaction.on_commit``), ``PUBLISH liaise_live <board id>`` on ``REDIS_URL``;
  each ``Hub`` holds a ``SUBSCRIBE`` (redis-py's asyncio pubsub) on its event loop.
- ``poll``: nothing is sent; each hub reads the feed every ``LIVE_POLL_SECONDS``.

A signal carries no data, only "board N has something new": the feed in the database stays the one truth. A
signal that is lost (a listener reconnecting, Redis restarting, a publish that failed) costs only time: the hub's
poll, kept as a safety net, reads the feed anyway within ``LIVE_POLL_SECONDS``.
"""

import asyncio
import logging
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.db import connection, transaction

log = logging.getLogger(__name__)
CHANNEL = "liaise_live"
RETRY_SECONDS = 2  # between attempts to listen again after a lost connection

_publisher = None  # this process's Redis client for PUBLISH (created on first use, i.e. after a fork)


# --- the writers' side -----------------------------------------------------------------------------------------


def changed(board_id: int) -> None:
    """Called in the transaction that appended a ``Change`` to board ``board_id``'s feed."""
    if settings.LIVE_WAKEUP == "notify":
        # delivered at commit; PostgreSQL sends identical signals of one transaction once
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(board_id)])
    elif settings.LIVE_WAKEUP == "redis":
        transaction.on_commit(partial(_publish, board_id))


def _publish(board_id: int) -> None:
    global _publisher
    try:
        if _publisher is None:
            import redis

            _publisher = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        _publisher.publish(CHANNEL, str(board_id))
    except Exception:  # the write is committed; the streams get it at their next poll
        log.warning("live: the wake-up could not be published; the streams' poll will deliver the change",
                    exc_info=True)


# --- the streams' side -----------------------------------------------------------------------------------------


async def listen(wake: Callable[[str | None], None]) -> None:
    """Until cancelled: call ``wake(board id)`` for every signal, and ``wake(None)`` each time the listening
    connection is (re)established (what was sent while it was away is in the feed: read it)."""
    kind = settings.LIVE_WAKEUP
    if kind not in ("notify", "redis"):
        return
    while True:
        try:
            await (_listen_postgres(wake) if kind == "notify" else _listen_redis(wake))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.warning("live: the wake-up listener (%s) lost its connection; polling meanwhile", kind,
                        exc_info=True)
        await asyncio.sleep(RETRY_SECONDS)


async def _listen_postgres(wake) -> None:
    import psycopg

    params = connection.get_connection_params()  # Django's own, from DATABASES (no connection is made here)
    for key in ("context", "cursor_factory"):  # the sync connection's adapters and cursor class
        params.pop(key, None)
    params.setdefault("application_name", "liaise live listener")
    listener = await psycopg.AsyncConnection.connect(autocommit=True, **params)
    try:
        await listener.execute(f"LISTEN {CHANNEL}")
        wake(None)
        async for notification in listener.notifies():
            wake(notification.payload)
    finally:
        await listener.close()


async def _listen_redis(wake) -> None:
    import redis.asyncio

    client = redis.asyncio.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2)
    pubsub = client.pubsub(ignore_subscribe_messages=True)
    try:
        await pubsub.subscribe(CHANNEL)
        wake(None)
        async for message in pubsub.listen():
            if message.get("type") == "message":
                data = message["data"]
                wake(data.decode() if isinstance(data, bytes) else str(data))
    finally:
        await pubsub.aclose()
        await client.aclose()
