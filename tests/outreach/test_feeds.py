"""Feeds (Atom and RSS) read by two parsers, feedparser and lxml with the formats' structural rules; calendars
(iCal) by icalendar and vobject; an anonymous client never sees an internal item in any feed; a private address
works until its key is replaced, and a forged one never."""

from datetime import timedelta
from email.utils import parsedate_to_datetime

import feedparser
import icalendar
import pytest
import vobject
from django.contrib.auth import get_user_model
from django.utils import timezone
from lxml import etree

from liaise.events.models import Event, Registration
from liaise.network.models import Organisation, Project, Topic
from liaise.outreach.models import Post
from tests.conftest import ROLE_EMAILS

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
INTERNAL_POSTS = {"test-partners-post", "test-network-partners-post", "test-hidden-post", "test-draft-post",
                  "test-scheduled-post"}


def check_atom(content: bytes) -> list[str]:
    """The Atom document's structure (RFC 4287): feed with id, title, updated and a link; entries with id,
    title, updated, a link and a summary; dates in RFC 3339. Returns the entries' links."""
    root = etree.fromstring(content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{ATOM}{name}")) == 1, name
    assert root.find(f"{ATOM}link[@rel='alternate']") is not None
    links = []
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        timezone.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        link = entry.find(f"{ATOM}link")
        assert link.get("href").startswith("http://testserver/")
        links.append(link.get("href"))
    return links


def check_rss(content: bytes) -> list[str]:
    """RSS 2.0: rss version 2.0 > channel with title, link and description; items with title, link, guid,
    description and an RFC 822 pubDate. Returns the items' links."""
    root = etree.fromstring(content)
    assert (root.tag, root.get("version")) == ("rss", "2.0")
    channel = root.find("channel")
    for name in ("title", "link", "description"):
        assert channel.findtext(name), name
    links = []
    for item in channel.findall("item"):
        for name in ("title", "link", "guid", "description"):
            assert item.findtext(name) is not None, name
        assert parsedate_to_datetime(item.findtext("pubDate")).tzinfo is not None
        links.append(item.findtext("link"))
    return links


def read_feed(client, url: str) -> list[str]:
    """The slugs of the posts in the feed at ``url``, as both parsers read them (they must agree)."""
    response = client.get(url)
    assert response.status_code == 200
    kind = "atom" if url.endswith(".atom") else "rss"
    assert response["Content-Type"].startswith(f"application/{kind}+xml")
    links = check_atom(response.content) if kind == "atom" else check_rss(response.content)
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if kind == "atom" else "rss20")
    assert [entry.link for entry in parsed.entries] == links
    return [link.rstrip("/").rsplit("/", 1)[1] for link in links]


PUBLIC_FEEDS = ["/feeds/news.atom", "/feeds/news.rss", "/feeds/projects/liaise-2/news.atom",
                "/feeds/projects/liaise-2/news.rss", "/feeds/topics/family-support/news.atom",
                "/feeds/topics/family-support/news.rss", "/fr/feeds/news.atom"]


@pytest.fixture
def tagged():
    topic = Topic.objects.get(slug="family-support")
    for post in Post.objects.filter(slug__startswith="test-"):
        post.topics.add(topic)


@pytest.mark.parametrize("url", PUBLIC_FEEDS)
@pytest.mark.parametrize("role", ["anonymous", "staff"])
def test_public_feeds_are_valid_and_never_hold_an_internal_item(login, tagged, url, role):
    slugs = read_feed(login(role), url)
    assert "test-public-post" in slugs
    assert not INTERNAL_POSTS & set(slugs)
    public = set(Post.objects.live().filter(visibility="public", project__visibility="public")
                 .values_list("slug", flat=True)) | set(Post.objects.live().filter(
                     visibility="public", project__isnull=True).values_list("slug", flat=True))
    assert set(slugs) <= public


