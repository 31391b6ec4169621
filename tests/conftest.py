"""Shared fixtures. The test database holds the LIAISE 2 demo (with its demo accounts) plus a second,
partners-only project ("Hidden Network") with its own partner, for the whole session; each test's own
writes are rolled back."""

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from liaise.demo import loader
from liaise.network.models import Organisation, Partnership, Project, ProjectRole, Visibility

# email of the user playing each role in the permission matrix and elsewhere
ROLE_EMAILS = {
    "participant": "participant@example.org",
    "partner_member": "member@augsburg.example",
    "partner_coordinator": "partner@bordeaux.example",
    "expert": "expert@experts.example",
    "project_coordinator": "coordinator@efus.example",
    "other_partner": "member@hidden.example",
    "staff": "admin@liaise.example",
}
ROLES = ["anonymous", *ROLE_EMAILS]


def build_hidden_project():
    """A partners-only project with one partner (only in it) and one partner member."""
    from django.contrib.auth import get_user_model

    from liaise.network import services

    User = get_user_model()
    hidden_city = services.save_organisation("hidden-city", name_en="Hidden City", kind="city", country="DK")
    project = services.save_project(
        "hidden-network", acronym="HIDDEN", name_en="Hidden Network", start="2020-01-01", end="2021-12-31",
        visibility=Visibility.PARTNERS,
    )
    services.set_partnership(project, hidden_city, Partnership.Role.LEAD)
    member = User.objects.create_user("member@hidden.example", "demo", full_name="Hidden Member")
    services.add_membership(member, hidden_city)
    services.grant_project_role(project, member, ProjectRole.Role.PARTNER_MEMBER, hidden_city)
    User.objects.create_superuser("admin@liaise.example", "demo", full_name="Site Admin")


def build_event_fixtures():
    """A draft event and an organisers-only event in LIAISE 2, a partners-only material on the kick-off, an
    upcoming open event with 3 seats, and an event of the hidden project."""
    from datetime import timedelta

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from liaise.events.models import Event, Material

    liaise2 = Project.objects.get(slug="liaise-2")
    hidden = Project.objects.get(slug="hidden-network")
    soon = timezone.now() + timedelta(days=30)
    common = {"start": soon, "end": soon + timedelta(hours=8), "kind": Event.Kind.WORKSHOP}
    Event.objects.create(project=liaise2, slug="draft-workshop", title_en="Draft workshop", status="draft", **common)
    Event.objects.create(project=liaise2, slug="steering-committee", title_en="Steering committee",
                         status="published", visibility=Visibility.ORGANISERS, **common)
    Event.objects.create(project=liaise2, slug="small-workshop", title_en="Small workshop", status="published",
                         capacity=3, **common)
    Event.objects.create(project=hidden, slug="hidden-meeting", title_en="Hidden meeting", status="published",
                         visibility=Visibility.PARTNERS, **common)
    kick_off = Event.objects.get(slug="liaise-2-kick-off")
    material = Material(event=kick_off, title="Minutes of the kick-off", kind=Material.Kind.MINUTES,
                        content_type="application/pdf", visibility=Visibility.PARTNERS)
    material.file.save("minutes.pdf", ContentFile(b"%PDF-1.4\n% demo minutes\n%%EOF\n"), save=True)
    # a live Q&A board on a partners-only meeting
    from liaise.live.models import Board

    Board.objects.create(session=kick_off.sessions.order_by("start").first(), code="KICKQA", is_open=True,
                         moderation=Board.Moderation.OPEN)


def build_pilot_fixtures():
    """A pilot of the hidden project (partners-only, seen by its partner only)."""
    from liaise.network.models import Topic
    from liaise.pilots.models import Pilot, TargetGroup

    pilot = Pilot.objects.create(project=Project.objects.get(slug="hidden-network"),
                                 organisation=Organisation.objects.get(slug="hidden-city"), slug="hidden-pilot",
                                 title_en="Hidden pilot", problem_en="A problem.", visibility=Visibility.PARTNERS)
    pilot.topics.set([Topic.objects.get(slug="family-support")])
    pilot.target_groups.set([TargetGroup.objects.get(slug="families")])


