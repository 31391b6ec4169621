"""Self-registration of participants (issue 17, optional): the address is proved by a signed link."""

import time

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.urls import reverse

from liaise.accounts import services
from liaise.core.tasks import run_pending
from tests.conftest import ROLE_EMAILS

SIGNUP = reverse("accounts:signup")
PASSWORD = "a-long-and-unusual-passphrase"


def _link(message) -> str:
    return next(line for line in message.body.splitlines() if "/accounts/signup/" in line)


def test_sign_up_by_email_link_then_signed_in(login):
    visitor = login("anonymous")
    assert SIGNUP in visitor.get(reverse("accounts:login")).content.decode()
    response = visitor.post(SIGNUP, {"email": "Newcomer@Example.org", "full_name": "New Comer"})
    assert response.status_code == 200
    assert "We sent an email to" in response.content.decode()
    assert get_user_model().objects.filter(email="newcomer@example.org").exists() is False
    run_pending()
    assert len(mail.outbox) == 1
    path = "/" + _link(mail.outbox[0]).split("/", 3)[3]
    assert visitor.get(path).status_code == 200
    weak = visitor.post(path, {"password1": "12345678", "password2": "12345678"})
    assert weak.status_code == 400
    done = visitor.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302
    assert done.url == reverse("web:dashboard")
    user = get_user_model().objects.get(email="newcomer@example.org")
    assert (user.full_name, user.is_staff, user.project_roles.count()) == ("New Comer", False, 0)
    assert visitor.get(reverse("web:dashboard")).wsgi_request.user == user
    used = login("anonymous").get(path)
    assert used.status_code == 409
    assert "already has an account" in used.content.decode()


def test_an_existing_address_gets_a_reminder_and_the_page_says_the_same(login):
    response = login("anonymous").post(SIGNUP, {"email": ROLE_EMAILS["participant"], "full_name": "X"})
    assert response.status_code == 200
    assert "We sent an email to" in response.content.decode()
    run_pending()
    assert "already has one" in mail.outbox[0].body
    assert "/accounts/signup/" not in mail.outbox[0].body


def test_forged_and_expired_links_say_so(login, settings):
    forged = login("anonymous").get(reverse("accounts:signup_confirm", kwargs={"token": "forged"}))
    assert forged.status_code == 404
    assert "not valid" in forged.content.decode()
    settings.LIAISE_SIGNUP_DAYS = 1

    class TwoDaysAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 2 * 24 * 3600)

    token = TwoDaysAgo(salt=services.SIGNUP_SALT).sign_object({"e": "late@example.org", "n": "Late"})
    expired = login("anonymous").get(reverse("accounts:signup_confirm", kwargs={"token": token}))
    assert expired.status_code == 409
    assert "has expired" in expired.content.decode()


def test_sign_up_can_be_closed(login, settings):
    settings.LIAISE_SIGNUP = False
    assert login("anonymous").get(SIGNUP).status_code == 404
    assert SIGNUP not in login("anonymous").get(reverse("accounts:login")).content.decode()
