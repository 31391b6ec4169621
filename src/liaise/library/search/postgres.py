"""PostgreSQL backend: a stored, weighted tsvector column ``search_document`` with a GIN index.

The column is added by the library's migration on PostgreSQL only (Django's models do not know it), so the
ORM never reads or writes it; ``sync`` and ``rebuild`` compute it in SQL from the row's own columns.
"""

from contextlib import contextmanager

from django.db import transaction
from django.db.models import BooleanField, FloatField, Q
from django.db.models.expressions import RawSQL

from . import (
    MARK_END,
    MARK_START,
    SAMPLE_TARGET,
    Found,
    IndexSpec,
    Query,
    SearchBackend,
    render_snippet,
    strata,
)

# Reading the newest ids in order is the cheaper way when a third or more of them match (``find``).
DENSE_SPAN = 3
CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "de": "german", "it": "italian"}


def _language_config(spec: IndexSpec) -> str:
    whens = " ".join(f"WHEN '{code}' THEN '{name}'" for code, name in CONFIGS.items())
    return f"(CASE t.{spec.language} {whens} ELSE 'english' END)::regconfig"


def _document(spec: IndexSpec) -> str:
    """Title A, summary B, body C; the English column (the record's main text) and the body with the record's
    language, each other translation with its own language."""
    main = _language_config(spec)
    parts = []
    for base, weight in ((spec.title, "A"), (spec.summary, "B")):
        for code in spec.languages:
            config = main if code == "en" else f"'{CONFIGS[code]}'::regconfig"
            parts.append(f"setweight(to_tsvector({config}, coalesce(t.{base}_{code}, '')), '{weight}')")
    parts.append(
        f"setweight(to_tsvector({main}, left(coalesce(t.{spec.body}, ''), {spec.body_limit})), 'C')"
    )
    return " || ".join(parts)


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def install(self, spec: IndexSpec) -> None:
        self._execute(f"ALTER TABLE {spec.table} ADD COLUMN IF NOT EXISTS search_document tsvector")
        self._execute(
            f"CREATE INDEX IF NOT EXISTS {spec.table}_search_gin ON {spec.table} USING gin (search_document)"
        )

    def uninstall(self, spec: IndexSpec) -> None:
        self._execute(f"DROP INDEX IF EXISTS {spec.table}_search_gin")
        self._execute(f"ALTER TABLE {spec.table} DROP COLUMN IF EXISTS search_document")

    def _update_sql(self, spec: IndexSpec, where: str) -> str:
        return (
            f"UPDATE {spec.table} t SET search_document = "
            f"CASE WHEN {spec.indexed_when} THEN {_document(spec)} ELSE NULL END WHERE {where}"
        )

    def sync(self, spec: IndexSpec, ids) -> None:
        ids = sorted({int(i) for i in ids})
        if ids:
            self._execute(self._update_sql(spec, "t.id = ANY(%s)"), [ids])

    def rebuild(self, spec: IndexSpec) -> None:
        self._execute(self._update_sql(spec, "TRUE"))
        self._execute(f"ANALYZE {spec.table}")

    def indexed_ids(self, spec: IndexSpec) -> set[int]:
        return {r[0] for r in self._execute(f"SELECT id FROM {spec.table} WHERE search_document IS NOT NULL")}

    @staticmethod
    def websearch_text(query: Query, mode: str = "all") -> str:
        parts = list(query.terms) + ['"' + " ".join(p) + '"' for p in query.phrases]
        return (" or " if mode == "any" else " ").join(parts)

    def tsquery(self, query: Query, mode: str = "all") -> tuple[str, list]:
        """The query in every language configuration, OR-ed: a French record matches a French stem, an English
        one an English stem."""
        text = self.websearch_text(query, mode)
        sql = " || ".join(f"websearch_to_tsquery('{name}', %s)" for name in CONFIGS.values())
        return f"({sql})", [text] * len(CONFIGS)

    def match_sql(self, spec: IndexSpec, query: Query, mode: str = "all") -> tuple[str, list]:
        tsquery, params = self.tsquery(query, mode)
        return f"SELECT id FROM {spec.table} WHERE search_document @@ {tsquery}", params

    def compact_tsquery(self, query: Query, mode: str = "all") -> str:
        """``tsquery``'s text with each language's version once: the five configurations often stem a word alike,
        and every repeat costs a GIN posting list read and a check per row. One small query."""
        params = [self.websearch_text(query, mode)] * len(CONFIGS)
        parts = self._execute("SELECT " + ", ".join(
            f"websearch_to_tsquery('{name}', %s)::text" for name in CONFIGS.values()), params)[0]
        return " | ".join(f"({part})" for part in dict.fromkeys(p for p in parts if p))

    def _matches(self, spec, candidates, tsquery: str, *, indexed: bool = True):
        """``candidates`` matching ``tsquery`` (``compact_tsquery``), with their ``score``: conditions on the table
        itself (no self-join). ``indexed=False`` writes the match so that no index can serve it (the function
        behind ``@@``): for reading a range of ids in order, checking each."""
        document = f'"{spec.table}".search_document'
        match = f"{document} @@ %s::tsquery" if indexed else f"ts_match_vq({document}, %s::tsquery)"
        # The table name is ours; the tsquery is a parameter.
        return candidates.order_by().filter(
            RawSQL(match, [tsquery], output_field=BooleanField())  # noqa: S611
        ).annotate(score=RawSQL(f"ts_rank_cd({document}, %s::tsquery, 1)", [tsquery],  # noqa: S611
                                output_field=FloatField()))

    @contextmanager
    def _through_indexes(self):
        """Inside, the planner reads matches through the GIN index (bitmap scans), in a transaction of its own or
        the caller's, restored afterwards. Left alone, it estimates a word's frequency from statistics and, when
        it thinks a word common, walks the table checking every row's tsvector to find the first matches of a
        LIMIT: hundreds of milliseconds when the word is rarer than it thought. Parallel workers cost more to
        start than these small reads."""
        settings = {"enable_seqscan": "off", "enable_indexscan": "off", "max_parallel_workers_per_gather": "0"}
        with transaction.atomic(using=self.connection.alias):
            previous = self._execute(
                "SELECT " + ", ".join(f"current_setting('{k}'), set_config('{k}', %s, true)" for k in settings),
                list(settings.values()))[0][0::2]
            try:
                yield
            finally:
                self._execute("SELECT " + ", ".join(f"set_config('{k}', %s, true)" for k in settings),
                              list(previous))

    @staticmethod
    def _scored(queryset) -> list[tuple[int, float]]:
        return [(pk, round(float(score), 4)) for pk, score in queryset.values_list("pk", "score")]

    def _sample(self, spec, candidates, tsquery, ranges, *, indexed=True) -> list[int]:
        if not ranges:
            return []
        within = Q()
        for low, high in ranges:
            within |= Q(pk__range=(low, high))
        return list(self._matches(spec, candidates, tsquery, indexed=indexed).filter(within)
                    .values_list("pk", flat=True))

    def find(self, spec, candidates, query, *, mode="all", limit=20, offset=0) -> Found:
        """The same answer as ``SearchBackend.find``, reached another way, as the table is not an index sorted by
        id: checking a row's tsvector costs a few microseconds, and a GIN index read costs in proportion to the
        number of records holding the words.

        1. The newest ``DENSE_SPAN`` ids are read in order, each checked: when they hold ``window_size`` matches
           (a third or more of the records match), that is the window, and a stratified sample of the older ids,
           read the same way, gives the estimate (``SearchBackend._estimate``). No GIN read at all: for a word most
           records hold, it would read nearly the whole index.
        2. Otherwise, through the GIN index: up to ``window_size + 1`` matches in any order, scored (all of them
           for a narrow query: the exact answer); for more, a stratified sample (1 % of the ids, widened when it
           holds too few matches) gives their density, which tells from which id up the newest ``window_size``
           matches lie, and that range is read."""
        first, top = self.id_range(spec)
        size = self.window_size
        tsquery = self.compact_tsquery(query, mode)
        newest = self._scored(self._matches(spec, candidates, tsquery, indexed=False)
                              .filter(pk__gt=top - DENSE_SPAN * size).order_by("-pk")[:size])
        if len(newest) >= size:
            return self._estimate(spec, newest, lambda ranges: self._sample(spec, candidates, tsquery, ranges,
                                                                            indexed=False), limit, offset)
        with self._through_indexes():
            return self._find(spec, candidates, tsquery, limit, offset, first, top)

    def _find(self, spec, candidates, tsquery, limit, offset, first, top) -> Found:
        size = self.window_size
        matches = self._matches(spec, candidates, tsquery)
        rows = self._scored(matches[:size + 1])
        if len(rows) <= size:
            return Found.complete(rows, limit, offset)
        fraction = 0.01
        while True:
            ranges = strata(first, top, fraction)
            sample = self._sample(spec, candidates, tsquery, ranges)
            covered = sum(b - a + 1 for a, b in ranges)
            if len(sample) >= SAMPLE_TARGET / 4 or covered >= top - first + 1:
                break
            fraction = min(1.0, fraction * SAMPLE_TARGET / max(len(sample), 1))
        density = max(len(sample), 1) / covered
        low = max(first, top - int(size / density * 1.25))
        window = self._scored(matches.filter(pk__gte=low).order_by("-pk")[:size])
        boundary = window[-1][0] if len(window) >= size else low
        return Found.estimated(window, boundary, sample, ranges, first, limit, offset)

    def ids_sql(self, ids) -> tuple[str, list]:
        return "SELECT unnest(%s::integer[])", [[int(i) for i in ids]]

    def ids_condition(self, column, ids) -> tuple[str, list]:
        return f"{column} = ANY(%s)", [[int(i) for i in ids]]

    def id_range(self, spec) -> tuple[int, int]:
        first, last = self._execute(f"SELECT min(id), max(id) FROM {spec.table}")[0]
        return first or 0, last or 0

    def snippets(self, spec, ids, query, mode="all") -> dict[int, str]:
        if not ids or not query:
            return {}
        tsquery, qparams = self.tsquery(query, mode)
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=32, MinWords=12, MaxFragments=2, " \
                  "FragmentDelimiter=\" … \""
        rows = self._execute(
            f"SELECT t.id, ts_headline({_language_config(spec)}, "
            f"coalesce(t.{spec.summary}_en, '') || ' ' || left(coalesce(t.{spec.body}, ''), 20000), q.query, %s) "
            f"FROM {spec.table} t, (SELECT {tsquery} AS query) q WHERE t.id = ANY(%s)",
            [options, *qparams, list(ids)],
        )
        return {row[0]: render_snippet(row[1]) for row in rows}
