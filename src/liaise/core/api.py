"""What every API endpoint shares (each app's ``api.py`` uses it; ``liaise.api.api`` maps the errors):

- ``Error``, the body of every refusal (``{"detail": ..., "field": ...}``), and ``ValidationErrorOut``, ninja's
  422 for a malformed request (``{"detail": ..., "errors": [{"field", "message"}]}``);
- ``responses(...)``: an operation's answers with the error statuses it can give, so that the OpenAPI schema
  documents each of them (a generated client can expect them);
- ``Paging``: ``limit``/``offset`` with the bounds of ``liaise.core.filters``.
"""

from typing import Any

from ninja import Field, Path, Schema
from ninja.pagination import LimitOffsetPagination

from .filters import MAX_ID, MAX_LIMIT, MAX_OFFSET, MAX_SLUG_LENGTH

DEFAULT_LIMIT = 50


class Error(Schema):
    detail: str = Field(description="What went wrong, for a person (in the language of Accept-Language)")
    field: str | None = Field(None, description="The parameter or body property it is about, when there is one")


class FieldError(Schema):
    field: str
    message: str


class ValidationErrorOut(Schema):
    detail: str = Field(description="Every malformed parameter, for a person")
    errors: list[FieldError]


# Every operation can answer these: 401 for a wrong API token (``liaise.api.middleware``), 422 for a malformed
# parameter or body (ninja's validation).
ALWAYS = (401, 422)
# A write can answer 403 too: a browser session that fails the CSRF check.
WRITES = (403,)


def responses(success: dict[int, Any] | Any, *errors: int, write: bool = False) -> dict[int, Any]:
    """``success`` (a schema, or a dict of status → schema) plus the shared error body for ``errors`` and for
    the statuses any operation (or any write) can answer."""
    answers = dict(success) if isinstance(success, dict) else {200: success}
    for status in sorted({*errors, *ALWAYS, *(WRITES if write else ())}):
        answers.setdefault(status, ValidationErrorOut if status == 422 else Error)
    return answers


def links(status: int, targets: tuple[str, ...], **parameters: str) -> dict:
    """``openapi_extra`` documenting that the answer ``status`` of an operation gives what the ``targets``
    (operation ids) need: each parameter is a JSON pointer into the answer (``/id``, ``/items/0/slug``) or an
    expression of OpenAPI links (``$request.path.code``)."""
    values = {name: value if value.startswith("$") else f"$response.body#{value}" for name, value in parameters.items()}
    return {"responses": {status: {"links": {
        target: {"operationId": target, "parameters": values} for target in targets
    }}}}


SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"


def slug_path(what: str, max_length: int = MAX_SLUG_LENGTH):
    """A ``{slug}`` path parameter (route it as ``{slug:slug}``: anything else matches no route and is a 404, and
    never reaches a query), at most 120 characters."""
    return Path(..., max_length=max_length, pattern=SLUG_PATTERN,
                description=f"the {what}'s slug")


def id_path(what: str):
    """An ``{id}`` path parameter: a database id."""
    return Path(..., ge=1, le=MAX_ID, description=f"the {what}'s id")


def one_of(values) -> dict:
    """``json_schema_extra`` documenting the values a text parameter takes, when the filter parser checks them
    (answering 400 with a message that lists them) rather than ninja (422)."""
    return {"enum": list(values.values) if hasattr(values, "values") else list(values)}


def choice_query(values, default=None, description: str | None = None):
    """A filter taking one of ``values`` (a ``TextChoices`` class or a list), or empty for no filter. The schema
    lists them; the filter parser checks them (an unknown one is a 400 that lists them)."""
    return Field(default, max_length=40, json_schema_extra=one_of(["", *one_of(values)["enum"]]),
                 description=description)


def country_query(default=None, description: str = "ISO 3166-1 alpha-2 code, in either case"):
    """A ``country`` filter: two letters, or empty for no filter (an unknown code is a 400 from the filter parser,
    which names it)."""
    return Field(default, max_length=2, json_schema_extra={"pattern": "^([A-Za-z]{2})?$"}, description=description)


class Paging(LimitOffsetPagination):
    """``limit`` 1..100 (default 50) and ``offset`` 0..100 000; answers ``{"count": N, "items": [...]}``."""

    class Input(Schema):
        limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="How many items, at most")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="How many items to skip")

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
