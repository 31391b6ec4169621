"""SQLite FTS5 backend: a separate FTS5 table per index, its rowid the record's id."""

from django.db.models.expressions import RawSQL

from . import MARK_END, MARK_START, IndexSpec, Query, Ranked, SearchBackend, render_snippet

CHUNK = 500
# A query matching more index rows than this is "broad": its page is ranked on a bounded set (below).
BROAD = 5_000
# How many of the best index rows a bounded ranking reads before keeping those the candidates allow.
BOUNDED_MIN = 200


def _concat(columns: list[str]) -> str:
    return " || ' ' || ".join(f"coalesce(t.{c}, '')" for c in columns)


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def install(self, spec: IndexSpec) -> None:
        self._execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {spec.fts_table} USING fts5("
            "title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2')"
        )

    def uninstall(self, spec: IndexSpec) -> None:
        self._execute(f"DROP TABLE IF EXISTS {spec.fts_table}")

    def _insert_sql(self, spec: IndexSpec, where: str) -> str:
        return (
            f"INSERT INTO {spec.fts_table}(rowid, title, summary, body) "
            f"SELECT t.id, {_concat(spec.columns(spec.title))}, {_concat(spec.columns(spec.summary))}, "
            f"substr(coalesce(t.{spec.body}, ''), 1, {spec.body_limit}) "
            f"FROM {spec.table} t WHERE {spec.indexed_when} AND {where}"
        )

    def sync(self, spec: IndexSpec, ids) -> None:
        ids = sorted({int(i) for i in ids})
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            self._execute(f"DELETE FROM {spec.fts_table} WHERE rowid IN ({marks})", chunk)
            self._execute(self._insert_sql(spec, f"t.id IN ({marks})"), chunk)

    def rebuild(self, spec: IndexSpec) -> None:
        self._execute(f"DELETE FROM {spec.fts_table}")
        self._execute(self._insert_sql(spec, "1 = 1"))
        self._execute(f"INSERT INTO {spec.fts_table}({spec.fts_table}) VALUES ('optimize')")

    def indexed_ids(self, spec: IndexSpec) -> set[int]:
        return {row[0] for row in self._execute(f"SELECT rowid FROM {spec.fts_table}")}

    @staticmethod
    def fts_query(query: Query, mode: str = "all") -> str:
        """FTS5 syntax: every word and phrase quoted (so nothing the user types is an operator)."""
        parts = [f'"{t}"' for t in query.terms] + ['"' + " ".join(p) + '"' for p in query.phrases]
        return (" OR " if mode == "any" else " ").join(parts)

    def match_sql(self, spec: IndexSpec, query: Query, mode: str = "all") -> tuple[str, list]:
        return (f"SELECT rowid FROM {spec.fts_table} WHERE {spec.fts_table} MATCH %s",
                [self.fts_query(query, mode)])

    def ranked(self, spec, candidates, query, *, mode="all", limit=20, offset=0) -> Ranked:
        fts = spec.fts_table
        match = self.fts_query(query, mode)
        matches = self._execute(f"SELECT count(*) FROM {fts} WHERE {fts} MATCH %s", [match])[0][0]
        if matches > BROAD:
            hits = self._bounded(spec, candidates, match, offset + limit)
            if hits is not None:
                total = candidates.filter(pk__in=RawSQL(*self.match_sql(spec, query, mode))).count()  # noqa: S611
                return Ranked(total, hits[offset:offset + limit])
        return self._ranked_all(spec, candidates, query, mode=mode, limit=limit, offset=offset)

    def _bounded(self, spec, candidates, match: str, need: int) -> list[tuple[int, float]] | None:
        """The best ``need`` rows for a broad query without scoring every match: ``bm25()`` costs a few
        microseconds a row (90,000 rows: 60-100 ms). First the rows matching in the title (weight 10: a title
        match outscores the summary and body matches of a broad word), then, when those are too few, every
        match; the best ``k`` of the index are read (no join), and those the candidates allow are kept. None when
        fewer than ``need`` survive (filters that keep few records): the caller ranks every match."""
        fts = spec.fts_table
        k = max(BOUNDED_MIN, need * 4)
        for expression in (f"{{title}} : ({match})", match):
            rows = self._execute(
                f"SELECT rowid, -bm25({fts}, 10.0, 4.0, 1.0) AS score FROM {fts} WHERE {fts} MATCH %s "
                "ORDER BY score DESC, rowid LIMIT %s", [expression, k])
            if len(rows) < need:
                continue
            allowed = set(candidates.filter(pk__in=[r[0] for r in rows]).values_list("pk", flat=True))
            kept = [(r[0], round(r[1], 4)) for r in rows if r[0] in allowed]
            if len(kept) >= need:
                return kept
        return None

    def _ranked_all(self, spec, candidates, query, *, mode="all", limit=20, offset=0) -> Ranked:
        sub, params = self._candidates_sql(candidates)
        fts = spec.fts_table
        # bm25() only works in a plain query on the FTS table: rank there (materialised), then keep what
        # the candidates (who may see what, the filters) allow.
        head = (f"WITH m AS MATERIALIZED (SELECT rowid AS id, -bm25({fts}, 10.0, 4.0, 1.0) AS score FROM {fts} "
                f"WHERE {fts} MATCH %s) SELECT m.id, m.score, count(*) OVER () FROM m JOIN ({sub}) c ON c.pk = m.id")
        rows = self._execute(f"{head} ORDER BY m.score DESC, m.id LIMIT %s OFFSET %s",
                             [self.fts_query(query, mode), *params, limit, offset])
        if not rows and offset:
            total = self._execute(f"SELECT count(*) FROM ({head})", [self.fts_query(query, mode), *params])[0][0]
            return Ranked(total, [])
        return Ranked(rows[0][2] if rows else 0, [(r[0], round(r[1], 4)) for r in rows])

    def snippets(self, spec, ids, query, mode="all") -> dict[int, str]:
        if not ids or not query:
            return {}
        fts = spec.fts_table
        marks = ", ".join(["%s"] * len(ids))
        rows = self._execute(
            f"SELECT rowid, snippet({fts}, -1, %s, %s, '…', 28) FROM {fts} "
            f"WHERE {fts} MATCH %s AND rowid IN ({marks})",
            [MARK_START, MARK_END, self.fts_query(query, mode), *ids],
        )
        return {row[0]: render_snippet(row[1]) for row in rows}
