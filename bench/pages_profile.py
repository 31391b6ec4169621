"""What one request of each benchmarked page costs, in-process and independent of the machine's load.

bench/pages.py measures req/s with wrk, which a busy machine blurs. This counts, for one request of each page
(after a warm-up request), the Python function calls (cProfile's count: deterministic for the same code and
data) and the database queries, through Django's test client with production settings and the demo, on four
paths: a visitor with the page cache off (``cold``: the view and the layout run, the fragments come from their
cache), a visitor with every part of every request drawn (``rendered``: the fragment cache off too), the demo
partner member served from their own copy, and the same member with the copies off (a copy's first request).
The baseline view is counted the same way. Prints one JSON line; progress on stderr. Runs in a throw-away data
directory (SQLite).

    .venv/bin/python bench/pages_profile.py [--top 0]

``--top N`` also prints, on stderr, the N functions with the most calls below them for each rendered page
(a profile whose "time" is a count of calls, so it reads the same on any machine).
"""

import argparse
import cProfile
import io
import itertools
import json
import os
import pstats
import shutil
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
from pages import BASELINE, PAGES, SIGNED_IN_EMAIL  # noqa: E402

EVENTS = ("events", "/events/")


def log(message: str) -> None:
    sys.stderr.write(f"bench/pages_profile: {message}\n")
    sys.stderr.flush()


def main(argv: list[str] | None = None) -> None:
    data_dir = tempfile.mkdtemp(prefix="liaise-profile-")
    try:
        run(data_dir, argv)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


def run(data_dir: str, argv: list[str] | None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=0, help="print the N costliest functions of each rendered page")
    args = parser.parse_args(argv)
    os.environ.update(
        LIAISE_DATA_DIR=data_dir, LIAISE_DEBUG="0", LIAISE_SECRET_KEY="profile-" + "x" * 50, LIAISE_HTTPS="0",
        LIAISE_ALLOWED_HOSTS="testserver", LIAISE_PAGE_CACHE_SECONDS="0", DJANGO_SETTINGS_MODULE="baseline_settings",
    )
    for name in ("DATABASE_URL", "REDIS_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from liaise.demo import loader

    log(f"preparing {data_dir} (migrations, the demo with its accounts, static files)")
    call_command("migrate", interactive=False, verbosity=0)
    loader.load(with_accounts=True)
    call_command("collectstatic", interactive=False, verbosity=0)

    def count(client, path: str, top: int = 0) -> dict:
        assert client.get(path).status_code == 200, path  # warm-up (and, signed in, the copy)
        queries = []

        def record(execute, sql, params, many, context):
            queries.append(sql)
            return execute(sql, params, many, context)

        ticks = itertools.count()
        profile = cProfile.Profile(timer=lambda: next(ticks), timeunit=0.5)
        with connection.execute_wrapper(record):
            profile.enable()
            response = client.get(path)
            profile.disable()
        assert response.status_code == 200, path
        stats = pstats.Stats(profile)
        if top:
            out = io.StringIO()
            pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(top)
            log(f"{path}:\n{out.getvalue()}")
        return {"calls": stats.total_calls, "queries": len(queries), "kb": round(len(response.content) / 1024, 1)}

    visitor = Client()
    member = Client()
    member.force_login(get_user_model().objects.get(email=SIGNED_IN_EMAIL))
    member.get("/")  # (the browser's CSRF cookie: part of a copy's key)
    pages = [*PAGES, EVENTS]
    result = {"bench": "pages_profile", "baseline": count(visitor, BASELINE[1]), "paths": {}}
    # a visitor with the page cache off: the view and the layout run, the fragments come from their cache
    result["paths"]["cold"] = {name: count(visitor, path) for name, path in pages}
    settings.FRAGMENT_CACHE_SECONDS = 0
    result["paths"]["rendered"] = {name: count(visitor, path, args.top) for name, path in pages}
    settings.FRAGMENT_CACHE_SECONDS = 300
    result["paths"]["signed_in"] = {name: count(member, path) for name, path in pages}
    settings.SIGNED_IN_CACHE_SECONDS = 0
    result["paths"]["signed_in_rendered"] = {name: count(member, path) for name, path in pages}
    base = result["baseline"]["calls"]
    for figures in result["paths"].values():
        for page in figures.values():
            page["calls_ratio"] = round(page["calls"] / base, 2)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
