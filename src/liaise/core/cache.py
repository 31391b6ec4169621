"""Whole-page caching for anonymous visitors, invalidated by content versions kept in the database; fragments of
visitors' pages kept the same way; and, for pages that opt in (``signed_in=True``), the page of each signed-in
user, with its personal parts rendered per request.

A visitor's cached page is keyed by (code version, language, path, and the query parameters the view declares it
reads) and kept with the content tables its drawing read and their counters (see "fragments" below: the same
watch of the queries): it is served while none of those counters has moved. Any save or delete of a content model
(the apps in ``CONTENT_APPS``) bumps its table's counter and the whole-site one in the database once its
transaction commits, so every worker process, each with its own local-memory cache or sharing Redis, stops serving
a page that showed it at once — and only such pages. Bulk writes that bypass model signals (``QuerySet.update``,
``bulk_create``) must call ``bump()`` — or ``liaise bump_content_version`` — themselves.

A signed-in user's copy of a page (``anonymous_page(signed_in=True)``) is keyed by the whole-site counter plus the
user (id, the flags the permissions read: active, staff, superuser, and the name the site menu shows) and the CSRF
secret the page's forms (the menu's sign-out form too) were signed with, so it is only ever served back to that
user in that browser, and roles (network models, content) or flags changing make a new one. Only what
``web/base.html`` marks as personal — the messages — is rendered on every request and spliced in. A page opts in
only when it shows nothing personal but what the content version or the key covers (no
registrations, newsletter subscriptions or other ``NOT_CONTENT`` rows); ``LIAISE_SIGNED_IN_CACHE_SECONDS``
(default 300, 0: off) bounds how long a copy lives (the time-dependent parts: "upcoming", "past").
"""

import hashlib
import re
from functools import partial, wraps

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject, empty
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
    value = ContentVersion.objects.filter(scope="").values_list("value", flat=True).first()
    return value or 0


def versions() -> dict[str, int]:
    """Every counter in one query: ``""`` (every page) and each content table's."""
    return dict(ContentVersion.objects.values_list("scope", "value"))


def bump() -> None:
    """Every page and every fragment: for writes that bypass the model signals (``QuerySet.update``,
    ``bulk_create``, a person's erasure)."""
    if not ContentVersion.objects.update(value=F("value") + 1):
        ContentVersion.objects.update_or_create(scope="", defaults={"value": 1})


def bump_tables(tables) -> None:
    """Every page, and the fragments drawn from these tables (a write to them has just been committed)."""
    scopes = {"", *tables}
    if ContentVersion.objects.filter(scope__in=scopes).update(value=F("value") + 1) < len(scopes):
        for scope in scopes:
            # (a first write to this table: its counter starts above the 0 a fragment drawn before it keeps)
            ContentVersion.objects.get_or_create(scope=scope, defaults={"value": 1})


def _versioned(model) -> bool:
    meta = getattr(model, "_meta", None)
    return meta is not None and meta.app_label in CONTENT_APPS and meta.label_lower not in NOT_CONTENT


def _on_content_write(sender, **kwargs):
    # (m2m_changed's sender is the through model: its table, the one a read of the link goes through)
    if _versioned(sender):
        table = sender._meta.db_table
        transaction.on_commit(lambda: bump_tables((table,)))


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


# The personal parts of a page (web/base.html marks them while a signed-in copy is being made): each is rendered
# per request from its template with the request's context.
PERSONAL_PARTS = {"messages": "web/_messages.html"}
_PART = re.compile(r"<!--liaise:(messages)-->.*?<!--/liaise:\1-->", re.S)
_SLOT = "\x00liaise:{}\x00"
_empty_parts: dict[str, str] = {}
_KEPT_HEADERS = ("Content-Type", "X-Robots-Tag", "Link")


def _signed_in_request(request) -> bool:
    user = getattr(request, "user", None)
    return (
        settings.SIGNED_IN_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and user is not None and user.is_authenticated and user.is_active
    )


def _personal_part(request, name: str) -> str:
    if name == "messages" and not len(messages.get_messages(request)):
        # (no message waiting: what the template renders then, the same for everyone; len() marks none as read)
        if name not in _empty_parts:
            _empty_parts[name] = render_to_string(PERSONAL_PARTS[name], {"messages": []})
        return _empty_parts[name]
    return render_to_string(PERSONAL_PARTS[name], request=request)


