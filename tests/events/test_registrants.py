"""Working with registrants (issue 17): messages to a group, check-in by QR code, badges and the attendance list,
and the live Q&A boards of the sessions on the event pages of their organisers."""

import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from liaise.core.tasks import run_pending
from liaise.events import registrant_services, services
from liaise.events.models import Event, Message, Registration
from liaise.live.models import Board


@pytest.fixture
def small(db) -> Event:
    """The upcoming small workshop (3 seats) with four confirmed (one checked in) and two on the waiting list."""
    event = Event.objects.get(slug="small-workshop")
    event.capacity = 4
    event.save()
    people = [("Zoé Martin", "zoe@example.org", "fr", "FR", "Ville de Lyon"),
              ("Anna Schmidt", "anna@example.org", "de", "DE", "Stadt Augsburg"),
              ("Bruno Costa", "bruno@example.org", "en", "PT", ""),
              ("Carla Rossi", "carla@example.org", "en", "IT", "Comune di Bologna"),
              ("Dan Waiting", "dan@example.org", "en", "BE", ""),
              ("Eve Waiting", "eve@example.org", "fr", "FR", "")]
    for name, email, language, country, organisation in people:
        registration = services.register(event, services.RegistrationData(
            name=name, email=email, country=country, participant_type="practitioner", organisation=organisation,
            privacy_consent=True))
        Registration.objects.filter(pk=registration.pk).update(language=language)
    services.check_in(event.registrations.get(email="carla@example.org"))
    event.refresh_from_db()
    return event


def message_url(event):
    return reverse("events:message", kwargs={"slug": event.slug})


# --- messages ---------------------------------------------------------------------------------------------------

def test_the_message_goes_to_the_chosen_group_only_one_mail_each(login, small):
    client = login("project_coordinator")
    page = client.get(message_url(small)).content.decode()
    assert "Confirmed participants (4)" in page and "Waiting list (2)" in page and "(1)" in page
    run_pending()
    mail.outbox.clear()
    response = client.post(message_url(small), {"audience": "waitlisted", "subject": "Room change",
                                                "body": "We moved to room B.\nSee you there."})
    assert response.status_code == 302
    run_pending()
    assert sorted(m.to for m in mail.outbox) == [["dan@example.org"], ["eve@example.org"]]
    assert {m.subject for m in mail.outbox} == {"Room change"}
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)
    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert "We moved to room B.\nSee you there." in by_address["dan@example.org"]
    assert by_address["dan@example.org"].startswith("Hello Dan Waiting,")
    # the record: who, what, to how many; no addresses kept
    record = Message.objects.get(event=small)
    assert (record.audience, record.subject, record.recipients, record.sender.email) == (
        "waitlisted", "Room change", 2, "coordinator@efus.example")
    assert "Room change" in client.get(message_url(small)).content.decode()


def test_checked_in_group_and_the_registrants_language(login, small):
    run_pending()
    mail.outbox.clear()
    record = registrant_services.send_message(small, "checked_in", "Thank you", "Slides attached soon.", None)
    run_pending()
    assert [m.to for m in mail.outbox] == [["carla@example.org"]]
    assert record.recipients == 1
    mail.outbox.clear()
    registrant_services.send_message(small, "confirmed", "Programme", "Here it is.", None)
    run_pending()
    assert sorted(m.to[0] for m in mail.outbox) == [
        "anna@example.org", "bruno@example.org", "carla@example.org", "zoe@example.org"]
    zoe = next(m.body for m in mail.outbox if m.to == ["zoe@example.org"])
    assert zoe.startswith("Bonjour Zoé Martin,")  # in her language
    assert next(m.body for m in mail.outbox if m.to == ["anna@example.org"]).startswith("Guten Tag Anna Schmidt,")
    assert "/events/small-workshop/registration/" in zoe


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"audience": "confirmed", "subject": " ", "body": "Hello"}, "subject", "This field is required."),
    ({"audience": "confirmed", "subject": "Hello", "body": "  \n "}, "body", "This field is required."),
    ({"audience": "nobody", "subject": "Hello", "body": "Hello"}, "audience", "Select a valid choice."),
])
def test_an_empty_message_is_refused_next_to_its_field(login, small, data, field, message):
    run_pending()
    mail.outbox.clear()
    response = login("project_coordinator").post(message_url(small), data)
    assert response.status_code == 400
    assert message in response.context["form"].errors[field][0]
    run_pending()
    assert (mail.outbox, Message.objects.count()) == ([], 0)


