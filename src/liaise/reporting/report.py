"""The periodic report of a reporting period, in the structure of the EU's continuous-reporting periodic report:
a PDF (WeasyPrint; cover, table of contents, Part A tables, the dashboard's charts, Part B narrative per work
package), an XLSX workbook (openpyxl; one sheet per Part A table, typed cells) and CSV files (one per table).

The Part A tables are defined once, by :func:`tables`: their columns and their typed rows (numbers as
``int``/``Decimal``, dates as ``date``, flags as ``bool``); the workbook, the CSV files and the PDF's tables all
read them. Everything comes from ``queries.report_data`` (a constant number of queries, whatever the amount of
activity behind the figures); rendering makes no query of its own.

The report is for the project's partners and its funder (``reporting.view_workplan``), not the public: its
figures are not suppressed below 5 — it holds aggregates only, never a person.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import charts
from .queries import ReportData

EMBLEM = Path(__file__).resolve().parent / "static" / "reporting" / "eu-emblem.svg"

Value = str | int | Decimal | datetime.date | bool | None


@dataclass
class Column:
    key: str
    label: str
    width: int = 14  # the XLSX column's width, in characters
    kind: str = "text"  # text | number | date | flag | long (wrapped text)


@dataclass
class Table:
    """One Part A table: ``name`` is its file and sheet name (a slug), ``rows`` hold typed values."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[Value]]


#: The tables' names and titles, in the report's order (also the CSV routes' table names).
TABLE_TITLES: dict[str, object] = {
    "deliverables": gettext_lazy("Deliverables"),
    "milestones": gettext_lazy("Milestones"),
    "risks": gettext_lazy("Critical risks"),
    "indicators": gettext_lazy("Indicators"),
    "events": gettext_lazy("Events and dissemination activities"),
    "participants-by-country": gettext_lazy("Participants by country"),
    "trainings": gettext_lazy("Trainings"),
}


def filename(data: ReportData, extension: str, table: str = "") -> str:
    """``LIAISE-2_RP1_periodic-report.pdf`` (``…_deliverables.csv`` for one table)."""
    acronym = "-".join(data.project.acronym.split()) or data.project.slug
    return f"{acronym}_{data.period.code}_{table or 'periodic-report'}.{extension}"


def _deliverables(data: ReportData) -> Table:
    columns = [Column("code", _("Code"), 8), Column("title", _("Title"), 48, "long"),
               Column("wp", _("WP"), 6), Column("lead", _("Lead partner"), 28), Column("type", _("Type"), 8),
               Column("dissemination", _("Dissemination"), 13), Column("due_month", _("Due month"), 10, "number"),
               Column("due_date", _("Due date"), 12, "date"), Column("status", _("Status"), 12),
               Column("submitted_on", _("Submitted on"), 13, "date"), Column("late", _("Late"), 7, "flag")]
    rows = [[d.code, d.title, d.work_package.code, d.lead.name, d.type, d.dissemination, d.due_month, d.due_date(),
             str(d.get_status_display()), d.submitted_on, d.is_late] for d in data.workplan.deliverables]
    return Table("deliverables", str(TABLE_TITLES["deliverables"]), columns, rows)


def _milestones(data: ReportData) -> Table:
    columns = [Column("code", _("Code"), 8), Column("title", _("Title"), 44, "long"), Column("wp", _("WP"), 6),
               Column("due_month", _("Due month"), 10, "number"), Column("due_date", _("Due date"), 12, "date"),
               Column("verification", _("Means of verification"), 40, "long"),
               Column("achieved_on", _("Achieved on"), 12, "date"), Column("late", _("Late"), 7, "flag")]
    rows = [[m.code, m.title, m.work_package.code, m.due_month, m.due_date(), m.verification, m.achieved_on,
             m.is_late] for m in data.workplan.milestones]
    return Table("milestones", str(TABLE_TITLES["milestones"]), columns, rows)


