"""The register of personal data: every model holding personal data is declared, each declared retention policy
does what the privacy page says on real rows, and the page shows the register with the configured periods."""

from datetime import timedelta
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import models
from django.db.models.functions import Lower
from django.test import Client
from django.test.utils import isolate_apps
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from liaise.accounts import retention as accounts_retention
from liaise.core import personal_data
from liaise.core.personal_data import REGISTER, apply_retention, holds_personal_data, months_before
from liaise.events import services
from liaise.events.models import NEEDS_CONSENT_TEXT, Event, Registration
from liaise.live.models import Board, Change
from liaise.outreach.models import Subscriber
from liaise.reporting.metrics import breakdowns

User = get_user_model()


# --- completeness ----------------------------------------------------------------------------------------------

def test_every_installed_model_holding_personal_data_is_declared():
    assert personal_data.undeclared_models() == [], (
        "These models hold personal data (a relation to the user, or an email, name, needs or IP address field) "
        "but have no declaration: add one to the app's personal_data.py (see liaise.core.personal_data).")


def make_model(model_name, **fields):
    meta = type("Meta", (), {"app_label": "core"})
    return type(model_name, (models.Model,), {"__module__": __name__, "Meta": meta, **fields})


@isolate_apps("liaise.core")
def test_a_new_model_with_personal_data_and_no_declaration_is_named():
    new = [
        make_model("Signature", signer=models.ForeignKey(User, on_delete=models.CASCADE)),  # a relation to the user
        make_model("Contact", reply_to=models.EmailField()),  # an email field under any name
        make_model("Visit", address=models.GenericIPAddressField()),  # an IP address
        make_model("Reviewers", people=models.ManyToManyField(User)),  # a many-to-many to the user
        make_model("Note", author=models.IntegerField()),  # a field named like personal data
        make_model("Colour", name=models.CharField(max_length=20)),  # nothing about anyone
    ]
    assert personal_data.undeclared_models(new) == [
        "core.Contact", "core.Note", "core.Reviewers", "core.Signature", "core.Visit"]
    assert not holds_personal_data(new[-1])


def test_each_declaration_names_a_real_model_its_fields_settings_and_retention_function():
    assert len(REGISTER.declarations) >= 35
    for key, declaration in REGISTER.declarations.items():
        model = apps.get_model(declaration.model)
        assert model._meta.label_lower == key
        names = {f.name for f in model._meta.get_fields()}
        assert set(declaration.fields) <= names, (key, set(declaration.fields) - names)
        assert all(str(text).strip() for text in (declaration.data, declaration.purpose, declaration.legal_basis,
                                                   declaration.audience))
        assert "%(" not in declaration.retention.describe(), key  # every period filled in
        if declaration.retention.apply:
            assert callable(import_string(declaration.retention.apply))


def test_third_party_models_are_declared_only_once_installed():
    assert ("axes.accessattempt" in REGISTER.declarations) == apps.is_installed("axes")
    # django-auditlog writes our own entry model (AUDITLOG_LOGENTRY_MODEL), declared by core/audit.py
    assert "core.auditentry" in REGISTER.declarations


def test_months_before_counts_calendar_months():
    moment = timezone.now().replace(year=2026, month=3, day=31)
    assert months_before(moment, 1).date().isoformat() == "2026-02-28"
    assert months_before(moment, 12).date().isoformat() == "2025-03-31"
    assert months_before(moment, 36).year == 2023


# --- registrations ---------------------------------------------------------------------------------------------

@pytest.fixture
def small(db) -> Event:
    return Event.objects.get(slug="small-workshop")


def register(event, email, **more):
    return services.register(event, services.RegistrationData(
        name="Ana Demo", email=email, country="PT", participant_type="local_authority", gender="woman",
        privacy_consent=True, **more))


def end_event(event, ago):
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(start=now - ago - timedelta(hours=8), end=now - ago)


def test_registrations_are_anonymised_after_the_configured_months_cancelled_ones_too(small, settings):
    settings.LIAISE_RETAIN_REGISTRATIONS_MONTHS = 12
    kept = register(small, "ana@example.org", needs="wheelchair", needs_consent=True)
    cancelled = register(small, "bo@example.org")
    services.cancel(cancelled)
    participant = User.objects.get(email="participant@example.org")
    Registration.objects.filter(pk=kept.pk).update(user=participant)
    services.anonymise_registrations()  # (the demo's past events)
    end_event(small, timedelta(days=300))
    assert services.anonymise_registrations() == 0  # 10 months: too early
    end_event(small, timedelta(days=370))
    assert services.anonymise_registrations() == 2
    for registration in (kept, cancelled):
        registration.refresh_from_db()
        assert (registration.name, registration.needs, registration.user) == ("", "", None)
        assert registration.email.endswith("@anonymised.invalid") and "ana" not in registration.email
        assert registration.anonymised is not None
    # What the statistics read stays.
    kept.refresh_from_db()
    assert (kept.country, kept.participant_type, kept.gender, kept.status) == ("PT", "local_authority", "woman",
                                                                             "confirmed")
    assert services.anonymise_registrations() == 0  # done once


