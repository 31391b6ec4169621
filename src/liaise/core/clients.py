"""Who is asking: the client's address, the same way for every rate limit.

Behind ``LIAISE_TRUSTED_PROXIES`` = N reverse proxies, each appends the address it was reached from to
``X-Forwarded-For``; the rightmost N entries were written by proxies Liaise trusts, and the Nth from the right is
the address the outermost one saw: the client. Anything to its left was written by the client and is ignored (it
could say anything). With N = 0 (no proxy), ``REMOTE_ADDR``. A malformed entry falls back to ``REMOTE_ADDR``.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if trusted <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    # fewer entries than proxies: the leftmost is still the first address a trusted proxy wrote
    return _valid(forwarded[-min(trusted, len(forwarded))]) or remote