def _risks(data: ReportData) -> Table:
    columns = [Column("code", _("Code"), 7), Column("description", _("Description"), 44, "long"),
               Column("wps", _("Work packages"), 12), Column("likelihood", _("Likelihood"), 11),
               Column("severity", _("Severity"), 10), Column("mitigation", _("Mitigation measures"), 44, "long"),
               Column("materialised", _("Materialised in the period"), 13, "flag"),
               Column("state_of_play", _("State of play in the period"), 48, "long")]
    rows = []
    for risk in data.workplan.risks:
        review = data.review(risk)
        rows.append([risk.code, risk.description, ", ".join(wp.code for wp in risk.work_packages.all()),
                     str(risk.get_likelihood_display()), str(risk.get_severity_display()), risk.mitigation,
                     review.materialised if review else None, review.state_of_play if review else ""])
    return Table("risks", str(TABLE_TITLES["risks"]), columns, rows)


def _indicators(data: ReportData) -> Table:
    columns = [Column("code", _("Code"), 8), Column("title", _("Indicator"), 40, "long"),
               Column("unit", _("Unit"), 12), Column("source", _("Source"), 14),
               Column("baseline", _("Baseline"), 10, "number")]
    for period in data.workplan.periods:
        columns += [Column(f"target_{period.code}", _("%(period)s target") % {"period": period.code}, 11, "number"),
                    Column(f"actual_{period.code}", _("%(period)s actual") % {"period": period.code}, 11, "number")]
    columns += [Column("final_target", _("Final target"), 11, "number"),
                Column("to_date", _("To date"), 10, "number"),
                Column("how", _("How computed (this period)"), 60, "long")]
    rows = []
    for row in data.indicators:
        indicator = row.indicator
        values: list[Value] = [indicator.code, indicator.title, indicator.unit_label or
                               str(indicator.get_unit_display()), indicator.source, indicator.baseline]
        cells = {c.period.pk: c for c in row.cells}
        for period in data.workplan.periods:
            cell = cells.get(period.pk)
            values += [cell.target if cell else None, cell.actual if cell else None]
        this = cells.get(data.period.pk)
        values += [indicator.final_target, row.to_date, this.how if this else ""]
        rows.append(values)
    return Table("indicators", str(TABLE_TITLES["indicators"]), columns, rows)


def _event_place(event) -> str:
    venues = list(event.venues.all())
    return "; ".join(", ".join(p for p in (v.name, v.city) if p) for v in venues)


def _events(data: ReportData) -> Table:
    columns = [Column("event", _("Event"), 44, "long"), Column("kind", _("Kind"), 14),
               Column("start", _("Start"), 12, "date"), Column("end", _("End"), 12, "date"),
               Column("place", _("Place"), 28), Column("participants", _("Participants"), 12, "number"),
               Column("countries", _("Countries"), 10, "number"),
               Column("by_country", _("Participants by country (ISO code)"), 40, "long")]
    rows = [[held.event.title, str(held.event.get_kind_display()), held.event.local_start.date(),
             held.event.local_end.date(), _event_place(held.event), held.participants, len(held.by_country),
             "; ".join(f"{code} {n}" for code, _label, n in held.by_country)] for held in data.events]
    return Table("events", str(TABLE_TITLES["events"]), columns, rows)


def _participants_by_country(data: ReportData) -> Table:
    columns = [Column("event", _("Event"), 44, "long"), Column("start", _("Start"), 12, "date"),
               Column("country_code", _("Country code"), 8), Column("country", _("Country"), 24),
               Column("participants", _("Participants"), 12, "number")]
    rows = [[held.event.title, held.event.local_start.date(), code, label, n]
            for held in data.events for code, label, n in held.by_country]
    return Table("participants-by-country", str(TABLE_TITLES["participants-by-country"]), columns, rows)


def _trainings(data: ReportData) -> Table:
    columns = [Column("training", _("Training"), 44, "long"), Column("partner", _("For partner"), 28),
               Column("start", _("Date"), 12, "date"), Column("trained", _("Trained"), 10, "number"),
               Column("certified", _("Certified"), 10, "number")]
    rows = [[t.event.title, t.partner.name if t.partner_id else "", t.event.local_start.date(), t.trained,
             t.certified] for t in data.trainings]
    return Table("trainings", str(TABLE_TITLES["trainings"]), columns, rows)


BUILDERS: dict[str, Callable[[ReportData], Table]] = {
    "deliverables": _deliverables, "milestones": _milestones, "risks": _risks, "indicators": _indicators,
    "events": _events, "participants-by-country": _participants_by_country, "trainings": _trainings,
}


