"""The audit log (liaise.core.audit, django-auditlog): who created, changed or deleted what, and when; personal values
never kept; the coordinators' page of their project's log, the staff's page of the whole log; retention."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from auditlog.context import set_actor
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from liaise.accounts.services import create_api_token
from liaise.core import audit
from liaise.core.models import AuditEntry
from liaise.core.personal_data import REGISTER
from liaise.events import services as events
from liaise.events.models import Event, Registration, Session
from liaise.network import services as network
from liaise.network.models import Organisation, Project, ProjectRole
from tests.conftest import ROLE_EMAILS

CREATE, UPDATE, DELETE, ACCESS = (AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE, AuditEntry.Action.DELETE,
                                  AuditEntry.Action.ACCESS)


def user(role):
    return get_user_model().objects.get(email=ROLE_EMAILS[role])


def entries_for(obj):
    return list(AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(obj),
                                          object_id=obj.pk).order_by("pk"))


def stored(entry) -> str:
    """Everything an entry keeps, as text (to look for a value it must not hold)."""
    return json.dumps({"repr": entry.object_repr, "changes": entry.changes, "text": entry.changes_text,
                       "data": entry.additional_data, "serialized": entry.serialized_data}, default=str)


def test_the_demo_starts_with_a_clean_log(db):
    # (the session's database holds the demo, loaded without audit entries; the fixtures built after it wrote some)
    liaise2 = Project.objects.get(slug="liaise-2")
    kick_off = Event.objects.get(slug="liaise-2-kick-off")
    assert entries_for(kick_off) == []
    assert AuditEntry.objects.filter(project_id=liaise2.pk, content_type__model="session").exists() is False


def test_create_change_delete_of_a_session_records_who_when_what(db):
    coordinator = user("project_coordinator")
    event = Event.objects.get(slug="small-workshop")
    before = timezone.now()
    with set_actor(coordinator):
        session = Session.objects.create(event=event, slug="audit-talk", title_en="Audit talk", kind="talk",
                                         start=event.start, end=event.start + timedelta(hours=1))
        session.title_en = "Audited talk"
        session.save()
        pk = session.pk
        session.delete()
    created, changed, deleted = AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Session), object_id=pk).order_by("pk")
    assert [created.action, changed.action, deleted.action] == [CREATE, UPDATE, DELETE]
    assert {created.actor, changed.actor, deleted.actor} == {coordinator}
    assert {created.project_id, changed.project_id, deleted.project_id} == {event.project_id}
    assert before <= created.timestamp <= deleted.timestamp <= timezone.now()
    # (modeltranslation: the title and its English column)
    assert changed.changes == {"title": ["Audit talk", "Audited talk"], "title_en": ["Audit talk", "Audited talk"]}
    assert created.object_repr == "Audit talk"
    assert deleted.object_repr == "Audited talk"


def test_personal_values_are_never_stored(db):
    event = Event.objects.get(slug="small-workshop")
    registration = events.register(event, events.RegistrationData(
        name="Zelda Secretname", email="zelda.secret@example.org", country="FR", participant_type="other",
        organisation="Secret Org", needs="wheelchair-secret", needs_consent=True, privacy_consent=True))
    registration.name, registration.email = "Zora Othername", "zora.other@example.org"
    registration.save()
    pk = registration.pk
    registration.delete()
    logged = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Registration),
                                       object_id=pk).order_by("pk")
    assert [e.action for e in logged] == [CREATE, UPDATE, DELETE]
    for entry in logged:
        text = stored(entry)
        for secret in ("Zelda", "Secretname", "zelda.secret", "Zora", "zora.other", "Secret Org", "wheelchair"):
            assert secret not in text
        assert entry.object_repr == f"registration #{pk}"
        assert entry.project_id == event.project_id
    change = logged[1].changes
    assert change == {"name": [audit.HIDDEN, audit.HIDDEN], "email": [audit.HIDDEN, audit.HIDDEN]}
    assert logged[0].changes["status"] == [None, "confirmed"]  # what is not personal is kept
    created, changed, _deleted = audit.rows(logged)
    assert ("email", "given (the value is not kept)") in created.changes
    assert ("status", "Confirmed") in created.changes
    assert changed.changes == [("name", "changed (the value is not kept)"),
                               ("email", "changed (the value is not kept)")]


def test_no_address_and_no_copy_of_the_actor_email(login):
    client = login("project_coordinator")
    response = client.post(reverse("network:grant_role", kwargs={"slug": "liaise-2"}), {
        "email": ROLE_EMAILS["participant"], "organisation": Organisation.objects.get(slug="bordeaux").pk,
        "role": "partner_member"}, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert response.status_code == 302
    entry = AuditEntry.objects.latest("pk")
    names = {f.name for f in AuditEntry._meta.get_fields()}
    assert {"remote_addr", "remote_port", "actor_email"} & names == set()
    assert "203.0.113" not in stored(entry) and "198.51.100" not in stored(entry)
    assert ROLE_EMAILS["project_coordinator"] not in stored(entry)


def test_a_role_granted_changed_and_removed_is_recorded_with_its_actor(login, liaise2):
    coordinator = login("project_coordinator")
    participant = user("participant")
    granted = coordinator.post(reverse("network:grant_role", kwargs={"slug": "liaise-2"}), {
        "email": ROLE_EMAILS["participant"], "organisation": Organisation.objects.get(slug="bordeaux").pk,
        "role": "partner_member"})
    assert granted.status_code == 302
    role = ProjectRole.objects.get(project=liaise2, user=participant)
    changed = coordinator.post(reverse("network:change_role", kwargs={"slug": "liaise-2", "pk": role.pk}),
                               {"role": "partner_coordinator"})
    assert changed.status_code == 302
    removed = coordinator.post(reverse("network:change_role", kwargs={"slug": "liaise-2", "pk": role.pk}),
                               {"role": ""})
    assert removed.status_code == 302
    logged = entries_for(role)
    assert [e.action for e in logged] == [CREATE, UPDATE, DELETE]
    assert {e.actor for e in logged} == {user("project_coordinator")}
    assert {e.project_id for e in logged} == {liaise2.pk}
    assert logged[0].changes["user"] == [None, participant.pk]
    assert logged[0].changes["role"] == [None, "partner_member"]
    assert logged[1].changes == {"role": ["partner_member", "partner_coordinator"]}
    # the project's log says so, with the person's name
    page = coordinator.get(reverse("network:project_log", kwargs={"slug": "liaise-2"}),
                           {"kind": "network.projectrole"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "role granted" in html and "role removed" in html
    assert "Partner member → Partner coordinator" in html
    assert str(participant) in html


def test_api_writes_name_the_token_owner(db):
    member = get_user_model().objects.get(email="member@hidden.example")
    _token, raw = create_api_token(member, "script")
    response = Client().post("/api/v1/events/small-workshop/registrations", {
        "name": "Api Person", "email": "api.person@example.org", "country": "FR", "participant_type": "other",
        "privacy_consent": True}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 201
    (entry,) = entries_for(Registration.objects.get(pk=response.json()["id"]))
    assert (entry.action, entry.actor, entry.by_person) == (CREATE, member, True)
    assert entry.changes["user"] == [audit.HIDDEN, audit.HIDDEN]  # (which account registered: personal)


def test_the_worker_and_the_command_line_write_as_the_system(db):
    organisation = network.save_organisation("audit-city", name_en="Audit City", kind="city", country="FR")
    (entry,) = entries_for(organisation)
    assert (entry.actor, entry.by_person, entry.project_id) == (None, False, None)


def test_record_action_and_a_deleted_actor(db, liaise2):
    participant = user("participant")
    event = Event.objects.get(slug="small-workshop")
    entry = audit.record_action("export_downloaded", actor=participant, target=event, format="csv",
                                since=datetime(2026, 1, 2).date())
    assert (entry.action, entry.project_id, entry.object_repr) == (ACCESS, liaise2.pk, str(event))
    entry.refresh_from_db()
    assert entry.additional_data == {"action": "export_downloaded", "format": "csv", "since": "2026-01-02"}
    gone = audit.record_action("account_deleted", actor=participant, target=participant)
    assert gone.object_repr == f"user #{participant.pk}"
    participant.delete()  # the actor link does not block deleting the account; it is emptied
    after = audit.record_action("account_deleted", actor=participant, target=participant)
    assert (after.actor_id, after.by_person, after.object_repr, after.object_pk) == (None, True, "user", "")
    entry.refresh_from_db()
    assert (entry.actor_id, entry.by_person) == (None, True)
    (row,) = audit.rows(AuditEntry.objects.filter(pk=entry.pk))
    assert (row.who, row.action, row.kind) == ("a former member", "export downloaded", "event")
    assert sorted(row.changes) == [("format", "csv"), ("since", "2026-01-02")]  # (jsonb keeps no order)


def test_coordinators_see_their_project_log_and_no_other(login, liaise2):
    hidden = Project.objects.get(slug="hidden-network")
    with set_actor(user("project_coordinator")):
        Event.objects.filter(slug="small-workshop").get().save()  # (nothing changed: no entry)
        liaise_event = Event.objects.get(slug="small-workshop")
        liaise_event.title_en = "Renamed workshop"
        liaise_event.save()
    hidden_event = Event.objects.get(slug="hidden-meeting")
    hidden_event.title_en = "Renamed hidden meeting"
    hidden_event.save()
    url = reverse("network:project_log", kwargs={"slug": "liaise-2"})
    page = login("project_coordinator").get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Renamed workshop" in html and "Renamed hidden meeting" not in html
    assert "Coordinator" in html or str(user("project_coordinator")) in html
    assert login("project_coordinator").get(
        reverse("network:project_log", kwargs={"slug": hidden.slug})).status_code == 404
    for role in ("partner_coordinator", "partner_member", "expert", "participant", "other_partner"):
        assert login(role).get(url).status_code == 404
    assert login("staff").get(reverse("network:project_log", kwargs={"slug": hidden.slug})).status_code == 200


def test_the_log_filters_by_kind_and_date_and_refuses_bad_input(login, liaise2):
    event = Event.objects.get(slug="small-workshop")
    event.title_en = "Filtered workshop"
    event.save()
    AuditEntry.objects.filter(object_repr="Filtered workshop").update(timestamp=datetime(2024, 5, 3, 12, tzinfo=UTC))
    client = login("project_coordinator")
    url = reverse("network:project_log", kwargs={"slug": "liaise-2"})
    assert "Filtered workshop" in client.get(url, {"kind": "events.event"}).content.decode()
    assert "Filtered workshop" not in client.get(url, {"kind": "events.session"}).content.decode()
    assert "Filtered workshop" in client.get(url, {"since": "2024-05-03", "until": "2024-05-03"}).content.decode()
    assert "Filtered workshop" not in client.get(url, {"since": "2024-05-04"}).content.decode()
    for bad in ({"kind": "accounts.user"}, {"since": "2024-13-40"}, {"since": "2024-05-04", "until": "2024-05-03"},
                {"kind": "x" * 500}):
        response = client.get(url, bad)
        assert response.status_code == 400
        assert 'class="error"' in response.content.decode()
    assert client.get(url, {"page": "9999"}).status_code == 200
    assert client.get(url, {"page": "nonsense"}).status_code == 200


def test_the_project_log_pages_in_a_bounded_number_of_queries(login, liaise2, django_assert_max_num_queries):
    event = Event.objects.get(slug="small-workshop")
    for n in range(60):
        audit.record_action("export_downloaded", actor=user("project_coordinator"), target=event, n=n)
    client = login("project_coordinator")
    url = reverse("network:project_log", kwargs={"slug": "liaise-2"})
    client.get(url)  # (content types cached)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("export downloaded") == audit.PAGE_SIZE
    assert "Page 1 of" in response.content.decode()


def test_staff_see_the_whole_log(login):
    organisation = network.save_organisation("audit-town", name_en="Audit Town", kind="city", country="FR")
    assert entries_for(organisation) != []
    url = reverse("web:staff_audit")
    page = login("staff").get(url, {"kind": "network.organisation"})
    assert page.status_code == 200
    assert "Audit Town" in page.content.decode()
    for role in ("project_coordinator", "partner_coordinator", "participant"):
        assert login(role).get(url).status_code == 404
    assert login("anonymous").get(url).status_code == 302


def test_retention_prunes_old_entries_daily(db, settings):
    settings.LIAISE_AUDIT_RETENTION_MONTHS = 24
    event = Event.objects.get(slug="small-workshop")
    old = audit.record_action("export_downloaded", target=event)
    kept = audit.record_action("export_downloaded", target=event)
    now = timezone.now()
    AuditEntry.objects.filter(pk=old.pk).update(timestamp=now - timedelta(days=2 * 366))
    AuditEntry.objects.filter(pk=kept.pk).update(timestamp=now - timedelta(days=700))
    assert audit.prune(now) >= 1
    assert AuditEntry.objects.filter(pk=old.pk).exists() is False
    assert AuditEntry.objects.filter(pk=kept.pk).exists() is True
    # the daily retention job applies it, as the register of personal data declares
    assert REGISTER.declarations["core.auditentry"].retention.apply == "liaise.core.audit.prune"


@pytest.mark.parametrize(("now", "months", "cutoff"), [
    (datetime(2026, 3, 31, 5, tzinfo=UTC), 1, datetime(2026, 2, 28, 5, tzinfo=UTC)),
    (datetime(2026, 1, 15, 5, tzinfo=UTC), 24, datetime(2024, 1, 15, 5, tzinfo=UTC)),
    (datetime(2026, 1, 15, 5, tzinfo=UTC), 13, datetime(2024, 12, 15, 5, tzinfo=UTC)),
])
def test_retention_cutoff_counts_calendar_months(now, months, cutoff):
    assert audit.retention_cutoff(now, months) == cutoff


def test_every_audited_model_finds_its_project():
    # (each path leads to a project id: checked on the model's fields, so a renamed relation fails here)
    for model, entry in audit.tracked().items():
        if isinstance(entry.project, str) and entry.project != "id":
            *relations, last = entry.project.split("__")
            current = model
            for name in relations:
                current = current._meta.get_field(name).related_model
            assert current._meta.get_field(last.removesuffix("_id")).related_model is Project, model


def test_demo_reset_removes_the_demo_log_and_reloads_without_entries(db):
    from liaise.demo import loader

    liaise2 = Project.objects.get(slug="liaise-2")
    audit.record_action("export_downloaded", target=liaise2)
    kept = audit.record_action("export_downloaded", target=Project.objects.get(slug="hidden-network"))
    loader.reset()
    assert AuditEntry.objects.filter(project_id=liaise2.pk).exists() is False
    loader.load(with_accounts=True)
    assert AuditEntry.objects.filter(project_id=Project.objects.get(slug="liaise-2").pk).exists() is False
    assert AuditEntry.objects.filter(pk=kept.pk).exists() is True