def test_anonymising_changes_no_statistic(db):
    """Every demo registration anonymised at once: the reporting breakdowns, the counts by status and the number
    of different people checked in are the same before and after."""
    every = Registration.objects.all()
    present = Registration.objects.filter(attended__isnull=False)

    def statistics():
        return ([(b.key, b.total, b.declared, b.rows) for b in breakdowns(every)],
                list(every.values_list("status").order_by("status").annotate(n=models.Count("pk"))),
                present.annotate(address=Lower("email")).values("address").distinct().count(),
                every.count())

    before = statistics()
    assert before[3] > 5 and before[2] > 0
    far_future = timezone.now() + timedelta(days=365 * 50)
    assert services.anonymise_registrations(far_future) == before[3]
    assert statistics() == before
    assert not Registration.objects.exclude(name="").exists()


def test_needs_go_when_the_event_is_over_through_the_registrations_policy(small):
    registration = register(small, "ana@example.org", needs="vegetarian", needs_consent=True)
    services.anonymise_registrations()  # (the demo's past events)
    end_event(small, timedelta(days=1))
    assert services.apply_retention() == {"needs_deleted": 1, "anonymised": 0}
    registration.refresh_from_db()
    assert (registration.needs, registration.name) == ("", "Ana Demo")


# --- consent texts -----------------------------------------------------------------------------------------------

def test_the_needs_consent_text_shown_is_stored_with_the_registration_in_its_language(client, small):
    data = {"name": "Ana Demo", "email": "ana@example.org", "country": "PT", "participant_type": "other",
            "privacy_consent": "on", "needs": "vegetarian", "needs_consent": "on"}
    assert client.post("/events/small-workshop/register/", data).status_code == 302
    english = Registration.objects.get(email="ana@example.org")
    assert english.needs_consent_text == "I agree that the organisers use these needs to prepare the event."
    assert client.post("/fr/events/small-workshop/register/", {**data, "email": "bo@example.org"}).status_code == 302
    french = Registration.objects.get(email="bo@example.org")
    with translation.override("fr"):
        assert (french.language, french.needs_consent_text) == ("fr", str(NEEDS_CONSENT_TEXT))
    response = client.post("/events/small-workshop/register/", {**data, "email": "cy@example.org", "needs": "",
                                                                 "needs_consent": ""})
    assert response.status_code == 302
    assert Registration.objects.get(email="cy@example.org").needs_consent_text == ""


def test_the_form_shows_the_wording_that_is_stored(client, small):
    assert str(NEEDS_CONSENT_TEXT) in client.get("/events/small-workshop/register/").content.decode()


def test_the_api_stores_the_needs_consent_text_too(small):
    response = Client().post(
        "/api/v1/events/small-workshop/registrations",
        {"name": "Ana", "email": "ana@example.org", "country": "PT", "participant_type": "other",
         "privacy_consent": True, "needs": "vegetarian", "needs_consent": True}, content_type="application/json")
    assert response.status_code == 201
    assert Registration.objects.get(email="ana@example.org").needs_consent_text == str(NEEDS_CONSENT_TEXT)


# --- inactive accounts -----------------------------------------------------------------------------------------

def queued_mails_to(address):
    return [r for r in DBTaskResult.objects.filter(task_path="liaise.core.mail.send_email")
            if address in r.args_kwargs["args"][0]["to"]]


