"""API router for the network: projects, organisations, topics."""

from datetime import date

from django.conf import settings
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from liaise.core import authz
from liaise.core.api import Error, Paging, choice_query, country_query, responses, slug_path
from liaise.core.filters import MAX_SLUG_LENGTH

from . import queries, rules
from .models import Organisation


def ui_url(obj) -> str:
    """The page of ``obj`` in the content language when the interface has it, else in English."""
    language = translation.get_language()
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return obj.get_absolute_url()


class OrganisationRef(Schema):
    slug: str
    name: str
    short_name: str
    kind: str
    country: str

    @staticmethod
    def resolve_country(obj):
        return obj.country.code


class OrganisationOut(OrganisationRef):
    country_name: str
    city: str
    website: str
    latitude: float | None
    longitude: float | None
    url: str

    @staticmethod
    def resolve_country_name(obj):
        return str(obj.country.name)

    @staticmethod
    def resolve_url(obj):
        return ui_url(obj)


class ProjectOut(Schema):
    slug: str
    acronym: str
    name: str
    funder: str
    programme: str
    start: date
    end: date
    visibility: str
    lead: OrganisationRef | None
    partner_count: int
    url: str

    @staticmethod
    def resolve_lead(obj):
        return queries.lead_of(obj)

    @staticmethod
    def resolve_url(obj):
        return ui_url(obj)


class PartnerOut(Schema):
    organisation: OrganisationRef
    kind: str
    country: str
    role: str
    joined_on: date | None

    @staticmethod
    def resolve_kind(obj):
        return obj.organisation.kind

    @staticmethod
    def resolve_country(obj):
        return obj.organisation.country.code


class Targets(Schema):
    conferences: int | None
    trainings: int | None
    pilots: int | None
    participants: int | None


class PartnerCounts(Schema):
    partners: int
    local_authorities: int
    countries: int
    by_kind: dict[str, int]
    by_country: dict[str, int]


class TopicOut(Schema):
    slug: str
    name: str
    description: str


class ProjectDetailOut(ProjectOut):
    summary: str
    website: str
    predecessor: str | None
    topics: list[str]
    targets: Targets
    counts: PartnerCounts
    partners: list[PartnerOut]

    @staticmethod
    def resolve_predecessor(obj):
        return obj.predecessor.slug if obj.predecessor else None

    @staticmethod
    def resolve_topics(obj):
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_targets(obj):
        return {
            "conferences": obj.target_conferences, "trainings": obj.target_trainings,
            "pilots": obj.target_pilots, "participants": obj.target_participants,
        }

    @staticmethod
    def resolve_partners(obj):
        return obj.partner_list


Detail = Error  # (the former name of the error body)


class OrganisationQuery(Schema):
    country: str | None = country_query(description="ISO 3166-1 alpha-2 code of the organisation's country")
    kind: str | None = choice_query(Organisation.Kind)
    project: str | None = Field(None, max_length=MAX_SLUG_LENGTH,
                                description="slug of a project: the organisations taking part in it")


router = Router(tags=["network"])


@router.get("/projects", response=responses(list[ProjectOut]), summary="Projects you can see")
@paginate(Paging)
def list_projects(request):
    return queries.project_list(request.user)


@router.get("/projects/{slug:slug}", response=responses(ProjectDetailOut, 404), summary="One project, with partners")
def get_project(request, slug: str = slug_path("project")):
    project = authz.get_or_404(request.user, rules.view_project, queries.project_page(request.user), slug=slug)
    figures = queries.partner_figures(project.partner_list)
    project.lead_partnerships = [p for p in project.partner_list if p.role == "lead"]
    project.partner_count = figures.total
    project.counts = {
        "partners": figures.total,
        "local_authorities": figures.local_authorities,
        "countries": figures.countries,
        "by_kind": {kind: n for kind, _label, n in figures.by_kind},
        "by_country": {code: n for code, _name, n in figures.by_country},
    }
    return project


@router.get("/organisations", response=responses(list[OrganisationOut], 400),
            summary="Organisations taking part in projects you can see (unknown filter values: 400)")
@paginate(Paging)
def list_organisations(request, filters: Query[OrganisationQuery]):
    return queries.directory(request.user, **queries.directory_filters(request.user).parse(filters.dict()))


@router.get("/topics", response=responses(list[TopicOut]), summary="The topic taxonomy")
@paginate(Paging)
def list_topics(request):
    return queries.topics()

