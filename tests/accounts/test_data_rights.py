"""Your data (issue 15): the export of everything Liaise holds about a person, and the erasure of their account —
on the page, over the API and with ``liaise personal-data`` — through the personal-data register."""

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from liaise.accounts import data_rights_service
from liaise.accounts.services import create_api_token
from liaise.core.personal_data import REGISTER
from liaise.core.schedule import JOBS
from liaise.events import queries as event_queries
from liaise.events import services as event_services
from liaise.events.models import Event, Registration
from liaise.learning.models import Certificate
from liaise.live import services as live_services
from liaise.live.models import Board, Question
from liaise.outreach.models import Consent, FeedKey, Subscriber
from liaise.pilots.models import Comment, Pilot
from tests.conftest import ROLE_EMAILS

User = get_user_model()
PARTICIPANT = ROLE_EMAILS["participant"]


def unzip(content: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name).decode() for name in archive.namelist()}


def dump() -> str:
    """Everything in the database, as ``liaise dumpdata`` writes it (sessions, tasks and the admin log included)."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return out.getvalue()


def mentions(text: str, user_email: str, full_name: str) -> list[str]:
    """Where ``text`` names the person (their name, not "Demo Participant 012", another demo registrant)."""
    pattern = f"{re.escape(user_email)}|{re.escape(full_name)}(?! \\d{{3}})"
    return [text[max(0, m.start() - 150):m.end() + 40] for m in re.finditer(pattern, text, re.I)]


@pytest.fixture
def participant(db):
    """The demo participant, with more of their life in Liaise: a second registration (made signed in, with its
    confirmation mail queued), a registration made with their address without signing in, a live question signed
    with their name, a comment on a pilot, a newsletter subscription with its consent, an API token, a feed key."""
    user = User.objects.get(email=PARTICIPANT)
    data = dict(country="BE", participant_type="practitioner", organisation="Ville de Liège",
                needs="Vegetarian meals", needs_consent=True, privacy_consent=True, gender="woman")
    event_services.register(Event.objects.get(slug="small-workshop"),
                            event_services.RegistrationData(name=user.full_name, email=user.email, **data), user=user,
                            base_url="http://testserver/")
    kick_off = Event.objects.get(slug="liaise-2-kick-off")
    Registration.objects.create(event=kick_off, name=user.full_name, email=user.email.upper(), country="BE",
                                participant_type="practitioner", privacy_version="2016-05",
                                status=Registration.Status.CONFIRMED, attended=kick_off.start)
    board = Board.objects.get(code="KICKQA")
    live_services.ask(board, "How do the partners share what works?", live_services.device_key("participant-phone"),
                      name=user.full_name)
    Comment.objects.create(pilot=Pilot.objects.filter(visibility="public").first() or Pilot.objects.first(),
                           author=user, text="A comment about local prevention teams.")
    subscriber = Subscriber.objects.create(email=user.email, confirmed_at=timezone.now())
    Consent.objects.create(subscriber=subscriber, text="I agree to receive the newsletter.", language="en")
    create_api_token(user, "my script")
    FeedKey.objects.create(user=user)
    return user


def event_figures(events) -> dict:
    return {event.slug: event_queries.event_stats(event) for event in events}


def test_every_app_that_holds_data_about_people_registers_an_exporter_and_an_eraser(db):
    expected = {"core", "account", "network", "events", "live", "learning", "pilots", "library", "reporting",
                "outreach"}
    assert set(REGISTER.exporters) == expected
    assert set(REGISTER.erasers) == expected


def test_every_model_that_points_at_a_user_belongs_to_an_app_with_an_eraser(db):
    from django.apps import apps
    from django.conf import settings

    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    holders = {
        model._meta.app_label for model in apps.get_models()
        if model.__module__.startswith("liaise.") and any(
            field.is_relation and field.related_model is user_model for field in model._meta.get_fields()
            if not field.auto_created or field.concrete)
    }
    assert holders  # (events, network, learning...)
    assert {"account" if label == "accounts" else label for label in holders} <= set(REGISTER.erasers)


def test_acceptance_export_then_erasure_leaves_no_trace_and_the_statistics_unchanged(participant, client):
    """The issue's acceptance test: a demo participant downloads their data and finds every registration and
    question of theirs; after the erasure a dump of the database holds neither their email nor their name, and
    the event statistics are unchanged."""
    email, name = participant.email, participant.full_name
    client.force_login(participant)
    page = client.get(reverse("accounts:your_data"))
    assert page.status_code == 200
    assert reverse("accounts:data_export") in page.content.decode()

    response = client.get(reverse("accounts:data_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="liaise-data-')
    files = unzip(response.content)
    assert set(files) == {"README.txt", *(f"{part}.json" for part in REGISTER.exporters)}
    for part in REGISTER.exporters:
        assert f"{part}.json" in files["README.txt"]
    exported = {part: json.loads(files[f"{part}.json"]) for part in REGISTER.exporters}
    assert exported["account"]["email"] == email
    assert [t["name"] for t in exported["account"]["api_tokens"]] == ["my script"]
    assert "key_hash" not in files["account.json"]

    mine = Registration.objects.filter(user=participant) | Registration.objects.filter(email__iexact=email)
    events = list(Event.objects.filter(registrations__in=mine).distinct())
    assert mine.count() == 3  # the demo training, the workshop (signed in), the kick-off (with the address only)
    assert sorted((r["event__slug"], r["status"]) for r in exported["events"]["registrations"]) == sorted(
        mine.values_list("event__slug", "status"))
    workshop = next(r for r in exported["events"]["registrations"] if r["event__slug"] == "small-workshop")
    assert workshop["needs"] == "Vegetarian meals"
    questions = exported["live"]["questions_signed_with_your_name"]
    assert [q["text"] for q in questions] == list(Question.objects.filter(name=name).values_list("text", flat=True))
    assert questions[0]["text"] == "How do the partners share what works?"
    assert [c["text"] for c in exported["pilots"]["comments"]] == ["A comment about local prevention teams."]
    assert exported["learning"]["certificates"][0]["name"] == name
    [subscription] = exported["outreach"]["newsletter_subscriptions"]
    assert subscription["consents"][0]["text"] == "I agree to receive the newsletter."

    figures = event_figures(events)
    certificates = Certificate.objects.count()
    assert mentions(dump(), email, name)  # (the check below can see them)

    answer = client.post(reverse("accounts:delete_account"), {"confirmation": email.upper()})
    assert answer.status_code == 200
    participant.refresh_from_db()
    assert participant.is_active is False
    grace = timedelta(days=data_rights_service.grace_days())
    assert participant.erasure_due - timezone.now() == pytest.approx(grace, abs=timedelta(minutes=1))
    assert client.get(reverse("accounts:your_data")).status_code == 302  # signed out

    assert data_rights_service.erase_due(now=participant.erasure_due - timedelta(seconds=1)) == 0
    assert data_rights_service.erase_due(now=participant.erasure_due + timedelta(seconds=1)) == 1

    assert not User.objects.filter(pk=participant.pk).exists()
    assert mentions(dump(), email, name) == []
    assert event_figures(events) == figures
    assert Certificate.objects.count() == certificates
    certificate = Certificate.objects.get(registration__event__slug=exported["learning"]["certificates"][0][
        "training__event__slug"], code=exported["learning"]["certificates"][0]["code"])
    assert certificate.revoked is not None
    assert certificate.name == ""
    assert Comment.objects.get(text="A comment about local prevention teams.").author is None
    assert Question.objects.get(text="How do the partners share what works?").name == ""
    assert not Subscriber.objects.filter(email__iexact=email).exists()
    verify = client.get(reverse("learning:verify", kwargs={"code": certificate.code}))
    assert verify.status_code == 200
    assert "revoked" in verify.content.decode()


def test_a_wrong_confirmation_deletes_nothing(login):
    client = login("participant")
    response = client.post(reverse("accounts:delete_account"), {"confirmation": "someone@else.example"})
    assert response.status_code == 400
    assert "Type your email address exactly" in response.content.decode()
    assert User.objects.get(email=PARTICIPANT).is_active is True
    assert client.get(reverse("accounts:your_data")).status_code == 200


def test_signing_in_during_the_grace_period_cancels_the_erasure(client, django_user_model):
    user = django_user_model.objects.create_user("leaving@example.org", "a long passphrase", full_name="Lea Ving")
    due = data_rights_service.request_erasure(user, "leaving@example.org")
    assert due > timezone.now()
    wrong = client.post(reverse("accounts:login"), {"username": "leaving@example.org", "password": "wrong one"})
    assert wrong.status_code == 200
    user.refresh_from_db()
    assert (user.is_active, user.erasure_due) == (False, due)

    right = client.post(reverse("accounts:login"), {"username": "leaving@example.org",
                                                    "password": "a long passphrase"}, follow=True)
    assert "your account will not be deleted" in right.content.decode()
    user.refresh_from_db()
    assert (user.is_active, user.erasure_due) == (True, None)
    assert data_rights_service.erase_due(now=due + timedelta(days=1)) == 0
    assert User.objects.filter(pk=user.pk).exists()


def test_the_request_is_mailed_and_the_daily_job_erases(db, django_user_model, settings):
    from django_tasks_db.models import DBTaskResult

    settings.LIAISE_ERASURE_GRACE_DAYS = 3
    user = django_user_model.objects.create_user("bye@example.org", "x", full_name="Bea Ye")
    due = data_rights_service.request_erasure(user, "bye@example.org", base_url="https://liaise.example/")
    assert (due - timezone.now()).days == 2  # three days, less the instant since
    [task] = DBTaskResult.objects.filter(args_kwargs__icontains="bye@example.org")
    assert "https://liaise.example/accounts/login/" in json.dumps(task.args_kwargs)
    assert JOBS["erase_accounts"].path == "liaise.accounts.data_rights_service.erase_due"
    from django.utils.module_loading import import_string

    assert import_string(JOBS["erase_accounts"].path)(now=due + timedelta(minutes=1)) == 1
    assert not DBTaskResult.objects.filter(args_kwargs__icontains="bye@example.org").exists()


# --- the API ----------------------------------------------------------------------------------------------------

def test_api_export_and_erasure_with_a_token(participant, client):
    _token, raw = create_api_token(participant, "api test")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    response = client.get("/api/v1/me/data", **auth)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert json.loads(unzip(response.content)["account.json"])["email"] == PARTICIPANT

    bad = client.post("/api/v1/me/erasure", {"confirmation": "nope@example.org"}, content_type="application/json",
                      **auth)
    assert (bad.status_code, bad.json()["field"]) == (400, "confirmation")
    malformed = client.post("/api/v1/me/erasure", {}, content_type="application/json", **auth)
    assert malformed.status_code == 422
    assert "confirmation" in malformed.json()["detail"]
    assert User.objects.get(pk=participant.pk).is_active is True

    done = client.post("/api/v1/me/erasure", {"confirmation": PARTICIPANT}, content_type="application/json", **auth)
    assert done.status_code == 202
    assert done.json()["erasure_due"]
    assert client.get("/api/v1/me/data", **auth).status_code == 401  # the account is inactive now


def test_api_asks_anonymous_callers_to_sign_in(client):
    response = client.get("/api/v1/me/data")
    assert response.status_code == 401
    assert "Sign in" in response.json()["detail"]


# --- the CLI ----------------------------------------------------------------------------------------------------

def test_cli_export_writes_the_zip(participant, tmp_path):
    target = tmp_path / "answer.zip"
    out = io.StringIO()
    call_command("personal-data", "export", PARTICIPANT.upper(), "-o", str(target), stdout=out)
    assert out.getvalue().strip() == str(target.resolve())
    files = unzip(target.read_bytes())
    assert json.loads(files["account.json"])["email"] == PARTICIPANT


def test_cli_refuses_an_unknown_address(db):
    with pytest.raises(CommandError, match=re.escape("no account has the email address 'nobody@example.org'")):
        call_command("personal-data", "export", "nobody@example.org", "-o", "/dev/null")
    with pytest.raises(CommandError, match="no account"):
        call_command("personal-data", "erase", "nobody@example.org", "--yes")


def test_cli_erase_asks_for_confirmation(participant, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "someone@else.example")
    with pytest.raises(CommandError, match="not confirmed"):
        call_command("personal-data", "erase", PARTICIPANT, stdout=io.StringIO())
    assert User.objects.filter(email=PARTICIPANT).exists()

    monkeypatch.setattr("builtins.input", lambda prompt: PARTICIPANT)
    out = io.StringIO()
    call_command("personal-data", "erase", PARTICIPANT, stdout=out)
    assert f"Erased the account of {PARTICIPANT}" in out.getvalue()
    assert not User.objects.filter(email=PARTICIPANT).exists()


def test_cli_erase_with_yes_erases_at_once_without_a_grace_period(participant):
    events = list(Event.objects.filter(registrations__in=Registration.objects.filter(
        email__iexact=PARTICIPANT)).distinct())
    figures = event_figures(events)
    call_command("personal-data", "erase", PARTICIPANT, "--yes", stdout=io.StringIO())
    assert not User.objects.filter(email=PARTICIPANT).exists()
    assert not Registration.objects.filter(email__iexact=PARTICIPANT).exists()
    assert Registration.objects.filter(name=Registration.ERASED_NAME, event__in=events).count() == 3
    assert event_figures(events) == figures
    assert mentions(dump(), PARTICIPANT, "Demo Participant") == []


def test_exports_and_deletions_are_in_the_audit_log_without_the_persons_name(login, django_user_model):
    from liaise.core.models import AuditEntry

    def actions():
        return [(e.additional_data["action"], e.actor_id) for e in
                AuditEntry.objects.filter(action=AuditEntry.Action.ACCESS).order_by("timestamp", "pk")]

    client = login("participant")
    user = django_user_model.objects.get(email=ROLE_EMAILS["participant"])
    assert client.get(reverse("accounts:data_export")).status_code == 200
    assert actions() == [("export_downloaded", user.pk)]
    data_rights_service.request_erasure(user, user.email)
    data_rights_service.cancel_erasure(user)
    data_rights_service.erase(user)
    assert [a for a, _actor in actions()] == ["export_downloaded", "account_deletion_requested",
                                              "account_deletion_cancelled", "account_deleted"]
    assert actions()[-1][1] is None  # erased by the controller or the daily job, not the person
    text = json.dumps([[e.object_repr, e.additional_data, e.changes] for e in AuditEntry.objects.all()],
                      default=str).lower()
    assert user.email.lower() not in text and user.full_name.lower() not in text
