"""Whole-page caching for anonymous visitors, invalidated by a content version kept in the database.

A cached page is keyed by (code version, content version, language, path, and the query parameters the view
declares it reads). Any save or delete of a content model
(the apps in ``CONTENT_APPS``) bumps the version in the database once its transaction commits, so every worker
process, each with its own local-memory cache or sharing Redis, stops serving the old page at once. Bulk writes
that bypass model signals (``QuerySet.update``, ``bulk_create``) must call ``bump()`` — or ``liaise
bump_content_version`` — themselves.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import get_language

from liaise import __version__

from .models import ContentVersion

CONTENT_APPS = {"network", "events", "live", "learning", "pilots", "library", "reporting", "outreach"}
# Writes that change no cached page: registrations are shown only on uncached pages (forms, organisers' pages);
# live questions, votes and their feed change every second and reach the screens through the stream.
NOT_CONTENT = {"events.registration", "live.question", "live.vote", "live.abusereport", "live.moderationaction",
               "live.change", "live.ratebucket",
               "events.message",  # organisers' messages to registrants: shown on their (uncached) page only
               "outreach.feedkey",  # private feed keys: shown on the (uncached) feeds page of their user only
               # newsletter subscriptions, consents, issues and deliveries: shown on no cached page (and a
               # visitor's subscription must not empty everyone's page cache)
               "outreach.subscriber", "outreach.consent", "outreach.newsletterissue", "outreach.delivery",
               "outreach.subscriber_projects", "outreach.subscriber_topics", "outreach.newsletterissue_posts",
               "outreach.newsletterissue_events"}


def current() -> int:
    value = ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first()
    return value or 0


def bump() -> None:
    updated = ContentVersion.objects.filter(pk=1).update(value=F("value") + 1)
    if not updated:
        ContentVersion.objects.update_or_create(pk=1, defaults={"value": 1})


def _on_content_write(sender, **kwargs):
    meta = getattr(sender, "_meta", None)
    if meta is not None and meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT:
        transaction.on_commit(bump)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_on_content_write, dispatch_uid=f"liaise-content-version-{signal!r}")


def _cacheable_request(request) -> bool:
    # No session and no pending messages: the response cannot depend on who is asking.
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def anonymous_page(view=None, *, params: tuple[str, ...] = ()):
    """Serve the view from the cache to anonymous visitors; everyone else gets a fresh page.

    ``params`` lists the query parameters the view reads: only they are part of the cache key, so random query
    strings neither miss the cache nor push real pages out of it."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not _cacheable_request(request):
                return view(request, *args, **kwargs)
            query = "&".join(f"{name}={value}" for name in params for value in request.GET.getlist(name)[-1:])
            # The code version is part of the key: an upgrade (new templates) never serves an old page.
            raw = f"{__version__}|{current()}|{get_language()}|{request.path}?{query}"
            key = "page:" + hashlib.sha256(raw.encode()).hexdigest()
            response = cache.get(key)
            if response is not None:
                return response
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            if response.status_code == 200 and not response.cookies and not response.streaming:
                cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
