"""``liaise serve``: migrate, load the demo into an empty database (in development mode, or when asked with
``--demo``: production mode never loads it unasked), collect static files (when they changed), then serve.

Three processes run side by side and stop together: gunicorn (WSGI, sync workers) serves the pages and the API on
HOST:PORT (default 127.0.0.1:8000), uvicorn (ASGI) holds the live Q&A streams open on LIAISE_STREAM_PORT
(default PORT + 1) — pages are fastest under WSGI, thousands of open streams need an event loop — and
``liaise worker`` sends the mail, renders the PDFs and runs the daily purges (``--no-worker`` leaves it out, for
a deployment that runs its workers elsewhere).

Several servers may run on one host (a cluster's nodes, tests, benchmarks): each gunicorn gets a control socket of
its own, ``<data dir>/run/gunicorn-<host>-<port>.ctl``, where gunicorn's default (``~/.gunicorn/gunicorn.ctl``)
would let the second server take over the first one's."""

import hashlib
import json
import os
import re
import sys
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.utils import OperationalError

from liaise.demo import loader


def demo_wanted(demo: bool, no_demo: bool) -> bool:
    """Development mode loads the demo (into an empty database) unless told not to; production mode only when
    told to, with ``--demo``."""
    return demo or (not no_demo and not settings.PRODUCTION)


def static_fingerprint() -> str:
    """What the collected static files depend on: every source file's path, size and modification time, and the
    storage that writes them (production compresses and fingerprints, development copies)."""
    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for finder in get_finders():
        for path, storage in sorted(finder.list([]), key=lambda item: item[0]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static() -> bool:
    """Collect the static files unless the last collection was of the same files (a restart then costs nothing:
    compressing them all takes about 40 s of CPU in production mode). Returns whether it collected."""
    stamp = Path(settings.STATIC_ROOT) / ".liaise-collected"
    fingerprint = static_fingerprint()
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return False
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint)
    return True


# AF_UNIX addresses hold 108 bytes (with the final NUL) on Linux.
MAX_SOCKET_PATH = 107


def control_socket(host: str, port: int) -> list[str]:
    """gunicorn's arguments for a control socket of this server's own (its data directory, its address); none
    (``--no-control-socket``) when that path would be too long for a Unix socket."""
    name = re.sub(r"[^A-Za-z0-9.-]", "_", host)
    path = settings.DATA_DIR / "run" / f"gunicorn-{name}-{port}.ctl"
    if len(os.fsencode(path)) > MAX_SOCKET_PATH:
        return ["--no-control-socket"]
    path.parent.mkdir(parents=True, exist_ok=True)
    return ["--control-socket", str(path)]


class Command(BaseCommand):
    help = "Prepare the database and serve Liaise with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000") or 8000))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("LIAISE_WORKERS", "2") or 2),
                            help="gunicorn worker processes (default 2, or LIAISE_WORKERS)")
        demo = parser.add_mutually_exclusive_group()
        demo.add_argument("--demo", action="store_true",
                          help="load the demo into an empty database, in production mode too (without accounts)")
        demo.add_argument("--no-demo", action="store_true",
                          help="do not load the demo into an empty database (the default in production mode)")
        parser.add_argument("--no-worker", action="store_true",
                            help="do not start the background worker (run `liaise worker` elsewhere)")
        parser.add_argument("--stream-port", type=int, default=settings.LIVE_STREAM_PORT or None,
                            help="port of the live Q&A stream server (default PORT + 1, or LIAISE_STREAM_PORT)")
        parser.add_argument("--stream-workers", type=int,
                            default=int(os.environ.get("LIAISE_STREAM_WORKERS", "1") or 1),
                            help="uvicorn processes for the streams (default 1, or LIAISE_STREAM_WORKERS)")

    def handle(self, *args, host, port, workers, demo, no_demo, no_worker, stream_port, stream_workers, **options):
        stream_port = stream_port or port + 1
        for name, value in (("--port", port), ("--stream-port", stream_port)):
            if not 0 < value < 65536:
                raise CommandError(f"{name} {value} is not a TCP port (1–65535).")
        if stream_port == port:
            raise CommandError("--stream-port must differ from --port.")
        if connection.vendor == "sqlite":
            settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        try:
            connection.ensure_connection()
        except OperationalError as exc:
            raise CommandError(
                f"the database is not reachable ({str(exc).strip().splitlines()[0]}); check DATABASE_URL."
            ) from None
        call_command("migrate", interactive=False, verbosity=0)
        wanted = demo_wanted(demo, no_demo)
        if wanted and loader.database_is_empty():
            figures = loader.load()
            self.stdout.write(f"Loaded the LIAISE 2 demo ({figures['partners']} partners).")
        elif not wanted and settings.PRODUCTION and loader.database_is_empty():
            self.stdout.write("Production mode: the database is empty and the demo is not loaded (--demo loads it).")
        collect_static()
        connection.close()
        self.stdout.write(f"Liaise is at http://{host}:{port}/ (gunicorn, {workers} workers; live streams on port "
                          f"{stream_port}, uvicorn{'' if no_worker else '; background worker'}). Ctrl-C stops it.")
        sys.stdout.flush()
        bind = f"[{host}]" if ":" in host else host
        pages = [
            sys.executable, "-m", "gunicorn", "liaise.wsgi:application",
            "--bind", f"{bind}:{port}",
            "--workers", str(workers),
            "--access-logfile", os.environ.get("LIAISE_ACCESS_LOG", "-"),
            "--timeout", "60",
            "--graceful-timeout", "10",
            *control_socket(host, port),
        ]
        streams = [
            sys.executable, "-m", "uvicorn", "liaise.asgi:application",
            "--host", host, "--port", str(stream_port), "--workers", str(stream_workers),
            "--lifespan", "off", "--no-access-log", "--timeout-graceful-shutdown", "2", "--log-level", "warning",
        ]
        # The worker: mail, PDFs, text extraction, and the daily purges (its schedule runs a missed day at start).
        worker = [sys.executable, "-m", "liaise", "worker"]
        os.environ["LIAISE_STREAM_PORT"] = str(stream_port)  # the pages link to the streams' port
        # The watcher need not hold Django in memory: replace this process with the light one.
        commands = [pages, streams] + ([] if no_worker else [worker])
        os.execv(sys.executable, [sys.executable, "-m", "liaise.supervise", json.dumps(commands)])  # noqa: S606
