"""Reads for the library: who may see or edit what, the ranked search with its facets, similar practices.

Visibility and editing are the permissions of ``rules.py``: a published practice is seen by whoever may see both
its own visibility and its project's, drafts and practices in review only by their editors and reviewers. Every
list here runs a fixed number of queries whatever the number of rows.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _
from django_countries import countries

from liaise.core import translations
from liaise.core.authz import active
from liaise.core.filters import Choice, Country, FilterSet
from liaise.events.queries import visible_events
from liaise.network.models import Organisation, Partnership, Project, Topic
from liaise.network.queries import topic_filter
from liaise.network.rules import act_for_partner, coordinate_project

from . import search
from .models import CONTENT_LANGUAGES, Approach, Audience, Practice, PracticeAudience, Resource
from .rules import (
    edit_practice,
    published_q,
    review_practice,
    view_practice,
    view_resource,
)

PER_PAGE = 20


def visible_practices(user) -> QuerySet[Practice]:
    """Published practices ``user`` finds in the library (``rules.published_q``)."""
    return Practice.objects.filter(published_q(user))


def reachable_practices(user) -> QuerySet[Practice]:
    """What a practice page may show (``rules.view_practice``)."""
    return view_practice.filter(user)


def practice_page() -> QuerySet[Practice]:
    """Practices shaped for their page. Fetch one through
    ``authz.get_or_404(user, rules.view_practice, practice_page(), slug=...)``."""
    return (Practice.objects.select_related("organisation", "project", "origin_session__event")
            .prefetch_related("topics", Prefetch("audiences", to_attr="audience_rows")))


@dataclass(frozen=True)
class Origin:
    label: str
    title: str
    url: str
    detail: str = ""


def origin_chain(user, practice: Practice) -> list[Origin]:
    """Where the practice came from, oldest first: (pilot, training,) the session where it was presented.
    Links only to what ``user`` may see; an invisible origin is left out."""
    from liaise.learning.queries import visible_trainings
    from liaise.pilots.queries import visible_pilots

    chain = []
    pilot = practice.origin_pilot_id and visible_pilots(user).filter(pk=practice.origin_pilot_id).first()
    if pilot:
        for training in visible_trainings(user).filter(pilots=pilot).select_related("event"):
            chain.append(Origin(label="training", title=str(training.event.title), url=training.get_absolute_url(),
                                detail=f"{training.event.local_start:%d/%m/%Y}"))
        chain.append(Origin(label="pilot", title=str(pilot.title), url=pilot.get_absolute_url(),
                            detail=str(pilot.organisation)))
    session = practice.origin_session
    if session is not None and visible_events(user).filter(pk=session.event_id).exists():
        event = session.event
        chain.append(Origin(label="session", title=str(session.title), url=session.get_absolute_url(),
                            detail=f"{event.title}, {event.local_start:%d/%m/%Y}"))
    return chain


def visible_resources(user) -> QuerySet[Resource]:
    """Resources ``user`` may download (``rules.view_resource``)."""
    return view_resource.filter(user)


def practice_resources(user, practice: Practice) -> list[Resource]:
    return list(visible_resources(user).filter(practice=practice).order_by("kind", "pk"))


def resource_list(user, *, kind: str = "", q: str = "") -> QuerySet[Resource]:
    resources = visible_resources(user).filter(Q(practice__isnull=True) | Q(practice__status="published"))
    if kind:
        resources = resources.filter(kind=kind)
    query = search.parse(q)
    if query:
        sql, params = search.backend_for(connection).match_sql(search.RESOURCES, query, "all")
        resources = resources.filter(pk__in=RawSQL(sql, params))  # noqa: S611 - built by the backend, user text as a parameter
    return resources.select_related("practice", "project").order_by("-year", "-uploaded", "pk")


# -- search ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    topic: str = ""
    approach: str = ""
    audience: str = ""
    country: str = ""
    kind: str = ""

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


def search_filters() -> FilterSet:
    """The library search's filters (page and API); ``Filters(**search_filters().parse(params))``."""
    return FilterSet(
        topic=topic_filter(),
        approach=Choice(Approach, _("Unknown approach “%(value)s”: use one of %(values)s.")),
        audience=Choice(Audience, _("Unknown audience “%(value)s”: use one of %(values)s.")),
        country=Country(),
        kind=Choice(Practice.Kind, _("Unknown kind of practice “%(value)s”: use one of %(values)s.")),
    )


