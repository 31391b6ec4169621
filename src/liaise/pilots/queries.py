"""Reads for pilots: who sees and edits what, lists with filters, one pilot with everything on its page,
matching (who else works on the same topics and target groups), the exchange board, and what a practice
needs from a completed pilot.

Every list runs a fixed number of queries whatever the number of rows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, Exists, F, OuterRef, Prefetch, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from liaise.core.errors import InvalidInput
from liaise.core.fields import as_id
from liaise.core.filters import Choice, FilterSet, Slug
from liaise.learning.queries import visible_trainings
from liaise.learning.signals import TrainingLink
from liaise.network.models import Organisation, Partnership, Project
from liaise.network.queries import project_filter, topic_filter, visible_projects
from liaise.network.rules import act_for_partner, coordinate_project

from .models import Comment, Idea, Indicator, Measurement, Milestone, Pilot, TargetGroup, Update
from .rules import create_pilot, use_exchange, view_idea, view_pilot

FilterError = InvalidInput  # (the former name of a refused filter value)


def visible_pilots(user) -> QuerySet[Pilot]:
    """Pilots ``user`` may see (``rules.view_pilot``)."""
    return view_pilot.filter(user)


def editable_organisations(user, project: Project) -> QuerySet[Organisation]:
    """The partners of ``project`` for which ``user`` may create pilots: all of them for its coordinators and
    site admins, their own organisation for partner coordinators (``network.rules.act_for_partner``)."""
    partnerships = act_for_partner.filter(user, Partnership.objects.filter(project=project))
    return Organisation.objects.filter(partnerships__in=partnerships).order_by("slug")


def projects_for_new_pilots(user) -> QuerySet[Project]:
    """Projects in which ``user`` may create a pilot (``rules.create_pilot``)."""
    return create_pilot.filter(user)


@dataclass
class PilotChoices:
    """What the pilot form offers: the projects, the project in hand (if known), the partners of it the user may
    create pilots for, and its trainings."""

    projects: QuerySet[Project]
    project: Project | None
    organisations: QuerySet[Organisation]
    trainings: QuerySet


def pilot_form_choices(user, pilot: Pilot | None, project_id: str = "") -> PilotChoices:
    """For a new pilot (``pilot`` None): the projects ``user`` may create pilots in, and the one chosen
    (``project_id``, or the only one); for an existing pilot: its project, and its owner even if ``user`` could
    not choose it today."""
    projects = projects_for_new_pilots(user) if pilot is None else visible_projects(user).filter(
        pk=pilot.project_id)
    project = pilot.project if pilot else None
    if project is None and as_id(str(project_id)) is not None:
        project = projects.filter(pk=as_id(str(project_id))).first()
    if project is None and projects.count() == 1:
        project = projects.first()
    organisations = editable_organisations(user, project) if project else Organisation.objects.none()
    if pilot is not None and not organisations.filter(pk=pilot.organisation_id).exists():
        organisations = Organisation.objects.filter(pk=pilot.organisation_id)
    trainings = visible_trainings(user).filter(event__project=project).select_related("event") if project else (
        visible_trainings(user).none())
    return PilotChoices(projects, project, organisations, trainings)


@dataclass
class PilotFilters:
    project: str = ""
    topic: str = ""
    organisation: str = ""
    status: str = ""
    target_group: str = ""


def pilot_filters(user) -> FilterSet:
    """The pilot list's filters (page and API): a project ``user`` may see, topic, organisation, stage and target
    group; ``PilotFilters(**pilot_filters(user).parse(params))``."""
    return FilterSet(
        project=project_filter(user),
        topic=topic_filter(),
        organisation=Slug(Organisation.objects.all(), _("Unknown organisation “%(value)s”.")),
        status=Choice(Pilot.Status, _("Unknown stage “%(value)s”: use one of %(values)s.")),
        target_group=Slug(TargetGroup.objects.all(), _("Unknown target group “%(value)s”.")),
    )


def pilot_list(user, filters: PilotFilters | None = None) -> QuerySet[Pilot]:
    """Visible pilots, filtered, with project, organisation, topics and target groups (three queries)."""
    filters = filters or PilotFilters()
    pilots = visible_pilots(user)
    if filters.project:
        pilots = pilots.filter(project__slug=filters.project)
    if filters.topic:
        pilots = pilots.filter(topics__slug=filters.topic)
    if filters.organisation:
        pilots = pilots.filter(organisation__slug=filters.organisation)
    if filters.status:
        pilots = pilots.filter(status=filters.status)
    if filters.target_group:
        pilots = pilots.filter(target_groups__slug=filters.target_group)
    return (
        pilots.distinct()
        .select_related("project", "organisation")
        .prefetch_related("topics", "target_groups")
        .order_by("title", "pk")
    )


def pilot_page(user) -> QuerySet[Pilot]:
    """Pilots shaped for their page, with everything it shows; the trainings are those ``user`` may see. Fetch
    one through ``authz.get_or_404(user, rules.view_pilot, pilot_page(user), slug=...)``."""
    return (
        Pilot.objects.select_related("project", "organisation")
        .prefetch_related(
            "topics", "target_groups",
            Prefetch("trainings", queryset=visible_trainings(user).select_related("event").order_by("event__start")),
            Prefetch("indicators", queryset=Indicator.objects.prefetch_related(
                Prefetch("measurements", queryset=Measurement.objects.order_by("date")))),
            Prefetch("milestones", queryset=Milestone.objects.order_by("due", "pk")),
            Prefetch("updates", queryset=Update.objects.select_related("author").order_by("-created", "-pk")),
            Prefetch("comments", queryset=Comment.objects.select_related("author").order_by("created", "pk")),
        )
    )


@dataclass
class Match:
    score: int
    reason: str
    pilot: Pilot | None = None
    organisation: Organisation | None = None
    pilots: list[Pilot] = field(default_factory=list)


def _reason(topics: list[str], groups: list[str]) -> str:
    parts = []
    if topics:
        parts.append(ngettext("%(n)d shared topic", "%(n)d shared topics", len(topics)) % {"n": len(topics)}
                     + ": " + ", ".join(topics))
    if groups:
        parts.append(ngettext("target group", "target groups", len(groups)) + ": " + ", ".join(groups))
    return "; ".join(parts)


def matches(user, pilot: Pilot, limit: int = 6) -> tuple[list[Match], list[Match]]:
    """Other visible pilots, and the partners running them, that work on the same topics and target groups as
    ``pilot``: best match first (most shared topics and groups), each with the reason. Three queries, whatever
    the number of pilots. ``pilot`` must come from ``pilot_detail`` (topics and groups prefetched)."""
    topics = {t.pk: t.name for t in pilot.topics.all()}
    groups = {g.pk: g.name for g in pilot.target_groups.all()}
    if not topics and not groups:
        return [], []
    others = visible_pilots(user).exclude(pk=pilot.pk)
    shared_topics: dict[int, list[int]] = defaultdict(list)
    shared_groups: dict[int, list[int]] = defaultdict(list)
    for pilot_id, topic_id in Pilot.topics.through.objects.filter(
        pilot__in=others, topic_id__in=list(topics)
    ).values_list("pilot_id", "topic_id"):
        shared_topics[pilot_id].append(topic_id)
    for pilot_id, group_id in Pilot.target_groups.through.objects.filter(
        pilot__in=others, targetgroup_id__in=list(groups)
    ).values_list("pilot_id", "targetgroup_id"):
        shared_groups[pilot_id].append(group_id)
    ids = set(shared_topics) | set(shared_groups)
    found = Pilot.objects.filter(pk__in=ids).select_related("organisation").order_by("title")
    pilot_matches, by_organisation = [], {}
    for other in found:
        t = sorted(topics[i] for i in shared_topics[other.pk])
        g = sorted(groups[i] for i in shared_groups[other.pk])
        pilot_matches.append(Match(len(t) + len(g), _reason(t, g), pilot=other))
        if other.organisation_id != pilot.organisation_id:
            entry = by_organisation.setdefault(other.organisation_id, [other.organisation, set(), set(), []])
            entry[1].update(t)
            entry[2].update(g)
            entry[3].append(other)
    pilot_matches.sort(key=lambda m: (-m.score, m.pilot.title))
    partner_matches = [
        Match(len(t) + len(g), _reason(sorted(t), sorted(g)), organisation=org, pilots=ps)
        for org, t, g, ps in by_organisation.values()
    ]
    partner_matches.sort(key=lambda m: (-m.score, m.organisation.name))
    return pilot_matches[:limit], partner_matches[:limit]


def pilots_applying(user, trainings) -> dict[int, list[TrainingLink]]:
    """For the training pages (through ``learning.signals``): the visible pilots applying each training."""
    ids = [t.pk for t in trainings]
    if not ids:
        return {}
    rows = Pilot.trainings.through.objects.filter(training_id__in=ids, pilot__in=visible_pilots(user)).select_related(
        "pilot__organisation").order_by("pilot__title")
    result: dict[int, list[TrainingLink]] = {}
    for row in rows:
        pilot = row.pilot
        result.setdefault(row.training_id, []).append(TrainingLink(
            kind=_("Pilot project"), title=pilot.title, url=pilot.get_absolute_url(),
            note=f"{pilot.organisation.name} · {pilot.get_status_display()}",
        ))
    return result


def visible_ideas(user) -> QuerySet[Idea]:
    """The ideas ``user`` may read (``rules.view_idea``)."""
    return view_idea.filter(user)


def idea_list(user, project: str = "") -> QuerySet[Idea]:
    from django.db.models import Count

    ideas = visible_ideas(user)
    if project:
        ideas = ideas.filter(project__slug=project)
    return (ideas.select_related("project", "organisation", "author").prefetch_related("topics")
            .annotate(comment_count=Count("comments", distinct=True)).order_by("-created", "-pk"))


def idea_page() -> QuerySet[Idea]:
    """Ideas shaped for their page: project, organisation, author, topics, comments."""
    return Idea.objects.select_related("project", "organisation", "author").prefetch_related(
        "topics", Prefetch("comments", queryset=Comment.objects.select_related("author").order_by("created", "pk")))


def idea_form_choices(user, project_id: str = "") -> tuple[QuerySet[Project], Project | None,
                                                             QuerySet[Organisation]]:
    """The projects ``user`` may post ideas in (those where they have a role), the project in hand
    (``project_id``, or the only one) and the partners the idea may be posted for: all of the project's for its
    coordinators and site admins, one's own otherwise."""
    projects = use_exchange.filter(user)
    project = None
    if as_id(str(project_id)) is not None:
        project = projects.filter(pk=as_id(str(project_id))).first()
    elif projects.count() == 1:
        project = projects.first()
    organisations = Organisation.objects.none()
    if project is not None:
        if coordinate_project.allows(user, project):
            organisations = Organisation.objects.filter(partnerships__project=project).order_by("slug")
        else:
            organisations = Organisation.objects.filter(
                project_roles__user=user, project_roles__project=project,
                partnerships__project=project).distinct()
    return projects, project, organisations


