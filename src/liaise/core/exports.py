"""Helpers for the files people download and open in a spreadsheet or an editor. Every CSV export goes through
``csv_response``: UTF-8 with a byte-order mark (so that Excel reads it as UTF-8) and formula-safe text cells."""

import csv
import io
from collections.abc import Iterable, Sequence

from django.http import HttpResponse


def safe_cell(value: str) -> str:
    """Defuse spreadsheet formulas (CSV injection): a cell never starts with = + - @ or a tab or carriage return."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def download(content: str | bytes, filename: str, content_type: str) -> HttpResponse:
    """A file to save (``filename``: ASCII, without quotes), never rendered or sniffed by the browser."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_text(header: Sequence[str], rows: Iterable[Sequence]) -> str:
    """The CSV file: a byte-order mark, the header, then the rows; text cells pass through ``safe_cell``, numbers
    are written as they are."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([safe_cell(cell) if isinstance(cell, str) else cell for cell in row] for row in rows)
    return out.getvalue()


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    return download(csv_text(header, rows), filename, "text/csv; charset=utf-8")
