"""The user's language (issue 18): stored on the account — chosen on the profile page, through the API, by moving
to another language with the switcher, at sign-up and at a first sign-in — and every mail to them written in it."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from liaise.accounts import retention, services
from liaise.core.mail import language_for
from liaise.core.tasks import run_pending
from liaise.events.models import Event, Registration
from tests.conftest import ROLE_EMAILS
from tests.factories import UserFactory

HOST = "testserver"
PASSWORD = "a-long-and-unusual-passphrase"


@pytest.fixture
def french_user(db):
    return UserFactory(email="amelie@example.org", full_name="Amélie Martin", language="fr")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_language_a_mail_is_written_in():
    french, undecided = get_user_model()(language="fr"), get_user_model()(language="")
    assert [language_for(french, "de"), language_for(undecided, "de"), language_for(None, "it"),
            language_for(None, ""), language_for(None, "pt"), language_for(undecided, None)] == [
        "fr", "de", "it", "en", "en", "en"]


def test_the_profile_page_changes_the_language_and_moves_the_site_to_it(french_user):
    client = _client(french_user)
    page = client.get(reverse("accounts:profile"))
    assert page.status_code == 200
    assert '<option value="fr" selected>Français</option>' in page.content.decode()
    response = client.post(reverse("accounts:profile"), {"full_name": "Amélie M.", "language": "de"})
    assert response.status_code == 302
    assert response["Location"] == "/de/accounts/profile/"
    assert response.cookies["django_language"].value == "de"
    french_user.refresh_from_db()
    assert (french_user.full_name, french_user.language) == ("Amélie M.", "de")


def test_the_profile_form_says_what_is_wrong_next_to_the_field(french_user):
    response = _client(french_user).post(reverse("accounts:profile"), {"full_name": " ", "language": "pt"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_full_name_error"' in body and 'id="id_language_error"' in body
    french_user.refresh_from_db()
    assert (french_user.full_name, french_user.language) == ("Amélie Martin", "fr")


def test_the_api_shows_and_changes_the_language(french_user):
    client = _client(french_user)
    me = client.get("/api/v1/me").json()
    assert me == {"email": "amelie@example.org", "full_name": "Amélie Martin", "language": "fr",
                  "languages": ["en", "fr", "es", "de", "it"]}
    changed = client.patch("/api/v1/me", json.dumps({"language": "it"}), content_type="application/json")
    assert changed.status_code == 200
    assert (changed.json()["language"], changed.json()["full_name"]) == ("it", "Amélie Martin")
    bad = client.patch("/api/v1/me", json.dumps({"language": "klingon"}), content_type="application/json")
    assert bad.status_code == 400
    assert (bad.json()["field"], bad.json()["detail"]) == (
        "language", "Choose one of these languages: en, fr, es, de, it.")
    for name in ("", " ", "Amélie\x00"):
        refused = client.patch("/api/v1/me", json.dumps({"full_name": name}), content_type="application/json")
        assert (refused.status_code, refused.json()["field"]) == (400, "full_name")
    french_user.refresh_from_db()
    assert (french_user.full_name, french_user.language) == ("Amélie Martin", "it")
    assert Client().get("/api/v1/me").status_code == 401


def test_switching_language_while_signed_in_is_stored_on_the_account(french_user):
    client = _client(french_user)
    # the visitor clicks "ES" in the switcher on a French page
    response = client.get("/es/events/", HTTP_REFERER=f"http://{HOST}/fr/events/")
    assert response.status_code == 200
    french_user.refresh_from_db()
    assert french_user.language == "es"
    # an arrival from elsewhere (a link in a mail) is not a choice, nor is a script's call to the API from a page
    client.get("/de/events/")
    assert client.get("/api/v1/events", HTTP_REFERER=f"http://{HOST}/es/events/").status_code == 200
    french_user.refresh_from_db()
    assert french_user.language == "es"


def test_a_first_sign_in_records_the_language_and_a_chosen_one_leads_the_way(db):
    undecided = UserFactory(email="undecided@example.org", language="")
    undecided.set_password(PASSWORD)
    undecided.save()
    client = Client()
    response = client.post("/it/accounts/login/", {"username": "undecided@example.org", "password": PASSWORD})
    assert response.status_code == 302
    undecided.refresh_from_db()
    assert undecided.language == "it"
    # someone who chose French signs in on the English page: they land on the French dashboard
    french = UserFactory(email="french@example.org", language="fr")
    french.set_password(PASSWORD)
    french.save()
    response = Client().post("/accounts/login/", {"username": "french@example.org", "password": PASSWORD})
    assert response["Location"] == "/fr/my/"
    assert response.cookies["django_language"].value == "fr"  # and their next arrival from elsewhere
    french.refresh_from_db()
    assert french.language == "fr"


def test_a_sign_up_gets_the_language_of_its_page(db):
    client = Client()
    client.post("/de/accounts/signup/", {"email": "neu@example.org", "full_name": "Neu Ling"})
    run_pending()
    assert mail.outbox[0].subject == "Erstellen Sie Ihr Liaise-Konto"
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/signup/" in line)
    path = "/" + link.split("/", 3)[3]
    assert path.startswith("/de/accounts/signup/")
    client.post(path, {"password1": PASSWORD, "password2": PASSWORD})
    assert get_user_model().objects.get(email="neu@example.org").language == "de"


def test_a_french_user_registering_from_the_english_site_gets_the_french_confirmation(french_user):
    event = Event.objects.get(slug="small-workshop")
    response = _client(french_user).post(f"/events/{event.slug}/register/", {
        "name": "Amélie Martin", "email": "amelie@example.org", "country": "FR",
        "participant_type": "local_authority", "privacy_consent": "on"})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event, email="amelie@example.org")
    assert (registration.user, registration.language) == (french_user, "en")
    with translation.override("de"):  # the worker writes the mail later, whatever language it runs in
        run_pending()
    with translation.override("fr"):
        expected = f"Votre inscription à {event.title} est confirmée"
    assert [m.subject for m in mail.outbox] == [expected]


def test_a_registration_without_account_keeps_the_language_it_was_made_in(db):
    event = Event.objects.get(slug="small-workshop")
    Client().post(f"/it/events/{event.slug}/register/", {
        "name": "Gianni", "email": "gianni@example.org", "country": "IT",
        "participant_type": "local_authority", "privacy_consent": "on"})
    run_pending()
    with translation.override("it"):
        from liaise.events.services import _subject

        assert [m.subject for m in mail.outbox] == [_subject("confirmed", event)]


def test_a_password_reset_is_written_in_the_accounts_language(french_user):
    Client().post(reverse("accounts:password_reset"), {"email": "amelie@example.org"})
    run_pending()
    assert [m.subject for m in mail.outbox] == ["Votre nouveau mot de passe Liaise"]


def test_the_inactivity_warning_written_by_the_worker_uses_the_stored_language(french_user, settings):
    long_ago = timezone.now() - timedelta(days=40 * 31)
    get_user_model().objects.filter(pk=french_user.pk).update(last_login=long_ago, date_joined=long_ago)
    get_user_model().objects.exclude(pk=french_user.pk).update(last_login=timezone.now())
    retention.close_inactive_accounts()
    run_pending()
    with translation.override("fr"):
        from django.template.loader import render_to_string

        expected = render_to_string("accounts/inactive_subject.txt").strip()
    assert [(m.to, m.subject) for m in mail.outbox] == [(["amelie@example.org"], expected)]


def test_a_pilot_comment_notice_reaches_each_owner_in_their_language(login):
    from liaise.pilots.models import Pilot
    from liaise.pilots.services import comment_on_pilot, pilot_owners

    pilot = Pilot.objects.get(slug="bordeaux-young-voices-against-hate-speech")
    owners = list(pilot_owners(pilot))
    get_user_model().objects.filter(pk=owners[0].pk).update(language="fr")
    expert = get_user_model().objects.get(email=ROLE_EMAILS["expert"])
    with translation.override("en"):
        comment_on_pilot(pilot, expert, "Interesting.", base_url="http://testserver/")
    run_pending()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[owners[0].email].startswith("Nouveau commentaire sur votre projet pilote")
    assert "/fr/pilots/" in next(m for m in mail.outbox if m.to == [owners[0].email]).body


def test_choose_language_ignores_what_the_interface_does_not_offer(french_user):
    assert services.choose_language(french_user, "pt") is False
    assert services.choose_language(french_user, "fr") is False
    assert services.choose_language(french_user, "en") is True
    french_user.refresh_from_db()
    assert french_user.language == "en"
