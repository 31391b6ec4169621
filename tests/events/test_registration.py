import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from liaise.core.tasks import run_pending
from liaise.events import services
from liaise.events.models import Event, Registration

VALID = {
    "name": "Ana Demo", "email": "ana@example.org", "organisation": "City of Demo", "country": "PT",
    "participant_type": "local_authority", "privacy_consent": "on",
}


def post(client, slug, **changes):
    data = {**VALID, **changes}
    return client.post(f"/events/{slug}/register/", {k: v for k, v in data.items() if v is not None})


@pytest.fixture
def small(db) -> Event:
    return Event.objects.get(slug="small-workshop")


def test_register_confirms_and_mails_a_signed_link(client, small):
    response = post(client, "small-workshop")
    assert response.status_code == 302
    registration = Registration.objects.get(event=small, email="ana@example.org")
    assert registration.status == "confirmed"
    assert registration.privacy_version == small.privacy_notice_version
    small.refresh_from_db()
    assert small.confirmed_count == 1
    run_pending()
    assert len(mail.outbox) == 1 and "is confirmed" in mail.outbox[0].subject
    link = response["Location"]
    # the mail's link is signed when the mail is written (its timestamp may be a second later than the redirect's)
    mailed = re.search(r"(/events/small-workshop/registration/[^/\s]+/)", mail.outbox[0].body).group(1)
    assert mailed.split(":")[0] == link.split(":")[0]  # the same registration
    for address in (link, mailed):
        assert "Your seat is confirmed" in client.get(address).content.decode()


def test_same_email_twice_is_a_clear_message_not_a_second_seat(client, small):
    post(client, "small-workshop")
    response = post(client, "small-workshop", email="ANA@example.org", name="Ana Again")
    assert response.status_code == 400
    assert "already registered for this event" in response.content.decode()
    assert small.registrations.count() == 1


def test_full_event_waitlists_and_a_cancellation_promotes_exactly_the_next(client, small):
    for i in range(6):
        post(client, "small-workshop", email=f"p{i}@example.org")
    statuses = list(small.registrations.order_by("created", "pk").values_list("email", "status"))
    assert [s for _e, s in statuses] == ["confirmed"] * 3 + ["waitlisted"] * 3
    run_pending()
    mail.outbox.clear()
    first = small.registrations.get(email="p1@example.org")
    response = client.post(services.registration_url(first), follow=True)
    assert "Your registration is cancelled" in response.content.decode()
    assert small.registrations.get(email="p3@example.org").status == "confirmed"
    assert small.registrations.filter(status="waitlisted").count() == 2
    run_pending()
    assert [m.to for m in mail.outbox] == [["p3@example.org"]]
    assert "A seat is free for you" in mail.outbox[0].subject
    small.refresh_from_db()
    assert small.confirmed_count == 3


def test_cancelling_a_waitlisted_registration_frees_no_seat(small):
    for i in range(4):
        services.register(small, services.RegistrationData(
            name=f"P{i}", email=f"q{i}@example.org", country="FR", participant_type="other", privacy_consent=True))
    services.cancel(small.registrations.get(email="q3@example.org"))
    small.refresh_from_db()
    assert small.confirmed_count == 3
    with pytest.raises(services.RegistrationError, match="already cancelled"):
        services.cancel(small.registrations.get(email="q3@example.org"))