def test_an_empty_audience_is_refused_with_a_clear_message(login, db):
    event = Event.objects.get(slug="steering-committee")  # nobody registered
    response = login("project_coordinator").post(message_url(event), {
        "audience": "confirmed", "subject": "Agenda", "body": "Attached."})
    assert response.status_code == 400
    assert response.context["form"].errors["audience"] == ["Nobody is in this group yet: the message was not sent."]
    run_pending()
    assert (mail.outbox, Message.objects.count()) == ([], 0)


def test_the_service_refuses_blank_text_too(small):
    with pytest.raises(services.LiaiseError) as refused:
        registrant_services.send_message(small, "confirmed", "  ", "Body", None)
    assert (refused.value.field, refused.value.message) == ("subject", "Write a subject.")
    with pytest.raises(services.LiaiseError) as refused:
        registrant_services.send_message(small, "confirmed", "Subject", "\n", None)
    assert (refused.value.field, refused.value.message) == ("body", "Write a message.")


def test_messages_are_for_the_managers_only(login, small):
    for role in ("anonymous", "participant", "partner_member", "partner_coordinator", "other_partner"):
        assert login(role).post(message_url(small), {"audience": "confirmed", "subject": "x", "body": "y"}
                                ).status_code == 404, role
    assert Message.objects.count() == 0


# --- check-in by QR code ----------------------------------------------------------------------------------------

def test_the_private_page_and_the_confirmation_show_the_check_in_qr_code(client, small):
    registration = small.registrations.get(email="anna@example.org")
    page = client.get(services.registration_url(registration)).content.decode()
    assert "<svg" in page and "QR code for check-in" in page
    waiting = small.registrations.get(email="dan@example.org")
    assert "<svg" not in client.get(services.registration_url(waiting)).content.decode()
    run_pending()
    mail.outbox.clear()
    client.post(f"/events/{small.slug}/register/", {
        "name": "Fay New", "email": "fay@example.org", "country": "ES", "participant_type": "other",
        "privacy_consent": "on"})
    run_pending()
    (confirmation,) = mail.outbox
    assert "waiting list" in confirmation.subject  # full: no QR code for a waiting place
    assert confirmation.attachments == []
    run_pending()
    mail.outbox.clear()
    client.post(services.registration_url(small.registrations.get(email="bruno@example.org")))
    run_pending()
    (promoted,) = mail.outbox  # Dan takes Bruno's seat, and gets the QR code
    assert promoted.to == ["dan@example.org"]
    assert [(name, kind) for name, _content, kind in promoted.attachments] == [("check-in-qr.png", "image/png")]
    assert promoted.attachments[0][1].startswith(b"\x89PNG")


def test_a_valid_qr_token_checks_in(login, small):
    registration = small.registrations.get(email="anna@example.org")
    url = registrant_services.checkin_url(registration)
    assert url.startswith("/events/small-workshop/manage/checkin/qr/") and str(registration.pk) not in url[40:]
    client = login("project_coordinator")
    page = client.get(url).content.decode()
    assert "Anna Schmidt" in page and "Confirmed seat, not checked in yet." in page and ">Check in</button>" in page
    assert client.post(url).status_code == 302
    registration.refresh_from_db()
    assert registration.attended is not None
    assert "Checked in at" in client.get(url).content.decode()
    client.post(url, {"undo": "1"})
    registration.refresh_from_db()
    assert registration.attended is None


def test_a_waitlisted_registration_cannot_be_checked_in_by_qr(login, small):
    registration = small.registrations.get(email="dan@example.org")
    client = login("project_coordinator")
    url = registrant_services.checkin_url(registration)
    assert "cannot be checked in" in client.get(url).content.decode()
    response = client.post(url, follow=True)
    assert "Only confirmed participants can be checked in." in response.content.decode()
    registration.refresh_from_db()
    assert registration.attended is None


