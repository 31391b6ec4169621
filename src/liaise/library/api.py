"""API router for the library: ranked search with facets, and one practice."""

from datetime import date, datetime

from ninja import Query, Router, Schema
from pydantic import Field

from liaise.core import authz
from liaise.core.api import choice_query, country_query, responses, slug_path
from liaise.core.filters import MAX_LIMIT, MAX_OFFSET, MAX_SLUG_LENGTH
from liaise.network.api import ui_url

from . import queries, rules
from .models import Approach, Audience, Practice


class PracticeHit(Schema):
    slug: str
    title: str
    snippet: str
    organisation: str
    country: str
    topics: list[str]
    score: float | None
    url: str


class FacetValue(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    count: int = Field(description="How many practices match; an estimate when ``count_is_exact`` is false.")
    count_is_exact: bool = Field(
        description="False for words held by very many practices: then ``count`` and the facet counts are "
                    "estimated from a sample, and only the most recent matches are ranked and paged through.")
    items: list[PracticeHit]
    facets: dict[str, list[FacetValue]]


class ResourceOut(Schema):
    id: int
    title: str
    kind: str
    content_type: str
    size: int
    year: int | None
    url: str


class OriginOut(Schema):
    kind: str
    title: str
    url: str


class PracticeOut(Schema):
    slug: str
    title: str
    summary: str
    description: str
    kind: str
    approach: str
    topics: list[str]
    audiences: list[str]
    deliverables: str
    evidence: str
    sustainability: str
    scope: str
    start_date: date | None
    organisation: str
    project: str
    country: str
    contact: str
    languages: list[str]
    status: str
    peer_reviewed: bool
    visibility: str
    is_demo: bool
    updated: datetime
    origin: list[OriginOut]
    resources: list[ResourceOut]
    url: str


class SearchQuery(Schema):
    q: str = Field("", max_length=200, description="words to look for")
    topic: str = Field("", max_length=MAX_SLUG_LENGTH, description="slug of a topic")
    approach: str = choice_query(Approach, "")
    audience: str = choice_query(Audience, "")
    country: str = country_query("")
    kind: str = choice_query(Practice.Kind, "")
    limit: int = Field(queries.PER_PAGE, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


router = Router(tags=["library"])


@router.get("/practices", response=responses(SearchOut, 400),
            summary="Search the practices you can see (ranked, with facet counts)")
def list_practices(request, params: Query[SearchQuery]):
    filters = queries.Filters(**queries.search_filters().parse(params.dict()))
    results = queries.search_practices(request.user, params.q, filters, offset=params.offset, per_page=params.limit)
    return {
        "count": results.total,
        "count_is_exact": results.exact,
        "items": [{
            "slug": p.slug, "title": p.title, "snippet": p.snippet or p.summary[:300],
            "organisation": p.organisation.name, "country": p.country.code,
            "topics": [t.slug for t in p.topic_list], "score": p.score, "url": ui_url(p),
        } for p in results.items],
        "facets": {f.name: [{"value": v, "label": label, "count": n} for v, label, n in f.values]
                   for f in results.facets},
    }


@router.get("/practices/{slug:slug}", response=responses(PracticeOut, 404), summary="One practice")
def get_practice(request, slug: str = slug_path("practice")):
    practice = authz.get_or_404(request.user, rules.view_practice, queries.practice_page(), slug=slug)
    return {
        "slug": practice.slug, "title": practice.title, "summary": practice.summary,
        "description": practice.description, "kind": practice.kind, "approach": practice.approach,
        "topics": [t.slug for t in practice.topics.all()], "audiences": practice.audience_codes(),
        "deliverables": practice.deliverables, "evidence": practice.evidence,
        "sustainability": practice.sustainability, "scope": practice.scope, "start_date": practice.start_date,
        "organisation": practice.organisation.slug, "project": practice.project.slug,
        "country": practice.country.code, "contact": practice.contact, "languages": practice.languages or [],
        "status": practice.status, "peer_reviewed": practice.peer_reviewed, "visibility": practice.visibility,
        "is_demo": practice.is_demo, "updated": practice.updated,
        "origin": [{"kind": o.label, "title": o.title, "url": o.url}
                   for o in queries.origin_chain(request.user, practice)],
        "resources": [{"id": r.pk, "title": r.title, "kind": r.kind, "content_type": r.content_type,
                       "size": r.size, "year": r.year, "url": r.get_absolute_url()}
                      for r in queries.practice_resources(request.user, practice)],
        "url": ui_url(practice),
    }
