"""API router for news: the list (filtered by project and topic) and one post, visibility-filtered exactly like
the pages (``rules.live_q`` for the list, ``outreach.view_post`` for one post)."""

from datetime import datetime

from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from liaise.core import authz
from liaise.core.api import Paging, links, responses, slug_path
from liaise.core.filters import MAX_SLUG_LENGTH
from liaise.network.api import OrganisationRef, ui_url

from . import queries, rules


class PostOut(Schema):
    slug: str
    title: str
    lead: str
    project: str | None = Field(description="the project's slug; null for news of the whole network")
    organisation: OrganisationRef
    topics: list[str]
    language: str = Field(description="the language the post was written in")
    visibility: str
    published_at: datetime | None
    url: str

    @staticmethod
    def resolve_project(obj):
        return obj.project.slug if obj.project_id else None

    @staticmethod
    def resolve_topics(obj):
        return [t.slug for t in obj.topics.all()]

    @staticmethod
    def resolve_url(obj):
        return ui_url(obj)


class PostDetailOut(PostOut):
    body: str = Field(description="Markdown")
    image_alt: str
    status: str


class NewsQuery(Schema):
    project: str | None = Field(None, max_length=MAX_SLUG_LENGTH, description="slug of a project")
    topic: str | None = Field(None, max_length=MAX_SLUG_LENGTH, description="slug of a topic")


router = Router(tags=["news"])


@router.get("/news", response=responses(list[PostOut], 400), summary="News posts you can read, newest first",
            openapi_extra=links(200, ("liaise_outreach_api_get_post",), slug="/items/0/slug"))
@paginate(Paging)
def list_news(request, filters: Query[NewsQuery]):
    values = queries.news_filters(request.user).parse(filters.dict())
    return queries.live_posts(request.user, queries.NewsFilters.of(values))


@router.get("/news/{slug:slug}", response=responses(PostDetailOut, 404), summary="One news post")
def get_post(request, slug: str = slug_path("post")):
    return authz.get_or_404(request.user, rules.view_post, queries.post_page(), slug=slug)
