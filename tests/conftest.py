"""Shared fixtures. The test database holds the LIAISE 2 demo (with its demo accounts) plus a second,
partners-only project ("Hidden Network") with its own partner, for the whole session; each test's own
writes are rolled back."""

import pytest
from django.core.cache import cache
from django.test import Client

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


def pytest_collection_modifyitems(items):
    """Browser tests last: they drive a real server and keep an event loop while they run."""
    items.sort(key=lambda item: "tests/browser/" in str(item.fspath))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        loader.load(with_accounts=True)
        build_hidden_project()


@pytest.fixture(autouse=True)
def _fresh_cache(request, settings):
    if "browser" in request.keywords:  # they drive a real server with its own database
        yield
        return
    request.getfixturevalue("db")
    # Fast hashing for users the tests create; the demo accounts' Argon2 hashes still verify.
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
    ]
    cache.clear()
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