def _signed_in_page(view, request, key_base: str, args, kwargs):
    user = request.user
    csrf = hashlib.sha256(request.META.get("CSRF_COOKIE", "").encode()).hexdigest()[:16]
    # (the short name: the site menu shows it, and a user's own rows are not content)
    raw = (f"{key_base}|user={user.pk}:{user.is_active}:{user.is_staff}:{user.is_superuser}:{user.get_short_name()}"
           f"|csrf={csrf}")
    key = "page-user:" + hashlib.sha256(raw.encode()).hexdigest()
    stored = cache.get(key)
    if stored is not None:
        template, headers = stored
        html = template
        for name in PERSONAL_PARTS:
            html = html.replace(_SLOT.format(name), _personal_part(request, name), 1)
        response = HttpResponse(html)
        for header, value in headers:
            response[header] = value
        return response
    request.liaise_mark_personal = True
    response = view(request, *args, **kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    if (response.status_code != 200 or response.streaming or response.cookies
            or not response.get("Content-Type", "").startswith("text/html")):
        return response
    html = response.content.decode(response.charset)
    parts = {match.group(1) for match in _PART.finditer(html)}
    if parts == set(PERSONAL_PARTS):
        template = _PART.sub(lambda match: _SLOT.format(match.group(1)), html)
        headers = [(header, response[header]) for header in _KEPT_HEADERS if response.has_header(header)]
        cache.set(key, (template, headers), settings.SIGNED_IN_CACHE_SECONDS)
    # The markers are for the copy only: the user gets the page without them.
    response.content = re.sub(r"<!--/?liaise:messages-->", "", html).encode(response.charset)
    return response


# --- fragments ------------------------------------------------------------------------------------------------
# A fragment of a visitor's page (``{% fragment %}``, web/templatetags/liaise.py) is cached with the versions of the
# content tables its drawing read: the queries run by the request up to the end of the fragment (the view's, and
# those of lazy context values the fragment evaluated) are watched, and the tables they name kept with their
# counters. A later request serves the fragment while none of those tables has been written since; a save
# re-draws what read the table it wrote, not every page. Like whole pages, fragments are drawn for visitors only
# (``_cacheable_request``), and keyed by the code version, language, path and the parameters the view declares;
# what a page reads from tables that are not content (``NOT_CONTENT``, accounts) changes its fragments only when
# they expire, as for whole pages. ``LIAISE_FRAGMENT_CACHE_SECONDS`` (default 300, 0: off) bounds their life.
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_tables: dict[str, str | None] = {}


def _content_tables() -> dict[str, str | None]:
    if not _tables:
        from django.apps import apps

        for model in apps.get_models(include_auto_created=True):
            if _versioned(model):
                _tables[model._meta.db_table] = model._meta.db_table
    return _tables


def tables_in(sql: str) -> set[str]:
    """The content tables a statement names; a name that extends one (``library_practice_fts``: the search index
    of ``library_practice``) counts as that table."""
    known = _content_tables()
    found = set()
    for word in set(_WORD.findall(sql)):
        word = word.lower()
        if word not in known:
            base = word
            while "_" in base and base not in known:
                base = base.rsplit("_", 1)[0]
            known[word] = known.get(base) if base in known else None
        if known[word]:
            found.add(known[word])
    return found


class Fragments:
    """One visitor request's fragments: the counters read when the request began, and the tables read since."""

    def __init__(self, request, key_base: str, counters: dict[str, int]):
        self.request, self.key_base, self.counters, self.tables = request, key_base, counters, set()

    def watch(self, execute, sql, params, many, context):
        self.tables |= tables_in(sql)
        return execute(sql, params, many, context)

    def get_or_draw(self, name: str, vary: str, draw) -> str:
        key = "fragment:" + hashlib.sha256(f"{self.key_base}|{name}|{vary}".encode()).hexdigest()
        stored = cache.get(key)
        if stored is not None and _current(stored[0], self.counters):
            # (what it was drawn from counts for the page around it, whose own copy must follow it)
            self.tables.update(table for table, _value in stored[0])
            return stored[1]
        csrf_before = self.request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        html = draw()
        if self.request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not csrf_before:
            return html  # (a form signed for this browser: never served to another)
        cache.set(key, (self.read(), str(html)), settings.FRAGMENT_CACHE_SECONDS)
        return html

    def value(self, name: str, compute):
        """``compute()``'s answer (small, picklable), kept like a fragment: the same for every visitor of this page
        while nothing it read has changed. None is not kept (a 404 for any address typed must not fill the cache)."""
        key = "fragment-value:" + hashlib.sha256(f"{self.key_base}|{name}".encode()).hexdigest()
        stored = cache.get(key)
        if stored is not None and _current(stored[0], self.counters):
            self.tables.update(table for table, _value in stored[0])
            return stored[1]
        found = compute()
        if found is not None:
            cache.set(key, (self.read(), found), settings.FRAGMENT_CACHE_SECONDS)
        return found

    def read(self) -> tuple:
        """The content tables read so far, with their counters as the request began."""
        return tuple((table, self.counters.get(table, 0)) for table in sorted(self.tables))


def _current(read: tuple, counters: dict[str, int]) -> bool:
    return all(counters.get(table, 0) == value for table, value in read)


def visible_pk(request, perm, queryset, **lookup) -> int:
    """The primary key of the object ``lookup`` finds in ``queryset`` if ``request.user`` may have it by ``perm``
    (``authz.get_or_404`` on that one column), else Http404; for a visitor's page, the answer is kept as its
    fragments are (the same for every visitor while nothing the check read has changed)."""
    from django.http import Http404

    from . import authz

    def check():
        found = authz.first_or_none(request.user, perm, queryset.only("pk"), **lookup)
        return found.pk if found is not None else None

    fragments = getattr(request, "liaise_fragments", None)
    pk = fragments.value("visible-pk", check) if fragments is not None else check()
    if pk is None:
        raise Http404
    return pk


class LazyValue(SimpleLazyObject):
    """A value of ``lazy_context``: ``{% fragment %}`` hands the real value to what it draws."""


def lazy_context(build, names) -> dict:
    """A template context whose values are computed by ``build()`` — once, and only when a template first uses
    one of them: behind ``{% fragment %}``, a fragment served from the cache runs none of its queries. A fragment
    being drawn sees the values themselves (not proxies: ``type()`` and ``isinstance`` work as usual)."""
    built = []

    def value(name):
        if not built:
            built.append(build())
        return built[0][name]

    return {name: LazyValue(partial(value, name)) for name in names}


def resolved(context_values: dict) -> dict:
    """The ``LazyValue`` among ``context_values``, computed."""
    found = {}
    for name, value in context_values.items():
        # (type(), not isinstance: isinstance asks a lazy object for its __class__, which computes it — Django's
        # lazy csrf_token among them, which would set a CSRF cookie on every visitor's page)
        if type(value) is LazyValue:
            if value._wrapped is empty:
                value._setup()
            found[name] = value._wrapped
    return found


def anonymous_page(view=None, *, params: tuple[str, ...] = (), signed_in: bool = False):
    """Serve the view from the cache to anonymous visitors; everyone else gets a fresh page — or, with
    ``signed_in``, a signed-in user their own cached copy with the personal parts rendered anew (module doc).

    ``params`` lists the query parameters the view reads: only they are part of the cache key, so random query
    strings neither miss the cache nor push real pages out of it."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            anonymous = _cacheable_request(request)
            if not anonymous and not (signed_in and _signed_in_request(request)):
                return view(request, *args, **kwargs)
            query = "&".join(f"{name}={value}" for name in params for value in request.GET.getlist(name)[-1:])
            counters = versions()
            # The code version is part of the key: an upgrade (new templates) never serves an old page.
            page = f"{__version__}|{get_language()}|{request.path}?{query}"
            raw = f"{__version__}|{counters.get('', 0)}|{get_language()}|{request.path}?{query}"
            if not anonymous:
                return _signed_in_page(view, request, raw, args, kwargs)
            # A visitor's page is kept with the content tables its drawing read, as fragments are: a save
            # elsewhere leaves it cached.
            key = "page:" + hashlib.sha256(page.encode()).hexdigest()
            stored = cache.get(key) if settings.PAGE_CACHE_SECONDS > 0 else None
            if stored is not None and _current(stored[0], counters):
                return stored[1]
            watcher = Fragments(request, page, counters)
            if settings.FRAGMENT_CACHE_SECONDS > 0:
                request.liaise_fragments = watcher
            with connection.execute_wrapper(watcher.watch):
                response = view(request, *args, **kwargs)
                if hasattr(response, "render") and callable(response.render):
                    response = response.render()
            if (settings.PAGE_CACHE_SECONDS > 0 and response.status_code == 200 and not response.cookies
                    and not response.streaming):
                cache.set(key, (watcher.read(), response), settings.PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorate(view) if view is not None else decorate
