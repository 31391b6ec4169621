"""The JSON API at /api/v1/ (django-ninja). Each app contributes a router from its own ``api.py``.

Authentication: the browser's session, or a personal token sent as ``Authorization: Bearer <token>``
(see ``liaise.api.middleware``). Every answer that is not a success carries a ``detail`` for a person: the errors
of ``liaise.core.errors`` are mapped here, once, to their status and ``{"detail": ..., "field": ...}``; each
operation declares the statuses it can answer (``liaise.core.api.responses``).
"""

from django.http import Http404, JsonResponse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from liaise.accounts.api import router as accounts_router
from liaise.api.reference import Reference
from liaise.core.errors import LiaiseError
from liaise.events.api import router as events_router
from liaise.learning.api import router as learning_router
from liaise.library.api import router as library_router
from liaise.live.api import router as live_router
from liaise.network.api import router as network_router
from liaise.outreach.api import router as outreach_router
from liaise.pilots.api import router as pilots_router
from liaise.reporting.api import router as reporting_router


class LiaiseAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        # Built once per process (and language and prefix): ninja walks every operation and model each time,
        # 0.1-0.5 s for /api/v1/openapi.json. The routes do not change while the process runs.
        key = (path_prefix, tuple(sorted((path_params or {}).items())), get_language())
        schemas = self.__dict__.setdefault("_liaise_schemas", {})
        if key not in schemas:
            schemas[key] = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return schemas[key]

    def create_temporal_response(self, request):
        response = super().create_temporal_response(request)
        request._api_response = response  # (see ``refusal``)
        return response


def refusal(request, body: dict, status: int):
    """An error answer that keeps the cookies and ``X-Liaise-*`` headers the operation set before it refused (a
    live Q&A device identity)."""
    response = api.create_response(request, body, status=status)
    draft = getattr(request, "_api_response", None)
    if draft is not None:
        response.cookies.update(draft.cookies)
        for name, value in draft.items():
            if name.lower().startswith("x-liaise-"):
                response[name] = value
    return response


api = LiaiseAPI(
    title="Liaise API",
    version="1",
    description=(
        "Read the network, its projects and partners. Lists take `limit` and `offset` and answer "
        '`{"count": N, "items": [...]}`. Authenticate with your browser session or a personal token '
        "(`Authorization: Bearer lia_...`, created under *API tokens*); you see what you would see on the site. "
        "Content comes in the language of `Accept-Language` (en, fr, es, de, it), falling back to English."
    ),
    urls_namespace="api",
    docs=Reference(),
)


@csrf_exempt  # any method: a write to a wrong address is a JSON 404 too, not the CSRF page (the API's own
# writes are checked by ApiMiddleware)
def api_not_found(request):
    return JsonResponse({"detail": "Not found: see /api/v1/docs for the endpoints."}, status=404)


def _field(loc) -> str:
    if len(loc) > 2 and loc[0] == "body":
        loc = loc[2:]  # ("body", <the view's parameter name>, field...): the client knows only the field
    parts = [str(p) for p in loc if p not in ("query", "body", "path")]
    return ".".join(parts) or "request"


@api.exception_handler(ValidationError)
def validation_error(request, exc: ValidationError):
    errors = [{"field": _field(e.get("loc", ())), "message": e.get("msg", "")} for e in exc.errors]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "The request is not valid."
    return refusal(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(LiaiseError)
def liaise_error(request, exc: LiaiseError):
    return refusal(request, exc.as_dict(), status=exc.status)


@api.exception_handler(Http404)
def not_found(request, exc):
    return refusal(request, {"detail": "Not found."}, status=404)


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    return refusal(request, {"detail": str(exc)}, status=exc.status_code)


api.add_router("/", network_router)
api.add_router("/", events_router)
api.add_router("/", live_router)
api.add_router("/", learning_router)
api.add_router("/", pilots_router)
api.add_router("/", library_router)
api.add_router("/", reporting_router)
api.add_router("/", outreach_router)
api.add_router("/", accounts_router)
