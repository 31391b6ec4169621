"""``/healthz``, the load balancer's health check: 200 when the database and the cache answer, 503 otherwise; and
each `liaise serve` on one host gets a gunicorn control socket of its own."""

import pytest

from liaise.web.management.commands import serve


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Overrides the suite's autouse fixture: some tests here run without the database."""


def test_a_healthy_node_answers_200_and_is_not_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response


def test_a_head_request_is_enough(client, db):
    assert client.head("/healthz").status_code == 200


def test_an_unreachable_cache_answers_503(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:9/0", "OPTIONS": {"socket_connect_timeout": 1}}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "cache": "unreachable",
                               "detail": "This node cannot serve: cache."}


def test_a_database_it_cannot_use_answers_503(client):
    # no `db` fixture: pytest-django refuses every query, as a database that went away would
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable", "cache": "ok",
                               "detail": "This node cannot serve: database."}


def test_each_server_gets_a_control_socket_of_its_own(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    run = tmp_path / "run"
    assert serve.control_socket("127.0.0.1", 8000) == ["--control-socket", f"{run}/gunicorn-127.0.0.1-8000.ctl"]
    assert serve.control_socket("::1", 8002) == ["--control-socket", f"{run}/gunicorn-__1-8002.ctl"]
    assert (tmp_path / "run").is_dir()


def test_a_data_dir_too_deep_for_a_unix_socket_gets_none(settings, tmp_path):
    settings.DATA_DIR = tmp_path / ("d" * 120)
    assert serve.control_socket("127.0.0.1", 8000) == ["--no-control-socket"]
