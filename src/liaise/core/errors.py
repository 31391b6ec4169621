"""The one family of errors a person is meant to read.

Services and the filter parser (``liaise.core.filters``) refuse with a subclass of ``LiaiseError``: a message for
a person (already translated), the HTTP status it answers with, and optionally the input ``field`` it is about.
Each app's own error class (``RegistrationError``, ``LiveError``, ``PilotError``...) is a subclass, so callers may
catch either. The family is mapped once for each interface:

- the API (``liaise.api.api``): ``{"detail": message}`` (plus ``"field"`` when set) with ``exc.status``;
- pages: ``add_to_form(form, exc)`` puts the message next to its field (or above the form), and an error nobody
  caught becomes a page with its status (``liaise.web.middleware.ErrorPageMiddleware``).
"""

from __future__ import annotations

import contextlib


class LiaiseError(Exception):
    """A refusal with a message for a person. ``status`` is the HTTP status it answers with; ``field`` names the
    input it is about (a form field, a query parameter or a body property), when there is one."""

    status = 400

    def __init__(self, message: str, field: str | None = None, status: int | None = None):
        super().__init__(message)
        self.field = field
        if status is not None:
            self.status = status

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else ""

    def as_dict(self) -> dict[str, str]:
        """The JSON body the API answers with."""
        data = {"detail": self.message}
        if self.field:
            data["field"] = self.field
        return data


class InvalidInput(LiaiseError):
    """The input is refused: an unknown filter value, a form value a service will not take (400)."""

    status = 400


class Forbidden(LiaiseError):
    """The user may see the thing but not do this to it (403)."""

    status = 403


class NotFound(LiaiseError):
    """There is nothing here the user may see (404); never say which of the two."""

    status = 404


class Conflict(LiaiseError):
    """The request is sound but the state of things refuses it now: full, closed, already done (409)."""

    status = 409


class TooManyRequests(LiaiseError):
    """Too many attempts in too little time (429)."""

    status = 429


def add_to_form(form, exc: LiaiseError) -> None:
    """Show ``exc`` on ``form``: next to its field when the form has that field, else above the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@contextlib.contextmanager
def saved_once():
    """Around a save that full_clean() checked: two requests saving the same unique thing at the same moment (a
    double submit) pass the check together, and the database refuses the second. That refusal becomes a
    ``Conflict`` with a message, in a savepoint, so the rest of the transaction goes on — never a 500."""
    from django.db import IntegrityError, transaction
    from django.utils.translation import gettext as _

    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise Conflict(_("The same change was just saved from elsewhere (perhaps a second click): reload the "
                         "page to see it.")) from exc