def practice_source(pilot: Pilot) -> dict:
    """What a library practice needs from a completed pilot ("publish as practice"): its title, summary,
    problem, topics, target groups, organisation, the trainings it applied, its lessons learned and its
    evaluation (the indicators with their first and last measurement). Plain data, no personal data."""
    indicators = []
    for indicator in pilot.indicators.prefetch_related("measurements"):
        values = list(indicator.measurements.all())
        indicators.append({
            "name": indicator.name, "unit": indicator.unit, "baseline": indicator.baseline,
            "target": indicator.target, "first": values[0].value if values else None,
            "last": values[-1].value if values else None, "last_date": values[-1].date if values else None,
        })
    return {
        "pilot": pilot,
        "project": pilot.project,
        "organisation": pilot.organisation,
        "title": pilot.title,
        "summary": pilot.summary,
        "problem": pilot.problem,
        "topics": list(pilot.topics.all()),
        "target_groups": list(pilot.target_groups.all()),
        "trainings": list(pilot.trainings.select_related("event")),
        "lessons_learned": pilot.lessons_learned,
        "logic_model": {name: list(getattr(pilot, name) or []) for name in Pilot.LOGIC_MODEL},
        "evaluation": indicators,
        "status": pilot.status,
    }


def partner_organisation_ids(project: Project) -> set[int]:
    return set(Partnership.objects.filter(project=project).values_list("organisation_id", flat=True))


# For the results framework (``liaise.reporting.metrics``).


def stages_on(project: Project, day) -> dict[str, int]:
    """How many of ``project``'s pilots were at each stage at the end of ``day``, from the journal's stage
    history (a pilot without one counts at its current stage from its creation)."""
    end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(),
                                    timezone.get_default_timezone())
    entered = (Update.objects.filter(pilot=OuterRef("pk"), kind=Update.Kind.STAGE, created__lt=end)
               .exclude(stage="").order_by("-created", "-pk").values("stage")[:1])
    has_history = Update.objects.filter(pilot=OuterRef("pk"), kind=Update.Kind.STAGE).exclude(stage="")
    rows = (Pilot.objects.filter(project=project)
            .annotate(stage_then=Coalesce(Subquery(entered), Case(
                When(Exists(has_history), then=Value("")), When(created__lt=end, then=F("status")),
                default=Value(""))))
            .exclude(stage_then="").values("stage_then").order_by().annotate(n=Count("pk")))
    return {row["stage_then"]: row["n"] for row in rows}