def test_forged_or_other_event_tokens_404(login, small):
    client = login("project_coordinator")
    registration = small.registrations.get(email="anna@example.org")
    base = "/events/small-workshop/manage/checkin/qr/"
    good = registrant_services.checkin_token(registration)
    # the registration's private link is signed with another salt: it does not open the check-in page
    assert client.get(f"{base}{services.registration_token(registration)}/").status_code == 404
    assert client.get(f"{base}{good[:-2]}xx/").status_code == 404
    assert client.get(f"{base}{registration.pk}/").status_code == 404
    # a token of another event's registration, on this event's address and on its own
    other = Registration.objects.filter(event__slug="bordeaux-2016", status="confirmed").first()
    assert client.get(f"{base}{registrant_services.checkin_token(other)}/").status_code == 404
    assert client.get(f"/events/bordeaux-2016/manage/checkin/qr/{good}/").status_code == 404
    assert client.post(f"{base}{registrant_services.checkin_token(other)}/").status_code == 404
    other.refresh_from_db()
    assert client.get(registrant_services.checkin_url(other)).status_code == 200


def test_non_managers_get_404_and_check_in_nobody(login, small):
    registration = small.registrations.get(email="anna@example.org")
    url = registrant_services.checkin_url(registration)
    for role in ("anonymous", "participant", "partner_member", "partner_coordinator", "expert", "other_partner"):
        assert login(role).get(url).status_code == 404, role
        assert login(role).post(url).status_code == 404, role
    registration.refresh_from_db()
    assert registration.attended is None


def test_the_search_page_explains_the_qr_flow(login, small):
    page = login("project_coordinator").get(f"/events/{small.slug}/manage/checkin/").content.decode()
    assert "scan the participant's QR code with your phone's camera: it opens this page" in page


# --- badges and the attendance list -----------------------------------------------------------------------------

