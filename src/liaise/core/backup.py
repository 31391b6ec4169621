"""Backup and restore: ``liaise backup [-o FILE]`` and ``liaise restore FILE [--force]``.

An archive (``.tar.gz``) holds three things:

- ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the site runs) or ``database.pgdump``
  (``pg_dump --format=custom``, taken in the snapshot the row counts were read in);
- ``media/``: every uploaded file (library uploads, evidence, certificates...);
- ``manifest.json``: the engine, when, the latest migration of each app, the row count of every table, and the
  size and SHA-256 of the database copy and of every file.

Both copies are physical (not ``dumpdata``), so what the database derives from the rows comes back too: the full-
text index of the library (SQLite FTS5 tables, PostgreSQL ``tsvector`` columns and GIN indexes) searches as before.

Restore checks every checksum before it touches anything, refuses a database or media directory that is not
empty unless told (``--force``), then verifies the restored row counts against the manifest.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.pgdump"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why and what to do."""


@dataclass
class Result:
    path: Path
    manifest: dict

    @property
    def rows(self) -> int:
        return sum(self.manifest["tables"].values())

    @property
    def files(self) -> int:
        return len(self.manifest["files"])


def engine() -> str:
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def default_path() -> Path:
    return Path(settings.DATA_DIR) / "backups" / f"liaise-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"


# --- Reading the database ----------------------------------------------------------------------------------------

def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


SQLITE_TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
PG_TABLES = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"


def _counts(cursor, tables_sql: str) -> dict[str, int]:
    """The row count of every table the catalogue lists (a DB-API cursor of either engine)."""
    cursor.execute(tables_sql)
    counts = {}
    for (table,) in cursor.fetchall():
        # the name comes from the database's own catalogue, quoted as an identifier
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        return _counts(db.cursor(), SQLITE_TABLES)
    finally:
        db.close()


def _pg_environment(alias: str = "default") -> tuple[list[str], dict[str, str]]:
    """The connection arguments of ``pg_dump``/``pg_restore`` for the database, the password in the environment."""
    db = connections[alias].settings_dict
    arguments = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        arguments += ["--host", str(db["HOST"])]
    if db.get("PORT"):
        arguments += ["--port", str(db["PORT"])]
    if db.get("USER"):
        arguments += ["--username", str(db["USER"])]
    environment = {**os.environ}
    if db.get("PASSWORD"):
        environment["PGPASSWORD"] = str(db["PASSWORD"])
    return arguments, environment


def _run(command: list[str], environment: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed: install PostgreSQL's client programs "
                          "(Debian: postgresql-client) of the server's major version.")
    # the program is pg_dump or pg_restore; the arguments come from the settings, never from a request
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)  # noqa: S603
    if finished.returncode != 0:
        first = (finished.stderr.strip().splitlines() or ["no message"])[0]
        raise BackupError(f"{command[0]} failed: {first}")


def _migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return latest
    for app, name in recorder.migration_qs.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def _snapshot_database(into: Path) -> tuple[str, dict[str, int]]:
    """Copy the database into ``into``; returns the copy's file name and the row count of each of its tables."""
    if engine() == "sqlite":
        target = into / SQLITE_NAME
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return SQLITE_NAME, _sqlite_counts(target)

    target = into / PG_NAME
    arguments, environment = _pg_environment()
    # pg_dump reads the snapshot this transaction exported: the counts and the dump are of the same instant.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = _counts(cursor, PG_TABLES)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
              "--file", str(target), *arguments], environment)
    return PG_NAME, counts


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def create(output: Path | None = None) -> Result:
    """Write a backup archive of the database and the uploaded files; returns where and its manifest."""
    output = Path(output) if output else default_path()
    output.parent.mkdir(parents=True, exist_ok=True)
    root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".liaise-backup-") as scratch:
        scratch = Path(scratch)
        name, counts = _snapshot_database(scratch)
        files = {}
        for path in _media_files():
            files[path.relative_to(root).as_posix()] = {"size": path.stat().st_size, "sha256": sha256(path)}
        manifest = {
            "format": FORMAT, "engine": engine(), "created": timezone.now().isoformat(),
            "database": {"name": name, "size": (scratch / name).stat().st_size, "sha256": sha256(scratch / name)},
            "migrations": _migrations(), "tables": counts, "files": files,
        }
        partial = scratch / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(scratch / name, arcname=name)
            for relative in files:
                archive.add(root / relative, arcname=f"media/{relative}")
        os.replace(partial, output)  # a crash never leaves half an archive under the asked name
    return Result(output, manifest)


