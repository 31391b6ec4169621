"""Pages: an error of the family (``liaise.core.errors``) that no view caught becomes a page with its status and
its message. Views that show a form put the message next to its field themselves (``errors.add_to_form``); the
API maps the family in ``liaise.api.api``."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.shortcuts import render

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