def pdf_text(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_badges_have_the_confirmed_names_eight_per_page(login, small):
    for i in range(5):  # 4 + 5 = 9 confirmed: two pages
        Registration.objects.create(event=small, name=f"Extra Person {i}", email=f"x{i}@example.org", country="FR",
                                    participant_type="other", privacy_version="1", status="confirmed")
    client = login("project_coordinator")
    waiting = client.get(f"/events/{small.slug}/manage/badges.pdf")
    assert waiting.status_code == 202 and "being prepared" in waiting.content.decode()
    assert run_pending() >= 1  # the worker draws it (and sends the fixture's confirmations)
    response = client.get(f"/events/{small.slug}/manage/badges.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{small.slug}-badges.pdf"'
    pages = pdf_text(b"".join(response.streaming_content))
    assert len(pages) == 2
    text = "\n".join(pages)
    for name in ("Zoé Martin", "Anna Schmidt", "Carla Rossi", "Extra Person 4", "Stadt Augsburg", "Small workshop"):
        assert name in text
    assert "Dan Waiting" not in text  # waiting list: no badge


def test_the_attendance_list_is_sorted_by_name_with_page_numbers(login, small):
    client = login("project_coordinator")
    assert client.get(f"/events/{small.slug}/manage/attendance.pdf").status_code == 202
    run_pending()
    response = client.get(f"/events/{small.slug}/manage/attendance.pdf")
    assert response.status_code == 200
    (page,) = pdf_text(b"".join(response.streaming_content))
    names = ["Anna Schmidt", "Bruno Costa", "Carla Rossi", "Zoé Martin"]
    assert [page.index(name) for name in names] == sorted(page.index(name) for name in names)
    for word in ("Attendance list", "Signature", "Germany", "Comune di Bologna", "Page 1 / 1"):
        assert word in page
    assert "Eve Waiting" not in page


def test_one_query_for_the_rows_whatever_their_number(small, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = registrant_services.badge_rows(small)
    assert [r["name"] for r in rows] == ["Anna Schmidt", "Bruno Costa", "Carla Rossi", "Zoé Martin"]
    bordeaux = Event.objects.get(slug="bordeaux-2016")
    with django_assert_num_queries(1):
        assert len(registrant_services.badge_rows(bordeaux)) == 262


def test_the_pdf_pages_take_the_same_queries_for_more_rows(login, small):
    client = login("project_coordinator")
    counts = []
    for extra in (0, 6):
        for i in range(extra):
            Registration.objects.create(event=small, name=f"More {i}", email=f"m{i}@example.org", country="FR",
                                        participant_type="other", privacy_version="1", status="confirmed")
        assert client.get(f"/events/{small.slug}/manage/attendance.pdf").status_code == 202  # the rows changed
        run_pending()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/events/{small.slug}/manage/attendance.pdf").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_changed_list_is_drawn_again_and_the_stored_one_is_purged_after_a_day(login, small,
                                                                              django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from liaise.events import pdfs
    from liaise.events.models import EventDocument

    client = login("project_coordinator")
    url = f"/events/{small.slug}/manage/attendance.pdf"
    client.get(url)
    run_pending()
    first = EventDocument.objects.get(event=small, kind="attendance").file.name
    assert client.get(url).status_code == 200
    Registration.objects.create(event=small, name="Late Comer", email="late@example.org", country="FR",
                                participant_type="other", privacy_version="1", status="confirmed")
    assert client.get(url).status_code == 202  # what it shows changed
    with django_capture_on_commit_callbacks(execute=True):  # the old file goes once the new one is committed
        run_pending()
    response = client.get(url)
    assert "Late Comer" in pdf_text(b"".join(response.streaming_content))[0]
    document = EventDocument.objects.get(event=small, kind="attendance")
    assert document.file.name != first and not document.file.storage.exists(first)  # the old one is gone
    with django_capture_on_commit_callbacks(execute=True):
        assert pdfs.purge_documents(now=timezone.now() + timedelta(days=2)) == 1
    assert not document.file.storage.exists(document.file.name)


# --- live Q&A boards from the event page ------------------------------------------------------------------------

def test_managers_see_moderation_links_and_create_buttons(login, db):
    coordinator = login("project_coordinator").get("/events/bordeaux-2016/").content.decode()
    assert 'href="/live/BDXRTA/moderate"' in coordinator and 'href="/live/BDXRTB/moderate"' in coordinator
    assert coordinator.count("Create a live Q&amp;A board") == 3  # opening, keynote, closing (not the breaks)
    assert 'action="/live/event/bordeaux-2016/"' in coordinator and 'value="keynote"' in coordinator
    manage = login("partner_coordinator").get("/events/bordeaux-2016/manage/").content.decode()
    assert "Live Q&A boards" in manage and 'href="/live/BDXRTB/moderate"' in manage
    assert manage.count("Create a live Q&amp;A board") == 3
    for role in ("anonymous", "participant", "partner_member", "expert", "other_partner"):
        page = login(role).get("/events/bordeaux-2016/").content.decode()
        assert "/moderate" not in page and "Create a live Q&amp;A board" not in page, role
        assert 'href="/live/BDXRTB/"' in page, role


def test_the_create_button_creates_the_board_and_opens_its_moderation(login, db):
    response = login("project_coordinator").post("/live/event/bordeaux-2016/", {"session": "keynote"})
    board = Board.objects.get(session__event__slug="bordeaux-2016", session__slug="keynote")
    assert response["Location"] == f"/live/{board.code}/moderate"



def test_a_mail_server_that_is_down_keeps_the_message_queued_for_a_retry(login, small, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    run_pending()  # the fixture's confirmations: they fail too, and wait for their retry
    response = login("project_coordinator").post(message_url(small), {
        "audience": "confirmed", "subject": "Agenda", "body": "Attached."})
    assert response.status_code == 302
    assert Message.objects.get().recipients == 4
    assert run_pending() == 4  # each attempt fails; a retry of each is queued for later
    retries = DBTaskResult.objects.filter(status="READY", args_kwargs__kwargs___attempt=2,
                                          task_path="liaise.core.mail.send_email")
    assert sorted(r.args_kwargs["args"][0]["to"][0] for r in retries if r.args_kwargs["args"][0]["subject"] ==
                  "Agenda") == ["anna@example.org", "bruno@example.org", "carla@example.org", "zoe@example.org"]
