"""SQLite FTS5 backend: a separate FTS5 table per index, its rowid the record's id.

FTS5's only stemmer is English (porter), so the columns title, summary and body of the FTS table hold stems
computed here (``stemming``): each translation stemmed in its own language, the English column (the record's
main text) and the body in the record's language, one stem per word in the order of the words. A query's word is
matched as any of its stems in the five languages (``fts_query``). Snippets are cut from the original text: the
positions of the matched stems (``highlight()``) are the positions of the words (``snippets``).
"""

import json

from . import MARK_END, MARK_START, Found, IndexSpec, Query, SearchBackend, render_snippet, stemming

CHUNK = 500
SNIPPET_WORDS = 28


def _segments(spec: IndexSpec, row) -> list[list[tuple[str, str]]]:
    """The (language, text) parts of each indexed column (title, summary, body) of a row read by ``_select``:
    ``row`` = (id, language, the title translations, the summary translations, the body)."""
    language, n = row[1], len(spec.languages)
    titles, summaries, body = row[2:2 + n], row[2 + n:2 + 2 * n], row[2 + 2 * n]

    def parts(texts):
        return [(language if code == "en" else code, text or "") for code, text in zip(spec.languages, texts,
                                                                                          strict=True)]

    return [parts(titles), parts(summaries), [(language, body or "")]]


