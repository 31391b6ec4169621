"""Load the LIAISE 2 demo (idempotent): ``liaise demo [--reset]``; ``liaise serve`` calls it on an empty database.

The network (``data``) first, then the events (``events_data``, loaded by ``events_loader``), then the trainings
and pilots (``pilots_data``, loaded by ``pilots_loader``), the library, and last the grant's work plan and results
framework (``reporting_data``, loaded by ``reporting_loader``).

Demo accounts (password ``demo``) are created only in development mode, never in production mode.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from liaise.core import audit
from liaise.core.models import AuditEntry
from liaise.events.models import Event
from liaise.network import services as network
from liaise.network.models import Organisation, Person, Project, Topic

from . import data
from .events_loader import load_events, reset_events
from .library_loader import load_library, reset_library
from .live_loader import load_live
from .newsletter_loader import load_newsletters, reset_newsletters
from .outreach_loader import load_outreach
from .pilots_loader import load_pilots, reset_pilots
from .reporting_loader import load_reporting, reset_reporting


def is_loaded() -> bool:
    return Project.objects.filter(slug=data.LIAISE_2["slug"]).exists()


def database_is_empty() -> bool:
    return not Project.objects.exists() and not Organisation.objects.exists()


def _unaudited(function):
    """The demo is loaded and removed without audit entries: its log starts clean (and loading stays fast)."""

    @wraps(function)
    def run(*args, **kwargs):
        with audit.disable_auditlog():
            return function(*args, **kwargs)

    return run


@_unaudited
@transaction.atomic
def reset() -> None:
    """Remove what the demo created (and what hangs from it), leaving anything else alone; and the audit log of
    the demo projects (what visitors did to the demo)."""
    AuditEntry.objects.filter(project_id__in=Project.objects.filter(
        slug__in=[data.LIAISE["slug"], data.LIAISE_2["slug"]]).values("pk")).delete()
    reset_reporting()  # first: its rows protect organisations and roll up pilot indicators
    reset_pilots()
    reset_library()
    reset_events()
    # Other events of the demo projects hang from them too (an event's project is protected).
    from liaise.outreach.models import Post
    from liaise.pilots.models import Pilot

    reset_newsletters([data.LIAISE["slug"], data.LIAISE_2["slug"]])
    Post.objects.filter(is_demo=True).delete()
    Post.objects.filter(project__slug__in=[data.LIAISE["slug"], data.LIAISE_2["slug"]]).delete()
    Pilot.objects.filter(project__slug__in=[data.LIAISE["slug"], data.LIAISE_2["slug"]]).delete()
    Event.objects.filter(project__slug__in=[data.LIAISE["slug"], data.LIAISE_2["slug"]]).delete()
    Project.objects.filter(slug__in=[data.LIAISE["slug"], data.LIAISE_2["slug"]]).delete()
    Person.objects.filter(slug__in=[p[0] for p in data.PEOPLE]).delete()
    slugs = [o[0] for o in data.ORGANISATIONS + data.OTHER_ORGANISATIONS]
    # an organisation that still authors news of its own (network-wide posts) is not the demo's to remove
    Organisation.objects.filter(slug__in=slugs, partnerships__isnull=True, posts__isnull=True).delete()
    get_user_model().objects.filter(email__in=[a[0] for a in data.DEMO_ACCOUNTS]).delete()


@_unaudited
@transaction.atomic
def load(*, with_accounts: bool | None = None) -> dict[str, int]:
    """Create or update the demo; returns what it holds. Accounts default to "not in production mode"."""
    if with_accounts is None:
        with_accounts = not settings.PRODUCTION
    topics = {}
    for position, (slug, name_en, name_fr) in enumerate(data.TOPICS):
        topic, _ = Topic.objects.update_or_create(
            slug=slug, defaults={"name_en": name_en, "name_fr": name_fr, "position": position}
        )
        topics[slug] = topic

    organisations = {}
    for slug, name_en, name_fr, short, kind, country, city, _role, website in (
        data.ORGANISATIONS + data.OTHER_ORGANISATIONS
    ):
        organisations[slug] = network.save_organisation(
            slug, name_en=name_en, name_fr=name_fr, short_name=short, kind=kind, country=country, city=city,
            website=website,
        )

    for slug, name, title_en, title_fr, organisation in data.PEOPLE:
        person = Person.objects.filter(slug=slug).first() or Person(slug=slug)
        person.name, person.title_en, person.title_fr = name, title_en, title_fr
        person.organisation = organisations[organisation]
        person.save()

    liaise = network.save_project(**data.LIAISE, topics=[topics["understanding-radicalisation"],
                                                          topics["multi-agency-strategies"]])
    network.set_partnership(liaise, organisations["efus"], "lead", data.LIAISE["start"])

    liaise_2 = network.save_project(
        **data.LIAISE_2, predecessor=liaise, topics=list(topics.values())
    )
    for slug, *_rest, role, _website in data.ORGANISATIONS:
        network.set_partnership(liaise_2, organisations[slug], role, data.LIAISE_2["start"])

    accounts = 0
    if with_accounts:
        User = get_user_model()
        for email, full_name, organisation, role in data.DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first() or User(email=email)
            user.full_name = full_name
            user.set_password(data.DEMO_PASSWORD)
            user.save()
            accounts += 1
            if organisation:
                network.add_membership(user, organisations[organisation], position="Demo account")
            if role:
                network.grant_project_role(
                    liaise_2, user, role, organisations[organisation] if role.startswith("partner") else None
                )
    return {
        "topics": len(topics),
        "organisations": len(organisations),
        "partners": liaise_2.partnerships.count(),
        "accounts": accounts,
        **load_events(),
        **load_live(),
        **load_pilots(with_accounts),
        **{f"library_{k}": v for k, v in load_library().items()},
        **load_reporting(with_accounts),
        **load_outreach(),
        **load_newsletters(),
    }
