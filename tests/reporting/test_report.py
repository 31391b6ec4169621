"""The periodic report: the PDF's text (every deliverable code, the funding statement, the disclaimer, the grant
number, the computed figures), the workbook's sheets and typed cells, the CSV zip, the command, the download
views, and a constant number of queries as the data grow 10×."""

import datetime
import io
import zipfile
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from liaise.events.models import Event, Registration
from liaise.network.models import Project
from liaise.reporting import queries, report
from liaise.reporting.models import Indicator
from tests.reporting.workplan import build_workplan

DISCLAIMER = ("Funded by the European Union. Views and opinions expressed are however those of the author(s) only "
              "and do not necessarily reflect those of the European Union or the granting authority. Neither the "
              "European Union nor the granting authority can be held responsible for them.")


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The report of LIAISE 2's RP1, made once for the module (its rows rolled back afterwards)."""
    with django_db_blocker.unblock(), transaction.atomic():
        project = Project.objects.get(slug="liaise-2")
        plan = build_workplan(project)
        data = queries.report_data(project, plan["periods"][0])
        pdf = report.pdf(data)
        pages = PdfReader(io.BytesIO(pdf)).pages
        result = SimpleNamespace(
            data=data, pdf=pdf, html=report.html(data), text=_flat("\n".join(page.extract_text() for page in pages)),
            pages=len(pages), xlsx=report.xlsx(data), zip=report.csv_zip(data),
            csv=report.csv_tables(data), tables=report.tables(data),
            codes=[d.code for d in plan["deliverables"]])
        transaction.set_rollback(True)
    return result


def test_the_pdf_holds_every_deliverable_code_the_funding_statement_and_the_grant(built):
    assert built.pdf.startswith(b"%PDF-")
    for code in built.codes:
        assert code in built.text
    assert "Funded by the European Union" in built.text
    assert DISCLAIMER in built.text
    assert "723586" in built.text
    assert "Internal Security Fund" in built.text
    assert "RP1" in built.text and "months 1–12" in built.text
    assert built.data.coordinator.name == "European Forum for Urban Security"
    assert built.data.coordinator.name in built.text


def test_the_pdf_has_contents_with_page_numbers_and_numbered_pages(built):
    assert "Contents" in built.text
    assert f"1 / {built.pages}" not in built.text  # the cover has no footer
    assert f"2 / {built.pages}" in built.text
    assert f"{built.pages} / {built.pages}" in built.text


def test_the_narratives_are_rendered_and_sanitised(built):
    assert "The consortium met twice." in built.text
    assert "<script>" not in built.html  # shown as text, never as markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in built.html
    assert "Final" in built.text and "Draft" in built.text
    assert "Pilot evaluation <report>" in built.text  # escaped, shown as written
    assert "Pilot evaluation &lt;report&gt;" in built.html


def test_the_computed_figures_in_the_pdf_equal_the_queries_values(built):
    rows = {row.indicator.code: row for row in built.data.indicators}
    period = built.data.period
    computed = [row for row in rows.values() if row.indicator.source == Indicator.Source.COMPUTED]
    assert len(computed) == 10
    codes = [row.indicator.code for row in built.data.indicators]
    for index, code in enumerate(codes):
        row = rows[code]
        # the indicator's line: from its code to the next indicator's code
        start = built.text.index(f"{code} {row.indicator.title}")
        end = built.text.index(f"{codes[index + 1]} ", start) if index + 1 < len(codes) else None
        line = built.text[start:end]
        actual = row.cell(period).actual
        assert f"{actual:,.0f}" in line, (code, actual, line)
        if row.indicator.source == Indicator.Source.COMPUTED:
            assert row.cell(period).figure.how in line
    reported = rows["REP1"]
    assert reported.cell(period).actual == Decimal(3)  # the submitted 40 does not count


