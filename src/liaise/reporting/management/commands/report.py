"""``liaise report PROJECT_SLUG --period N [--format pdf|xlsx|csv] [-o FILE]``: the periodic report of a reporting
period, written to a file (by default ``LIAISE-2_RP1_periodic-report.pdf`` in the current directory)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from liaise.network.models import Project
from liaise.reporting import queries, report
from liaise.reporting.models import ReportingPeriod

FORMATS = {"pdf": ("pdf", report.pdf), "xlsx": ("xlsx", report.xlsx), "csv": ("zip", report.csv_zip)}


class Command(BaseCommand):
    help = ("Write the periodic report of a project's reporting period: PDF (default), XLSX (one sheet per table) "
            "or CSV (a zip with one CSV per table).")

    def add_arguments(self, parser):
        parser.add_argument("project", metavar="PROJECT_SLUG", help="the project's slug, e.g. liaise-2")
        parser.add_argument("--period", required=True, metavar="N", help="the reporting period's number (1 for RP1)")
        parser.add_argument("--format", default="pdf", metavar="pdf|xlsx|csv",
                            help="pdf (default), xlsx, or csv (a zip of CSV files)")
        parser.add_argument("-o", "--output", metavar="FILE",
                            help="where to write it (default: a file named after the project and period here)")

    def handle(self, *args, project, period, format, output=None, **options):
        if format not in FORMATS:
            raise CommandError(f"unknown format {format!r}: choose pdf, xlsx or csv.")
        try:
            found = Project.objects.get(slug=project)
        except Project.DoesNotExist:
            raise CommandError(f"no project with the slug {project!r}.") from None
        numbers = list(found.reporting_periods.order_by("number").values_list("number", flat=True))
        try:
            chosen = found.reporting_periods.get(number=int(period))
        except (ValueError, ReportingPeriod.DoesNotExist):
            known = ", ".join(str(n) for n in numbers) or "none yet"
            raise CommandError(f"{found.acronym} has no reporting period {period!r} (its periods: {known}).") from None
        extension, write = FORMATS[format]
        data = queries.report_data(found, chosen)
        path = Path(output) if output else Path.cwd() / report.filename(
            data, extension, "periodic-report-tables" if format == "csv" else "")
        content = write(data)
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror or exc}.") from None
        self.stdout.write(str(path.resolve()))