def resource_filters() -> FilterSet:
    """The resource list's filters."""
    return FilterSet(kind=Choice(Resource.Kind, _("Unknown kind of resource “%(value)s”: use one of %(values)s.")))


def filtered(practices: QuerySet[Practice], filters: Filters) -> QuerySet[Practice]:
    if filters.topic:
        through = Practice.topics.through.objects.filter(practice=OuterRef("pk"), topic__slug=filters.topic)
        practices = practices.filter(Exists(through))
    if filters.audience:
        practices = practices.filter(
            Exists(PracticeAudience.objects.filter(practice=OuterRef("pk"), audience=filters.audience))
        )
    for name in ("approach", "country", "kind"):
        if getattr(filters, name):
            practices = practices.filter(**{name: getattr(filters, name)})
    return practices


@dataclass
class Facet:
    name: str
    label: str
    values: list[tuple[str, str, int]]  # (value, label, count), most first


@dataclass
class SearchResults:
    query: search.Query
    total: int
    page: int
    per_page: int
    items: list[Practice]
    facets: list[Facet] = field(default_factory=list)
    mode: str = "all"
    # False for a broad query: ``total`` and the facet counts are estimates, and only the ``ranked`` most recent
    # matches are ranked and paged through (``search.SearchBackend.find``).
    exact: bool = True
    ranked: int | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-min(self.total, self.ranked if self.ranked is not None else self.total) // self.per_page))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def truncated(self) -> bool:
        """Some matches lie beyond the last page (a broad query)."""
        return self.ranked is not None and self.ranked < self.total


# What a result card (``library/_practice_card.html``), the API's hits and the similar practices read of a practice:
# the other columns (the description and the searchable text in five languages, a few KB a row) are left unread.
CARD_FIELDS = ("slug", "title", "summary", "kind", "approach", "country", "language", "peer_reviewed",
               "visibility", "is_demo", "status", "published", "facet_keys", "organisation__slug",
               "organisation__name")


def _fetch(ids: list[int], topics: dict[int, Topic] | None = None, snippet: tuple[str, list] | None = None
           ) -> list[Practice]:
    """The practices of a result page in the given order (``CARD_FIELDS`` only), with their topics as
    ``practice.topic_list`` (from ``facet_keys``): one query (two without ``topics``, every topic by id: a taxonomy
    of a few); audiences are read on the practice page. ``snippet``: an SQL expression (and its parameters) read
    with each row as ``practice.snippet_text`` (``search.SearchBackend.snippet_sql``)."""
    if not ids:
        return []
    practices = Practice.objects.select_related("organisation").only(*CARD_FIELDS).filter(pk__in=ids).order_by()
    if snippet is not None:
        practices = practices.annotate(snippet_text=RawSQL(*snippet))  # noqa: S611 - built by the backend
    by_id = {p.pk: p for p in practices}
    if topics is None:
        topics = Topic.objects.in_bulk()
    ordered = [by_id[i] for i in ids if i in by_id]
    for practice in ordered:
        linked = [topics[int(key[2:])] for key in practice.facet_keys.split() if key.startswith("t:")
                  and int(key[2:]) in topics]
        practice.topic_list = sorted(linked, key=lambda t: (t.position, t.slug))
    return ordered


@dataclass(frozen=True)
class Counted:
    """The records facets are counted over: ``ids`` (or, without ids, the whole ``practices`` queryset), each
    id below ``boundary`` standing for ``scale`` records (a sample: ``search.Found``)."""

    practices: QuerySet[Practice]
    ids: list[int] | None = None
    boundary: int = 0
    scale: float = 1.0
    # {id: (approach, country, kind, facet_keys)} as the search read them with its matches (``Found.attributes``)
    attributes: dict[int, tuple] | None = None