def build_library_fixtures():
    """Library: a Bordeaux draft, a partners-only published practice with a partners-only PDF, a practice of the
    hidden project (public itself, but its project is partners-only)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from liaise.library.models import Practice, Resource

    liaise2 = Project.objects.get(slug="liaise-2")
    bordeaux = Organisation.objects.get(slug="bordeaux")
    common = {"summary_en": "A test practice.", "approach": "family", "country": "FR", "project": liaise2,
              "organisation": bordeaux}
    Practice.objects.create(slug="draft-practice", title_en="Draft practice of Bordeaux", status="draft", **common)
    partners = Practice.objects.create(slug="partners-practice", title_en="Partners-only practice",
                                       status="published", published=timezone.now(), visibility="partners",
                                       **common)
    resource = Resource(practice=partners, project=liaise2, title_en="Partners-only toolkit", kind="training",
                        content_type="application/pdf", size=40, visibility="partners")
    resource.file.save("toolkit.pdf", ContentFile(b"%PDF-1.4\n% partners toolkit\n%%EOF\n"), save=True)
    Practice.objects.create(
        slug="hidden-practice", title_en="Hidden practice", summary_en="Of the hidden project.", approach="exit",
        country="DK", project=Project.objects.get(slug="hidden-network"),
        organisation=Organisation.objects.get(slug="hidden-city"), status="published", published=timezone.now(),
    )


def build_reporting_fixtures():
    """A first reporting period (months 1–12) for LIAISE 2 and the hidden project, if the demo has none."""
    from liaise.reporting.models import ReportingPeriod

    for slug in ("liaise-2", "hidden-network"):
        ReportingPeriod.objects.get_or_create(project=Project.objects.get(slug=slug), number=1,
                                              defaults={"first_month": 1, "last_month": 12})


def build_people_fixtures():
    """A pending invitation from the coordinator to a Bordeaux partner member, and one of the hidden project (the
    permission parity test needs invitations)."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from liaise.accounts.models import hash_token
    from liaise.network.models import Invitation

    User = get_user_model()
    soon = timezone.now() + timedelta(days=7)
    Invitation.objects.create(email="invited@bordeaux.example", organisation=Organisation.objects.get(slug="bordeaux"),
                              project=Project.objects.get(slug="liaise-2"), role=ProjectRole.Role.PARTNER_MEMBER,
                              token_hash=hash_token("fixture-invitation"), expires=soon,
                              invited_by=User.objects.get(email=ROLE_EMAILS["project_coordinator"]))
    Invitation.objects.create(email="invited@hidden.example", organisation=Organisation.objects.get(slug="hidden-city"),
                              project=Project.objects.get(slug="hidden-network"), role=ProjectRole.Role.PARTNER_MEMBER,
                              token_hash=hash_token("fixture-hidden-invitation"), expires=soon)
    from liaise.network.models import RoleChange

    member = User.objects.get(email=ROLE_EMAILS["partner_member"])
    RoleChange.objects.create(project=Project.objects.get(slug="liaise-2"), user=member,
                              organisation=member.project_roles.get().organisation, old_role="",
                              new_role=ProjectRole.Role.PARTNER_MEMBER,
                              actor=User.objects.get(email=ROLE_EMAILS["project_coordinator"]))


