"""Reads for the network: who may see what, and the lists the pages and the API show.

Every list here runs a fixed number of queries whatever the number of rows.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils.translation import gettext as _
from django_countries import countries

from liaise.core.errors import InvalidInput
from liaise.core.filters import Choice, Country, FilterSet, Slug

from .models import Invitation, Organisation, Partnership, Person, Project, ProjectRole, RoleChange, Topic
from .rules import act_for_partner, change_role, revoke_invitation, view_organisation, view_project


def visible_projects(user) -> QuerySet[Project]:
    """Projects ``user`` may see (``rules.view_project``)."""
    return view_project.filter(user)


# Lead first, then full partners, then associates.
ROLE_ORDER = Case(
    *[When(role=role, then=Value(position)) for position, role in enumerate(Partnership.Role.values)],
    default=Value(99),
)


def lead_partnerships() -> Prefetch:
    return Prefetch(
        "partnerships",
        queryset=Partnership.objects.filter(role=Partnership.Role.LEAD).select_related("organisation"),
        to_attr="lead_partnerships",
    )


def project_list(user) -> QuerySet[Project]:
    """Visible projects with their lead and partner count (two queries)."""
    return (
        visible_projects(user)
        .annotate(partner_count=Count("partnerships", distinct=True))
        .prefetch_related(lead_partnerships())
        .order_by("-start", "acronym")
    )


def lead_of(project: Project) -> Organisation | None:
    """The lead organisation, from a ``lead_partnerships`` prefetch when there is one."""
    leads = getattr(project, "lead_partnerships", None)
    if leads is None:
        leads = list(project.partnerships.filter(role=Partnership.Role.LEAD).select_related("organisation"))
    return leads[0].organisation if leads else None


def project_page(user) -> QuerySet[Project]:
    """Projects shaped for their page: partners, topics and predecessor (three queries). Fetch one through
    ``authz.get_or_404(user, rules.view_project, project_page(user), slug=...)``."""
    return (
        Project.objects.select_related("predecessor")
        .prefetch_related(
            "topics",
            Prefetch(
                "partnerships",
                queryset=Partnership.objects.select_related("organisation").order_by(ROLE_ORDER, "organisation__slug"),
                to_attr="partner_list",
            ),
        )
    )


@dataclass(frozen=True)
class PartnerFigures:
    """What the project page and the home page say about a project's partnership."""

    total: int
    local_authorities: int
    countries: int
    by_kind: list[tuple[str, str, int]]  # (kind, label, count), most first
    by_country: list[tuple[str, str, int]]  # (code, name, count), most first
    by_role: list[tuple[str, str, int]]


def partner_figures(partnerships: list[Partnership]) -> PartnerFigures:
    """Counts computed from an already fetched partner list: no query."""
    kinds = Counter(p.organisation.kind for p in partnerships)
    country_counts = Counter(p.organisation.country.code for p in partnerships)
    roles = Counter(p.role for p in partnerships)
    kind_labels = dict(Organisation.Kind.choices)
    role_labels = dict(Partnership.Role.choices)
    return PartnerFigures(
        total=len(partnerships),
        local_authorities=sum(kinds[k] for k in Organisation.LOCAL_AUTHORITY_KINDS),
        countries=len(country_counts),
        by_kind=[(k, kind_labels.get(k, k), n) for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))],
        by_country=[
            (code, countries.name(code), n)
            for code, n in sorted(country_counts.items(), key=lambda kv: (-kv[1], countries.name(kv[0])))
        ],
        by_role=[(r, role_labels[r], roles[r]) for r in Partnership.Role.values if roles[r]],
    )


FilterError = InvalidInput  # (the former name of a refused filter value)


def project_filter(user, *, as_object: bool = False) -> Slug:
    """A project ``user`` may see, by slug: one they may not see is as unknown as one that does not exist."""
    return Slug(visible_projects(user), _("Unknown project “%(value)s”."), as_object=as_object)


def topic_filter() -> Slug:
    return Slug(Topic.objects.all(), _("Unknown topic “%(value)s”."))


def directory_filters(user) -> FilterSet:
    """The partner directory's filters (page and API): country, kind of organisation, and a project ``user``
    may see (given as the Project)."""
    return FilterSet(
        country=Country(),
        kind=Choice(Organisation.Kind, _("Unknown organisation kind “%(value)s”: use one of %(values)s.")),
        project=project_filter(user, as_object=True),
    )


