"""A device in the hall: a random id kept in a cookie (or sent by an API client as ``X-Liaise-Device``). Only a
keyed hash of it is stored (``services.device_key``); it names nobody and is the unit of one vote per question."""

import re
import secrets

from .services import device_key

COOKIE = "liaise_device"
HEADER = "X-Liaise-Device"
MAX_AGE = 60 * 60 * 24 * 30
_VALID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def raw_device(request) -> tuple[str, bool]:
    """The device id of ``request`` and whether it is new (then ``remember`` must set the cookie)."""
    raw = request.COOKIES.get(COOKIE) or request.headers.get(HEADER) or ""
    if _VALID.match(raw):
        return raw, False
    return secrets.token_urlsafe(18), True


def device(request) -> str:
    """The stored form (hash) of the request's device, creating one if it has none."""
    if not hasattr(request, "_liaise_device"):
        request._liaise_device = raw_device(request)
    return device_key(request._liaise_device[0])


def remember(request, response):
    raw, new = getattr(request, "_liaise_device", (None, False))
    if raw and new:
        response.set_cookie(COOKIE, raw, max_age=MAX_AGE, httponly=True, samesite="Lax", secure=request.is_secure())
    return response


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")
