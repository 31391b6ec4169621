"""A cluster survives a lost node: the small version of bench/cluster.py — 2 nodes behind HAProxy, PostgreSQL, a
Redis of its own, a few viewers on the live stream, a registration burst, questions, votes and partners' edits,
and one node killed with kill -9 in the middle.

The cluster's nodes share one PostgreSQL database (the bench creates it on the suite's PostgreSQL server and drops
it), so this runs in the PostgreSQL pass of the suite (`DATABASE_URL=postgres://…`) and is skipped on SQLite."""

import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from django.conf import settings

BENCH = Path(__file__).resolve().parent.parent / "bench" / "cluster.py"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Overrides the suite's autouse fixture: no test database here, the cluster has its own."""


def postgres_admin_url() -> str | None:
    database = settings.DATABASES["default"]
    if not database["ENGINE"].endswith("postgresql"):
        return None
    user = urllib.parse.quote(database["USER"] or "postgres")
    password = f":{urllib.parse.quote(database['PASSWORD'])}" if database["PASSWORD"] else ""
    return f"postgres://{user}{password}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/postgres"


def test_a_small_cluster_loses_nothing_when_a_node_is_killed():
    missing = [tool for tool in ("haproxy", "redis-server") if not shutil.which(tool)]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed (Debian: apt-get install haproxy redis-server; "
                    ".ci/run installs them)")
    url = postgres_admin_url()
    if url is None:
        pytest.skip("the cluster's nodes share a PostgreSQL database: this runs in the PostgreSQL pass "
                    "(DATABASE_URL=postgres://…)")
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    done = subprocess.run([sys.executable, str(BENCH), "--small", "--pg-url", url], env=env, capture_output=True,
                          text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stderr[-4000:]
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    registrations, questions, viewers = figures["registrations"], figures["questions"], figures["viewers"]
    # exactly the capacity confirmed, every other attempt on the waiting list: none lost, none doubled
    assert (registrations["confirmed"], registrations["waitlisted"], registrations["confirmed_count_column"]) == (
        registrations["capacity"], registrations["attempts"] - registrations["capacity"], registrations["capacity"])
    assert (registrations["lost"], registrations["doubled"], registrations["unanswered"]) == (0, 0, 0)
    # every question answered 201 is stored and reached every viewer still connected at the end
    assert (questions["lost"], questions["not_stored"], questions["failed"]) == (0, 0, 0)
    assert questions["asked"] == 8
    # the killed node's viewers came back through the proxy within 5 s of the loss, the others never dropped
    assert figures["killed"]["node"] == "node1"
    assert viewers["connected"] == viewers["count"]
    assert viewers["on_killed_node"] > 0
    assert viewers["reconnected"] == viewers["on_killed_node"]
    assert (viewers["not_back"], viewers["unexpected_drops"]) == (0, 0)
    assert viewers["reconnect_s"]["max"] <= 5
    # partners' edits are seen at once by visitors, whichever node answers (the page cache is shared, and keyed
    # by the content version)
    assert figures["partners"]["saved"] > 0
    assert (figures["partners"]["failed"], figures["partners"]["stale_reads"]) == (0, 0)