def directory(user, *, country: str | None = None, kind: str | None = None,
              project: Project | None = None) -> QuerySet[Organisation]:
    """Organisations taking part in projects ``user`` can see, filtered; each with its visible partnerships
    prefetched as ``visible_partnerships``. The filter values are clean (``directory_filters``)."""
    projects = visible_projects(user)
    if project is not None:
        projects = projects.filter(pk=project.pk)
    partnerships = Partnership.objects.filter(project__in=projects)
    organisations = Organisation.objects.filter(Exists(partnerships.filter(organisation=OuterRef("pk"))))
    if country:
        organisations = organisations.filter(country=country)
    if kind:
        organisations = organisations.filter(kind=kind)
    return organisations.prefetch_related(
        Prefetch(
            "partnerships",
            queryset=partnerships.select_related("project").order_by("-project__start"),
            to_attr="visible_partnerships",
        )
    ).order_by("slug")


def country_counts(organisations: QuerySet[Organisation]) -> list[tuple[str, str, int]]:
    """(code, name, count) per country, most first: one query."""
    rows = organisations.order_by().values("country").annotate(n=Count("pk", distinct=True))
    result = [(row["country"], countries.name(row["country"]), row["n"]) for row in rows]
    return sorted(result, key=lambda r: (-r[2], r[1]))


def visible_organisations(user) -> QuerySet[Organisation]:
    """Organisations ``user`` may see (``rules.view_organisation``)."""
    return view_organisation.filter(user)


def organisation_page(user) -> QuerySet[Organisation]:
    """Organisations shaped for their page: the partnerships ``user`` may see and the public contacts."""
    partnerships = Partnership.objects.filter(project__in=visible_projects(user)).select_related("project")
    return Organisation.objects.prefetch_related(
        Prefetch("partnerships", queryset=partnerships.order_by("-project__start"), to_attr="visible_partnerships"),
        Prefetch("people", queryset=Person.objects.order_by("slug")),
    )


def topics() -> QuerySet[Topic]:
    return Topic.objects.order_by("position", "slug")


def featured_project(user) -> Project | None:
    """The project the home page presents: the visible project that started last."""
    return project_list(user).first()


# --- People ------------------------------------------------------------------------------------------------------


@dataclass
class People:
    """The people page of a project: who holds which role, pending invitations, the record of changes."""

    roles: list[ProjectRole]
    changeable: set[int]  # ids of the roles the user may change or remove
    invitations: list[Invitation]  # pending invitations the user may revoke
    changes: list[RoleChange]
    organisations: list[Organisation]  # the partners the user brings people into


def invitable_organisations(user, project: Project) -> QuerySet[Organisation]:
    """The partner organisations of ``project`` that ``user`` acts for (``network.act_for_partner``)."""
    partnerships = act_for_partner.filter(user, Partnership.objects.filter(project=project))
    return Organisation.objects.filter(pk__in=partnerships.values("organisation")).order_by("name")


def people(user, project: Project, changes: int = 50) -> People:
    """The people page of ``project`` for ``user`` (who may manage its people): five queries."""
    from django.utils import timezone

    roles = list(ProjectRole.objects.filter(project=project).select_related("user", "organisation")
                 .order_by("organisation__name", "role", "user__full_name", "user__email"))
    changeable = set(change_role.filter(user, ProjectRole.objects.filter(project=project)).values_list("pk", flat=True))
    pending = Invitation.objects.filter(project=project, accepted_at=None, revoked_at=None,
                                        expires__gt=timezone.now())
    invitations = list(revoke_invitation.filter(user, pending).select_related("organisation", "invited_by"))
    return People(
        roles=roles,
        changeable=changeable,
        invitations=invitations,
        changes=list(RoleChange.objects.filter(project=project)
                     .select_related("user", "organisation", "actor")[:changes]),
        organisations=list(invitable_organisations(user, project)),
    )


def invitation_by_token(raw_token: str) -> Invitation | None:
    """The invitation whose link carries ``raw_token`` (None for an unknown one)."""
    from liaise.accounts.models import hash_token

    return (Invitation.objects.select_related("project", "organisation", "invited_by")
            .filter(token_hash=hash_token(raw_token or "")).first())


def coordinators_to_notify():
    """The people who answer for the network as a whole — every active project coordinator and site admin — as
    users (e.g. to send them what visitors report about the site)."""
    from django.contrib.auth import get_user_model

    return (get_user_model().objects.filter(is_active=True)
            .filter(Q(is_staff=True) | Q(project_roles__role=ProjectRole.Role.PROJECT_COORDINATOR))
            .distinct().order_by("email"))