def _document(spec: IndexSpec, row) -> tuple:
    return (row[0], *(" ".join(filter(None, (stemming.stemmed(lang, text) for lang, text in column)))
                      for column in _segments(spec, row)))


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"
    max_queries = 4  # the window's ids, their scores, the id range, the sample

    def install(self, spec: IndexSpec) -> None:
        # The stems are ours (``stemming``): the tokenizer only splits them at the spaces.
        self._execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {spec.fts_table} USING fts5("
            "title, summary, body, tokenize = 'unicode61 remove_diacritics 2')"
        )

    def uninstall(self, spec: IndexSpec) -> None:
        self._execute(f"DROP TABLE IF EXISTS {spec.fts_table}")

    def _select(self, spec: IndexSpec, alias: str = "t") -> str:
        """The columns ``_segments`` reads, of the table aliased ``alias``."""
        columns = [f"{alias}.id", f"{alias}.{spec.language}",
                   *(f"{alias}.{c}" for c in spec.columns(spec.title) + spec.columns(spec.summary)),
                   f"substr(coalesce({alias}.{spec.body}, ''), 1, {spec.body_limit})"]
        return ", ".join(columns)

    def _insert(self, spec: IndexSpec, rows) -> None:
        documents = [_document(spec, row) for row in rows]
        if documents:
            with self.connection.cursor() as cursor:
                cursor.executemany(f"INSERT INTO {spec.fts_table}(rowid, title, summary, body) VALUES (%s, %s, %s, %s)",
                                   documents)

    def sync(self, spec: IndexSpec, ids) -> None:
        ids = sorted({int(i) for i in ids})
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start:start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            self._execute(f"DELETE FROM {spec.fts_table} WHERE rowid IN ({marks})", chunk)
            self._insert(spec, self._execute(
                f"SELECT {self._select(spec)} FROM {spec.table} t WHERE {spec.indexed_when} AND t.id IN ({marks})",
                chunk))

    def rebuild(self, spec: IndexSpec) -> None:
        self._execute(f"DELETE FROM {spec.fts_table}")
        last = 0
        while True:  # by ranges of ids: a few hundred rows in memory at a time
            rows = self._execute(f"SELECT {self._select(spec)} FROM {spec.table} t WHERE {spec.indexed_when} "
                                 "AND t.id > %s ORDER BY t.id LIMIT %s", [last, CHUNK * 4])
            if not rows:
                break
            self._insert(spec, rows)
            last = rows[-1][0]
        self._execute(f"INSERT INTO {spec.fts_table}({spec.fts_table}) VALUES ('optimize')")

    def indexed_ids(self, spec: IndexSpec) -> set[int]:
        return {row[0] for row in self._execute(f"SELECT rowid FROM {spec.fts_table}")}

    @staticmethod
    def fts_query(query: Query, mode: str = "all") -> str:
        """FTS5 syntax: each word as the OR of its stems (``stemming.forms``), each phrase as the OR of its
        words' stems in each language; every stem quoted (so nothing the user types is an operator)."""
        parts = [" OR ".join(f'"{form}"' for form in stemming.forms(term)) for term in query.terms]
        for phrase in query.phrases:
            variants = {}
            for language in stemming.LANGUAGES:
                for words in (phrase, tuple(stemming.fold(w) for w in phrase)):
                    variants['"' + " ".join(stemming.stem(language, w) for w in words) + '"'] = None
            parts.append(" OR ".join(variants))
        return (" OR " if mode == "any" else " AND ").join(f"({part})" for part in parts if part)

    def match_sql(self, spec: IndexSpec, query: Query, mode: str = "all") -> tuple[str, list]:
        return (f"SELECT rowid FROM {spec.fts_table} WHERE {spec.fts_table} MATCH %s",
                [self.fts_query(query, mode)])

    @staticmethod
    def _facet_columns(spec) -> str:
        """The candidates' ``spec.facets`` columns, read with each match (``Found.attributes``)."""
        return "".join(f", c.{column}" for column in spec.facets)

    def window(self, spec, candidates, query, mode, size, attributes=None) -> list[tuple[int, float]]:
        """The ``size`` matches with the highest ids among ``candidates``, scored, newest first: one query (their
        ``spec.facets`` columns into ``attributes``, when given)."""
        sub, params = self._candidates_sql(candidates, spec.facets)
        fts = spec.fts_table
        # The FTS table drives the join (CROSS JOIN keeps that order): it reads its matches newest first and
        # stops after ``size`` candidates; bm25() is computed for those rows only.
        rows = self._execute(
            f"SELECT f.rowid, -bm25({fts}, 10.0, 4.0, 1.0){self._facet_columns(spec)} FROM {fts} f "
            f"CROSS JOIN ({sub}) c ON c.pk = f.rowid WHERE {fts} MATCH %s ORDER BY f.rowid DESC LIMIT %s",
            [*params, self.fts_query(query, mode), size])
        if attributes is not None:
            attributes.update((r[0], r[2:]) for r in rows)
        return [(r[0], round(r[1], 4)) for r in rows]

    def find(self, spec, candidates, query, *, mode="all", limit=20, offset=0) -> Found:
        """``SearchBackend.find``, with a cheaper score for broad queries: bm25() reads the whole doclist of
        every word once per query for its idf (~2 ms for a word 90,000 records hold) before scoring ~3 µs a row,
        and the idf of a word most records hold is nil anyway. So when the index holds more than
        ``window_size`` matches, the window is read without bm25() and scored by where the words are: 1, plus 10
        when the title holds them, plus 4 when the summary does; ties newest first. The first query (the newest
        ``window_size + 1`` matching ids among the candidates) tells which."""
        fts, size = spec.fts_table, self.window_size
        match = self.fts_query(query, mode)
        sub, params = self._candidates_sql(candidates, spec.facets)
        rows = self._execute(
            f"SELECT f.rowid{self._facet_columns(spec)} FROM {fts} f CROSS JOIN ({sub}) c ON c.pk = f.rowid "
            f"WHERE {fts} MATCH %s ORDER BY f.rowid DESC LIMIT %s", [*params, match, size + 1])
        attributes = {r[0]: r[1:] for r in rows}
        if len(rows) <= size:
            # Scored by bm25() in a second read (it reads every word's doclist for its idf, unlike the first).
            found = Found.complete(self.window(spec, candidates, query, mode, size, attributes), limit, offset)
            found.attributes = attributes
            return found
        ids = [r[0] for r in rows[:size]]
        scores = self._field_scores(spec, match, ids[-1])
        window = [(i, round(1 + scores.get(i, 0.0), 4)) for i in ids]
        found = self._estimate(spec, window, lambda ranges: self.sample(spec, candidates, query, mode, ranges,
                                                                        attributes), limit, offset)
        found.attributes = attributes
        return found

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

    def sample(self, spec, candidates, query, mode, ranges, attributes=None) -> list[int]:
        """The ids of the matches among ``candidates`` within these id ranges (inclusive): one query (their
        ``spec.facets`` columns into ``attributes``, when given)."""
        if not ranges:
            return []
        sub, params = self._candidates_sql(candidates, spec.facets)
        fts = spec.fts_table
        match = self.fts_query(query, mode)
        # One range per SELECT: FTS5 seeks to a rowid range, it does not skip between several.
        parts, args = [], []
        for low, high in ranges:
            parts.append(f"SELECT f.rowid{self._facet_columns(spec)} FROM {fts} f CROSS JOIN ({sub}) c "
                         f"ON c.pk = f.rowid WHERE {fts} MATCH %s AND f.rowid BETWEEN %s AND %s")
            args += [*params, match, low, high]
        rows = self._execute(" UNION ALL ".join(parts), args)
        if attributes is not None:
            attributes.update((r[0], r[1:]) for r in rows)
        return [r[0] for r in rows]

    def ids_sql(self, ids) -> tuple[str, list]:
        return "SELECT value FROM json_each(%s)", [json.dumps([int(i) for i in ids])]

    def id_range(self, spec) -> tuple[int, int]:
        # Two subqueries: FTS5 finds a lone min() or max() of the rowid at once, but scans the index for both.
        fts = spec.fts_table
        first, last = self._execute(f"SELECT (SELECT rowid FROM {fts} ORDER BY rowid LIMIT 1), "
                                    f"(SELECT rowid FROM {fts} ORDER BY rowid DESC LIMIT 1)")[0]
        return first or 0, last or 0

    def snippets(self, spec, ids, query, mode="all") -> dict[int, str]:
        """One query: the matched stems of each column marked by ``highlight()``, and the row's original text,
        from which the best window of ``SNIPPET_WORDS`` words is cut (``_snippet``)."""
        if not ids or not query:
            return {}
        fts = spec.fts_table
        marks = ", ".join(["%s"] * len(ids))
        rows = self._execute(
            f"SELECT {', '.join(f'highlight({fts}, {c}, %s, %s)' for c in range(3))}, {self._select(spec)} "
            f"FROM {fts} f JOIN {spec.table} t ON t.id = f.rowid WHERE {fts} MATCH %s AND f.rowid IN ({marks})",
            [MARK_START, MARK_END] * 3 + [self.fts_query(query, mode), *ids],
        )
        return {row[3]: render_snippet(_snippet(row[:3], _segments(spec, row[3:]))) for row in rows}


