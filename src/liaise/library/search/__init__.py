"""Full-text search for the library, one interface over two backends.

``backend_for(connection)`` answers the backend for the database in use:

- SQLite (the embedded default): an FTS5 table per index (``library_practice_fts``, ``library_resource_fts``)
  with the columns title, summary and body holding stems computed here (``stemming``: FTS5's only stemmer is
  English): each translation stemmed in its language, the English column (the record's main text) and the body
  in the record's language, each word of a query matched as any of its stems in the five languages; ranked with
  ``bm25()`` weighting title 10, summary 4, body 1; snippets cut from the original text where ``highlight()``
  marks the stems.
- PostgreSQL (production): a stored ``tsvector`` column ``search_document`` on the table itself with a GIN index;
  title weighted A, summary B, the rest C; each translation indexed with its language's configuration (english,
  french, spanish, german, italian; the untranslated text with the record's main language), each word of a
  query matched in any of the five configurations; ranked with ``ts_rank`` (title 1.0, summary 0.4, the rest
  0.1), snippets from ``ts_headline``.

Only published records are in an index (a practice's resources while the practice is published, standalone
resources always); who may see what is applied on top of it, in the same SQL, by the caller's ``candidates``
queryset (``library.queries``). ``sync`` is called by the services and signals on every save, publish,
unpublish and delete; ``rebuild`` rebuilds a whole index after bulk writes.

A query is a list of words and "quoted phrases"; ``mode="all"`` asks for all of them, ``mode="any"`` for any.
"""

import html
import re
from dataclasses import dataclass, field

from django.db import connection as default_connection

MARK_START, MARK_END = "\x02", "\x03"
MAX_TERMS = 16


@dataclass(frozen=True)
class Query:
    terms: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()

    def __bool__(self):
        return bool(self.terms or self.phrases)


_TOKEN = re.compile(r'"([^"]*)"|([^\W_]+)', re.UNICODE)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def parse(text: str) -> Query:
    """Words and quoted phrases, lower-cased; punctuation and operators are ignored (never an error)."""
    terms, phrases = [], []
    for phrase, word in _TOKEN.findall((text or "")[:500]):
        if word:
            terms.append(word.lower())
        else:
            words = tuple(w.lower() for w in _WORD.findall(phrase))
            if len(words) == 1:
                terms.append(words[0])
            elif words:
                phrases.append(words)
    # Duplicates change nothing but the cost.
    terms = list(dict.fromkeys(terms))[:MAX_TERMS]
    return Query(tuple(terms), tuple(dict.fromkeys(phrases))[: MAX_TERMS - len(terms)])


def render_snippet(raw: str | None) -> str:
    """A backend's snippet (plain text with MARK_START/MARK_END around matches) as safe HTML."""
    text = html.escape(raw or "")
    text = re.sub(f"{MARK_START}([^{MARK_START}{MARK_END}]*){MARK_END}", r"<mark>\1</mark>", text)
    return text.replace(MARK_START, "").replace(MARK_END, "")


@dataclass(frozen=True)
class IndexSpec:
    """One searchable table: translated title and summary columns, a plain body column, a language column,
    and the SQL condition (on the table aliased ``t``) that puts a row in the index."""

    table: str
    title: str
    summary: str
    body: str
    language: str
    indexed_when: str
    languages: tuple[str, ...] = ("en", "fr", "es", "de", "it")
    body_limit: int = 200_000
    extra: dict = field(default_factory=dict)
    # Columns of the table read with each match (``Found.attributes``), for the facet counts: the search reads the
    # row anyway (for the candidates' conditions, or to score it), so they cost no other read.
    facets: tuple[str, ...] = ()

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"

    def columns(self, base: str) -> list[str]:
        return [f"{base}_{code}" for code in self.languages]


PRACTICES = IndexSpec(
    table="library_practice", title="title", summary="summary", body="search_text", language="language",
    indexed_when="t.status = 'published'", facets=("approach", "country", "kind", "facet_keys"),
)
RESOURCES = IndexSpec(
    table="library_resource", title="title", summary="description", body="extracted_text", language="language",
    indexed_when=(
        "(t.practice_id IS NULL OR EXISTS (SELECT 1 FROM library_practice p "
        "WHERE p.id = t.practice_id AND p.status = 'published'))"
    ),
)


@dataclass
class Ranked:
    total: int
    hits: list[tuple[int, float]]  # (id, score), best first; ties by id


