from django.http import JsonResponse

from liaise.accounts.services import authenticate_token


class ApiTokenMiddleware:
    """``Authorization: Bearer <token>`` on /api/ authenticates as the token's owner; a wrong token is a 401
    with a ``detail`` (never a silent fall-back to anonymous)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header:
            scheme, _, raw = header.partition(" ")
            if scheme.lower() != "bearer" or not raw.strip():
                return JsonResponse({"detail": "Use the header “Authorization: Bearer <token>”."}, status=401)
            user = authenticate_token(raw.strip())
            if user is None:
                return JsonResponse({"detail": "This API token is not valid (revoked, mistyped or its user "
                                               "is inactive)."}, status=401)
            request.user = user
            request._dont_enforce_csrf_checks = True
        return self.get_response(request)
