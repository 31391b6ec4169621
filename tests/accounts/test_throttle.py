"""Sign-in throttling (django-axes, liaise.accounts.throttle) and password-reset mail limits (liaise.core.ratelimit):
counted per account and client address, the lock-out refuses even the right password, and a throttled reset answers
exactly as an accepted one."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt, AccessLog
from django.core import mail
from django.test import Client
from django.utils import timezone

from liaise.core import ratelimit
from liaise.core.models import RateCount
from liaise.core.platform_data import purge_login_attempts
from liaise.core.tasks import run_pending

LOGIN = "/accounts/login/"
EMAIL = "coordinator@efus.example"


def attempt(client, password, email=EMAIL, address="203.0.113.7"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=address)


@pytest.fixture
def limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LIAISE_LOGIN_FAILURES_PER_ADDRESS = 6
    return settings


def test_the_right_password_is_refused_once_locked_out(db, limits):
    client = Client()
    for _ in range(2):
        response = attempt(client, "wrong")
        assert response.status_code == 200
        assert "do not match an account" in response.content.decode()
    response = attempt(client, "wrong")  # the third failure locks the pair out
    assert response.status_code == 429
    assert "Too many failed sign-ins." in response.content.decode()
    response = attempt(client, "demo")  # the right password, now: refused without a check
    assert response.status_code == 429
    assert "try again in 30 minutes" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    # the same account from another address, and another account from this one, still sign in
    assert attempt(Client(), "demo", address="198.51.100.9").status_code == 302
    assert attempt(Client(), "demo", email="participant@example.org").status_code == 302


def test_the_lock_out_is_translated(db, limits):
    client = Client()
    for _ in range(3):
        attempt(client, "wrong")
    response = client.post("/fr/accounts/login/", {"username": EMAIL, "password": "demo"}, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert 'lang="fr"' in response.content.decode()


def test_a_success_before_the_limit_starts_the_count_again(db, limits):
    client = Client()
    attempt(client, "wrong")
    attempt(client, "wrong")
    assert attempt(client, "demo").status_code == 302
    client.post("/accounts/logout/")
    assert [attempt(client, "wrong").status_code for _ in range(3)] == [200, 200, 429]
    assert AccessLog.objects.count() == 0  # successful sign-ins are not recorded


def test_one_address_trying_many_accounts_is_locked_out_for_all(db, limits):
    client = Client()
    statuses = [attempt(client, "wrong", email=f"guess{i}@example.org").status_code for i in range(6)]
    assert statuses == [200] * 5 + [429]
    assert attempt(client, "demo", email="participant@example.org").status_code == 429
    assert attempt(Client(), "demo", email="participant@example.org", address="198.51.100.9").status_code == 302


def test_the_address_comes_from_the_trusted_proxy(db, limits):
    limits.TRUSTED_PROXIES = 1
    client = Client()
    for _ in range(3):
        client.post(LOGIN, {"username": EMAIL, "password": "wrong"}, REMOTE_ADDR="10.0.0.1",
                    HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}
    # another client behind the same proxy is not locked out
    response = client.post(LOGIN, {"username": EMAIL, "password": "demo"}, REMOTE_ADDR="10.0.0.1",
                           HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 302


def test_failures_are_kept_only_while_they_count(db, limits):
    client = Client()
    attempt(client, "wrong", email="Coordinator@EFUS.example")
    row = AccessAttempt.objects.get()
    assert (row.username, row.ip_address) == (EMAIL, "203.0.113.7")
    assert "wrong" not in row.post_data and EMAIL not in row.post_data
    assert purge_login_attempts(timezone.now() + timedelta(minutes=29)) == 0
    assert purge_login_attempts(timezone.now() + timedelta(minutes=31)) == 1


def reset(client, email, address="203.0.113.7"):
    return client.post("/accounts/password/reset/", {"email": email}, REMOTE_ADDR=address)


def test_reset_mails_are_limited_per_account_with_the_same_answer(db, settings):
    settings.LIAISE_RESET_PER_ACCOUNT = 3
    client = Client()
    answers = [reset(client, "partner@bordeaux.example", address=f"203.0.113.{i}") for i in range(5)]
    assert {(r.status_code, r["Location"]) for r in answers} == {(302, "/accounts/password/reset/sent/")}
    run_pending()
    assert len(mail.outbox) == 3
    unknown = [reset(client, "nobody@example.org", address=f"198.51.100.{i}") for i in range(5)]
    assert {(r.status_code, r["Location"]) for r in unknown} == {(302, "/accounts/password/reset/sent/")}
    run_pending()
    assert len(mail.outbox) == 3
    assert not RateCount.objects.filter(key__contains="bordeaux").exists()  # only HMACs are stored


def test_reset_mails_are_limited_per_address(db, settings):
    settings.LIAISE_RESET_PER_ADDRESS = 2
    client = Client()
    emails = ["partner@bordeaux.example", "participant@example.org", EMAIL]
    answers = [reset(client, email) for email in emails]
    assert [r.status_code for r in answers] == [302, 302, 302]
    run_pending()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(emails[:2])
    reset(client, EMAIL, address="198.51.100.1")
    run_pending()
    assert len(mail.outbox) == 3


def test_rate_windows_end_and_are_purged(db):
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    assert [ratelimit.allow("t", "x", 2, 3600, now=now) for _ in range(3)] == [True, True, False]
    assert ratelimit.allow("t", "x", 2, 3600, now=now + timedelta(hours=1)) is True
    assert ratelimit.purge(now=now + timedelta(hours=1, minutes=30)) == 1  # the first window
    assert ratelimit.purge(now=now + timedelta(hours=3)) == 1


def test_signup_mails_are_limited_with_the_same_answer(db, settings):
    settings.LIAISE_RESET_PER_ACCOUNT = 2
    client = Client()
    answers = [client.post("/accounts/signup/", {"email": "new@example.org", "full_name": "New Person"},
                           REMOTE_ADDR=f"203.0.113.{i}") for i in range(4)]
    assert [r.status_code for r in answers] == [200] * 4
    assert len({r.content for r in answers}) == 1
    run_pending()
    assert len(mail.outbox) == 2