def test_the_xlsx_has_one_sheet_per_table_with_typed_cells(built):
    book = load_workbook(io.BytesIO(built.xlsx))
    assert book.sheetnames == [t.title[:31] for t in built.tables]  # (a sheet's name holds 31 characters)
    deliverables = book["Deliverables"]
    assert deliverables.freeze_panes == "A2"
    assert deliverables["A1"].font.bold
    header = [c.value for c in deliverables[1]]
    assert header[:3] == ["Code", "Title", "WP"]
    rows = {r[0]: r for r in deliverables.iter_rows(min_row=2, values_only=True)}
    assert list(rows) == built.codes
    handbook = rows["D1.1"]
    assert handbook[header.index("Due month")] == 2
    assert handbook[header.index("Submitted on")] == datetime.datetime(2016, 6, 20)  # a date cell
    assert handbook[header.index("Late")] is False
    assert deliverables.column_dimensions["B"].width == 48
    indicators = book["Indicators"]
    header = [c.value for c in indicators[1]]
    first = next(indicators.iter_rows(min_row=2, values_only=True))
    row = built.data.indicators[0]
    assert first[header.index("RP1 actual")] == row.cells[0].actual  # a number, not text
    assert isinstance(first[header.index("Final target")], int | float)


def test_the_csv_zip_has_one_csv_per_table_with_the_sheets_columns(built):
    with zipfile.ZipFile(io.BytesIO(built.zip)) as archive:
        names = archive.namelist()
        assert names == [f"LIAISE-2_RP1_{t.name}.csv" for t in built.tables]
        deliverables = archive.read("LIAISE-2_RP1_deliverables.csv").decode("utf-8-sig")
    assert deliverables.splitlines()[0] == ",".join(c.label for c in built.tables[0].columns)
    assert "D1.1,Project handbook,WP1,European Forum for Urban Security,R,PU,2,2016-06-30,Accepted,2016-06-20,no" in (
        deliverables)
    assert "2016-06-20" in deliverables
    assert list(built.csv) == [f"{t.name}.csv" for t in built.tables]


def _grow(project: Project, times: int) -> None:
    """Each held event of the project gets ``times`` × its check-ins again, and ``times`` × as many events."""
    events = list(Event.objects.filter(project=project, status="published", end__lt=timezone.now()))
    clones = Event.objects.bulk_create([
        Event(project=project, kind=e.kind, slug=f"{e.slug}-grown-{n}", title=f"{e.title} {n}", status="published",
              start=e.start, end=e.end) for e in events for n in range(times - 1)])
    registrations = list(Registration.objects.filter(event__in=events, attended__isnull=False)[:50])
    Registration.objects.bulk_create([
        Registration(event=event, name="Grown", email=f"grown-{event.pk}-{r.pk}@example.org",
                     participant_type=r.participant_type, country=r.country, gender=r.gender,
                     privacy_version="2016-05", status="confirmed", attended=event.start)
        for event in [*events, *clones] for r in registrations])


def test_report_data_and_pdf_make_the_same_number_of_queries_as_the_data_grow_10x(liaise2):
    plan = build_workplan(liaise2)
    period = plan["periods"][0]
    queries.report_data(liaise2, period)  # warm-up

    def count() -> int:
        with CaptureQueriesContext(connection) as made:
            report.html(queries.report_data(liaise2, period))
        return len(made)

    before = count()
    registrations = Registration.objects.filter(event__project=liaise2).count()
    _grow(liaise2, 10)
    assert Registration.objects.filter(event__project=liaise2).count() > 10 * registrations
    assert count() == before


def test_the_command_writes_each_format(liaise2, tmp_path, capsys):
    build_workplan(liaise2)
    for fmt, magic in (("pdf", b"%PDF-"), ("xlsx", b"PK"), ("csv", b"PK")):
        target = tmp_path / f"out.{fmt}"
        call_command("report", "liaise-2", "--period", "1", "--format", fmt, "-o", str(target))
        assert target.read_bytes().startswith(magic)
        assert capsys.readouterr().out.strip() == str(target.resolve())


def test_the_command_writes_a_default_filename_in_the_current_directory(liaise2, tmp_path, monkeypatch, capsys):
    build_workplan(liaise2)
    monkeypatch.chdir(tmp_path)
    call_command("report", "liaise-2", "--period", "1", "--format", "xlsx")
    assert capsys.readouterr().out.strip() == str(tmp_path / "LIAISE-2_RP1_periodic-report.xlsx")


@pytest.mark.parametrize(("args", "message"), [
    (["nope", "--period", "1"], "no project with the slug 'nope'."),
    (["liaise-2", "--period", "9"], "LIAISE 2 has no reporting period '9' (its periods: 1, 2)."),
    (["liaise-2", "--period", "one"], "LIAISE 2 has no reporting period 'one' (its periods: 1, 2)."),
    (["liaise-2", "--period", "1", "--format", "docx"], "unknown format 'docx': choose pdf, xlsx or csv."),
])
def test_the_command_refuses_bad_arguments_with_a_clear_message(liaise2, args, message):
    build_workplan(liaise2)
    with pytest.raises(CommandError) as raised:
        call_command("report", *args)
    assert str(raised.value) == message