def test_full_without_waitlist_is_refused(small):
    small.capacity, small.waitlist_enabled = 1, False
    small.save()
    data = services.RegistrationData(name="A", email="a@example.org", country="FR", participant_type="other",
                                     privacy_consent=True)
    services.register(small, data)
    with pytest.raises(services.RegistrationError, match="This event is full"):
        services.register(small, services.RegistrationData(**{**data.__dict__, "email": "b@example.org"}))
    assert small.registrations.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "This field is required"),
        ({"name": "x" * 151}, "at most 150 characters"),
        ({"name": "<script>alert(1)</script>"}, "cannot contain &lt; or &gt;"),
        ({"email": "not-an-email"}, "Enter a valid email address"),
        ({"email": ""}, "This field is required"),
        ({"country": "ZZ"}, "Select a valid choice"),
        ({"country": ""}, "This field is required"),
        ({"participant_type": "spy"}, "Select a valid choice"),
        ({"organisation": "o" * 201}, "at most 200 characters"),
        ({"needs": "n" * 1001, "needs_consent": "on"}, "at most 1000 characters"),
        ({"needs": "wheelchair access"}, "tick this box"),
        ({"privacy_consent": None}, "This field is required"),
    ],
)
def test_bad_input_gets_a_message_next_to_the_field_and_writes_nothing(client, small, changes, message):
    response = post(client, "small-workshop", **changes)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert small.registrations.count() == 0
    small.refresh_from_db()
    assert small.confirmed_count == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "cancelled"}, "This event is cancelled"),
        ({"status": "draft"}, "Registration is not open"),
        ({"registration_enabled": False}, "Registration is not open"),
        ({"start": timezone.now() - timedelta(days=3), "end": timezone.now() - timedelta(days=2)}, "is over"),
        ({"registration_closes": timezone.now() - timedelta(minutes=1)}, "Registration is closed"),
        ({"registration_opens": timezone.now() + timedelta(days=1)}, "Registration opens on"),
    ],
)
def test_closed_registration_says_why(login, small, changes, message):
    Event.objects.filter(pk=small.pk).update(**changes)
    client = login("project_coordinator")  # sees drafts too
    response = post(client, "small-workshop")
    assert message in response.content.decode()
    assert small.registrations.count() == 0


def test_needs_are_kept_only_with_consent_and_deleted_after_the_event(small):
    registration = services.register(small, services.RegistrationData(
        name="A", email="a@example.org", country="FR", participant_type="other", needs="vegetarian",
        needs_consent=True, privacy_consent=True))
    assert registration.needs == "vegetarian"
    assert services.purge_needs(now=small.end + timedelta(minutes=1)) == 1
    registration.refresh_from_db()
    assert registration.needs == ""


def test_forged_or_foreign_registration_links_are_404(client, small):
    registration = services.register(small, services.RegistrationData(
        name="A", email="a@example.org", country="FR", participant_type="other", privacy_consent=True))
    token = services.registration_token(registration)
    assert client.get(f"/events/small-workshop/registration/{token}/").status_code == 200
    assert client.get(f"/events/bordeaux-2016/registration/{token}/").status_code == 404
    assert client.get(f"/events/small-workshop/registration/{token[:-2]}xx/").status_code == 404


