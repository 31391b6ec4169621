"""Sign-in throttling (django-axes): failed sign-ins are counted per account **and** client address (the pair),
plus a looser count per address alone; past either limit the pair (or the address) is locked out for the cool-off,
and every attempt meanwhile, the right password included, gets the lock-out page (HTTP 429) without any password
being checked (``axes.backends.AxesStandaloneBackend`` comes first in ``AUTHENTICATION_BACKENDS``).

The client address is ``liaise.core.clients.client_address`` (``LIAISE_TRUSTED_PROXIES``), like every rate limit.
What is kept: one ``axes.AccessAttempt`` row per (email typed, address, browser) with its count, only while it
counts (the cool-off, ``LIAISE_LOGIN_COOLOFF_MINUTES``): a success deletes the pair's row, and :func:`purge`
(daily) deletes the rest once over. No log of successful sign-ins is written (``AXES_DISABLE_ACCESS_LOG``).
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from .forms import EmailAuthenticationForm


def attempted_email(request, credentials) -> str | None:
    """The email address a sign-in was attempted with, as accounts compare it (any case)."""
    if credentials and credentials.get("username"):
        value = credentials["username"]
    else:
        value = request.POST.get("username", "") if request is not None and request.method == "POST" else ""
    value = str(value).strip().lower()[:255]
    return value or None


class LoginAttemptHandler(AxesDatabaseHandler):
    """axes's database handler, counting two ways: the failures of this account from this address (against
    ``AXES_FAILURE_LIMIT``), and of this address for any account (against ``LIAISE_LOGIN_FAILURES_PER_ADDRESS``).
    The second is scaled onto the first's limit, so axes's single "failures >= limit" test applies to both."""

    def get_failures(self, request, credentials=None) -> int:
        threshold = get_cool_off_threshold(request)
        recent = AccessAttempt.objects.filter(ip_address=request.axes_ip_address or None, attempt_time__gte=threshold)
        username = get_client_username(request, credentials)
        pair = recent.filter(username=username).aggregate(n=Sum("failures_since_start"))["n"] or 0
        address = recent.aggregate(n=Sum("failures_since_start"))["n"] or 0
        limit, per_address = settings.AXES_FAILURE_LIMIT, settings.LIAISE_LOGIN_FAILURES_PER_ADDRESS
        return max(pair, address * limit // per_address)


def lockout_response(request, original_response=None, credentials=None):
    """The sign-in page with the lock-out message instead of a password check (429 Too Many Requests)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form = EmailAuthenticationForm(request)
    return render(request, "accounts/login.html",
                  {"form": form, "locked_out": True, "cooloff_minutes": minutes,
                   "next": request.POST.get("next", "") or request.GET.get("next", ""),
                   "signup_open": getattr(settings, "LIAISE_SIGNUP", True)},
                  status=429)


