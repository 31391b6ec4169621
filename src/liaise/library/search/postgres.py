"""PostgreSQL backend: a stored, weighted tsvector column ``search_document`` with a GIN index.

The column is added by the library's migration on PostgreSQL only (Django's models do not know it), so the
ORM never reads or writes it; ``sync`` and ``rebuild`` compute it in SQL from the row's own columns.
"""

import math
from contextlib import contextmanager
from operator import itemgetter

from django.core.exceptions import EmptyResultSet
from django.db import transaction
from django.db.models import BooleanField, FloatField
from django.db.models.expressions import RawSQL
from psycopg import ClientCursor

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

# ``find``: how many of the newest ids are read in order first, checked one by one, to measure how dense the
# matches are; when a third or more of them match, reading on in order (up to ``DENSE_SPAN`` times the window
# size) is cheaper than reading the GIN index.
PROBE = 300
DENSE_SPAN = 3
# ``_through_gin``: how many times a read through GIN may be done again with a better density before reading all.
PASSES = 3
# ts_rank's weights for D, C (the body), B (the summary) and A (the title).
WEIGHTS = "0.1, 0.1, 0.4, 1.0"
CONFIGS = {"en": "english", "fr": "french", "es": "spanish", "de": "german", "it": "italian"}


def _language_config(spec: IndexSpec, alias: str = "t") -> str:
    whens = " ".join(f"WHEN '{code}' THEN '{name}'" for code, name in CONFIGS.items())
    return f"(CASE {alias}.{spec.language} {whens} ELSE 'english' END)::regconfig"


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
    # the tsquery with the newest ids (one statement); the next ones and a sample; or through GIN: a read of every
    # match, the planner set (in the caller's transaction) and restored, and up to PASSES + 1 reads of the newest
    # ids and a sample — 9 seen on the test database once other tests had moved the ids (one more than this
    # count), so the bound keeps one to spare until the path that takes it is understood
    max_queries = 1 + 1 + 2 + PASSES + 1 + 2

    def install(self, spec: IndexSpec) -> None:
        self._execute(f"ALTER TABLE {spec.table} ADD COLUMN IF NOT EXISTS search_document tsvector")
        self._tune(spec)
        self._create_index(spec)

    def _tune(self, spec: IndexSpec) -> None:
        """Keep each row's tsvector in the row itself, uncompressed when it fits (storage MAIN): it is read for
        every row a search checks or scores, and the other wide columns (the texts) are better moved out first.
        And move them out further (``toast_tuple_target``, 2 KB by default): a row longer than 2 KB keeps its
        texts in it down to 1 KB only, the rest in the TOAST table. A practice's row (its title, summary and
        description in five languages, and the searchable text) was 2.6 KB: two rows a page, 100,000 practices
        400 MB, beyond PostgreSQL's default 128 MB of shared buffers, so that a search reading ~1,000 matches
        read most of their pages from the system; at 1 KB, 110 MB (a GIN read of the matches: ~7 → 5 ms). The
        texts are detoasted for the page of 20 results only. Written values keep their storage until written
        again (``rebuild``)."""
        self._execute(f"ALTER TABLE {spec.table} ALTER COLUMN search_document SET STORAGE MAIN")
        self._execute(f"ALTER TABLE {spec.table} SET (toast_tuple_target = 1024)")

    def _create_index(self, spec: IndexSpec) -> None:
        """The GIN index, without its pending list (``fastupdate = off``): with it, new entries wait in a list that
        every search reads through (up to 4 MB) until a vacuum merges them; the library is read far more often
        than written."""
        self._execute(f"CREATE INDEX IF NOT EXISTS {spec.table}_search_gin ON {spec.table} "
                      "USING gin (search_document) WITH (fastupdate = off)")

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
        """Every row again, the GIN index built afresh afterwards (faster than updating it row by row). The
        pending foreign key checks of the transaction are run before: PostgreSQL indexes no table that has some."""
        self._execute(f"DROP INDEX IF EXISTS {spec.table}_search_gin")
        self._execute(self._update_sql(spec, "TRUE"))
        self.connection.check_constraints()
        self._create_index(spec)
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

    @staticmethod
    def _tsquery_text_sql(query: Query, mode: str = "all") -> tuple[str, list]:
        """SQL computing the query as one tsquery text (and its parameters): each word (or phrase) as the OR of
        its distinct forms in the five configurations (in the configurations' order), the words AND-ed
        (``mode="all"``) or OR-ed. The configurations often stem a word alike, and every repeated form would cost
        a GIN posting list read and a check per row; with the words AND-ed at the top, GIN reads the rarer words
        first and skips through the common ones. A word every configuration drops (a stop word) is left out
        (its group is NULL, which ``concat_ws`` skips); no word left: ``''``. Computed in SQL (not from the forms
        read back) so that the probe can use it in the same round trip (``_prepare_and_probe``)."""
        parts = [*query.terms, *('"' + " ".join(p) + '"' for p in query.phrases)]
        if not parts:
            return "''", []
        forms = ", ".join(f"websearch_to_tsquery('{name}', %s)::text" for name in CONFIGS.values())
        group = ("(SELECT '(' || string_agg('(' || d.f || ')', ' | ' ORDER BY d.n) || ')' FROM (SELECT u.f, "
                 f"min(u.n) AS n FROM unnest(ARRAY[{forms}]) WITH ORDINALITY AS u(f, n) WHERE u.f <> '' "
                 "GROUP BY u.f) AS d)")
        joiner = " | " if mode == "any" else " & "
        return (f"coalesce(concat_ws('{joiner}', {', '.join([group] * len(parts))}), '')",
                [part for part in parts for _name in CONFIGS])

    def _prepare_sql(self, spec: IndexSpec, query: Query, mode: str = "all") -> tuple[str, list]:
        text, params = self._tsquery_text_sql(query, mode)
        return f"SELECT (SELECT min(id) FROM {spec.table}), (SELECT max(id) FROM {spec.table}), {text}", params

    def _prepared_row(self, query: Query, mode: str, row) -> tuple[int, int, str]:
        self._prepared[query, mode] = row[2]
        return row[0] or 0, row[1] or 0, row[2]

    def _prepare(self, spec: IndexSpec, query: Query, mode: str = "all") -> tuple[int, int, str]:
        """The lowest and highest id of ``spec``'s table (0, 0 when empty) and the query as one tsquery text
        (``_tsquery_text_sql``). One query."""
        return self._prepared_row(query, mode, self._execute(*self._prepare_sql(spec, query, mode))[0])

    def _probe(self, spec, candidates, tsquery, bound=None):
        """The newest ``PROBE`` ids of the table, newest first, those among ``candidates`` that match
        ``tsquery`` (a text, or an SQL expression and its parameters), each row checked (no index). ``bound``: an
        SQL expression for the lowest id minus one (default: the highest id minus ``PROBE``)."""
        bound = RawSQL(bound or f"(SELECT max(id) FROM {spec.table}) - {PROBE}", [])  # noqa: S611 - ours
        return self._matches(spec, candidates, tsquery, indexed=False).filter(pk__gt=bound).order_by("-pk")

    def _prepare_and_probe(self, spec, candidates, query, mode) -> tuple[int, int, str, list]:
        """``_prepare`` and the probe's rows (``_probe``, ``_scored``), and the reads asked for with ``along``, in
        one round trip when statements can be sent together (client-side binding, ``_client_side``): the reads,
        then one statement whose ``prep`` row (the lowest and highest id, the tsquery's text and the tsquery) is
        joined to the probe's rows (at least one row, the probe's columns NULL when none matched). The
        statements of one message run in one implicit transaction (or in the caller's). (``OFFSET 0`` keeps the
        planner from copying the tsquery's text, folded at planning, into its two uses: twice the dictionary
        look-ups.) The ``PROBE`` newest ids: when the table holds fewer, all of them, as ``_find``'s
        ``min(PROBE, span)``."""
        alongs, self._alongs = self._alongs, []
        self.connection.ensure_connection()
        if not self._client_side():
            for along in alongs:
                along.result()
            first, top, tsquery = self._prepare(spec, query, mode)
            return first, top, tsquery, self._scored(self._probe(spec, candidates, tsquery)) if tsquery else []
        text, params = self._tsquery_text_sql(query, mode)
        probe = self._compiled(self._probe(spec, candidates, ("prep.tq", []), f"prep.hi - {PROBE}"), "pk", "score",
                               *self._facets)
        columns = "".join(f", probe.{name}" for name in probe[2]) if probe else ""
        # Our table and column names; the words as parameters.
        sql = (f"WITH prep AS MATERIALIZED (SELECT lo, hi, q, CAST(q AS tsquery) AS tq FROM (SELECT (SELECT "
               f"min(id) FROM {spec.table}) AS lo, (SELECT max(id) FROM {spec.table}) AS hi, {text} AS q "
               f"OFFSET 0) AS s) SELECT prep.lo, prep.hi, prep.q{columns} FROM prep")
        if probe:
            sql += f" LEFT JOIN LATERAL ({probe[0]}) AS probe ON TRUE"
        results = self._send([*(along.compiled() for along in alongs), (sql, [*params, *(probe[1] if probe else ())])])
        for along, (rows, _columns) in zip(alongs, results, strict=False):
            along.fill(rows)
        rows = results[-1][0]
        first, top, tsquery = self._prepared_row(query, mode, rows[0])
        if probe is None or not tsquery:
            return first, top, tsquery, []
        found = sorted((row[3:] for row in rows if row[3] is not None), key=lambda row: -row[0])
        return first, top, tsquery, self._keep_scored(found)

    def _matches(self, spec, candidates, tsquery: str, *, indexed: bool = True, scored_from: int | None = None):
        """``candidates`` matching ``tsquery`` (``_prepare``), with their ``score`` (from the id
        ``scored_from`` up only, if given; None below): conditions on the table itself (no self-join).
        ``tsquery``: its text, or an SQL expression and its parameters. ``indexed=False`` writes the match so
        that no index can serve it (the function behind ``@@``): for reading a range of ids in order, checking
        each.

        The score is ``ts_rank`` with the title weighing 10, the summary 4 and the rest 1 (as SQLite's bm25), by
        the number of occurrences, divided by 1 + the log of the document's length. (``ts_rank_cd``, by the words'
        proximity, costs about four times more a row.)"""
        document = f'"{spec.table}".search_document'
        expression, params = ("%s::tsquery", [tsquery]) if isinstance(tsquery, str) else tsquery
        match = f"{document} @@ {expression}" if indexed else f"ts_match_vq({document}, {expression})"
        score = f"ts_rank('{{{WEIGHTS}}}', {document}, {expression}, 1)"
        score_params = list(params)
        if scored_from is not None:
            score, score_params = f'CASE WHEN "{spec.table}".id >= %s THEN {score} END', [scored_from, *params]
        # The table name is ours; the tsquery is a parameter (or computed in SQL from parameters).
        return candidates.order_by().filter(
            RawSQL(match, list(params), output_field=BooleanField())  # noqa: S611
        ).annotate(score=RawSQL(score, score_params, output_field=FloatField()))  # noqa: S611

    PLANNER = {"enable_seqscan": "off", "enable_indexscan": "off", "max_parallel_workers_per_gather": "0"}
    def __init__(self, connection):
        super().__init__(connection)
        self._prepared = {}  # {(query, mode): the tsquery text of ``_prepare``}

    # Set by ``_through_indexes`` outside a transaction: statements sent before each query of ``_rows``, in the
    # same round trip (see there).
    _prefix = ""

    @contextmanager
    def _through_indexes(self):
        """Inside, the planner reads matches through the GIN index (bitmap scans). Left alone, it estimates a
        word's frequency from statistics and, when it thinks a word common, walks the table checking every row's
        tsvector to find the first matches of a LIMIT: hundreds of milliseconds when the word is rarer than it
        thought. Parallel workers cost more to start than these small reads.

        Outside a transaction (a web request), each read of ``_rows`` is sent as ``SET LOCAL …; SELECT …`` in one
        round trip: the statements of one message run in one implicit transaction, so the settings end with it.
        Django's psycopg cursors bind parameters on the client, which allows several statements. Inside the
        caller's transaction, the settings are set in it, and restored afterwards (two more queries)."""
        settings = self.PLANNER
        if not self.connection.in_atomic_block and self._client_side():
            self._prefix = "".join(f"SET LOCAL {k} = {v}; " for k, v in settings.items())
            try:
                yield
            finally:
                self._prefix = ""
            return
        with transaction.atomic(using=self.connection.alias):
            previous = self._execute(
                "SELECT " + ", ".join(f"current_setting('{k}'), set_config('{k}', %s, true)" for k in settings),
                list(settings.values()))[0][0::2]
            try:
                yield
            finally:
                self._execute("SELECT " + ", ".join(f"set_config('{k}', %s, true)" for k in settings),
                              list(previous))

    def _client_side(self) -> bool:
        """Parameters bound on the client (Django's psycopg default): several statements can go in one message."""
        factory = getattr(self.connection.connection, "cursor_factory", None)
        return isinstance(factory, type) and issubclass(factory, ClientCursor)

    def _compiled(self, queryset, *names) -> tuple[str, list, list[str]] | None:
        """The SQL and parameters of ``queryset``'s ``names`` columns, and the names; None when nothing can
        match."""
        try:
            sql, params = queryset.values(*names).query.get_compiler(connection=self.connection).as_sql()
        except EmptyResultSet:  # a condition that nothing can meet
            return None
        return sql, list(params), list(names)

    @staticmethod
    def _ordered(rows, columns: list[str], names: list[str]) -> list[tuple]:
        order = [columns.index(name) for name in names]
        if order == list(range(len(columns))):
            return rows
        pick = itemgetter(*order)
        return [pick(row) for row in rows] if len(order) > 1 else [(pick(row),) for row in rows]

    def _send(self, statements: list[tuple[str, list]]) -> list[tuple[list[tuple], list[str]]]:
        """Several SELECT statements in one message (client-side binding only, see ``_client_side``): the rows
        and column names of each."""
        results = []
        with self.connection.cursor() as cursor:
            cursor.execute("; ".join(sql for sql, _params in statements),
                           [p for _sql, params in statements for p in params])
            for index in range(len(statements)):
                if index:
                    cursor.nextset()
                results.append((cursor.fetchall(), [column.name for column in cursor.description]))
        return results

    def _rows(self, queryset, *names) -> list[tuple]:
        """The ``names`` columns of ``queryset``'s rows, read with a plain cursor: a search reads a thousand or
        so, and the ORM's iteration (and the translation manager's on top of it) would cost more than the
        query."""
        compiled = self._compiled(queryset, *names)
        if compiled is None:
            return []
        sql, params, names = compiled
        with self.connection.cursor() as cursor:
            cursor.execute(self._prefix + sql, params)
            for _statement in range(self._prefix.count(";")):  # past the results of the SET statements
                cursor.nextset()
            return self._ordered(cursor.fetchall(), [column.name for column in cursor.description], names)

    # What ``find`` reads with each match (the spec's ``facets`` columns) and keeps (``Found.attributes``).
    _facets: tuple[str, ...] = ()
    _attributes: dict | None = None
    _range: tuple[int, int] | None = None  # the table's lowest and highest id, as ``find`` read them

    def _scored(self, queryset) -> list[tuple[int, float | None]]:
        return self._keep_scored(self._rows(queryset, "pk", "score", *self._facets))

    def _keep_scored(self, rows) -> list[tuple[int, float | None]]:
        if self._attributes is not None:
            self._attributes.update((row[0], row[2:]) for row in rows)
        return [(row[0], None if row[1] is None else round(row[1], 4)) for row in rows]

    @staticmethod
    def _within(spec, ranges, low: int | None = None) -> RawSQL:
        """The condition "the id is ``low`` or above, or within one of ``ranges``" as one SQL expression (the
        ids written in it: integers of ours), for the planner the same as the ORM's ``Q(pk__gte=low) |
        Q(pk__range=…) | …``, without compiling a lookup per range (~17 a read)."""
        column = f'"{spec.table}"."id"'
        parts = [] if low is None else [f"{column} >= {int(low)}"]
        parts += [f"{column} BETWEEN {int(a)} AND {int(b)}" for a, b in ranges]
        return RawSQL(f"({' OR '.join(parts) or 'FALSE'})", [], output_field=BooleanField())  # noqa: S611

    def _sample(self, spec, candidates, tsquery, ranges) -> list[int]:
        """The matches within these id ranges, each row read in id order and checked (no GIN read)."""
        if not ranges:
            return []
        rows = self._rows(self._matches(spec, candidates, tsquery, indexed=False).filter(self._within(spec, ranges)),
                          "pk", *self._facets)
        if self._attributes is not None:
            self._attributes.update((row[0], row[1:]) for row in rows)
        return [row[0] for row in rows]

    def find(self, spec, candidates, query, *, mode="all", limit=20, offset=0) -> Found:
        """``_find``, with the ``spec.facets`` columns of the matches read (``Found.attributes``)."""
        self._facets, self._attributes = spec.facets, {}
        try:
            found = self._find(spec, candidates, query, mode=mode, limit=limit, offset=offset)
            found.attributes = self._attributes
            return found
        finally:
            self._facets, self._attributes, self._range = (), None, None

    def _find(self, spec, candidates, query, *, mode="all", limit=20, offset=0) -> Found:
        """The same answer as ``SearchBackend.find``, reached another way, as the table is not an index sorted by
        id: checking a row's tsvector costs a few microseconds, and building the bitmap of a GIN read costs in
        proportion to the number of records holding the words (~8 ms for 100,000). So the newest ``PROBE``
        ids are read first, in order, each checked: the share of them that match tells the density of matches.

        - A third or more (a word most records hold): the reading goes on in id order until ``window_size``
          matches, the window; a stratified sample of the older ids, read the same way, gives the estimate
          (``SearchBackend._estimate``). No GIN read at all: for such a word it would read nearly the whole index.
        - Otherwise through the GIN index, once in most cases (``_through_gin``)."""
        first, top, tsquery, recent = self._prepare_and_probe(spec, candidates, query, mode)
        self._range = (first, top)
        if not tsquery or not top:
            return Found.complete([], limit, offset)
        size = self.window_size
        span = top - first + 1
        probe = min(PROBE, span)
        unindexed = self._matches(spec, candidates, tsquery, indexed=False)
        if probe == span and len(recent) <= size:
            return Found.complete(recent, limit, offset)
        if len(recent) * 3 >= probe:
            rest = self._scored(unindexed.filter(pk__gt=top - DENSE_SPAN * size, pk__lte=top - probe)
                                .order_by("-pk")[:max(size - len(recent), 0)])
            newest = (recent + rest)[:size]
            if len(newest) >= size:
                return self._estimate(spec, newest, lambda ranges: self._sample(spec, candidates, tsquery, ranges),
                                      limit, offset)
        with self._through_indexes():
            return self._through_gin(spec, candidates, tsquery, len(recent), probe, first, top, limit, offset)

    def _through_gin(self, spec, candidates, tsquery, found, probed, first, top, limit, offset) -> Found:
        """Matches through the GIN index, given that ``found`` of the newest ``probed`` ids match.

        When that density makes a narrow query (at most ``window_size`` matches expected), every match is read
        and scored, up to ``window_size + 1``: the exact answer. Otherwise (or when there were more), one read
        takes the matches of two sets of ids at once — the newest, enough of them to hold ``window_size``
        matches at that density and a margin, and ``STRATA`` evenly spaced ranges of the older ones, sized to
        hold about ``SAMPLE_TARGET`` — scoring the former only. When the newest ids held fewer matches than
        ``window_size`` (the density was lower there) or the read brought far more rows than expected (higher),
        it is done again with the density it measured; never more than ``PASSES`` times, and then the read takes
        every id. The newest ids read are enough for the lowest density the probe makes likely (two standard
        deviations below what it found): a few more rows read cost less than a second read."""
        size, span = self.window_size, top - first + 1
        density = found / probed
        if density * span <= size:
            rows = self._scored(self._matches(spec, candidates, tsquery)[:size + 1])
            if len(rows) <= size:
                return Found.complete(rows, limit, offset)
            density = max(density, (size + 1) / span)
        lowest = max(found - 2 * math.sqrt(found), 0.5) / probed
        for attempt in range(PASSES + 1):
            low = max(first, top - math.ceil(1.25 * size / min(density, lowest))) if attempt < PASSES else first
            ranges = strata(first, low - 1, SAMPLE_TARGET / max(density * (low - first), 1))
            reads = self._matches(spec, candidates, tsquery, scored_from=low).filter(self._within(spec, ranges, low))
            guard = size + 4 * math.ceil(density * (top - low + 1 + sum(b - a + 1 for a, b in ranges)))
            rows = self._scored(reads[:guard] if attempt < PASSES else reads)
            window = sorted((r for r in rows if r[0] >= low), key=itemgetter(0), reverse=True)  # ids: unique
            if attempt < PASSES and len(rows) >= guard:  # far denser than thought
                density = lowest = density * 4
            elif len(window) < size and low > first:  # sparser than thought
                measured = len(window) / (top - low + 1)
                density = lowest = min(density / 1.5, measured / 1.25) if len(window) >= 25 else density / 8
            else:
                break
        if low == first and len(window) <= size:
            return Found.complete(window, limit, offset)
        boundary = window[size - 1][0]
        sample = [i for i, _score in rows if i < boundary]
        return Found.estimated(window[:size], boundary, sample, [*ranges, (low, boundary - 1)], first, limit,
                               offset)

    def ids_sql(self, ids) -> tuple[str, list]:
        return "SELECT unnest(%s::integer[])", [[int(i) for i in ids]]

    def ids_condition(self, column, ids) -> tuple[str, list]:
        return f"{column} = ANY(%s)", [[int(i) for i in ids]]

    def id_range(self, spec) -> tuple[int, int]:
        if self._range is not None:  # read by ``_prepare`` in this ``find``
            return self._range
        first, last = self._execute(f"SELECT min(id), max(id) FROM {spec.table}")[0]
        return first or 0, last or 0

    HEADLINE = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=32, MinWords=12, MaxFragments=2, "
                "FragmentDelimiter=\" … \"")

    def _headline(self, spec, alias: str, tsquery: str) -> str:
        """ts_headline of a row (aliased ``alias``) for ``tsquery`` (an SQL expression), options as a parameter:
        the summary in each language (the English one first: shown when nothing matches), then the body."""
        summaries = " || ' ' || ".join(f"coalesce({alias}.{column}, '')" for column in spec.columns(spec.summary))
        return (f"ts_headline({_language_config(spec, alias)}, "
                f"{summaries} || ' ' || left(coalesce({alias}.{spec.body}, ''), 20000), {tsquery}, %s)")

    def snippet_sql(self, spec, query, mode="all") -> tuple[str, list] | None:
        """The snippet as an SQL expression on the spec's table, for the query ``find`` just prepared (each word's
        distinct forms once: half the time of the five configurations' queries OR-ed), read with the rows of the
        page: no query of its own."""
        prepared = self._prepared.get((query, mode))
        if not prepared:
            return None
        return self._headline(spec, f'"{spec.table}"', "%s::tsquery"), [prepared, self.HEADLINE]

    def snippets(self, spec, ids, query, mode="all") -> dict[int, str]:
        if not ids or not query:
            return {}
        prepared = self._prepared.get((query, mode))
        tsquery, qparams = ("%s::tsquery", [prepared]) if prepared else self.tsquery(query, mode)
        rows = self._execute(
            f"SELECT t.id, {self._headline(spec, 't', 'q.query')} "
            f"FROM {spec.table} t, (SELECT {tsquery} AS query) q WHERE t.id = ANY(%s)",
            [self.HEADLINE, *qparams, list(ids)],
        )
        return {row[0]: render_snippet(row[1]) for row in rows}
