"""The client's address behind trusted reverse proxies (``LIAISE_TRUSTED_PROXIES``), which every rate limit uses."""

import pytest
from django.test import Client, RequestFactory

from liaise.core.clients import client_address
from liaise.live import devices
from liaise.live.models import Board


@pytest.mark.parametrize(("trusted", "forwarded", "expected"), [
    (0, "198.51.100.7", "10.0.0.1"),  # no proxy: what the client says is ignored
    (1, "", "10.0.0.1"),  # a proxy that did not say
    (1, "198.51.100.7", "198.51.100.7"),
    (1, "203.0.113.9, 198.51.100.7", "198.51.100.7"),  # the client wrote the first one itself
    (2, "203.0.113.9, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
    (2, "198.51.100.7", "198.51.100.7"),  # fewer entries than proxies
    (1, "2001:db8::1", "2001:db8::1"),
    (1, "not-an-address", "10.0.0.1"),
    (1, " , ,", "10.0.0.1"),
])
def test_the_client_is_the_address_the_outermost_trusted_proxy_saw(settings, trusted, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == expected


def test_two_clients_behind_one_proxy_are_limited_separately(db, settings):
    settings.TRUSTED_PROXIES = 1
    settings.LIVE_RATE_LIMITS = {**settings.LIVE_RATE_LIMITS, "ask": {"device": 100, "ip": 2}}
    assert Board.objects.filter(code="BDXRTB", is_open=True).exists()

    def ask(address: str, n: int) -> int:
        return Client().post("/api/v1/live/BDXRTB/questions", {"text": f"From {address}, {n}"},
                             content_type="application/json", REMOTE_ADDR="10.0.0.1",
                             HTTP_X_FORWARDED_FOR=address, HTTP_X_LIAISE_DEVICE=devices.issue()).status_code

    assert [ask("198.51.100.7", n) for n in range(2)] == [201, 201]
    assert [ask("203.0.113.9", n) for n in range(2)] == [201, 201]  # not the first one's bucket
    assert ask("198.51.100.7", 3) == 429
    settings.TRUSTED_PROXIES = 0  # without the setting, everyone is the proxy: one bucket for the whole hall
    assert [ask("192.0.2.44", 4), ask("192.0.2.45", 5), ask("192.0.2.46", 6)] == [201, 201, 429]