def test_inactive_accounts_are_warned_then_closed_and_signing_in_keeps_them(db, settings, monkeypatch):
    settings.LIAISE_RETAIN_INACTIVE_ACCOUNTS_MONTHS = 36
    settings.LIAISE_RETAIN_INACTIVE_WARNING_DAYS = 30
    erased = []
    monkeypatch.setitem(REGISTER.erasers, "test-app", lambda user: erased.append(user.email) or {"rows": 1})
    now = timezone.now()
    old = months_before(now, 36) + timedelta(days=10)  # 10 days before the 36 months are reached
    idle = User.objects.create_user("idle@example.org", "a-long-password", full_name="Idle Person")
    back = User.objects.create_user("back@example.org", "a-long-password", full_name="Back Again")
    admin = User.objects.create_user("old-admin@example.org", "a-long-password", is_staff=True)
    recent = User.objects.create_user("recent@example.org", "a-long-password")
    User.objects.filter(pk__in=[idle.pk, back.pk, admin.pk]).update(last_login=old, date_joined=old)
    User.objects.filter(pk=recent.pk).update(last_login=now - timedelta(days=400))

    result = accounts_retention.close_inactive_accounts(now)
    assert (result["warned"], result["closed"]) == (2, 0)
    assert len(queued_mails_to("idle@example.org")) == 1 and not queued_mails_to("old-admin@example.org")
    assert accounts_retention.close_inactive_accounts(now)["warned"] == 0  # warned once
    User.objects.filter(pk=back.pk).update(last_login=now + timedelta(days=1))  # signs in after the warning

    later = accounts_retention.close_inactive_accounts(now + timedelta(days=31))
    assert (later["closed"], later["kept"]) == (1, 1)
    back.refresh_from_db(), admin.refresh_from_db(), recent.refresh_from_db()
    # closed = erased as a deletion the person asked for: every eraser, then the account and the tasks naming it
    assert erased == ["idle@example.org"] and not User.objects.filter(pk=idle.pk).exists()
    assert not queued_mails_to("idle@example.org")
    assert back.is_active and back.inactivity_warned is None
    assert admin.is_active and recent.is_active


def test_the_warning_mail_says_when(db, settings):
    settings.LIAISE_RETAIN_INACTIVE_ACCOUNTS_MONTHS = 24
    now = timezone.now()
    user = User.objects.create_user("idle@example.org", "a-long-password", full_name="Idle Person")
    User.objects.filter(pk=user.pk).update(date_joined=months_before(now, 24))  # never signed in
    assert accounts_retention.close_inactive_accounts(now)["warned"] == 1
    body = queued_mails_to("idle@example.org")[0].args_kwargs["args"][0]["body"]
    assert "24 months" in body and "sign in before" in body


# --- the daily job and the command -----------------------------------------------------------------------------

def test_apply_retention_runs_every_policy_once_and_logs_a_line_each(db, caplog):
    expired = SessionStore()
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - timedelta(days=1))
    Subscriber.objects.create(email="never@example.org")
    Subscriber.objects.filter(email="never@example.org").update(created=timezone.now() - timedelta(days=30))
    board = Board.objects.get(code="KICKQA")
    Change.objects.create(board=board, kind="question", data="{}", created=timezone.now() - timedelta(days=3))
    caplog.set_level("INFO", logger="liaise.retention")

    results = apply_retention()
    policies = [path for path, _ in personal_data.retention_policies()]
    assert list(results) == policies
    assert len(caplog.records) == len(policies)
    assert results["liaise.core.platform_data.clear_sessions"] >= 1
    assert results["liaise.outreach.newsletters.purge_unconfirmed"] == 1
    assert results["liaise.live.services.purge"][0] >= 1
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    assert not Subscriber.objects.filter(email="never@example.org").exists()


def test_the_purge_command_prints_one_line_a_policy(db):
    out = StringIO()
    call_command("purge", stdout=out)
    lines = out.getvalue().splitlines()
    assert len(lines) == len(personal_data.retention_policies())
    assert any(line.startswith("liaise.events.services.apply_retention: ") for line in lines)


# --- the privacy page ------------------------------------------------------------------------------------------

def test_the_privacy_page_lists_every_declaration_with_the_configured_periods(client, db, settings):
    settings.LIAISE_RETAIN_REGISTRATIONS_MONTHS = 18
    settings.LIAISE_RETAIN_INACTIVE_ACCOUNTS_MONTHS = 48
    settings.LIAISE_PRIVACY_CONTACT = "Data Protection <dpo@liaise.example>"
    page = client.get("/privacy/").content.decode()
    for key, declaration in REGISTER.declarations.items():
        assert f'id="{key}"' in page
        model = apps.get_model(declaration.model)
        title = str(model._meta.verbose_name_plural)
        assert escape(title[:1].upper() + title[1:]) in page
    assert "18 months after the event" in page and "for 48 months" in page
    assert 'href="mailto:dpo@liaise.example"' in page
    assert 'href="/accounts/data/"' in page


def test_the_privacy_page_is_linked_from_every_page_and_translated(client, db):
    assert 'href="/privacy/"' in client.get("/").content.decode()
    assert client.get("/fr/privacy/").status_code == 200
