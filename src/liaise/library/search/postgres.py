"""PostgreSQL backend: a stored, weighted tsvector column ``search_document`` with a GIN index.

The column is added by the library's migration on PostgreSQL only (Django's models do not know it), so the
ORM never reads or writes it; ``sync`` and ``rebuild`` compute it in SQL from the row's own columns.
"""

from . import MARK_END, MARK_START, IndexSpec, Query, SearchBackend, render_snippet

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

    def window(self, spec, candidates, query, mode, size) -> list[tuple[int, float]]:
        sub, params = self._candidates_sql(candidates)
        tsquery, qparams = self.tsquery(query, mode)
        return [(r[0], round(float(r[1]), 4)) for r in self._execute(
            f"SELECT t.id, ts_rank_cd(t.search_document, q.query, 1) FROM {spec.table} t, "
            f"(SELECT {tsquery} AS query) q WHERE t.search_document @@ q.query AND t.id IN ({sub}) "
            "ORDER BY t.id DESC LIMIT %s",
            [*qparams, *params, size])]

    def sample(self, spec, candidates, query, mode, ranges) -> list[int]:
        if not ranges:
            return []
        sub, params = self._candidates_sql(candidates)
        tsquery, qparams = self.tsquery(query, mode)
        within = " OR ".join(["t.id BETWEEN %s AND %s"] * len(ranges))
        return [r[0] for r in self._execute(
            f"SELECT t.id FROM {spec.table} t, (SELECT {tsquery} AS query) q "
            f"WHERE ({within}) AND t.search_document @@ q.query AND t.id IN ({sub})",
            [*qparams, *(v for r in ranges for v in r), *params])]

    def ids_sql(self, ids) -> tuple[str, list]:
        return "SELECT unnest(%s::integer[])", [[int(i) for i in ids]]

    def max_id(self, spec) -> int:
        return self._execute(f"SELECT max(id) FROM {spec.table}")[0][0] or 0

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
