import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction

from liaise.accounts import services
from liaise.accounts.models import ApiToken
from liaise.core.tasks import run_pending


def test_login_with_email_any_case(client):
    response = client.post("/accounts/login/", {"username": "Coordinator@Efus.example", "password": "demo"})
    assert response.status_code == 302
    assert response.wsgi_request.user.email == "coordinator@efus.example"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"username": "coordinator@efus.example", "password": "wrong"}, "do not match an account"),
        ({"username": "nobody@example.org", "password": "demo"}, "do not match an account"),
        ({"username": "not an email", "password": "demo"}, "Enter a valid email address"),
        ({"username": "", "password": ""}, "This field is required"),
    ],
)
def test_bad_login_attempts_get_a_clear_message(client, data, message):
    response = client.post("/accounts/login/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_passwords_are_hashed_with_argon2(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = get_user_model().objects.create_user("new@example.org", "a long passphrase")
    assert user.password.startswith("argon2")


def test_email_is_unique_whatever_its_case(db):
    User = get_user_model()
    User.objects.create_user("Case@Example.org", "x")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(email="CASE@example.org")


def test_password_reset_sends_a_working_link(client):
    response = client.post("/accounts/password/reset/", {"email": "partner@bordeaux.example"})
    assert response.status_code == 302
    run_pending()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "a-much-longer-password", "new_password2": "x"})
    assert "The two password fields didn’t match" in response.content.decode()
    response = client.post(form_url, {"new_password1": "a-much-longer-password",
                                      "new_password2": "a-much-longer-password"})
    assert response.status_code == 302
    response = client.post("/accounts/login/", {"username": "partner@bordeaux.example",
                                                "password": "a-much-longer-password"})
    assert response.status_code == 302
    assert response.wsgi_request.user.email == "partner@bordeaux.example"


def test_password_reset_for_unknown_email_says_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    run_pending()
    assert mail.outbox == []


def test_logout_is_a_post(login):
    client = login("participant")
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/accounts/tokens/").status_code == 302


def test_api_tokens_page_creates_shows_once_and_revokes(login):
    client = login("participant")
    response = client.post("/accounts/tokens/", {"name": "reporting script"})
    html = response.content.decode()
    raw = re.search(r'<code class="token">(lia_[^<]+)</code>', html).group(1)
    token = ApiToken.objects.get(name="reporting script")
    assert token.key_hash != raw and raw not in token.key_hash
    assert services.authenticate_token(raw).email == "participant@example.org"
    assert raw not in client.get("/accounts/tokens/").content.decode()
    client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert services.authenticate_token(raw) is None


def test_api_token_needs_a_name_and_revoking_others_tokens_is_refused(login, django_user_model):
    client = login("participant")
    response = client.post("/accounts/tokens/", {"name": ""})
    assert "This field is required" in response.content.decode()
    assert ApiToken.objects.count() == 0
    other = django_user_model.objects.get(email="expert@experts.example")
    token, raw = services.create_api_token(other, "theirs")
    response = client.post(f"/accounts/tokens/{token.pk}/revoke/", follow=True)
    assert "does not exist or is not yours" in response.content.decode()
    assert services.authenticate_token(raw) == other