def significant(n: float, digits: int = 3) -> int:
    """An estimate rounded to ``digits`` significant digits: 36,524 → 36,500."""
    n = round(n)
    if n <= 0:
        return 0
    return int(round(n, digits - len(str(n))))


def _facet_rows(counted: Counted) -> list[tuple[str, str, int, int]]:
    """(facet, value, sampled, count) rows: one query. The matched records are read once (a common table
    expression) and grouped five ways; their topic and audience links are joined to them. ``sampled`` is 1 for the
    records below ``counted.boundary`` (each standing for ``scale`` records)."""
    practice = Practice._meta.db_table
    if counted.ids is not None:
        among, params = search.backend_for(connection).ids_condition("p.id", counted.ids)
    else:
        try:
            sub, params = counted.practices.order_by().values("pk").query.get_compiler(
                connection=connection).as_sql()
        except EmptyResultSet:  # a condition nothing can meet
            return []
        among = f"p.id IN ({sub})"
    through = Practice.topics.through._meta.db_table
    audiences = PracticeAudience._meta.db_table
    # Table names from the models, the ids (or the candidates' conditions) as parameters.
    columns = "p.id, p.approach, p.country, p.kind, CASE WHEN p.id < %s THEN 1 ELSE 0 END AS s"
    matched = f"SELECT {columns} FROM {practice} p"  # noqa: S608
    sql = (
        f"WITH m AS ({matched} WHERE {among}) "  # noqa: S608
        "SELECT 'approach', approach, s, COUNT(*) FROM m GROUP BY approach, s "
        "UNION ALL SELECT 'country', country, s, COUNT(*) FROM m GROUP BY country, s "
        "UNION ALL SELECT 'kind', kind, s, COUNT(*) FROM m GROUP BY kind, s "
        f"UNION ALL SELECT 'topic', CAST(t.topic_id AS TEXT), m.s, COUNT(*) FROM m JOIN {through} t "
        "ON t.practice_id = m.id GROUP BY t.topic_id, m.s "
        f"UNION ALL SELECT 'audience', a.audience, m.s, COUNT(*) FROM m JOIN {audiences} a "
        "ON a.practice_id = m.id GROUP BY a.audience, m.s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [counted.boundary, *params])
        return cursor.fetchall()


def _read_facets(counted: Counted) -> list[tuple[str, str, int, int]] | None:
    """``_facet_rows`` from what the search read with its matches (``Counted.attributes``: approach, country, kind
    and ``Practice.facet_keys``), without a query; None when it did not read them all."""
    attributes = counted.attributes
    if counted.ids is None or attributes is None:
        return None
    boundary = counted.boundary
    groups = ([], [])  # the window's (each counted once), the sample's (each standing for ``scale``)
    try:
        for pk in counted.ids:
            groups[pk < boundary].append(attributes[pk])
    except KeyError:
        return None
    rows = []
    for sampled, group in enumerate(groups):
        if not group:
            continue
        for name, column in (("approach", 0), ("country", 1), ("kind", 2)):
            rows += [(name, value, sampled, n) for value, n in Counter(map(itemgetter(column), group)).items()]
        for key, n in Counter(" ".join(filter(None, map(itemgetter(3), group))).split()).items():
            name = "topic" if key.startswith("t:") else "audience" if key.startswith("a:") else ""
            if name:
                rows.append((name, key[2:], sampled, n))
    return rows


def facets(counted: Counted, topic_names: dict[int, tuple[str, str]]) -> list[Facet]:
    """Counts per value (topics, approach, audiences, country, kind) over the ids of a search's matches (and its
    sample, scaled up) from what the search read with them (``_read_facets``), or in one query
    (``_facet_rows``), or over a whole filtered queryset."""
    counters = {name: Counter() for name in ("topic", "approach", "audience", "country", "kind")}
    topic_labels = {}
    rows = _read_facets(counted)
    for name, value, sampled, n in _facet_rows(counted) if rows is None else rows:
        if name == "topic":
            value, topic_labels_value = topic_names.get(int(value), (value, ""))
            topic_labels[value] = topic_labels_value
        counters[name][value] += n * (counted.scale if sampled else 1)

    def ordered(counter, labels):
        rounded = round if counted.scale == 1 else significant  # an estimate shows no more than it knows
        return sorted(((v, str(labels.get(v, v)), rounded(n)) for v, n in counter.items() if round(n)),
                      key=lambda r: (-r[2], r[1]))

    country = counters["country"]
    return [
        Facet("topic", "Topic", ordered(counters["topic"], topic_labels)),
        Facet("approach", "Approach", ordered(counters["approach"], dict(Approach.choices))),
        Facet("audience", "Target audience", ordered(counters["audience"], dict(Audience.choices))),
        Facet("country", "Country", ordered(country, {c: countries.name(c) for c in country})),
        Facet("kind", "Kind", ordered(counters["kind"], dict(Practice.Kind.choices))),
    ]


def search_practices(user, q: str = "", filters: Filters | None = None, *, page: int = 1,
                     per_page: int = PER_PAGE, offset: int | None = None, with_facets: bool = True,
                     topic_names: dict[int, tuple[str, str]] | None = None) -> SearchResults:
    """Ranked results (score, then id: a stable order for pagination) with highlighted snippets, and facet
    counts over the matches. Without words: the latest published first. When no record has all the words,
    records with any of them. A fixed number of queries whatever the number of results; for a broad query
    (more than ``search.WINDOW`` matches) a bounded amount of work too, with an estimated total and facet counts
    (``search.SearchBackend.find``). ``offset`` (the API's) skips that many results, else ``page`` pages."""
    filters = filters or Filters()
    if offset is None:
        offset = (max(1, page) - 1) * per_page
    page = offset // per_page + 1
    query = search.parse(q)
    candidates = filtered(visible_practices(user), filters)
    backend = search.backend_for(connection)
    # A taxonomy of a few: the cards' topics and the facets' names, read afresh with the search's first query
    # (PostgreSQL: in the same round trip), or by a query of its own.
    taxonomy = backend.along(Topic.objects.all())
    mode = "all"
    if query:
        found = backend.find(search.PRACTICES, candidates, query, limit=per_page, offset=offset)
        topics = {t.pk: t for t in taxonomy.result()}
        if found.total == 0 and len(query.terms) + len(query.phrases) > 1:
            mode = "any"
            found = backend.find(search.PRACTICES, candidates, query, mode=mode, limit=per_page, offset=offset)
        snippet = backend.snippet_sql(search.PRACTICES, query, mode)
        items = _fetch([pk for pk, _score in found.hits], topics, snippet)
        scores = dict(found.hits)
        if snippet is None:
            snippets = backend.snippets(search.PRACTICES, [p.pk for p in items], query, mode)
        else:
            snippets = {p.pk: search.render_snippet(p.snippet_text) for p in items}
        for practice in items:
            practice.score = scores[practice.pk]
            practice.snippet = snippets.get(practice.pk, "")
        total = found.total if found.exact else max(found.ranked, significant(found.total))
        result = SearchResults(query=query, total=total, page=page, per_page=per_page, items=items, mode=mode,
                               exact=found.exact, ranked=found.ranked)
        counted = Counted(candidates, found.window_ids + found.sample_ids, found.boundary, found.scale,
                          found.attributes)
    else:
        topics = {t.pk: t for t in taxonomy.result()}
        ordered = candidates.order_by("-published", "-pk")
        items = _fetch(list(ordered.values_list("pk", flat=True)[offset:offset + per_page]), topics)
        for practice in items:
            practice.score = None
            practice.snippet = ""
        result = SearchResults(query=query, total=ordered.count(), page=page, per_page=per_page, items=items)
        counted = Counted(candidates)
    if with_facets:
        if topic_names is None:
            topic_names = {t.pk: (t.slug, t.name) for t in topics.values()}
        result.facets = facets(counted, topic_names)
    return result


_STOP = {
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "into", "is", "it", "its",
    "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "which", "with", "will", "not", "but",
    "also", "des", "les", "une", "pour", "dans", "avec", "sur", "aux", "par", "est", "qui", "que", "der",
    "die", "das", "und", "mit", "von", "für", "den", "zu", "del", "las", "los", "por", "con", "para", "che", "per",
    "della", "delle",
}


def similar_practices(user, practice: Practice, limit: int = 4) -> list[Practice]:
    """Visible practices sharing a topic with this one, ranked by the search backend on the most telling words
    of its title and summary, completed by the latest on its topics: three queries, whatever the data."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]{4,}", f"{practice.title} {practice.summary}")]
    terms = [w for w in dict.fromkeys(words) if w not in _STOP][:12]
    topic_ids = [t.pk for t in practice.topics.all()]
    through = Practice.topics.through.objects.filter(practice=OuterRef("pk"), topic_id__in=topic_ids)
    same_topics = visible_practices(user).exclude(pk=practice.pk).filter(Exists(through))
    ids = []
    if terms:
        ranked = search.backend_for(connection).ranked(search.PRACTICES, same_topics, search.Query(tuple(terms)),
                                                       mode="any", limit=limit)
        ids = [pk for pk, _ in ranked.hits]
    ids += list(same_topics.exclude(pk__in=ids).order_by("-published", "-pk").values_list("pk", flat=True)[:limit])
    return _fetch(ids[:limit])


# -- the editors' side ------------------------------------------------------------------------------------------


def workspace_filters() -> FilterSet:
    """The workspace's filter: ``missing``, a content language the practices listed lack a translation into."""
    return FilterSet(missing=Choice([code for code, _name in CONTENT_LANGUAGES],
                                    _("Unknown language “%(value)s”: use one of %(values)s.")))


def workspace(user, missing: str = "") -> dict[str, list[Practice]]:
    """The practices ``user`` edits that are not published, and (for reviewers) those waiting for review. With
    ``missing`` (a language), only those not (fully) translated into it, and the published ones too: the
    translations left to do."""
    base = Practice.objects.select_related("organisation", "project").order_by("-updated", "pk")
    if missing:
        base = base.filter(translations.missing_in(Practice, missing))
    lists = {"drafts": [], "in_review": [], "to_review": [], "published": []}
    if not active(user):
        return lists
    mine = edit_practice.filter(user, base)
    if not missing:
        mine = mine.exclude(status=Practice.Status.PUBLISHED)
    for practice in mine:
        lists[{Practice.Status.DRAFT: "drafts", Practice.Status.IN_REVIEW: "in_review"}.get(
            practice.status, "published")].append(practice)
    lists["to_review"] = list(review_practice.filter(user, base).filter(status=Practice.Status.IN_REVIEW))
    if missing:  # a reviewer translates the published practices of the projects they coordinate, too
        seen = {p.pk for p in lists["published"]}
        lists["published"] += [p for p in review_practice.filter(user, base).filter(
            status=Practice.Status.PUBLISHED) if p.pk not in seen]
        lists["published"].sort(key=lambda p: (-p.updated.timestamp(), p.pk))
    return lists


def creatable_pairs(user) -> list[tuple[Project, Organisation]]:
    """(project, organisation) pairs ``user`` may create practices for (``network.rules.act_for_partner``)."""
    if not active(user):
        return []
    partnerships = act_for_partner.filter(user, Partnership.objects.select_related("project", "organisation"))
    return [(p.project, p.organisation) for p in partnerships.order_by("-project__start", "organisation__name")]


def coordinated_projects(user) -> QuerySet[Project]:
    """Projects whose standalone resources ``user`` may add (``network.rules.coordinate_project``)."""
    return coordinate_project.filter(user).order_by("-start")


def published_practices(project: Project, low, high) -> QuerySet[Practice]:
    """Practices of ``project`` published (and still published) between the aware datetimes ``low`` and ``high``
    (for the results framework)."""
    return Practice.objects.filter(project=project, status=Practice.Status.PUBLISHED, published__gte=low,
                                   published__lt=high)
