"""``/healthz``: whether this node can serve, for a load balancer's health checks (HAProxy, nginx, Kubernetes).

Cheap on purpose (a proxy asks every second or two): one ``SELECT 1`` on the database and one read from the cache
(Redis, in a cluster), no session, no template. 200 with ``{"status": "ok", ...}`` when both answer; 503 with what
failed otherwise, so the proxy stops sending visitors to a node that would only answer errors. The answer names
the parts, never the error's text (which may name hosts and users)."""

import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)
PROBE_KEY = "liaise:healthz"


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        log.warning("healthz: the database does not answer", exc_info=True)
        connection.close()  # the next request opens a new connection
        return False
    return True


def _cache() -> bool:
    try:
        cache.get(PROBE_KEY)
    except Exception:
        log.warning("healthz: the cache does not answer", exc_info=True)
        return False
    return True


@require_safe
def healthz(request):
    parts = {"database": _database(), "cache": _cache()}
    healthy = all(parts.values())
    body = {"status": "ok" if healthy else "unavailable",
            **{name: "ok" if ok else "unreachable" for name, ok in parts.items()}}
    if not healthy:
        body["detail"] = "This node cannot serve: " + ", ".join(n for n, ok in parts.items() if not ok) + "."
    response = JsonResponse(body, status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response