def build_outreach_fixtures():
    """News posts of each state: published public and partners-only posts of LIAISE 2, a draft and a scheduled
    post of Bordeaux, a network-wide partners-only post, and a post of the hidden project."""
    from datetime import timedelta

    from django.utils import timezone

    from liaise.outreach.models import Post

    liaise2 = Project.objects.get(slug="liaise-2")
    hidden = Project.objects.get(slug="hidden-network")
    efus = Organisation.objects.get(slug="efus")
    bordeaux = Organisation.objects.get(slug="bordeaux")
    now = timezone.now()
    published = {"status": Post.Status.PUBLISHED, "published_at": now - timedelta(days=2)}
    Post.objects.create(slug="test-public-post", project=liaise2, organisation=efus, title_en="Public news",
                        lead_en="For everyone.", **published)
    Post.objects.create(slug="test-partners-post", project=liaise2, organisation=efus, title_en="Partners news",
                        lead_en="For partners.", visibility=Visibility.PARTNERS, **published)
    Post.objects.create(slug="test-draft-post", project=liaise2, organisation=bordeaux, title_en="Draft news",
                        lead_en="Not yet.")
    Post.objects.create(slug="test-scheduled-post", project=liaise2, organisation=bordeaux,
                        title_en="Scheduled news", lead_en="Later.", status=Post.Status.PUBLISHED,
                        published_at=now + timedelta(days=3))
    Post.objects.create(slug="test-network-partners-post", organisation=efus, title_en="Network partners news",
                        lead_en="For every partner.", visibility=Visibility.PARTNERS, **published)
    Post.objects.create(slug="test-hidden-post", project=hidden, organisation=Organisation.objects.get(
        slug="hidden-city"), title_en="Hidden news", lead_en="Hidden.", **published)


def build_newsletter_fixtures():
    """Newsletters: a draft issue of LIAISE 2 with its public post, a network-wide draft, a draft of the hidden
    project; a confirmed subscriber (token "confirmed-token") and one who never confirmed ("waiting-token")."""
    from django.utils import timezone

    from liaise.outreach.models import NewsletterIssue, Post, Subscriber

    liaise2 = Project.objects.get(slug="liaise-2")
    issue = NewsletterIssue.objects.create(project=liaise2, subject="LIAISE 2 news")
    issue.posts.set([Post.objects.get(slug="test-public-post")])
    NewsletterIssue.objects.create(subject="Network news")
    NewsletterIssue.objects.create(project=Project.objects.get(slug="hidden-network"), subject="Hidden news")
    Subscriber.objects.create(email="reader@example.org", token="confirmed-token", confirmed_at=timezone.now())
    Subscriber.objects.create(email="waiting@example.org", token="waiting-token")


# Under pytest-xdist (`make test`: `-n auto --dist loadgroup`), tests that share a costly module or session fixture
# run on one worker: the browser tests share a demo server, the production tests theirs, these modules one build.
# The axe run needs no server (it serves its pages from the test database): it has a worker of its own, beside
# the other browser tests. The first matching path names the group.
XDIST_GROUPS = {"tests/browser/test_axe.py": "axe", "tests/browser/": "browser", "tests/production/": "production",
                "tests/reporting/test_report.py": "report", "tests/core/test_archives.py": "archives"}


def pytest_collection_modifyitems(items):
    """Browser tests last: they drive a real server and keep an event loop while they run."""
    items.sort(key=lambda item: "tests/browser/" in str(item.fspath))
    for item in items:
        path = str(item.fspath)
        group = next((name for part, name in XDIST_GROUPS.items() if part in path), None)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    import tempfile

    from django.conf import settings

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="liaise-test-media-")
    with django_db_blocker.unblock():
        loader.load(with_accounts=True)
        build_hidden_project()
        build_event_fixtures()
        build_pilot_fixtures()
        build_library_fixtures()
        build_reporting_fixtures()
        build_people_fixtures()
        build_outreach_fixtures()
        build_newsletter_fixtures()


@pytest.fixture(autouse=True)
def _fresh_cache(db, settings):
    # (tests/browser overrides this fixture: they drive a real server with its own database.)
    # Fast hashing for users the tests create; the demo accounts' Argon2 hashes still verify.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    cache.clear()
    # A request to a /fr/ page leaves French active in the thread: each test starts in the default language.
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    cache.clear()


@pytest.fixture
def liaise2(db) -> Project:
    return Project.objects.get(slug="liaise-2")


@pytest.fixture
def hidden_city(db) -> Organisation:
    return Organisation.objects.get(slug="hidden-city")


@pytest.fixture
def login(db):
    """login("partner_coordinator") → a Client signed in as that role's user ("anonymous": not signed in)."""
    from django.contrib.auth import get_user_model

    def make(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            client.force_login(get_user_model().objects.get(email=ROLE_EMAILS[role]))
        return client

    return make
