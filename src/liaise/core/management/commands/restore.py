"""``liaise restore FILE [--force]``: put a backup in place of an empty site (database and uploaded files)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from liaise.core import backup


class Command(BaseCommand):
    help = ("Restore a backup archive written by `liaise backup` into an empty database and data directory "
            "(checksums are checked first; row counts after). --force replaces a site that is not empty.")

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true",
                            help="replace the current database and files (everything in them is lost)")

    def handle(self, *args, archive, force=False, **options):
        try:
            result = backup.restore(archive, force=force)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {result.path} (of {result.manifest['created']}): {result.rows} rows in "
                          f"{len(result.manifest['tables'])} tables and {result.files} files, as in the backup.")