def test_api_registration(small):
    client = Client()
    payload = {**VALID, "privacy_consent": True}
    response = client.post("/api/v1/events/small-workshop/registrations", payload, content_type="application/json")
    assert response.status_code == 201
    assert response.json()["status"] == "confirmed"
    again = client.post("/api/v1/events/small-workshop/registrations", payload, content_type="application/json")
    assert again.status_code == 409
    assert "already registered" in again.json()["detail"]
    bad = client.post("/api/v1/events/small-workshop/registrations", {**payload, "email": "x@example.org",
                      "country": "ZZ"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["detail"].startswith("country:")
    missing = client.post("/api/v1/events/small-workshop/registrations", {"name": "x"},
                          content_type="application/json")
    assert missing.status_code == 422 and "email" in missing.json()["detail"]
    past = client.post("/api/v1/events/bordeaux-2016/registrations", {**payload, "email": "y@example.org"},
                       content_type="application/json")
    assert past.status_code == 409 and "over" in past.json()["detail"]
    hidden = client.post("/api/v1/events/hidden-meeting/registrations", payload, content_type="application/json")
    assert hidden.status_code == 404


def test_api_registration_by_a_signed_in_browser_needs_csrf(small, django_user_model):
    client = Client(enforce_csrf_checks=True)
    client.force_login(django_user_model.objects.get(email="participant@example.org"))
    payload = {**VALID, "privacy_consent": True}
    response = client.post("/api/v1/events/small-workshop/registrations", payload, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_purge_needs_command(small):
    from io import StringIO

    from django.core.management import call_command

    registration = services.register(small, services.RegistrationData(
        name="A", email="a@example.org", country="FR", participant_type="other", needs="gluten-free",
        needs_consent=True, privacy_consent=True))
    Event.objects.filter(pk=small.pk).update(start=timezone.now() - timedelta(days=2),
                                             end=timezone.now() - timedelta(days=1))
    out = StringIO()
    call_command("purge_needs", stdout=out)
    assert "Deleted the needs of 1 registration(s)" in out.getvalue()
    registration.refresh_from_db()
    assert registration.needs == ""


def test_organiser_page_statistics_search_and_csv(login):
    client = login("partner_coordinator")  # Bordeaux organises the conference
    response = client.get("/events/bordeaux-2016/manage/")
    stats = response.context["stats"]
    assert (stats.registered, stats.countries) == (262, 14)
    assert stats.attended == 255
    assert sum(n for _label, n, _present in response.context["by_type"]) == 262
    assert sum(present for _label, _n, present in response.context["by_country"]) == 255
    assert len(response.context["page_obj"]) == 100
    found = client.get("/events/bordeaux-2016/manage/?q=Participant 007").context["page_obj"]
    assert [r.name for r in found] == ["Demo Participant 007"]
    csv = client.get("/events/bordeaux-2016/manage/registrations.csv")
    body = b"".join([csv.content]).decode("utf-8")
    assert body.startswith("\ufeffname,email,organisation,country")
    assert body.count("\n") == 263


def test_csv_defuses_formulas(login, small):
    services.register(small, services.RegistrationData(
        name="=HYPERLINK(\"http://evil\")", email="f@example.org", country="FR", participant_type="other",
        organisation="+cmd", privacy_consent=True))
    body = login("project_coordinator").get("/events/small-workshop/manage/registrations.csv").content.decode()
    assert "'=HYPERLINK" in body and ",'+cmd," in body


def test_check_in_one_click(login):
    client = login("project_coordinator")
    registration = Registration.objects.get(event__slug="bordeaux-2016", name="Demo Participant 001")
    Registration.objects.filter(pk=registration.pk).update(attended=None)
    response = client.post(f"/events/bordeaux-2016/manage/checkin/{registration.pk}/", {"q": "001"})
    assert response.status_code == 302 and response["Location"].endswith("/manage/checkin/?q=001")
    registration.refresh_from_db()
    assert registration.attended is not None
    client.post(f"/events/bordeaux-2016/manage/checkin/{registration.pk}/", {"undo": "1"})
    registration.refresh_from_db()
    assert registration.attended is None


def test_partner_coordinators_manage_only_their_projects_events(login, hidden_city):
    """Bordeaux organising an event of another project gives Bordeaux's LIAISE 2 coordinator no access to it."""
    from liaise.network.models import Organisation

    hidden = Event.objects.get(slug="hidden-meeting")
    hidden.organisers.add(Organisation.objects.get(slug="bordeaux"))
    assert login("partner_coordinator").get("/events/hidden-meeting/manage/").status_code == 404


def test_raising_the_capacity_seats_the_waiting_list(small):
    for i in range(5):
        services.register(small, services.RegistrationData(
            name=f"P{i}", email=f"w{i}@example.org", country="FR", participant_type="other", privacy_consent=True))
    Event.objects.filter(pk=small.pk).update(capacity=4)
    small.refresh_from_db()
    promoted = services.fill_from_waitlist(small)
    assert [r.email for r in promoted] == ["w3@example.org"]
    run_pending()
    assert [m.to for m in mail.outbox if "A seat is free" in m.subject] == [["w3@example.org"]]
    small.refresh_from_db()
    assert small.confirmed_count == 4


def test_a_mail_server_that_is_down_does_not_fail_the_registration(client, small, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    response = post(client, "small-workshop")
    assert response.status_code == 302
    assert small.registrations.get().status == "confirmed"


def test_promotion_mail_speaks_the_registrants_language(client, small):
    for i in range(3):
        post(client, "small-workshop", email=f"en{i}@example.org")
    client.post("/fr/events/small-workshop/register/", {**VALID, "email": "fr@example.org"})
    assert small.registrations.get(email="fr@example.org").language == "fr"
    run_pending()
    mail.outbox.clear()
    services.cancel(small.registrations.get(email="en0@example.org"))
    run_pending()
    assert mail.outbox[0].to == ["fr@example.org"]
    assert "Une place" in mail.outbox[0].subject or "place" in mail.outbox[0].subject.lower()


def test_events_api_refuses_unknown_filters(client):
    for query, detail in [("project=nope", "Unknown project"), ("topic=nope", "Unknown topic"),
                          ("country=ZZ", "Unknown country code")]:
        response = client.get(f"/api/v1/events?{query}")
        assert response.status_code == 400
        assert detail in response.json()["detail"]


def test_secondary_suppression():
    from liaise.events.queries import suppressed_table

    assert suppressed_table({"FR": 100, "DE": 7, "AT": 2}) == {"FR": 100, "DE": "5+", "AT": "<5"}
    assert suppressed_table({"FR": 100, "AT": 2, "PL": 3}) == {"FR": 100, "AT": "<5", "PL": "<5"}
    assert suppressed_table({"FR": 100}) == {"FR": 100}


def test_organiser_pages_query_counts_do_not_grow(login, small):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("project_coordinator")

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    urls = ["/events/small-workshop/manage/", "/events/small-workshop/manage/checkin/?q=P",
            "/events/small-workshop/manage/registrations.csv"]
    services.register(small, services.RegistrationData(name="P0", email="p0@example.org", country="FR",
                                                       participant_type="other", privacy_consent=True))
    before = [count(u) for u in urls]
    for i in range(1, 40):
        services.register(small, services.RegistrationData(name=f"P{i}", email=f"p{i}@example.org", country="DE",
                                                           participant_type="researcher", privacy_consent=True))
    assert [count(u) for u in urls] == before


@pytest.mark.parametrize("gender", ["woman", "undisclosed", ""])
def test_the_form_takes_an_optional_declared_gender(client, small, gender):
    response = post(client, "small-workshop", gender=gender)
    assert response.status_code == 302
    assert Registration.objects.get(event=small, email="ana@example.org").gender == gender


def test_the_form_stores_no_gender_when_none_is_sent_and_refuses_an_unknown_one(client, small):
    page = client.get("/events/small-workshop/register/").content.decode()
    assert 'name="gender"' in page and "Prefer not to say" in page and "aggregate" in page
    refused = post(client, "small-workshop", gender="guessed")
    assert refused.status_code == 400 and small.registrations.count() == 0
    assert post(client, "small-workshop").status_code == 302
    assert Registration.objects.get(event=small, email="ana@example.org").gender == ""


def test_the_api_takes_an_optional_declared_gender(small):
    client = Client()
    payload = {**VALID, "privacy_consent": True}
    url = "/api/v1/events/small-workshop/registrations"
    declared = client.post(url, {**payload, "gender": "self"}, content_type="application/json")
    assert declared.status_code == 201
    none = client.post(url, {**payload, "email": "b@example.org"}, content_type="application/json")
    assert none.status_code == 201
    bad = client.post(url, {**payload, "email": "c@example.org", "gender": "x"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json()["detail"].startswith("gender:")
    genders = dict(small.registrations.values_list("email", "gender"))
    assert genders == {"ana@example.org": "self", "b@example.org": ""}
    schema = client.get("/api/v1/openapi.json").json()["components"]["schemas"]["RegistrationIn"]
    assert schema["properties"]["gender"]["enum"] == ["", "woman", "man", "self", "undisclosed"]
    assert "gender" not in schema["required"]
