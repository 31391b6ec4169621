"""``liaise serve``: migrate, load the demo into an empty database, collect static files, then serve with
gunicorn (a production-grade WSGI server) on HOST:PORT (default 127.0.0.1:8000)."""

import io
import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.utils import OperationalError

from liaise.demo import loader


class Command(BaseCommand):
    help = "Prepare the database and serve Liaise with gunicorn."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000") or 8000))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("LIAISE_WORKERS", "2") or 2),
                            help="gunicorn worker processes (default 2, or LIAISE_WORKERS)")
        parser.add_argument("--no-demo", action="store_true", help="do not load the demo into an empty database")

    def handle(self, *args, host, port, workers, no_demo, **options):
        if not 0 < port < 65536:
            raise CommandError(f"--port {port} is not a TCP port (1–65535).")
        if connection.vendor == "sqlite":
            settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        try:
            connection.ensure_connection()
        except OperationalError as exc:
            raise CommandError(
                f"the database is not reachable ({str(exc).strip().splitlines()[0]}); check DATABASE_URL."
            ) from None
        call_command("migrate", interactive=False, verbosity=0)
        if not no_demo and loader.database_is_empty():
            figures = loader.load()
            self.stdout.write(f"Loaded the LIAISE 2 demo ({figures['partners']} partners).")
        call_command("purge_needs", stdout=io.StringIO())
        call_command("collectstatic", interactive=False, verbosity=0)
        connection.close()
        self.stdout.write(f"Liaise is at http://{host}:{port}/ (gunicorn, {workers} workers). Ctrl-C stops it.")
        sys.stdout.flush()
        argv = [
            sys.executable, "-m", "gunicorn", "liaise.wsgi:application",
            "--bind", f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
            "--workers", str(workers),
            "--access-logfile", os.environ.get("LIAISE_ACCESS_LOG", "-"),
            "--timeout", "60",
            "--graceful-timeout", "10",
        ]
        os.execv(sys.executable, argv)  # noqa: S606 - replaces this process with gunicorn
