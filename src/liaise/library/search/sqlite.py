"""SQLite FTS5 backend: a separate FTS5 table per index, its rowid the record's id."""

import json

from . import MARK_END, MARK_START, Found, IndexSpec, Query, SearchBackend, render_snippet

CHUNK = 500


def _concat(columns: list[str]) -> str:
    return " || ' ' || ".join(f"coalesce(t.{c}, '')" for c in columns)


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"
    max_queries = 4  # the window's ids, their scores, the id range, the sample

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
        """The ``size`` matches with the highest ids among ``candidates``, scored, newest first: one query."""
        sub, params = self._candidates_sql(candidates)
        fts = spec.fts_table
        # The FTS table drives the join (CROSS JOIN keeps that order): it reads its matches newest first and
        # stops after ``size`` candidates; bm25() is computed for those rows only.
        return [(r[0], round(r[1], 4)) for r in self._execute(
            f"SELECT f.rowid, -bm25({fts}, 10.0, 4.0, 1.0) FROM {fts} f CROSS JOIN ({sub}) c ON c.pk = f.rowid "
            f"WHERE {fts} MATCH %s ORDER BY f.rowid DESC LIMIT %s",
            [*params, self.fts_query(query, mode), size])]

    def find(self, spec, candidates, query, *, mode="all", limit=20, offset=0) -> Found:
        """``SearchBackend.find``, with a cheaper score for broad queries: bm25() reads the whole doclist of
        every word once per query for its idf (~2 ms for a word 90,000 records hold) before scoring ~3 µs a row,
        and the idf of a word most records hold is nil anyway. So when the index holds more than
        ``window_size`` matches, the window is read without bm25() and scored by where the words are: 1, plus 10
        when the title holds them, plus 4 when the summary does; ties newest first. The first query (the newest
        ``window_size + 1`` matching ids among the candidates) tells which."""
        fts, size = spec.fts_table, self.window_size
        match = self.fts_query(query, mode)
        sub, params = self._candidates_sql(candidates)
        ids = [r[0] for r in self._execute(
            f"SELECT f.rowid FROM {fts} f CROSS JOIN ({sub}) c ON c.pk = f.rowid WHERE {fts} MATCH %s "
            "ORDER BY f.rowid DESC LIMIT %s", [*params, match, size + 1])]
        if len(ids) <= size:
            return Found.complete(self.window(spec, candidates, query, mode, size), limit, offset)
        ids = ids[:size]
        scores = self._field_scores(spec, match, ids[-1])
        window = [(i, round(1 + scores.get(i, 0.0), 4)) for i in ids]
        return self._estimate(spec, window, lambda ranges: self.sample(spec, candidates, query, mode, ranges),
                              limit, offset)

    def _field_scores(self, spec, match: str, boundary: int) -> dict[int, float]:
        """{rowid: score} for the matches from ``boundary`` up: 10 when the title holds the words, 4 when the
        summary does. One query of two parts, each seeking to the boundary in the words' doclists."""
        fts = spec.fts_table
        rows = self._execute(
            " UNION ALL ".join([f"SELECT rowid, %s FROM {fts} WHERE {fts} MATCH %s AND rowid >= %s"] * 2),
            [10.0, f"{{title}} : ({match})", boundary, 4.0, f"{{summary}} : ({match})", boundary])
        scores = {}
        for rowid, weight in rows:
            scores[rowid] = scores.get(rowid, 0.0) + weight
        return scores

    def sample(self, spec, candidates, query, mode, ranges) -> list[int]:
        """The ids of the matches among ``candidates`` within these id ranges (inclusive): one query."""
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

    def id_range(self, spec) -> tuple[int, int]:
        # Two subqueries: FTS5 finds a lone min() or max() of the rowid at once, but scans the index for both.
        fts = spec.fts_table
        first, last = self._execute(f"SELECT (SELECT rowid FROM {fts} ORDER BY rowid LIMIT 1), "
                                    f"(SELECT rowid FROM {fts} ORDER BY rowid DESC LIMIT 1)")[0]
        return first or 0, last or 0

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
