"""An error of the family (liaise.core.errors) that no view caught becomes a page with its status and message."""

from django.test import RequestFactory

from liaise.core.errors import Conflict, NotFound
from liaise.web.middleware import ErrorPageMiddleware


def test_an_uncaught_refusal_is_a_page_with_its_status(db):
    middleware = ErrorPageMiddleware(lambda request: None)
    request = RequestFactory().get("/events/")
    page = middleware.process_exception(request, Conflict("This event is full."))
    assert page.status_code == 409
    assert "This event is full." in page.content.decode()
    assert middleware.process_exception(request, NotFound("Gone.")).status_code == 404


def test_the_api_and_other_errors_are_left_alone(db):
    middleware = ErrorPageMiddleware(lambda request: None)
    assert middleware.process_exception(RequestFactory().get("/api/v1/events"), Conflict("Full.")) is None
    assert middleware.process_exception(RequestFactory().get("/events/"), ValueError("a bug")) is None