def test_the_downloads_answer_the_coordinator(liaise2, login):
    build_workplan(liaise2)
    client = login("project_coordinator")
    page = client.get(reverse("reporting:report", args=["liaise-2"]) + "?period=1")
    assert page.status_code == 200
    assert page.context["chosen"].number == 1
    assert [n is not None for _wp, n in page.context["narratives"]] == [True, True, False]
    response = client.get(reverse("reporting:report_xlsx", args=["liaise-2", 1]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="LIAISE-2_RP1_periodic-report.xlsx"'
    response = client.get(reverse("reporting:report_csv", args=["liaise-2", 1, "milestones"]))
    assert response.status_code == 200
    assert response.content.decode().splitlines()[1].startswith("MS1,Kick-off held,WP1,1,")
    response = client.get(reverse("reporting:report_zip", args=["liaise-2", 1]))
    assert response["Content-Disposition"] == 'attachment; filename="LIAISE-2_RP1_periodic-report-tables.zip"'
    assert client.get(reverse("reporting:report_pdf", args=["liaise-2", 9])).status_code == 404
    assert client.get(reverse("reporting:report_csv", args=["liaise-2", 1, "nope"])).status_code == 404
    assert client.get(reverse("reporting:report", args=["liaise-2"]) + "?period=9").status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "participant", "other_partner"])
def test_the_downloads_do_not_exist_for_others(liaise2, login, role):
    build_workplan(liaise2)
    client = login(role)
    for name, args in (("report", ["liaise-2"]), ("report_xlsx", ["liaise-2", 1]), ("report_zip", ["liaise-2", 1]),
                       ("report_pdf", ["liaise-2", 1]), ("report_csv", ["liaise-2", 1, "deliverables"])):
        assert client.get(reverse(f"reporting:{name}", args=args)).status_code == 404


def test_the_project_page_shows_the_eu_funding_when_the_project_is_eu_funded(liaise2, client):
    liaise2.eu_funded = True
    liaise2.save()
    page = client.get(liaise2.get_absolute_url()).content.decode()
    assert "Funded by the European Union" in page
    assert "reporting/eu-emblem.svg" in page
    assert "can be held responsible for them" in _flat(page)
    liaise2.eu_funded = False
    liaise2.save()
    cache.clear()
    assert "Funded by the European Union" not in client.get(liaise2.get_absolute_url()).content.decode()


def test_the_pdf_is_drawn_by_the_worker_and_drawn_again_when_the_report_changes(liaise2, login, settings, tmp_path,
                                                                                 django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    from liaise.core.tasks import run_pending
    from liaise.reporting.models import Narrative, ReportDocument

    settings.MEDIA_ROOT = tmp_path
    build_workplan(liaise2)
    client = login("project_coordinator")
    url = reverse("reporting:report_pdf", args=["liaise-2", 1])
    waiting = client.get(url)
    assert waiting.status_code == 202
    assert "being prepared" in waiting.content.decode()
    assert client.get(url).status_code == 202  # reloading asks once
    assert DBTaskResult.objects.filter(task_path="liaise.reporting.documents.render_report").count() == 1
    assert run_pending() == 1
    ready = client.get(url)
    assert ready.status_code == 200
    assert ready["Content-Disposition"] == 'attachment; filename="LIAISE-2_RP1_periodic-report.pdf"'
    first = b"".join(ready.streaming_content)
    assert first.startswith(b"%PDF-")
    assert "Kick-off held" in _flat("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(first)).pages))
    old = ReportDocument.objects.get().file.name
    assert client.get(url).status_code == 200  # unchanged: served again, nothing drawn
    assert run_pending() == 0

    narrative = Narrative.objects.filter(period__project=liaise2, period__number=1).first()
    narrative.text = "A sentence added after the first download."
    narrative.save()
    assert client.get(url).status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        assert run_pending() == 1
    again = client.get(url)
    assert again.status_code == 200
    assert "added after the first download" in _flat(
        "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(b"".join(again.streaming_content))).pages))
    assert not (tmp_path / old).exists()  # the replaced file is deleted
    with django_capture_on_commit_callbacks(execute=True):
        ReportDocument.objects.all().delete()
    assert not list((tmp_path / "reports").iterdir())
