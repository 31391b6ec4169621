"""Reads of news posts and of what feeds and calendars hold. Every list goes through ``rules`` (``live_q``,
``edit_post``) and costs the same few queries whatever its length."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from liaise.core import authz
from liaise.core.filters import FilterSet
from liaise.events.models import Event, Registration, Session
from liaise.events.rules import view_event, view_session
from liaise.network.models import Organisation, Partnership, Project, ProjectRole
from liaise.network.queries import project_filter, topic_filter
from liaise.network.rules import act_for_partner

from . import rules
from .models import FeedKey, Post

#: Posts on the home page, and on a project's page.
LATEST = 3
#: Posts per page of the news list; items in a feed.
PAGE_SIZE = 12
FEED_ITEMS = 30
#: How far ahead a calendar subscription reaches (days).
CALENDAR_DAYS = 730


def _shaped(posts: QuerySet[Post]) -> QuerySet[Post]:
    return posts.select_related("project", "organisation").prefetch_related("topics").order_by("-published_at", "-pk")


def news_filters(user) -> FilterSet:
    """The news list's filters (page and API): a project ``user`` may see, and a topic."""
    return FilterSet(project=project_filter(user), topic=topic_filter())


@dataclass
class NewsFilters:
    project: str = ""
    topic: str = ""

    @classmethod
    def of(cls, values: dict) -> "NewsFilters":
        return cls(project=values.get("project") or "", topic=values.get("topic") or "")


def live_posts(user, filters: NewsFilters | None = None) -> QuerySet[Post]:
    """Live posts ``user`` may read, newest first, filtered by project and topic (three queries once listed)."""
    filters = filters or NewsFilters()
    posts = Post.objects.filter(rules.live_q(user))
    if filters.project:
        posts = posts.filter(project__slug=filters.project)
    if filters.topic:
        posts = posts.filter(topics__slug=filters.topic).distinct()
    return _shaped(posts)


def public_posts(filters: NewsFilters | None = None) -> QuerySet[Post]:
    """What a visitor reads: the public feeds hold these, whoever asks for them."""
    return live_posts(AnonymousUser(), filters)


def latest(user, project: Project | None = None, n: int = LATEST) -> list[Post]:
    """The newest live posts ``user`` reads (of ``project`` when given)."""
    posts = Post.objects.filter(rules.live_q(user))
    if project is not None:
        posts = posts.filter(project=project)
    # (one query: the home and project pages show no topics)
    return list(posts.select_related("project", "organisation").order_by("-published_at", "-pk")[:n])


def post_page() -> QuerySet[Post]:
    return Post.objects.select_related("project", "organisation", "author").prefetch_related("topics")


def my_posts(user) -> QuerySet[Post]:
    """Posts ``user`` edits: drafts, scheduled and published, the last changed first."""
    return rules.edit_post.filter(user, Post.objects.select_related("project", "organisation")).order_by(
        "-updated", "-pk")


@dataclass
class PostingChoices:
    """Where ``user`` may post: the projects (None = the whole network) and, for each, the organisations."""

    projects: QuerySet[Project]
    network_wide: bool
    organisations: QuerySet[Organisation]


def posting_choices(user) -> PostingChoices:
    """The projects and organisations ``user`` may post for (the same condition as ``outreach.edit_post``: a
    project's partners they act for; network-wide, the organisations they are a project coordinator of)."""
    if authz.site_admin(user):
        return PostingChoices(Project.objects.order_by("-start"), True, Organisation.objects.order_by("slug"))
    partnerships = act_for_partner.filter(user, Partnership.objects.all())
    coordinator_of = ProjectRole.objects.filter(user=user, role=ProjectRole.Role.PROJECT_COORDINATOR,
                                                organisation__isnull=False)
    projects = Project.objects.filter(pk__in=partnerships.values("project")).order_by("-start")
    organisations = Organisation.objects.filter(
        Q(pk__in=partnerships.values("organisation")) | Q(pk__in=coordinator_of.values("organisation"))
    ).order_by("slug")
    return PostingChoices(projects, coordinator_of.exists(), organisations)


def may_post(user) -> bool:
    """Whether ``user`` may write a post anywhere (the "new post" page)."""
    if not authz.active(user):
        return False
    choices = posting_choices(user)
    return choices.network_wide or choices.projects.exists()


def default_organisation(user) -> Organisation | None:
    role = ProjectRole.objects.filter(user=user, role__in=(ProjectRole.Role.PROJECT_COORDINATOR,
                                                            ProjectRole.Role.PARTNER_COORDINATOR)).first()
    return role.organisation if role else None


# --- feeds and calendars ----------------------------------------------------------------------------------------


FEED_SALT = "liaise.outreach.feed"


def feed_token(feed_key: FeedKey) -> str:
    """What a private feed address carries: the user's key, signed with the site's secret."""
    return signing.Signer(salt=FEED_SALT).sign(feed_key.key)


def feed_key_user(token: str):
    """The user whose private feed address carries ``token`` (active accounts only), or None: a forged
    signature is refused without a query; a replaced key is found no more."""
    try:
        key = signing.Signer(salt=FEED_SALT).unsign(token)
    except signing.BadSignature:
        return None
    found = FeedKey.objects.select_related("user").filter(key=key).first()
    if found is None or not authz.active(found.user):
        return None
    return found.user


def upcoming_events(user, *, project: Project | None = None, organisation: Organisation | None = None,
                    topic=None) -> QuerySet[Event]:
    """Events ``user`` may see that have not ended (within :data:`CALENDAR_DAYS`), of a project, an organising
    partner or a topic; a visitor's when ``user`` is anonymous (the public calendars)."""
    now = timezone.now()
    events = view_event.filter(user, Event.objects.filter(end__gte=now,
                                                          start__lte=now + timezone.timedelta(days=CALENDAR_DAYS)))
    if project is not None:
        events = events.filter(project=project)
    if organisation is not None:
        events = events.filter(organisers=organisation)
    if topic is not None:
        # through a session only when that session is one the reader may see (an internal session stays unsaid)
        sessions = view_session.filter(user, Session.objects.filter(topics=topic))
        events = events.filter(Q(topics=topic) | Q(pk__in=sessions.values("event")))
    return events.distinct().prefetch_related("venues").order_by("start", "pk")


def registered_events(user) -> QuerySet[Event]:
    """The upcoming events ``user`` is registered to (confirmed or on the waiting list)."""
    registered = Registration.objects.filter(user=user).exclude(status=Registration.Status.CANCELLED)
    return (view_event.filter(user, Event.objects.filter(end__gte=timezone.now(), pk__in=registered.values("event")))
            .prefetch_related("venues").order_by("start", "pk"))


def calendar_name(what: str) -> str:
    return _("%(what)s — events") % {"what": what}