# --- Restoring ---------------------------------------------------------------------------------------------------

def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        member = archive.getmember(MANIFEST)
        manifest = json.load(archive.extractfile(member))
    except (KeyError, ValueError, AttributeError) as error:
        raise BackupError("This is not a Liaise backup: it has no readable manifest.json.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"This backup's format ({manifest.get('format')}) is not one this Liaise reads "
                          f"({FORMAT}).")
    return manifest


def _extract_checked(path: Path, into: Path) -> dict:
    """Unpack the archive into ``into`` and check every size and checksum against its manifest."""
    try:
        with tarfile.open(path, "r:*") as archive:
            manifest = read_manifest(archive)
            archive.extractall(into, filter="data")  # refuses absolute paths, "..", links out of the tree
    except (OSError, tarfile.TarError, EOFError) as error:
        raise BackupError(f"{path} cannot be read as a backup archive, or it is damaged ({error}). "
                          "Nothing was restored.") from error
    expected = {manifest["database"]["name"]: manifest["database"]}
    expected.update({f"media/{name}": entry for name, entry in manifest["files"].items()})
    for name, entry in expected.items():
        member = into / name
        if not member.is_file() or member.stat().st_size != entry["size"] or sha256(member) != entry["sha256"]:
            raise BackupError(f"The archive is damaged: {name} is missing or differs from its checksum. "
                              "Nothing was restored.")
    return manifest


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
    if MigrationRecorder.Migration._meta.db_table not in tables:
        return not tables
    return not MigrationRecorder(connection).migration_qs.exists()


def media_is_empty() -> bool:
    return not _media_files()


def restore(path: Path, *, force: bool = False) -> Result:
    """Put the archive's database and files in place of the (empty) current ones; returns its manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} does not exist.")
    current = engine()
    Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".liaise-restore-", dir=Path(settings.DATA_DIR)) as scratch:
        scratch = Path(scratch)
        manifest = _extract_checked(path, scratch)
        if manifest["engine"] != current:
            raise BackupError(f"This backup is of a {manifest['engine']} database and this site uses {current}: "
                              "restore it into a site of the same engine (then move the data with dumpdata and "
                              "loaddata if you must).")
        if not force and not database_is_empty():
            raise BackupError("The database is not empty: restoring would replace everything in it. Restore into "
                              "an empty database, or give --force to replace it.")
        if not force and not media_is_empty():
            raise BackupError(f"The media directory {settings.MEDIA_ROOT} is not empty. Restore into an empty data "
                              "directory, or give --force to replace its files.")
        name = manifest["database"]["name"]
        if current == "sqlite":
            _restore_sqlite(scratch / name)
        else:
            _restore_postgresql(scratch / name)
        _restore_media(scratch / "media")
    counts = _current_counts()
    if counts != manifest["tables"]:
        differing = sorted(t for t in set(counts) | set(manifest["tables"])
                           if counts.get(t) != manifest["tables"].get(t))
        raise BackupError(f"The restored database differs from the backup in {len(differing)} tables "
                          f"({', '.join(differing[:5])}).")
    return Result(path, manifest)


def _restore_sqlite(copy: Path) -> None:
    """Copy the backup into the live database file through SQLite's backup API (it replaces every page)."""
    connection.ensure_connection()
    source = sqlite3.connect(copy)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def _restore_postgresql(dump: Path) -> None:
    arguments, environment = _pg_environment()
    options = ["--clean", "--if-exists"] if not database_is_empty() else []
    connection.close()
    _run(["pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", *options,
          *arguments, str(dump)], environment)


def _restore_media(unpacked: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    root.mkdir(parents=True, exist_ok=True)
    for existing in _media_files():
        existing.unlink()
    if not unpacked.is_dir():
        return
    for source in sorted(p for p in unpacked.rglob("*") if p.is_file()):
        target = root / source.relative_to(unpacked)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)


def _current_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return _counts(cursor, SQLITE_TABLES if engine() == "sqlite" else PG_TABLES)
