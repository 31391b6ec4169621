"""A device in the hall: an identity **issued by the server** and signed with its key, kept in the
``liaise_device`` cookie (or, for API clients without cookies, sent back as the ``X-Liaise-Device`` header the
server gave them). Only a keyed hash of its random part is stored (``services.device_key``); it names nobody and is
the unit of one vote per question and of the per-device limits.

Reading a board gives a device that has none its identity. Asking, voting and reporting need one the server
issued: without one the write is refused (400) and the answer carries a fresh identity, so a browser that keeps
its cookie simply tries again; a forged or malformed identity is refused (400) the same way. So a client that drops
its cookie cannot vote again by leaving it out: each new identity takes a page read, and the per-address limits
count them all.
"""

import re
import secrets

from django.core import signing
from django.utils.translation import gettext as _

from liaise.core.clients import client_address

from .services import LiveError, device_key

COOKIE = "liaise_device"
HEADER = "X-Liaise-Device"
MAX_AGE = 60 * 60 * 24 * 30
SALT = "liaise.live.device"
_RANDOM = re.compile(r"^[A-Za-z0-9_-]{24}$")
MAX_LENGTH = 100

KNOWN, NEW, MALFORMED = "known", "new", "malformed"


def issue() -> str:
    """A new identity: 18 random bytes, signed (what the cookie or the header carries)."""
    return signing.Signer(salt=SALT).sign(secrets.token_urlsafe(18))


def random_part(identity: str) -> str | None:
    if not identity or len(identity) > MAX_LENGTH:
        return None
    try:
        value = signing.Signer(salt=SALT).unsign(identity)
    except signing.BadSignature:
        return None
    return value if _RANDOM.match(value) else None


def _identity(request) -> tuple[str, str, str]:
    """(the identity to use, its random part, known/new/malformed), once per request."""
    if not hasattr(request, "_liaise_device"):
        presented = request.COOKIES.get(COOKIE) or request.headers.get(HEADER) or ""
        known = random_part(presented)
        if known:
            request._liaise_device = (presented, known, KNOWN)
        else:
            identity = issue()
            request._liaise_device = (identity, random_part(identity), MALFORMED if presented else NEW)
    return request._liaise_device


def device(request) -> str:
    """The stored form (hash) of the request's device, issuing one if it has none (for pages that read)."""
    return device_key(_identity(request)[1])


def writing_device(request) -> str:
    """The stored form of the request's device for a write (ask, vote, report): only an identity this server
    issued counts; otherwise a ``LiveError`` (400), and ``remember`` gives the answer a fresh identity."""
    _issued, secret, state = _identity(request)
    if state == MALFORMED:
        raise LiveError(_("This phone's identity on the board was not issued by Liaise: reload the board's page, "
                          "then try again."), 400)
    if state == NEW:
        raise LiveError(_("Open the board's page first, with cookies allowed: it gives this phone the identity "
                          "that counts its questions and votes. Then try again."), 400)
    return device_key(secret)


def remember(request, response):
    """Give the answer the identity issued for this request, if it was new (cookie and header)."""
    identity, _random, state = getattr(request, "_liaise_device", (None, None, KNOWN))
    if identity and state != KNOWN:
        response.set_cookie(COOKIE, identity, max_age=MAX_AGE, httponly=True, samesite="Lax",
                            secure=request.is_secure())
        response[HEADER] = identity
    return response


def client_ip(request) -> str:
    return client_address(request)
