"""Schemathesis over the API's OpenAPI schema, with every check on, against the test database (the demo, loaded
by tests/conftest.py): no undocumented status code, no answer that breaks its schema, no server error, and the
schema's promises about input hold (what it allows is taken, what it forbids is refused).

The settings (and the one narrow exception, explained there) are in schemathesis.toml at the root of the
repository, shared with a run by hand of the CLI against a dev server. The numbers of examples here are kept
small, so that the module takes well under a minute.
"""

from pathlib import Path

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from liaise.live import devices
from liaise.wsgi import application

CONFIG = SchemathesisConfig.from_path(Path(__file__).resolve().parents[2] / "schemathesis.toml")
PHONE = devices.issue()


def a_phone_in_the_hall(environ, start_response):
    """The application, called as a phone that has read the board's page: it sends back the device identity the
    server gave it (a live Q&A write without one is refused with a 400, tested in tests/live)."""
    environ.setdefault("HTTP_X_LIAISE_DEVICE", PHONE)
    return application(environ, start_response)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", a_phone_in_the_hall, config=CONFIG)

QUICK = {
    "deadline": None,
    "derandomize": True,  # the same examples on every run: a failure here is a finding, never a fluke
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                              HealthCheck.filter_too_much, HealthCheck.data_too_large],
}


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # Schemathesis calls the WSGI application itself (not Django's test client, which does the same): a request's
    # end must not close the connection that holds the test's transaction (PostgreSQL would lose it).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _rate_limits_off(settings):
    # The live Q&A's per-minute limits would soon turn the writes into 429s (documented, and tested in tests/live);
    # here the writes themselves are under test.
    settings.LIVE_RATE_LIMITS = {kind: {"device": 100_000, "ip": 100_000} for kind in settings.LIVE_RATE_LIMITS}


@schema.parametrize()
@settings(max_examples=25, **QUICK)
def test_each_operation_keeps_its_schema(case, db):
    """Every operation, GET and unsafe ones, through the examples, coverage and fuzzing phases."""
    case.call_and_validate()


Workflows = schema.as_state_machine()


def test_workflows_keep_the_schema(db):
    """Sequences that follow the schema's links (ask a question, then vote for it, report it, ...), with the
    checks that need them (a deleted resource stays gone, a created one is there)."""
    Workflows.run(settings=settings(max_examples=15, stateful_step_count=8, **QUICK))