@dataclass
class Found:
    """What a search found among the candidates.

    ``exact``: every match was ranked and counted (at most ``window_size`` of them). Otherwise the ranked results
    are the ``window_size`` most recent matches (the highest ids: ``window_ids``, every id from ``boundary`` up),
    ranked by relevance, and ``total`` is an estimate: the window's matches plus those of a stratified sample of
    the older ids (``sample_ids``), each standing for ``scale`` records."""

    total: int
    exact: bool
    hits: list[tuple[int, float]]  # the requested page: (id, score), best first; ties by id (estimated: newest)
    ranked: int  # how many results can be paged through
    window_ids: list[int] = field(default_factory=list)
    boundary: int = 0
    sample_ids: list[int] = field(default_factory=list)
    scale: float = 1.0
    # {id: the values of the spec's ``facets`` columns} for the matches read (a backend may leave some out)
    attributes: dict[int, tuple] = field(default_factory=dict)

    @classmethod
    def complete(cls, rows: list[tuple[int, float]], limit: int, offset: int) -> "Found":
        """Every match, scored."""
        ranked = sorted(rows, key=lambda r: (-r[1], r[0]))
        return cls(total=len(rows), exact=True, hits=ranked[offset:offset + limit], ranked=len(rows),
                   window_ids=[r[0] for r in rows])

    @classmethod
    def estimated(cls, window: list[tuple[int, float]], boundary: int, sample: list[int],
                  ranges: list[tuple[int, int]], first: int, limit: int, offset: int) -> "Found":
        """Every match from id ``boundary`` up (``window``, scored), and those of the ids below it found within
        ``ranges`` (``sample``), which stand for all the ids from ``first`` (the lowest) to it."""
        ranked = sorted(window, key=lambda r: (-r[1], -r[0]))  # ties: the newest first
        below = [i for i in sample if i < boundary]
        covered = sum(max(0, min(b, boundary - 1) - a + 1) for a, b in ranges)
        scale = (boundary - first) / covered if covered else 1.0
        return cls(total=len(window) + round(len(below) * scale), exact=covered >= boundary - first,
                   hits=ranked[offset:offset + limit], ranked=len(window), window_ids=[r[0] for r in window],
                   boundary=boundary, sample_ids=below, scale=scale)


# A query whose matches are more than this is "broad" (see ``SearchBackend.find``): SQLite's bm25() costs ~3 µs
# a row, a PostgreSQL row check ~4 µs.
WINDOW = 500
# How many matches the sample of a broad query's older records should hold (the estimate's precision: about
# ±5 % at 400), and over how many evenly spaced id ranges it is spread.
SAMPLE_TARGET = 400
STRATA = 16


class Along:
    """The model instances of a plain queryset (no ``select_related``, no annotations), read in the same round trip
    as a search's first query where the backend can (``SearchBackend.along``), else on their own when first asked
    for: read afresh either way."""

    def __init__(self, queryset, connection):
        self.queryset, self.connection = queryset, connection
        self._rows = None
        self._compiler = None

    def compiled(self) -> tuple[str, list]:
        self._compiler = self.queryset.query.get_compiler(connection=self.connection)
        sql, params = self._compiler.as_sql()
        return sql, list(params)

    def fill(self, rows: list[tuple]) -> None:
        """The rows of ``compiled()``'s SQL, as Django's model iteration makes them into instances."""
        compiler = self._compiler
        fields = [s[0] for s in compiler.select[0:compiler.col_count]]
        converters = compiler.get_converters(fields)
        if converters:
            rows = list(compiler.apply_converters(rows, converters))
        info = compiler.klass_info
        start, end = info["select_fields"][0], info["select_fields"][-1] + 1
        names = [compiler.select[i][0].target.attname for i in info["select_fields"]]
        model, alias = info["model"], self.connection.alias
        self._rows = [model.from_db(alias, names, row[start:end]) for row in rows]

    def result(self) -> list:
        if self._rows is None:
            self._rows = list(self.queryset)
        return self._rows


