"""The periodic report's pages: choose a period, see the narratives' status, download the report as PDF, XLSX or
CSV (a zip of the Part A tables, or one table). Anyone with a role in the project (``reporting.view_workplan``);
others, and an unknown period or table, get 404. Thin: parse → query → render.

The PDF is drawn by the worker (a few seconds for a large project: see bench/README.md): until the stored one
shows the report as it is now, the download answers a page that reloads itself (202).
"""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from liaise.core import authz
from liaise.network.models import Project

from . import documents, queries, report
from .models import Narrative, ReportingPeriod

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
    "csv": "text/csv; charset=utf-8",
}


def _project_or_404(request, slug) -> Project:
    return authz.get_or_404(request.user, "reporting.view_workplan", Project.objects.all(), slug=slug)


def _period_or_404(project: Project, number) -> ReportingPeriod:
    try:
        return project.reporting_periods.get(number=number)
    except ReportingPeriod.DoesNotExist:
        raise Http404 from None


def _download(content: bytes | str, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[content_type])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def report_page(request, slug):
    """The periods of the project; for the chosen one (``?period=N``, default the latest begun), the status of each
    work package's narrative and the download links."""
    project = _project_or_404(request, slug)
    periods = queries.periods(project)
    chosen = None
    if periods:
        number = request.GET.get("period", "")
        if number:
            chosen = next((p for p in periods if str(p.number) == number.strip()), None)
            if chosen is None:
                raise Http404
        else:
            begun = [p for p in periods if p.dates()[0] <= timezone.localdate()]
            chosen = begun[-1] if begun else periods[0]
    narratives = []
    if chosen is not None:
        written = {n.work_package_id: n for n in Narrative.objects.filter(period=chosen).select_related("updated_by")}
        narratives = [(wp, written.get(wp.pk)) for wp in project.work_packages.select_related("lead")
                      .order_by("number")]
    return render(request, "reporting/report/page.html", {
        "project": project, "periods": periods, "chosen": chosen, "narratives": narratives,
        "tables": report.TABLE_TITLES,
    })


def _data(request, slug, number):
    project = _project_or_404(request, slug)
    return queries.report_data(project, _period_or_404(project, number))


@require_safe
def report_pdf(request, slug, number):
    data = _data(request, slug, number)
    document = documents.stored(data)
    if document is None:
        return render(request, "reporting/report/preparing.html", {"project": data.project, "period": data.period},
                      status=202)
    response = FileResponse(document.file.open("rb"), content_type=CONTENT_TYPES["pdf"], as_attachment=True,
                            filename=report.filename(data, "pdf"))
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def report_xlsx(request, slug, number):
    data = _data(request, slug, number)
    return _download(report.xlsx(data), "xlsx", report.filename(data, "xlsx"))


@require_safe
def report_zip(request, slug, number):
    data = _data(request, slug, number)
    return _download(report.csv_zip(data), "zip", report.filename(data, "zip", "periodic-report-tables"))


@require_safe
def report_csv(request, slug, number, table):
    if table not in report.BUILDERS:
        raise Http404
    data = _data(request, slug, number)
    return _download(report.to_csv(report.table(data, table)), "csv", report.filename(data, "csv", table))
