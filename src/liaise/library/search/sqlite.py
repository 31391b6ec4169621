"""SQLite FTS5 backend: a separate FTS5 table per index, its rowid the record's id."""

import json

from . import MARK_END, MARK_START, IndexSpec, Query, SearchBackend, render_snippet

CHUNK = 500


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

    def window(self, spec, candidates, query, mode, size) -> list[tuple[int, float]]:
        sub, params = self._candidates_sql(candidates)
        fts = spec.fts_table
        # The FTS table drives the join (CROSS JOIN keeps that order): it reads its matches newest first and
        # stops after ``size`` candidates; bm25() is computed for those rows only.
        return [(r[0], round(r[1], 4)) for r in self._execute(
            f"SELECT f.rowid, -bm25({fts}, 10.0, 4.0, 1.0) FROM {fts} f CROSS JOIN ({sub}) c ON c.pk = f.rowid "
            f"WHERE {fts} MATCH %s ORDER BY f.rowid DESC LIMIT %s",
            [*params, self.fts_query(query, mode), size])]

    def sample(self, spec, candidates, query, mode, ranges) -> list[int]:
        if not ranges:
            return []
        sub, params = self._candidates_sql(candidates)
        fts = spec.fts_table
        match = self.fts_query(query, mode)
        # One range per SELECT: FTS5 seeks to a rowid range, it does not skip between several.
        parts, args = [], []
        for low, high in ranges:
            parts.append(f"SELECT f.rowid FROM {fts} f CROSS JOIN ({sub}) c ON c.pk = f.rowid "
                         f"WHERE {fts} MATCH %s AND f.rowid BETWEEN %s AND %s")
            args += [*params, match, low, high]
        return [r[0] for r in self._execute(" UNION ALL ".join(parts), args)]

    def ids_sql(self, ids) -> tuple[str, list]:
        return "SELECT value FROM json_each(%s)", [json.dumps([int(i) for i in ids])]

    def max_id(self, spec) -> int:
        return self._execute(f"SELECT max(rowid) FROM {spec.fts_table}")[0][0] or 0

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