def tables(data: ReportData) -> list[Table]:
    """The Part A tables, in the report's order: the one definition of their columns and rows."""
    return [build(data) for build in BUILDERS.values()]


def table(data: ReportData, name: str) -> Table:
    """One Part A table by name (KeyError for a name that is not one)."""
    return BUILDERS[name](data)


# CSV and XLSX ------------------------------------------------------------------------------------------------


def _text(value: Value) -> str:
    """A typed value as CSV text: ISO dates, plain decimals, yes/no flags, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize() if value == value.to_integral() else value, "f")
    return str(value)


def to_csv(t: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.label for c in t.columns])
    writer.writerows([_text(v) for v in row] for row in t.rows)
    return out.getvalue()


def csv_tables(data: ReportData) -> dict[str, str]:
    """``{"deliverables.csv": text, ...}``: one CSV per Part A table, the same columns as the workbook's sheets."""
    return {f"{t.name}.csv": to_csv(t) for t in tables(data)}


def csv_zip(data: ReportData) -> bytes:
    """The CSV files in one zip, named like ``LIAISE-2_RP1_deliverables.csv``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for t in tables(data):
            # UTF-8 with a byte-order mark: spreadsheet programs then read the accents right.
            archive.writestr(filename(data, "csv", t.name), "\ufeff" + to_csv(t))
    return out.getvalue()


def xlsx(data: ReportData) -> bytes:
    """The workbook: one sheet per Part A table, header row bold and frozen, typed cells, column widths."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="top")
    formats = {"date": "yyyy-mm-dd", "number": "#,##0.##"}
    for t in tables(data):
        sheet = book.create_sheet(str(t.title)[:31])
        sheet.append([c.label for c in t.columns])
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = wrap
        for row in t.rows:
            sheet.append([None if v is None else v for v in row])
        for index, column in enumerate(t.columns, start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = column.width
            if column.kind in formats or column.kind == "long":
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    if column.kind == "long":
                        cell.alignment = wrap
                    else:
                        cell.number_format = formats[column.kind]
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = filename(data, "xlsx")
    book.properties.creator = "Liaise"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# PDF ---------------------------------------------------------------------------------------------------------


def _shown(value: Value) -> str:
    """A typed value as the PDF shows it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return number_format(value.normalize() if value == value.to_integral() else value, force_grouping=True)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    return str(value)


@dataclass
class Shown:
    """A table as the PDF lays it out: its columns and, per row, (text, column kind) cells."""

    name: str
    title: str
    columns: list[Column]
    rows: list[list[tuple[str, str, Value]]]

    @property
    def widths(self) -> list[str]:
        """Each column's share of the page's width (the PDF lays tables out with fixed widths: much quicker than
        measuring every cell)."""
        total = sum(c.width for c in self.columns) or 1
        return [f"{c.width * 100 / total:.1f}%" for c in self.columns]


def shown(t: Table) -> Shown:
    return Shown(t.name, t.title, t.columns,
                 [[(_shown(v), c.kind, v) for v, c in zip(row, t.columns, strict=True)] for row in t.rows])


def html(data: ReportData) -> str:
    """The report as one HTML document, styled for print (what :func:`pdf` lays out)."""
    all_tables = {t.name: shown(t) for t in tables(data)}
    project = data.project
    wps = [(wp, data.narratives.get(wp.pk)) for wp in data.workplan.work_packages]
    return render_to_string("reporting/report/report.html", {
        "data": data, "project": project, "period": data.period, "tables": all_tables,
        "work_packages": wps, "emblem_url": EMBLEM.as_uri(),
        "timeline": charts.timeline_chart(project, data.workplan),
        "progress": charts.progress_chart(data.indicators, data.period) if data.indicators else "",
        "indicator_lines": [(row, row.cell(data.period)) for row in data.indicators],
        "how_colspan": 4 + 2 * len(data.workplan.periods),
        "generated": timezone.localdate(),
    })


def pdf(data: ReportData) -> bytes:
    """The report as a PDF. WeasyPrint is imported here: it loads Pango, which only this needs."""
    from weasyprint import HTML

    return HTML(string=html(data), base_url=str(EMBLEM.parent)).write_pdf()