def test_a_feed_item_carries_its_title_lead_date_and_topics(client, tagged):
    parsed = feedparser.parse(client.get("/feeds/news.atom").content)
    entry = next(e for e in parsed.entries if e.link.endswith("/news/test-public-post/"))
    assert (entry.title, entry.summary, entry.author) == ("Public news", "For everyone.",
                                                          "European Forum for Urban Security")
    assert [t.term for t in entry.tags] == ["Family support"]


def test_a_feed_of_a_partners_only_project_does_not_exist(client):
    assert client.get("/feeds/projects/hidden-network/news.atom").status_code == 404
    assert client.get("/feeds/projects/hidden-network/events.ics").status_code == 404


# --- calendars -------------------------------------------------------------------------------------------------


def read_calendar(client, url: str) -> list[str]:
    """The UIDs of the calendar at ``url``, as both parsers read them (they must agree)."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    uids = [str(c["uid"]) for c in calendar.walk("VEVENT")]
    parsed = vobject.readOne(response.content.decode())
    assert sorted(str(v.uid.value) for v in getattr(parsed, "vevent_list", [])) == sorted(uids)
    for vevent in calendar.walk("VEVENT"):
        assert vevent.decoded("dtstart") < vevent.decoded("dtend")
    return uids


def uid(event: Event) -> str:
    return f"event-{event.pk}@testserver"


@pytest.fixture
def upcoming(liaise2):
    """An upcoming public LIAISE 2 event organised by Bordeaux on family support, and an upcoming partners-only
    one."""
    soon = timezone.now() + timedelta(days=20)
    public = Event.objects.create(project=liaise2, slug="cal-public", title_en="Public meeting", status="published",
                                  start=soon, end=soon + timedelta(hours=3), kind="workshop")
    public.organisers.add(Organisation.objects.get(slug="bordeaux"))
    public.topics.add(Topic.objects.get(slug="family-support"))
    internal = Event.objects.create(project=liaise2, slug="cal-internal", title_en="Partners meeting",
                                    status="published", visibility="partners", start=soon,
                                    end=soon + timedelta(hours=3), kind="meeting")
    internal.organisers.add(Organisation.objects.get(slug="bordeaux"))
    internal.topics.add(Topic.objects.get(slug="family-support"))
    return public, internal


@pytest.mark.parametrize("url", ["/feeds/projects/liaise-2/events.ics", "/feeds/organisations/bordeaux/events.ics",
                                 "/feeds/topics/family-support/events.ics"])
@pytest.mark.parametrize("role", ["anonymous", "project_coordinator"])
def test_public_calendars_are_valid_and_hold_only_public_events(login, upcoming, url, role):
    public, internal = upcoming
    uids = read_calendar(login(role), url)
    assert uid(public) in uids
    assert uid(internal) not in uids
    hidden = Event.objects.exclude(visibility="public") | Event.objects.filter(status="draft")
    assert not {uid(e) for e in hidden} & set(uids)


# --- private addresses ---------------------------------------------------------------------------------------


def private_urls(client) -> dict[str, str]:
    key = client.get("/feeds/").context["key"]
    return {"atom": f"/feeds/private/{key}/news.atom", "rss": f"/feeds/private/{key}/news.rss",
            "events": f"/feeds/private/{key}/events.ics", "mine": f"/feeds/private/{key}/my-events.ics"}


def test_a_partners_private_addresses_hold_what_they_see(login, client, upcoming):
    public, internal = upcoming
    member = get_user_model().objects.get(email=ROLE_EMAILS["partner_member"])
    Registration.objects.create(event=public, user=member, name="M", email=member.email, country="DE",
                                participant_type="practitioner", status="confirmed")
    urls = private_urls(login("partner_member"))
    # the addresses work for anyone holding them (a calendar application does not sign in)
    for fmt in ("atom", "rss"):
        slugs = set(read_feed(client, urls[fmt]))
        assert {"test-public-post", "test-partners-post", "test-network-partners-post"} <= slugs
        assert not {"test-hidden-post", "test-draft-post", "test-scheduled-post"} & slugs
    assert {uid(public), uid(internal)} <= set(read_calendar(client, urls["events"]))
    assert read_calendar(client, urls["mine"]) == [uid(public)]


def test_a_revoked_address_answers_404_and_the_new_one_works(login, client):
    partner = login("partner_member")
    old = private_urls(partner)
    assert client.get(old["atom"]).status_code == 200
    response = partner.post("/feeds/new-address/")
    assert response.status_code == 302
    new = private_urls(partner)
    assert new != old
    assert [client.get(url).status_code for url in old.values()] == [404] * 4
    assert [client.get(url).status_code for url in new.values()] == [200] * 4


def test_a_forged_key_answers_404(login, client):
    urls = private_urls(login("partner_member"))
    key = urls["atom"].split("/")[3]
    raw, _signature = key.split(":")
    for forged in (f"{raw}:forged", f"{raw[:-1]}A:{_signature}", "nothing", "a:b"):
        assert client.get(f"/feeds/private/{forged}/news.atom").status_code == 404
        assert client.get(f"/feeds/private/{forged}/events.ics").status_code == 404


def test_an_inactive_accounts_addresses_answer_404(login, client):
    urls = private_urls(login("partner_member"))
    get_user_model().objects.filter(email=ROLE_EMAILS["partner_member"]).update(is_active=False)
    assert client.get(urls["atom"]).status_code == 404


def test_anonymous_never_sees_an_internal_item_in_any_feed(client, upcoming):
    """Every feed and calendar address a visitor can reach."""
    urls = [f"/feeds/news.{f}" for f in ("atom", "rss")]
    for project in Project.objects.filter(visibility="public"):
        urls += [f"/feeds/projects/{project.slug}/news.atom", f"/feeds/projects/{project.slug}/news.rss"]
    for topic in Topic.objects.all():
        urls += [f"/feeds/topics/{topic.slug}/news.atom", f"/feeds/topics/{topic.slug}/news.rss"]
    internal_events = {uid(e) for e in Event.objects.exclude(visibility="public", status="published")} | {
        uid(e) for e in Event.objects.filter(project__visibility="partners")}
    for url in urls:
        assert not INTERNAL_POSTS & set(read_feed(client, url)), url
    calendars = [f"/feeds/projects/{p.slug}/events.ics" for p in Project.objects.filter(visibility="public")]
    calendars += [f"/feeds/topics/{t.slug}/events.ics" for t in Topic.objects.all()]
    calendars += [f"/feeds/organisations/{o.slug}/events.ics" for o in Organisation.objects.filter(
        partnerships__project__visibility="public").distinct()]
    for url in calendars:
        assert not internal_events & set(read_calendar(client, url)), url


def test_the_subscriptions_page_lists_feeds_and_calendars(login):
    anonymous = login("anonymous").get("/feeds/").content.decode()
    assert "/feeds/projects/liaise-2/events.ics" in anonymous and "/feeds/topics/family-support/news.rss" in anonymous
    assert "/feeds/private/" not in anonymous and "hidden-network" not in anonymous
    partner = login("partner_member").get("/feeds/").content.decode()
    assert "/feeds/private/" in partner and "/feeds/new-address/" in partner


def test_a_topic_calendar_says_nothing_of_an_internal_session(db):
    from django.contrib.auth.models import AnonymousUser

    from liaise.events.models import Session
    from liaise.network.models import Topic
    from liaise.outreach import queries

    event = queries.upcoming_events(AnonymousUser()).first()
    session = Session.objects.create(event=event, slug="test-calendar-session", kind="workshop",
                                     title_en="A session", start=event.start, end=event.end)
    topic = Topic.objects.create(slug="test-calendar-topic", name_en="Calendar topic", position=99)
    session.topics.add(topic)
    Session.objects.filter(pk=session.pk).update(visibility="internal")
    assert list(queries.upcoming_events(AnonymousUser(), topic=topic)) == []
    Session.objects.filter(pk=session.pk).update(visibility="")  # as its event: public
    assert list(queries.upcoming_events(AnonymousUser(), topic=topic)) == [event]
