"""Pages: an error of the family (``liaise.core.errors``) that no view caught becomes a page with its status and
its message. Views that show a form put the message next to its field themselves (``errors.add_to_form``); the
API maps the family in ``liaise.api.api``."""

from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers

from liaise.accounts.services import choose_language
from liaise.core.errors import LiaiseError, NotFound


class ErrorPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, LiaiseError) or request.path.startswith("/api/"):
            return None
        if isinstance(exception, NotFound):
            return render(request, "web/404.html", status=404)
        return render(request, "web/error.html", {"message": exception.message}, status=exception.status)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header (``CONTENT_SECURITY_POLICY``), plus the live stream server's origin in ``connect-src``
    when it listens on a port of its own (``liaise.live.client.stream_url`` links pages to it there)."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or settings.LIVE_STREAM_SAME_ORIGIN or not settings.LIVE_STREAM_PORT:
            return parts
        try:
            host = request.get_host()
        except DisallowedHost:
            return parts
        host = host if host.endswith("]") else host.rsplit(":", 1)[0]
        origin = f"{request.scheme}://{host}:{settings.LIVE_STREAM_PORT}"
        parts.update = {**(parts.update or {})}
        parts.update["connect-src"] = [*parts.update.get("connect-src", []), origin]
        return parts


# Pages served outside i18n_patterns (no language in their address): they take it from ?language= (the language
# switcher's links there, ``liaise.web.templatetags.liaise.language_links``), else from the language cookie, else
# from Accept-Language (``liaise.api.reference.Reference.render_page``)
UNPREFIXED_PAGES = ("/api/v1/docs",)
LANGUAGE_PARAMETER = "language"


class ArrivalLanguageMiddleware:
    """A visitor arriving from elsewhere (a link, a bookmark, a typed address: no Referer from this site) on a page
    without a language prefix gets it in their language: the one they last chose here (the language cookie), else
    the best of their browser's ``Accept-Language`` — a redirect to ``/fr/…``, ``/de/…``. Moving within the site
    never redirects, so the language switcher's English links stay English; each move to a page in another
    language records that choice in the cookie (a visitor who picks English is not sent back to French on their
    next arrival), and on the account of a signed-in visitor (``User.language``: their mails are written in it).
    Pages only: the API, feeds, streams, files and the admin keep their addresses.

    The one page outside ``i18n_patterns``, the API's reference (``UNPREFIXED_PAGES``), has no language in its
    address: it is shown in the visitor's language (the cookie, else the browser's), its language switcher links
    to ``?language=<code>``, and only that choice is remembered (its address says nothing about English)."""

    SKIP = ("/api/", "/static/", "/media/", "/feeds/", "/admin/", "/live/", "/healthz")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in UNPREFIXED_PAGES:
            return self._unprefixed_page(request)
        internal = self._from_this_site(request)
        path_language = translation.get_language_from_path(request.path_info)
        if (request.method in ("GET", "HEAD") and not internal and path_language is None
                and not request.path_info.startswith(self.SKIP)):
            wanted = translation.get_language_from_request(request)  # the cookie, else Accept-Language
            if wanted != settings.LANGUAGE_CODE:
                target = translate_url(request.get_full_path(), wanted)
                if target != request.get_full_path():
                    response = HttpResponseRedirect(target)
                    response["Cache-Control"] = "private"
                    patch_vary_headers(response, ("Accept-Language", "Cookie", "Referer"))
                    return response
        response = self.get_response(request)
        language = path_language or settings.LANGUAGE_CODE
        if (internal and request.method == "GET" and response.status_code == 200
                and response.get("Content-Type", "").startswith("text/html")  # a page, not a script's fetch
                and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language):
            self._remember(response, language)  # the language the visitor reads the site in now: their choice
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                choose_language(user, language)
        return response

    def _unprefixed_page(self, request):
        """The page chooses its language itself (``liaise.api.reference``); a ``?language=`` is remembered."""
        response = self.get_response(request)
        chosen = request.GET.get(LANGUAGE_PARAMETER, "")
        if (request.method == "GET" and chosen in dict(settings.LANGUAGES) and response.status_code == 200
                and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen):
            self._remember(response, chosen)
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                choose_language(user, chosen)
        return response

    @staticmethod
    def _from_this_site(request) -> bool:
        referer = request.headers.get("Referer", "")
        return bool(referer) and urlsplit(referer).netloc == request.get_host()

    @staticmethod
    def _remember(response, language: str) -> None:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
                            samesite="Lax", secure=settings.SESSION_COOKIE_SECURE, httponly=True)
