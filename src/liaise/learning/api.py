"""API router for learning: the trainings you can see."""

from datetime import datetime

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from liaise.core.api import Paging, responses
from liaise.core.filters import MAX_SLUG_LENGTH
from liaise.network.api import OrganisationRef, ui_url

from . import queries


class ModuleOut(Schema):
    slug: str
    title: str
    topic: str
    duration_minutes: int

    @staticmethod
    def resolve_topic(obj):
        return obj.topic.slug


class TrainingOut(Schema):
    slug: str
    title: str
    project: str
    start: datetime
    end: datetime
    partner: OrganisationRef
    modules: list[ModuleOut]
    trainers: list[str]
    url: str

    @staticmethod
    def resolve_slug(obj):
        return obj.event.slug

    @staticmethod
    def resolve_title(obj):
        return obj.event.title

    @staticmethod
    def resolve_project(obj):
        return obj.event.project.slug

    @staticmethod
    def resolve_start(obj):
        return obj.event.local_start

    @staticmethod
    def resolve_end(obj):
        return obj.event.local_end

    @staticmethod
    def resolve_modules(obj):
        return list(obj.modules.all())

    @staticmethod
    def resolve_trainers(obj):
        return [t.full_name or t.get_short_name() for t in obj.trainers.all()]

    @staticmethod
    def resolve_url(obj):
        return ui_url(obj)


class TrainingQuery(Schema):
    project: str | None = Field(None, max_length=MAX_SLUG_LENGTH, description="slug of a project")


router = Router(tags=["learning"])


@router.get("/trainings", response=responses(list[TrainingOut], 400), summary="Trainings you can see")
@paginate(Paging)
def list_trainings(request, filters: Query[TrainingQuery]):
    values = queries.training_filters(request.user).parse(filters.dict())
    return queries.training_list(request.user, values["project"])
