"""bench/search.py: the practice library's search on 100,000 practices, against a plain icontains scan.

For each backend it builds a throw-away database — a SQLite file in a temporary directory; with
``--postgres URL`` (or DATABASE_URL pointing at PostgreSQL) a database of its own created on that server and
dropped at the end — loads the demo, generates the practices (``liaise demo --practices N``'s generator), then
runs 50 queries of mixed selectivity (programme and district names held by a handful of records, subject words
held by a few percent, words nearly every record holds) through ``queries.search_practices`` — ranked page of
20 and total, as the search page and the API run it — and, in the same run, the same queries as a plain
``icontains`` scan (every word in title, summary or text, newest first, page of 20 and total). It starts no
server: the search runs in-process, as it does in a web worker. One JSON line: p50/p95 per backend, the scan's,
their ratio, how many of the 50 totals were estimates (broad queries: ``search.SearchBackend.find``), and the
p50/p95 of a whole request as the search page and the API make it (``request``: ranked page,
total, snippets and the facet counts), with its own ratio to the scan and goal flag.

    .venv/bin/python bench/search.py [--practices 100000] [--rounds 3] [--postgres postgres://postgres@127.0.0.1/x]
                                     [--keep DIR]

Generating 100,000 practices takes minutes per backend. ``--keep DIR`` keeps the generated databases between runs:
the SQLite file in ``DIR`` and, with ``--postgres``, a database ``liaise_bench_search_keep`` on that server (not
dropped). A later run with the same ``DIR`` reuses them when they hold the asked number of synthetic practices
(``generate_seconds`` is then 0), else generates them again. Remove ``DIR`` and drop the database by hand when done
(``--drop-kept`` does both and exits).
"""

import argparse
import contextlib
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


KEPT_DATABASE = "liaise_bench_search_keep"


def worker(practices: int, rounds: int) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaise.settings")
    import django

    django.setup()
    from django.contrib.auth.models import AnonymousUser
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q

    from liaise.demo import loader
    from liaise.demo.library_loader import generate_practices
    from liaise.library import queries, search
    from liaise.library.models import Practice

    call_command("migrate", verbosity=0)
    generate_seconds = 0.0
    reuse = os.environ.get("LIAISE_BENCH_REUSE") == "1"
    if not (reuse and Practice.objects.filter(slug__startswith="synthetic-").count() == practices):
        loader.load(with_accounts=False)
        started = time.monotonic()
        generate_practices(practices, stream=sys.stderr)
        generate_seconds = time.monotonic() - started

    rng = random.Random(50)
    titles = list(Practice.objects.filter(slug__startswith="synthetic-").order_by("?").values_list(
        "title_en", "summary_en")[:40])
    rare = [t.split(":")[0] for t, _s in titles[:14]]  # programme names: one or a few records
    districts = [s.split(" district")[0].split()[-1] for _t, s in titles[14:22]]  # a few dozen records
    medium = ["mentoring", "exit counselling", "probation reintegration", "school mediation", "podcasts",
              "street theatre", "football club", "hackathons", "media literacy", "helpline relatives",
              "conspiracy debunking", "restorative circles"]
    combos = ["youth mentoring schools", "family counselling social housing", "online hate monitoring social media",
              "teacher training universities", "sport inclusion rural areas", "family listening line",
              "intercultural mediators", "exit counselling extremist groups"]
    broad = ["prevention", "local radicalisation", "programme", "evaluation indicators", "schools",
             "partners associations", "youth", "trust"]
    terms = rare + districts + medium + combos + broad
    assert len(terms) == 50, len(terms)
    rng.shuffle(terms)
    anonymous = AnonymousUser()

    def scan(q):
        words = search.parse(q).terms
        qs = queries.visible_practices(anonymous)
        for w in words:
            qs = qs.filter(Q(title_en__icontains=w) | Q(summary_en__icontains=w) | Q(search_text__icontains=w))
        total = qs.count()
        page = list(qs.order_by("-published", "-pk").values_list("pk", flat=True)[:20])
        return total, page

    exact = {}

    def ranked(q):
        r = queries.search_practices(anonymous, q, with_facets=False)
        exact[q] = r.exact
        return r.total, [p.pk for p in r.items]

    def request(q):
        return queries.search_practices(anonymous, q).facets

    timings = {"search": [], "scan": [], "request": []}
    hits = {}
    for q in terms:  # warm-up (and hit counts)
        hits[q] = ranked(q)[0]
        scan(q)
    for _ in range(rounds):
        for name, fn in (("search", ranked), ("scan", scan), ("request", request)):
            for q in terms:
                t = time.perf_counter()
                fn(q)
                timings[name].append((time.perf_counter() - t) * 1000)
    counts = sorted(hits.values())
    return {
        "backend": connection.vendor, "practices": Practice.objects.count(),
        "generate_seconds": round(generate_seconds, 1),
        "hits_min_median_max": [counts[0], int(statistics.median(counts)), counts[-1]],
        "estimated_totals": sum(not e for e in exact.values()),
        **{f"{name}_p50_ms": round(percentile(v, 50), 2) for name, v in timings.items()},
        **{f"{name}_p95_ms": round(percentile(v, 95), 2) for name, v in timings.items()},
    }