def _marked(highlighted: str | None) -> list[bool]:
    """For each stem (space-separated) of a highlighted column, whether it is marked (a mark may span several)."""
    marked, inside = [], False
    for item in (highlighted or "").split(" ") if highlighted else []:
        opened, closed = item.rfind(MARK_START), item.rfind(MARK_END)
        marked.append(inside or opened >= 0 or closed >= 0)
        if opened >= 0 or closed >= 0:
            inside = opened > closed
    return marked


def _best_window(marked: list[bool], low: int, high: int) -> tuple[int, int]:
    """(number of marked words, first word) of the window of ``SNIPPET_WORDS`` within ``low``..``high``
    (excluded) holding the most of them, starting a few words before a match."""
    best = (0, low)
    for position in (i for i in range(low, high) if marked[i]):
        start = max(low, min(position - 4, high - SNIPPET_WORDS))
        count = sum(marked[start:min(start + SNIPPET_WORDS, high)])
        if count > best[0]:
            best = (count, start)
    return best


def _snippet(highlighted, columns) -> str:
    """The best window of one translation of the summary or the body (of the title when they have no match: it
    is shown anyway), its words from the original text, the matched ones between MARK_START and MARK_END, "…"
    where the text goes on."""
    best = None
    for index in (1, 2, 0):
        if best is not None and index == 0:
            break
        marked = _marked(highlighted[index])
        words = []  # (text, start, end) of each word of the column, in order
        bounds = []  # (first word, last word + 1) of each translation
        for _language, text in columns[index]:
            text = stemming.normalized(text)
            first = len(words)
            words += [(text, a, b) for a, b in stemming.spans(text)]
            bounds.append((first, len(words)))
        if len(words) != len(marked):  # never expected: then no snippet rather than a wrong one
            continue
        for low, high in bounds:
            count, start = _best_window(marked, low, high)
            if count and (best is None or count > best[0]):
                best = (count, start, high, words, marked)
    if best is None:
        return ""
    _count, start, high, words, marked = best
    end = min(start + SNIPPET_WORDS, high)
    text = words[start][0]
    out = ["…" if words[start][1] > 0 else ""]
    for i in range(start, end):
        _text, a, b = words[i]
        if i > start:
            out.append(text[words[i - 1][2]:a])
        out.append(f"{MARK_START}{text[a:b]}{MARK_END}" if marked[i] else text[a:b])
    rest = text[words[end - 1][2]:].strip()
    out.append(rest if len(rest) <= 2 else " …")
    return "".join(out)
