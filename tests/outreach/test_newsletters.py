"""Newsletters: double opt-in, consent, unsubscribing (one click), composing, and sending through the worker."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from liaise.core.tasks import run_pending
from liaise.network.models import Project, Topic
from liaise.outreach import newsletters
from liaise.outreach.models import Consent, Delivery, NewsletterIssue, Post, Subscriber
from tests.conftest import ROLE_EMAILS


@pytest.fixture(autouse=True)
def _no_demo_subscribers(db):
    """Only the fixtures' subscribers and each test's own (the demo's receive issues too)."""
    Subscriber.objects.filter(is_demo=True).delete()


def link(body: str, name: str) -> str:
    return re.search(rf"https?://\S+/newsletter/{name}/\S+/", body).group(0)


def test_subscribing_confirms_by_a_link_records_the_consent_and_applies_the_choices(login, liaise2):
    client = login("anonymous")
    topic = Topic.objects.order_by("pk").first()
    response = client.post("/newsletter/", {"email": " New@Example.org ", "language": "fr",
                                            "projects": [liaise2.pk], "topics": [topic.pk], "consent": "on"})
    assert response.status_code == 200
    assert "outreach/newsletter/check_mailbox.html" in [t.name for t in response.templates]
    subscriber = Subscriber.objects.get(email="new@example.org")
    assert subscriber.confirmed_at is None
    assert list(newsletters.recipients(NewsletterIssue.objects.get(subject="LIAISE 2 news"))
                .filter(pk=subscriber.pk)) == []  # unconfirmed: no issue
    consent = subscriber.consents.get()
    assert (consent.scope, consent.text, consent.confirmed_at) == (
        {"language": "fr", "projects": ["liaise-2"], "topics": [topic.slug]}, str(newsletters.CONSENT_TEXT), None)
    assert mail.outbox == []
    assert run_pending() == 1
    [message] = mail.outbox
    assert message.to == ["new@example.org"]
    url = link(message.body, "confirm")
    assert client.get(url).status_code == 200  # a page with a button: a mail scanner's GET confirms nothing
    assert Subscriber.objects.get(pk=subscriber.pk).confirmed_at is None
    assert client.post(url).status_code == 200
    subscriber.refresh_from_db()
    consent.refresh_from_db()
    assert (subscriber.language, list(subscriber.projects.all()), list(subscriber.topics.all())) == (
        "fr", [liaise2], [topic])
    assert subscriber.confirmed_at is not None and consent.confirmed_at is not None


def test_subscribing_again_tells_nothing_and_sends_a_new_link(login):
    client = login("anonymous")
    data = {"email": "reader@example.org", "language": "en", "consent": "on"}
    response = client.post("/newsletter/", data)
    assert response.status_code == 200
    assert "outreach/newsletter/check_mailbox.html" in [t.name for t in response.templates]
    assert client.post("/newsletter/", data).status_code == 200  # asked twice within two minutes: one mail
    run_pending()
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert Subscriber.objects.get(email="reader@example.org").consents.count() == 2


@pytest.mark.parametrize("data, field, message", [
    ({"email": "x@example.org", "language": "en"}, "consent", "Tick the box to agree to receive the newsletter."),
    ({"email": "not-an-address", "language": "en", "consent": "on"}, "email", "Enter a valid email address."),
])
def test_bad_subscriptions_are_refused_next_to_the_field(login, data, field, message):
    response = login("anonymous").post("/newsletter/", data)
    assert (response.status_code, response.context["form"].errors[field]) == (400, [message])
    assert not Subscriber.objects.filter(email=data["email"]).exists()


def test_a_partners_only_project_cannot_be_chosen(db):
    hidden = Project.objects.get(slug="hidden-network")
    with pytest.raises(newsletters.InvalidInput, match="Only public projects"):
        newsletters.subscribe("x@example.org", language="en", projects=[hidden], consent_text="yes")


@pytest.mark.parametrize("token, message", [
    ("forged", "This confirmation link is not valid"),
])
def test_a_forged_confirmation_link_gets_a_clear_message(login, token, message):
    response = login("anonymous").post(f"/newsletter/confirm/{token}/")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_an_expired_confirmation_link_gets_a_clear_message(login, settings):
    consent = newsletters.subscribe("late@example.org", language="en", consent_text="yes")
    Consent.objects.filter(pk=consent.pk).update(given_at=timezone.now() - timedelta(days=30))
    token = newsletters.confirmation_token(consent)
    settings.LIAISE_NEWSLETTER_CONFIRM_DAYS = 0  # (the signature's age is what counts)
    import time

    time.sleep(1)
    response = login("anonymous").post(f"/newsletter/confirm/{token}/")
    assert response.status_code == 400
    assert "This confirmation link has expired" in response.content.decode()


def test_unsubscribing_one_click_and_from_the_page(login):
    client = login("anonymous")
    page = client.get("/newsletter/unsubscribe/confirmed-token/")
    assert page.status_code == 200 and "Stop sending newsletters to reader@example.org?" in page.content.decode()
    response = client.post("/newsletter/unsubscribe/confirmed-token/", {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscriber = Subscriber.objects.get(token="confirmed-token")
    assert subscriber.unsubscribed_at is not None
    assert subscriber.consents.get().scope == {"how": "one-click"}
    assert client.post("/newsletter/unsubscribe/confirmed-token/").status_code == 200  # again: nothing changes
    assert subscriber.consents.count() == 1


def test_a_forged_unsubscribe_token_and_an_unconfirmed_address_get_a_clear_message(login):
    client = login("anonymous")
    forged = client.post("/newsletter/unsubscribe/forged-token/", {"List-Unsubscribe": "One-Click"})
    assert forged.status_code == 404
    assert "This unsubscribe link is not valid" in forged.content.decode()
    waiting = client.get("/newsletter/unsubscribe/waiting-token/")
    assert waiting.status_code == 400
    assert "This address was never confirmed" in waiting.content.decode()


def coordinator():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(email=ROLE_EMAILS["project_coordinator"])


def make_subscribers(n: int, language: str = "en") -> list[Subscriber]:
    now = timezone.now()
    return Subscriber.objects.bulk_create([
        Subscriber(email=f"s{i}@example.net", language=language, token=f"tok-{i}", confirmed_at=now)
        for i in range(n)])


def test_compose_preview_test_and_send_with_headers_parts_and_progress(login, liaise2, settings):
    settings.LIAISE_NEWSLETTER_RATE = 0
    settings.LIAISE_NEWSLETTER_BATCH = 3
    make_subscribers(5, "fr")
    client = login("project_coordinator")
    response = client.post("/newsletter/issues/new/", {"project": liaise2.pk, "subject": "Spring news",
                                                       "intro": "Hello all."})
    issue = NewsletterIssue.objects.get(subject="Spring news")
    assert response.status_code == 302
    assert list(issue.posts.values_list("slug", flat=True)) == ["test-public-post"]  # public and live only
    preview = client.get(f"/newsletter/issues/{issue.pk}/preview/")
    assert preview.status_code == 200 and "Public news" in preview.content.decode()
    assert client.post(f"/newsletter/issues/{issue.pk}/test/").status_code == 302
    run_pending()
    [test_copy] = mail.outbox
    assert (test_copy.subject, test_copy.to) == ("[Test] Spring news", [ROLE_EMAILS["project_coordinator"]])
    mail.outbox.clear()
    assert client.post(f"/newsletter/issues/{issue.pk}/send/").status_code == 302
    issue.refresh_from_db()
    assert issue.status == "sending"
    expected = newsletters.recipients(issue).count()
    assert expected == 6  # the five, and the fixtures' confirmed reader
    run_pending()
    issue.refresh_from_db()
    assert issue.status == "sent"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(newsletters.recipients(issue).values_list("email",
                                                                                                   flat=True))
    message = next(m for m in mail.outbox if m.to == ["s0@example.net"])
    s0 = Subscriber.objects.get(email="s0@example.net")
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver/newsletter/unsubscribe/{s0.token}/>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Message-ID"] == newsletters.message_id(issue.pk, s0.pk)
    assert "Se désabonner" in message.body or "Unsubscribe" in message.body
    assert message.alternatives[0][1] == "text/html" and s0.token in message.alternatives[0][0]
    assert newsletters.progress(issue) == {"pending": 0, "sending": 0, "sent": 6, "unconfirmed": 0, "failed": 0,
                                           "total": 6, "done": 6}
    again = client.post(f"/newsletter/issues/{issue.pk}/send/")
    assert again.status_code == 302
    run_pending()
    assert len(mail.outbox) == 6  # never twice
    page = client.get(f"/newsletter/issues/{issue.pk}/")
    assert "6 of 6 done." in page.content.decode()


def test_an_issue_goes_to_the_subscribers_of_its_project_and_topics(db, liaise2):
    issue = NewsletterIssue.objects.get(subject="LIAISE 2 news")
    other_project = Project.objects.get(slug="liaise")
    topic, other_topic = Topic.objects.order_by("pk")[:2]
    Post.objects.get(slug="test-public-post").topics.set([topic])
    now = timezone.now()
    chose_project = Subscriber.objects.create(email="a@example.net", confirmed_at=now)
    chose_project.projects.set([liaise2])
    chose_other = Subscriber.objects.create(email="b@example.net", confirmed_at=now)
    chose_other.projects.set([other_project])
    chose_other_topic = Subscriber.objects.create(email="c@example.net", confirmed_at=now)
    chose_other_topic.topics.set([other_topic])
    Subscriber.objects.create(email="gone@example.net", confirmed_at=now, unsubscribed_at=now)
    assert sorted(newsletters.recipients(issue).values_list("email", flat=True)) == [
        "a@example.net", "reader@example.org"]


def test_sending_an_issue_nobody_receives_is_refused_with_a_message(db, liaise2):
    Subscriber.objects.all().delete()
    issue = NewsletterIssue.objects.get(subject="LIAISE 2 news")
    with pytest.raises(newsletters.InvalidInput, match="Nobody receives this newsletter yet"):
        newsletters.start_sending(issue, coordinator(), "http://testserver/")


def test_a_delivery_left_sending_by_a_dead_worker_is_not_sent_again(db, settings):
    """With a backend that cannot tell (locmem), it is recorded as perhaps sent; the others go out."""
    settings.LIAISE_NEWSLETTER_RATE = 0
    settings.LIAISE_NEWSLETTER_LEASE_SECONDS = 60
    issue = NewsletterIssue.objects.get(subject="LIAISE 2 news")
    make_subscribers(3)
    newsletters.start_sending(issue, coordinator(), "http://testserver/")
    crashed = issue.deliveries.order_by("pk").first()
    Delivery.objects.filter(pk=crashed.pk).update(status="sending", claimed_at=timezone.now() - timedelta(hours=1))
    run_pending()
    issue.refresh_from_db()
    assert issue.status == "sent"
    assert newsletters.progress(issue)["unconfirmed"] == 1
    assert crashed.subscriber.email not in [m.to[0] for m in mail.outbox]
    assert len(mail.outbox) == 3


def test_with_the_file_backend_a_dead_workers_delivery_is_checked_in_the_files(db, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    settings.LIAISE_NEWSLETTER_RATE = 0
    issue = NewsletterIssue.objects.get(subject="LIAISE 2 news")
    make_subscribers(2)
    newsletters.start_sending(issue, coordinator(), "http://testserver/")
    written, lost = issue.deliveries.order_by("pk")[:2]
    long_ago = timezone.now() - timedelta(hours=1)
    Delivery.objects.filter(pk__in=[written.pk, lost.pk]).update(status="sending", claimed_at=long_ago)
    (tmp_path / "earlier.log").write_bytes(
        f"Message-ID: {newsletters.message_id(issue.pk, written.subscriber_id)}\n".encode())
    run_pending()
    files = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    ids = re.findall(rb"^Message-ID: (\S+)", files, re.MULTILINE)
    assert sorted(ids) == sorted({i for i in ids})  # each once
    assert len(ids) == 3  # the one found, the lost one sent now, the third
    assert newsletters.progress(issue)["sent"] == 3


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_issues_list_and_an_issues_progress_cost_the_same_queries_as_they_grow(login, liaise2, settings):
    settings.LIAISE_NEWSLETTER_RATE = 0
    client = login("project_coordinator")
    before = _queries(client, "/newsletter/issues/")
    for i in range(15):
        NewsletterIssue.objects.create(project=liaise2 if i % 2 else None, subject=f"Issue {i}")
    assert _queries(client, "/newsletter/issues/") == before
    issue = NewsletterIssue.objects.get(subject="LIAISE 2 news")
    make_subscribers(3)
    newsletters.start_sending(issue, coordinator(), "http://testserver/")
    small = _queries(client, f"/newsletter/issues/{issue.pk}/")
    other = NewsletterIssue.objects.create(project=liaise2, subject="Bigger")
    other.posts.set(issue.posts.all())
    make_subscribers_from = Subscriber.objects.bulk_create([
        Subscriber(email=f"more{i}@example.net", token=f"more-{i}", confirmed_at=timezone.now())
        for i in range(40)])
    assert len(make_subscribers_from) == 40
    newsletters.start_sending(other, coordinator(), "http://testserver/")
    assert _queries(client, f"/newsletter/issues/{other.pk}/") == small


def test_who_unsubscribes_while_an_issue_is_sent_receives_nothing_more(db, settings):
    settings.LIAISE_NEWSLETTER_RATE = 0
    issue = NewsletterIssue.objects.get(subject="LIAISE 2 news")
    leaving, *staying = make_subscribers(3)
    newsletters.start_sending(issue, coordinator(), "http://testserver/")
    Subscriber.objects.filter(pk=leaving.pk).update(unsubscribed_at=timezone.now())  # one click, mid-sending
    run_pending()
    assert leaving.email not in [m.to[0] for m in mail.outbox]
    assert {s.email for s in staying} <= {m.to[0] for m in mail.outbox}
    skipped = issue.deliveries.get(subscriber=leaving)
    assert (skipped.status, skipped.error) == ("failed", "Unsubscribed before this issue reached them.")


def test_an_event_made_internal_after_it_was_chosen_is_not_announced(db, liaise2):
    from liaise.events.models import Event

    issue = NewsletterIssue.objects.get(subject="LIAISE 2 news")
    event = newsletters.offered_events(liaise2).first()
    issue.events.add(event)
    assert event in newsletters.issue_content(issue)[1]
    Event.objects.filter(pk=event.pk).update(visibility="internal")
    assert event not in newsletters.issue_content(issue)[1]


def test_a_number_too_big_for_the_database_is_refused_next_to_the_field(login):
    data = {"email": "big@example.org", "language": "en", "consent": "on", "projects": "1" * 40, "topics": "9" * 25}
    response = login("anonymous").post("/newsletter/", data)
    assert response.status_code == 400
    assert response.context["form"].errors["projects"] == [f"“{'1' * 40}” is not a valid value."]
    assert not Subscriber.objects.filter(email="big@example.org").exists()


def test_subscribing_leaves_the_page_cache_alone(login):
    from liaise.core import cache

    before = cache.current()
    login("anonymous").post("/newsletter/", {"email": "quiet@example.org", "language": "en", "consent": "on"})
    assert Subscriber.objects.filter(email="quiet@example.org").exists()
    assert cache.current() == before


def test_addresses_never_confirmed_are_forgotten_once_their_link_expired(db, settings):
    settings.LIAISE_NEWSLETTER_CONFIRM_DAYS = 7
    now = timezone.now()
    stale = Subscriber.objects.create(email="typed-by-someone@example.org")
    fresh = Subscriber.objects.create(email="still-deciding@example.org")
    confirmed = Subscriber.objects.create(email="kept@example.org", confirmed_at=now - timedelta(days=30))
    Subscriber.objects.filter(pk__in=[stale.pk, confirmed.pk]).update(created=now - timedelta(days=9))
    assert newsletters.purge_unconfirmed() == 1
    assert set(Subscriber.objects.filter(pk__in=[stale.pk, fresh.pk, confirmed.pk]).values_list("email", flat=True)) \
        == {"still-deciding@example.org", "kept@example.org"}



def test_a_subscribers_links_lead_to_the_pages_in_their_language(db):
    issue = NewsletterIssue.objects.get(subject="LIAISE 2 news")
    post = Post.objects.get(slug="test-public-post")
    issue.posts.add(post)
    assert "/fr/news/test-public-post/" in newsletters.render_issue(issue, "fr")["text"]
    assert "/news/test-public-post/" in newsletters.render_issue(issue, "en")["text"]
    assert "/fr/news/" not in newsletters.render_issue(issue, "en")["text"]
