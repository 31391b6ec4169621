"""``liaise backup [-o FILE]``: one archive with a consistent copy of the database and every uploaded file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from liaise.core import backup


class Command(BaseCommand):
    help = ("Write a backup archive (.tar.gz): a consistent snapshot of the database, the uploaded files, and a "
            "manifest of row counts and checksums. Default: DATA_DIR/backups/liaise-<date>-<time>.tar.gz.")

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", type=Path, help="where to write the archive")

    def handle(self, *args, output=None, **options):
        try:
            result = backup.create(output)
        except (backup.BackupError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written to {result.path}: {result.manifest['engine']} database, "
                          f"{result.rows} rows in {len(result.manifest['tables'])} tables, {result.files} files.")