class SearchBackend:
    vendor = ""
    window_size = WINDOW
    max_queries = 0  # the most queries ``find`` makes, whatever the words and the data

    def __init__(self, connection):
        self.connection = connection
        self._alongs = []

    def along(self, queryset) -> Along:
        """``queryset``'s instances (a plain queryset: no ``select_related``, no annotations), read with this
        backend's next ``find`` in the same round trip where it can (PostgreSQL, client-side binding), else by a
        query of their own when ``result()`` is first called."""
        if queryset.query.select_related or queryset.query.annotation_select or queryset.query.extra_select:
            raise ValueError("along() reads plain querysets only")
        along = Along(queryset, self.connection)
        self._alongs.append(along)
        return along

    # -- schema (called by the migration) --
    def install(self, spec: IndexSpec) -> None:
        raise NotImplementedError

    def uninstall(self, spec: IndexSpec) -> None:
        raise NotImplementedError

    # -- keeping an index in sync --
    def sync(self, spec: IndexSpec, ids) -> None:
        """Re-read these rows: index the ones that qualify, drop the others (including deleted ids)."""
        raise NotImplementedError

    def rebuild(self, spec: IndexSpec) -> None:
        raise NotImplementedError

    def indexed_ids(self, spec: IndexSpec) -> set[int]:
        raise NotImplementedError

    # -- reading: what each backend provides --
    def match_sql(self, spec: IndexSpec, query: Query, mode: str = "all") -> tuple[str, list]:
        """SQL selecting the ids that match (for ``pk__in=RawSQL(...)``)."""
        raise NotImplementedError

    def id_range(self, spec: IndexSpec) -> tuple[int, int]:
        """The lowest and the highest id of the table (0, 0 when empty)."""
        raise NotImplementedError

    def ids_sql(self, ids: list[int]) -> tuple[str, list]:
        """SQL selecting these ids, with one parameter however many they are (for ``pk__in=RawSQL(...)``)."""
        raise NotImplementedError

    def ids_condition(self, column: str, ids: list[int]) -> tuple[str, list]:
        """The SQL condition "``column`` is one of these ids", with one parameter however many they are."""
        sql, params = self.ids_sql(ids)
        return f"{column} IN ({sql})", params

    def snippets(self, spec: IndexSpec, ids: list[int], query: Query, mode: str = "all") -> dict[int, str]:
        """{id: safe HTML snippet with <mark>ed matches}: one query."""
        raise NotImplementedError

    def snippet_sql(self, spec: IndexSpec, query: Query, mode: str = "all") -> tuple[str, list] | None:
        """The snippet as an SQL expression (and its parameters) on a row of the spec's table, to read with the
        rows of a page (``render_snippet`` it), or None: then ask ``snippets``."""
        return None

    # -- reading: the search itself --
    def find(self, spec: IndexSpec, candidates, query: Query, *, mode: str = "all", limit: int = 20,
             offset: int = 0) -> Found:
        """Ranked matches among ``candidates`` (a queryset of the spec's model), in a time bounded by
        ``window_size`` whatever the number of matches.

        When the matches are at most ``window_size``, they are all scored, ranked and counted: the exact answer.
        When there are more (a broad query: a word most records hold), scoring every match would cost a few
        microseconds each (a second for 100,000 on PostgreSQL), so the results are the ``window_size`` most
        recent matches ranked, and the total is estimated (``_estimate``). Each backend reaches that answer its
        own way (``SQLiteBackend.find``, ``PostgresBackend.find``)."""
        raise NotImplementedError

    def _estimate(self, spec: IndexSpec, window: list[tuple[int, float]], sample, limit: int,
                  offset: int) -> Found:
        """``Found`` for a broad query whose newest ``window_size`` matches are ``window`` (newest first): the
        window's matches, plus those that ``sample(ranges)`` finds in ``STRATA`` evenly spaced ranges of the older
        ids covering about enough of them to hold ``SAMPLE_TARGET`` matches, scaled up. Records are numbered in
        the order they were created, so the sample spreads over the library's whole history; the scaling assumes
        the ids evenly spread between the lowest and the highest (a wide hole in the sequence, e.g. after
        deleting most records, skews the estimate)."""
        boundary = window[-1][0]
        first, top = self.id_range(spec)
        density = len(window) / max(top - boundary + 1, len(window))
        ranges = strata(first, boundary - 1, SAMPLE_TARGET / max(density * (boundary - first), 1))
        return Found.estimated(window, boundary, sample(ranges), ranges, first, limit, offset)

    def ranked(self, spec: IndexSpec, candidates, query: Query, *, mode: str = "all", limit: int = 20,
               offset: int = 0) -> Ranked:
        found = self.find(spec, candidates, query, mode=mode, limit=limit, offset=offset)
        return Ranked(found.total, found.hits)

    # helpers
    def _candidates_sql(self, candidates, columns=()) -> tuple[str, tuple]:
        qs = candidates.order_by().values("pk", *columns)
        return qs.query.get_compiler(connection=self.connection).as_sql()

    def _execute(self, sql: str, params=()) -> list[tuple]:
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []


def backend_for(connection=None) -> SearchBackend:
    connection = connection or default_connection
    if connection.vendor == "postgresql":
        from .postgres import PostgresBackend

        return PostgresBackend(connection)
    if connection.vendor == "sqlite":
        from .sqlite import SQLiteBackend

        return SQLiteBackend(connection)
    raise NotImplementedError(f"No library search backend for {connection.vendor}.")


def strata(first: int, last: int, fraction: float, count: int = STRATA) -> list[tuple[int, int]]:
    """``count`` evenly spaced id ranges within ``first``..``last`` covering about ``fraction`` of it (all of it
    when the fraction is a half or more: then the count is exact)."""
    span = last - first + 1
    if span < 1:
        return []
    if fraction >= 0.5 or span <= count:
        return [(first, last)]
    step = span / count
    width = max(1, round(step * fraction))
    return [(first + int(i * step), first + int(i * step) + width - 1) for i in range(count)]
