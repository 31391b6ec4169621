"""API router for pilots: the list (filters project, topic, organisation, status) and one pilot."""

from datetime import date
from decimal import Decimal

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from liaise.core import authz
from liaise.core.api import Paging, choice_query, responses, slug_path
from liaise.core.filters import MAX_SLUG_LENGTH
from liaise.network.api import OrganisationRef, ui_url

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
    project: str | None = Field(None, max_length=MAX_SLUG_LENGTH, description="slug of a project")
    topic: str | None = Field(None, max_length=MAX_SLUG_LENGTH, description="slug of a topic")
    organisation: str | None = Field(None, max_length=MAX_SLUG_LENGTH, description="slug of an organisation")
    status: str | None = choice_query(Pilot.Status, description="stage")
    target_group: str | None = Field(None, max_length=MAX_SLUG_LENGTH, description="slug of a target group")


router = Router(tags=["pilots"])


@router.get("/pilots", response=responses(list[PilotOut], 400), summary="Pilot projects you can see")
@paginate(Paging)
def list_pilots(request, filters: Query[PilotQuery]):
    criteria = queries.PilotFilters(**queries.pilot_filters(request.user).parse(filters.dict()))
    return queries.pilot_list(request.user, criteria)


@router.get("/pilots/{slug:slug}", response=responses(PilotDetailOut, 404), summary="One pilot project")
def get_pilot(request, slug: str = slug_path("pilot")):
    return authz.get_or_404(request.user, rules.view_pilot, queries.pilot_page(request.user), slug=slug)
