"""API router for pilots: the list (filters project, topic, organisation, status) and one pilot."""

from datetime import date
from decimal import Decimal

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from liaise.core import authz
from liaise.network.api import Detail, OrganisationRef, ui_url

from . import queries, rules
from .models import Pilot


class PilotOut(Schema):
    slug: str
    title: str
    project: str
    organisation: OrganisationRef
    status: str
    visibility: str
    summary: str
    topics: list[str]
    target_groups: list[str]
    url: str

    @staticmethod
    def resolve_project(obj):
        return obj.project.slug

    @staticmethod
    def resolve_topics(obj):
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_target_groups(obj):
        return [g.slug for g in obj.target_groups.all()]

    @staticmethod
    def resolve_url(obj):
        return ui_url(obj)


class MeasurementOut(Schema):
    date: date
    value: Decimal


class IndicatorOut(Schema):
    name: str
    unit: str
    baseline: Decimal
    target: Decimal
    measurements: list[MeasurementOut]

    @staticmethod
    def resolve_measurements(obj):
        return list(obj.measurements.all())


class MilestoneOut(Schema):
    title: str
    due: date
    status: str


class TrainingRef(Schema):
    slug: str
    title: str
    url: str


class PilotDetailOut(PilotOut):
    problem: str
    agencies: list[str]
    budget: Decimal | None
    start: date | None
    end: date | None
    stopped_reason: str
    lessons_learned: str
    logic_model: dict[str, list[str]]
    trainings: list[TrainingRef]
    indicators: list[IndicatorOut]
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_logic_model(obj):
        return {name: list(getattr(obj, name) or []) for name in Pilot.LOGIC_MODEL}

    @staticmethod
    def resolve_trainings(obj):
        return [{"slug": t.event.slug, "title": t.event.title, "url": ui_url(t)} for t in obj.trainings.all()]

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())

    @staticmethod
    def resolve_milestones(obj):
        return list(obj.milestones.all())


class PilotQuery(Schema):
    project: str | None = None
    topic: str | None = None
    organisation: str | None = None
    status: str | None = None
    target_group: str | None = None


router = Router(tags=["pilots"])


@router.get("/pilots", response=list[PilotOut], summary="Pilot projects you can see")
@paginate(LimitOffsetPagination)
def list_pilots(request, filters: Query[PilotQuery]):
    try:
        criteria = queries.clean_filters(request.user, **{k: v or "" for k, v in filters.dict().items()})
    except queries.FilterError as exc:
        raise HttpError(400, str(exc)) from None
    return queries.pilot_list(request.user, criteria)


@router.get("/pilots/{slug}", response={200: PilotDetailOut, 404: Detail}, summary="One pilot project")
def get_pilot(request, slug: str):
    return authz.get_or_404(request.user, rules.view_pilot, queries.pilot_page(request.user), slug=slug)
