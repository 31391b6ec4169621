from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from liaise.accounts.services import authenticate_token


def content_language(request) -> str:
    """The best content language for ``Accept-Language`` among all content languages (EN, FR, ES, DE, IT),
    even those the interface is not translated into yet."""
    available = {code for code, _name in settings.CONTENT_LANGUAGES}
    for tag, _q in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        code = tag.lower().split("-")[0]
        if code in available:
            return code
    return settings.LANGUAGE_CODE


class ApiMiddleware:
    """For /api/: content in the language of ``Accept-Language``; ``Authorization: Bearer <token>``
    authenticates as the token's owner, and a wrong token is a 401 with a ``detail`` (never a silent
    fall-back to anonymous)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _, raw = header.partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                return JsonResponse({"detail": "Use the header “Authorization: Bearer <token>”."}, status=401)
            user = authenticate_token(raw.strip())
            if user is None:
                return JsonResponse(
                    {"detail": "This API token is not valid (revoked, mistyped or its user is inactive)."},
                    status=401,
                )
            request.user = user
            request._dont_enforce_csrf_checks = True
        elif request.method not in ("GET", "HEAD", "OPTIONS") and request.user.is_authenticated:
            # A signed-in browser writes with its session cookie: it must prove the request comes from our pages.
            refused = CsrfViewMiddleware(self.get_response).process_view(request, None, (), {})
            if refused is not None:
                return JsonResponse(
                    {"detail": "CSRF check failed: send the X-CSRFToken header, or use an API token."}, status=403
                )
        with translation.override(content_language(request)):
            response = self.get_response(request)
            response.headers.setdefault("Content-Language", translation.get_language())
        return response