def run_worker(env: dict, practices: int, rounds: int) -> dict:
    """The measurement in a process of its own (its own settings and database)."""
    out = subprocess.run([sys.executable, __file__, "--worker", "--practices", str(practices), "--rounds",
                          str(rounds)], env=env, check=True, capture_output=False, stdout=subprocess.PIPE,
                         text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _admin(postgres: str) -> str:
    return urlunsplit(urlsplit(postgres)._replace(path="/postgres"))


def _drop(postgres: str, name: str) -> None:
    import psycopg

    with psycopg.connect(_admin(postgres), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--practices", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", help="a PostgreSQL server URL: the bench creates and drops a database on it")
    parser.add_argument("--keep", metavar="DIR", help="keep the generated databases for later runs (see above)")
    parser.add_argument("--drop-kept", action="store_true", help="remove --keep's directory and database, then exit")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.practices, args.rounds)))
        return
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LIAISE_", "DATABASE_URL", "DJANGO_"))}
    base.update(LIAISE_DEBUG="0", LIAISE_SECRET_KEY="bench-" + "x" * 50, LIAISE_ALLOWED_HOSTS="localhost")
    if args.keep:
        base["LIAISE_BENCH_REUSE"] = "1"
    postgres = args.postgres or (os.environ.get("DATABASE_URL", "") if os.environ.get(
        "DATABASE_URL", "").startswith("postgres") else "")
    if args.drop_kept:
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
        if postgres:
            _drop(postgres, KEPT_DATABASE)
        return
    results = []
    with contextlib.ExitStack() as stack:
        if args.keep:
            data_dir = str(Path(args.keep).resolve())
            Path(data_dir).mkdir(parents=True, exist_ok=True)
        else:
            data_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="liaise-bench-search-"))
        results.append(run_worker({**base, "LIAISE_DATA_DIR": data_dir}, args.practices, args.rounds))
        if postgres:
            import psycopg

            name = KEPT_DATABASE if args.keep else f"liaise_bench_search_{os.getpid()}"
            parts = urlsplit(postgres)
            with psycopg.connect(_admin(postgres), autocommit=True) as conn:
                exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{name}"')
            try:
                url = urlunsplit(parts._replace(path=f"/{name}"))
                results.append(run_worker({**base, "LIAISE_DATA_DIR": data_dir, "DATABASE_URL": url},
                                          args.practices, args.rounds))
            finally:
                if not args.keep:
                    _drop(postgres, name)
    figures = {"bench": "search", "queries": 50, "rounds": args.rounds}
    for r in results:
        b = r.pop("backend")
        figures.update({f"{b}_{k}": v for k, v in r.items()})
        figures[f"{b}_p95_faster_than_scan"] = round(r["scan_p95_ms"] / r["search_p95_ms"], 1)
        figures[f"{b}_p50_faster_than_scan"] = round(r["scan_p50_ms"] / r["search_p50_ms"], 1)
        figures[f"{b}_goal_met"] = r["search_p95_ms"] <= 30 and r["scan_p95_ms"] / r["search_p95_ms"] >= 30
        figures[f"{b}_request_p95_faster_than_scan"] = round(r["scan_p95_ms"] / r["request_p95_ms"], 1)
        figures[f"{b}_request_goal_met"] = r["request_p95_ms"] <= 30 and r["scan_p95_ms"] / r["request_p95_ms"] >= 30
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
