"""API router for learning: the trainings you can see."""

from datetime import datetime

from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination, paginate

from liaise.network.api import OrganisationRef, ui_url
from liaise.network.queries import visible_projects

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
    project: str | None = None


router = Router(tags=["learning"])


@router.get("/trainings", response=list[TrainingOut], summary="Trainings you can see")
@paginate(LimitOffsetPagination)
def list_trainings(request, filters: Query[TrainingQuery]):
    if filters.project and not visible_projects(request.user).filter(slug=filters.project).exists():
        raise HttpError(400, f"Unknown project “{filters.project}”.")
    return queries.training_list(request.user, filters.project or "")
