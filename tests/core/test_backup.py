"""``liaise backup`` and ``liaise restore``, run as a site administrator runs them: the real command in its own
process, on a data directory (SQLite) or a database (PostgreSQL, when the suite runs on it) of its own, holding
the LIAISE 2 demo and its uploaded files."""

import hashlib
import io
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

SEARCH = """
import json
from django.contrib.auth.models import AnonymousUser
from liaise.library.queries import search_practices
print(json.dumps({q: [p.slug for p in search_practices(AnonymousUser(), q, with_facets=False).items]
                  for q in ("family", "prison radicalisation", "youth")}))
"""


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture
def site(tmp_path):
    """``site(name)``: the environment of a fresh, empty Liaise site (its data directory, and its own PostgreSQL
    database when the suite runs on PostgreSQL); the databases are dropped afterwards."""
    created = []
    url = postgres_url()

    def admin(sql: str) -> None:
        import psycopg

        with psycopg.connect(with_database(url, "postgres"), autocommit=True) as db:
            db.execute(sql)

    def make(name: str) -> dict[str, str]:
        environment = {**os.environ, "LIAISE_DATA_DIR": str(tmp_path / name), "LIAISE_DEBUG": "1"}
        environment.pop("DJANGO_SETTINGS_MODULE", None)
        if url:
            database = f"liaise_backup_{name}_{os.getpid()}"
            admin(f'DROP DATABASE IF EXISTS "{database}"')
            admin(f'CREATE DATABASE "{database}"')
            created.append(database)
            environment["DATABASE_URL"] = with_database(url, database)
        else:
            environment.pop("DATABASE_URL", None)
        return environment

    yield make
    for database in created:
        admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def liaise(environment, *arguments, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "liaise", *arguments], env=environment, capture_output=True,
                          text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def checksums(environment) -> dict[str, str]:
    media = Path(environment["LIAISE_DATA_DIR"]) / "media"
    return {p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(media.rglob("*")) if p.is_file()}


def counts(environment) -> str:
    script = ("import json\nfrom liaise.core.backup import _current_counts\n"
              "print(json.dumps(_current_counts(), sort_keys=True))")
    return liaise(environment, "shell", "-c", script).stdout


def test_a_backup_restored_into_an_empty_site_is_the_same_site(site, tmp_path):
    original = site("original")
    liaise(original, "migrate", "-v0")
    liaise(original, "demo")
    evidence = Path(original["LIAISE_DATA_DIR"]) / "media" / "evidence" / "report é.txt"
    evidence.parent.mkdir(parents=True, exist_ok=True)
    evidence.write_text("A file with a name to keep.")
    searched = liaise(original, "shell", "-c", SEARCH).stdout
    assert '"family": []' not in searched  # the demo library answers these searches

    archive = tmp_path / "site.tar.gz"
    written = liaise(original, "backup", "-o", str(archive)).stdout
    assert written.startswith(f"Backup written to {archive}: ")
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "manifest.json" in names and "media/evidence/report é.txt" in names

    restored = site("restored")
    said = liaise(restored, "restore", str(archive)).stdout
    assert "as in the backup" in said
    assert counts(restored) == counts(original)
    assert checksums(restored) == checksums(original)
    assert len(checksums(restored)) >= 3  # the demo's publications and the evidence file
    # the full-text index came back with the rows: the restored site finds what the original found
    assert liaise(restored, "shell", "-c", SEARCH).stdout == searched

    # a second restore over the now full site is refused, and says how to go on
    refused = liaise(restored, "restore", str(archive), check=False)
    assert refused.returncode == 1
    assert "The database is not empty" in refused.stderr and "--force" in refused.stderr
    # ...unless told: then it replaces what is there
    (Path(restored["LIAISE_DATA_DIR"]) / "media" / "stray.txt").write_text("not in the backup")
    liaise(restored, "restore", "--force", str(archive))
    assert checksums(restored) == checksums(original)


def test_a_damaged_archive_restores_nothing(site, tmp_path):
    original = site("small")  # not even migrated: a backup takes whatever is there
    media = Path(original["LIAISE_DATA_DIR"]) / "media"
    media.mkdir(parents=True, exist_ok=True)
    (media / "one.txt").write_text("original")
    archive = tmp_path / "small.tar.gz"
    liaise(original, "backup", "-o", str(archive))

    # the same archive with one uploaded file changed after the manifest was written
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/one.txt":
                data = b"tampered"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    # restored into the same site, forced: the checksums are read before anything is replaced
    refused = liaise(original, "restore", "--force", str(damaged), check=False)
    assert refused.returncode == 1
    assert "media/one.txt is missing or differs from its checksum. Nothing was restored." in refused.stderr
    assert (media / "one.txt").read_text() == "original"

    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"not an archive")
    refused = liaise(original, "restore", str(not_a_backup), check=False)
    assert "cannot be read as a backup archive" in refused.stderr
    refused = liaise(original, "restore", str(tmp_path / "missing.tar.gz"), check=False)
    assert "does not exist" in refused.stderr
