"""bench/report.py: the periodic report (PDF and XLSX) of a 24-month project, and its SQL queries as data grow 10×.

For each backend it builds a throw-away database — a SQLite file in a temporary directory; with ``--postgres URL``
(or DATABASE_URL pointing at PostgreSQL) a database of its own created on that server and dropped at the end —
loads the demo and makes LIAISE 2 the benchmark's project: 40 events held with 10,000 registrations (about 70 %
checked in, countries, organisation types and declared genders mixed), the demo's trainings and its 17 pilots with
their stage histories and measurements, live questions, a full work plan (2 reporting periods, 6 work packages,
20 deliverables, 8 milestones, 5 risks with a state of play, narratives) and 30 indicators (computed metrics of
every kind, reported values, pilot roll-ups). It then times ``queries.report_data`` + ``report.pdf`` and
``report.xlsx`` for RP1 (median of ``--rounds``), counts their SQL queries, grows the registrations, events and
live questions 10× (100,000 registrations, 400 events) and counts again: the counts must be equal. The baseline,
timed in the same run, is a one-page WeasyPrint PDF of a trivial HTML page. It starts no server: the report is
generated in-process, as the web request and ``liaise report`` do. One JSON line on stdout; progress on stderr.

    .venv/bin/python bench/report.py [--rounds 3] [--postgres postgres://postgres@127.0.0.1/x]
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
GOAL_PDF_S = 5.0
EVENTS, REGISTRATIONS, INDICATORS = 40, 10_000, 30


def log(message: str) -> None:
    sys.stderr.write(f"bench/report: {message}\n")
    sys.stderr.flush()


def build(project, n_events: int, n_registrations: int, n_questions: int, tag: str) -> None:
    """Add ``n_events`` events held in the project's first year, with ``n_registrations`` registrations spread
    over them and ``n_questions`` live questions (bulk inserts: the benchmark measures the report, not this)."""
    import datetime
    import random

    from django.utils import timezone

    from liaise.events.models import Event, Registration, Session
    from liaise.live.models import Board, Question

    rng = random.Random(13 + n_events)
    kinds = ["conference", "workshop", "internal_meeting", "webinar"]
    tz = timezone.get_default_timezone()
    events = Event.objects.bulk_create([
        Event(project=project, kind=kinds[i % len(kinds)], slug=f"bench-{tag}-{i}", title=f"Bench event {tag} {i}",
              status="published", visibility="public",
              start=datetime.datetime.combine(project.start + datetime.timedelta(days=5 + (i * 7) % 340),
                                              datetime.time(9), tz),
              end=datetime.datetime.combine(project.start + datetime.timedelta(days=5 + (i * 7) % 340),
                                            datetime.time(17), tz))
        for i in range(n_events)])
    events = list(Event.objects.filter(slug__startswith=f"bench-{tag}-"))
    countries = ["FR", "BE", "DE", "IT", "ES", "NL", "PT", "SE", "DK", "AT", "PL", "GR"]
    types = ["local_authority", "practitioner", "researcher", "civil_society", "other"]
    genders = ["", "", "woman", "man", "undisclosed", "self"]
    batch = []
    for n in range(n_registrations):
        event = events[n % len(events)]
        batch.append(Registration(
            event=event, name=f"Person {tag} {n}", email=f"p{n // 2}-{tag}@example.org",
            participant_type=types[n % len(types)], country=countries[rng.randrange(len(countries))],
            gender=genders[n % len(genders)], privacy_version="2016-05", status="confirmed",
            attended=event.start if n % 10 < 7 else None))
        if len(batch) == 5000:
            Registration.objects.bulk_create(batch)
            batch = []
    Registration.objects.bulk_create(batch)
    sessions = Session.objects.bulk_create([
        Session(event=event, slug=f"rt-{tag}", title="Round table", kind="round_table", start=event.start,
                end=event.end) for event in events[: max(1, len(events) // 4)]])
    boards = Board.objects.bulk_create([Board(session=s, code=f"B{tag.upper()}{i}"[:12], is_open=False)
                                        for i, s in enumerate(sessions)])
    Question.objects.bulk_create([
        Question(board=boards[q % len(boards)], text=f"Question {q}?", device=f"device-{tag}-{q}",
                 status="visible") for q in range(n_questions)])


def workplan(project) -> None:
    """The whole register and results framework of the benchmark's project (the demo's own rows removed)."""
    import datetime
    from decimal import Decimal

    from liaise.network.models import Partnership
    from liaise.pilots.models import Indicator as PilotIndicator
    from liaise.reporting import metrics
    from liaise.reporting.models import (
        Deliverable,
        Indicator,
        Milestone,
        Narrative,
        ReportedValue,
        ReportingPeriod,
        Risk,
        RiskReview,
        Target,
        WorkPackage,
    )

    for model, lookup in ((Indicator, "project"), (Risk, "project"), (Milestone, "project"),
                          (Deliverable, "work_package__project"), (WorkPackage, "project"),
                          (ReportingPeriod, "project")):
        model.objects.filter(**{lookup: project}).delete()
    project.grant_number, project.eu_funded, project.programme = "723586", True, "Internal Security Fund"
    project.save()
    partners = [p.organisation for p in Partnership.objects.filter(project=project).select_related("organisation")]
    rp1 = ReportingPeriod.objects.create(project=project, number=1, first_month=1, last_month=12)
    rp2 = ReportingPeriod.objects.create(project=project, number=2, first_month=13, last_month=24)
    wps = [WorkPackage.objects.create(project=project, number=n, title=f"Work package {n}",
                                      lead=partners[n % len(partners)], start_month=1 + (n - 1) * 2,
                                      end_month=24 - (n % 3)) for n in range(1, 7)]
    for n in range(20):
        wp = wps[n % 6]
        due = 2 + n
        Deliverable.objects.create(
            work_package=wp, number=n // 6 + 1, title=f"Deliverable {n + 1} of the plan", lead=wp.lead,
            due_month=due, status="accepted" if due <= 8 else "planned",
            submitted_on=project.start + datetime.timedelta(days=30 * due) if due <= 8 else None)
    for n in range(1, 9):
        Milestone.objects.create(project=project, number=n, title=f"Milestone {n}", work_package=wps[n % 6],
                                 due_month=3 * n, verification="Minutes and attendance list",
                                 achieved_on=project.start + datetime.timedelta(days=90 * n) if n < 4 else None)
    for n in range(1, 6):
        risk = Risk.objects.create(project=project, number=n, description=f"Risk {n}: something goes wrong",
                                   mitigation="A measure that helps.")
        risk.work_packages.set(wps[:2])
        RiskReview.objects.create(risk=risk, period=rp1, state_of_play="Under control.", materialised=n == 2)
    for wp in wps:
        Narrative.objects.create(work_package=wp, period=rp1, status="final" if wp.number % 2 else "draft",
                                 text="## Progress\n\nThe work package **progressed** as planned:\n\n- a\n- b\n",
                                 deviations="A delay of *one month*." if wp.number == 3 else "")
    names = list(metrics.METRICS)
    pilot_indicators = list(PilotIndicator.objects.filter(pilot__project=project))
    for n in range(INDICATORS):
        if n < 20:  # computed: every metric, some twice with an option
            name = names[n % len(names)]
            option = {"events_held": "conference", "pilots_at_stage": "implementation"}.get(name, "") if n >= len(
                names) else ""
            indicator = Indicator.objects.create(project=project, code=f"KPI{n + 1}", title=f"Computed {name}",
                                                 metric=name, metric_option=option, final_target=Decimal(500),
                                                 position=n, public=n % 2 == 0)
        elif n < 26:
            indicator = Indicator.objects.create(project=project, code=f"KPI{n + 1}", title=f"Reported {n}",
                                                 source="reported", final_target=Decimal(40), position=n)
            for i, org in enumerate(partners[:8]):
                ReportedValue.objects.create(indicator=indicator, period=rp1, organisation=org,
                                             value=Decimal(i + 1), status=["approved", "submitted", "draft"][i % 3])
        else:
            indicator = Indicator.objects.create(project=project, code=f"KPI{n + 1}", title=f"Pilots {n}",
                                                 source="pilots", final_target=Decimal(100), position=n)
            indicator.pilot_indicators.set(pilot_indicators[(n - 26) * 4:(n - 25) * 4])
        Target.objects.create(indicator=indicator, period=rp1, value=Decimal(100))
        Target.objects.create(indicator=indicator, period=rp2, value=Decimal(200))


def worker(rounds: int) -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaise.settings")
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from weasyprint import HTML

    from liaise.demo import loader
    from liaise.events.models import Registration
    from liaise.network.models import Project
    from liaise.pilots.models import Measurement, Pilot
    from liaise.reporting import queries, report
    from liaise.reporting.models import ReportingPeriod

    call_command("migrate", verbosity=0)
    loader.load(with_accounts=False)
    project = Project.objects.get(slug="liaise-2")
    started = time.monotonic()
    existing = Registration.objects.filter(event__project=project).count()
    build(project, max(1, EVENTS - project.events.count()), max(0, REGISTRATIONS - existing), 500, "a")
    workplan(project)
    log(f"built in {time.monotonic() - started:.1f} s")
    period = ReportingPeriod.objects.get(project=project, number=1)

    if os.environ.get("BENCH_REPORT_HTML"):  # for profiling the layout alone
        Path(os.environ["BENCH_REPORT_HTML"]).write_text(report.html(queries.report_data(project, period)))

    def measure():
        queries.report_data(project, period)  # warm-up: first-use caches (translations, content types)
        with CaptureQueriesContext(connection) as queries_made:
            data = queries.report_data(project, period)
            pdf = report.pdf(data)
        pdf_queries = len(queries_made)
        pdf_times, xlsx_times = [], []
        for _ in range(rounds):
            t0 = time.perf_counter()
            data = queries.report_data(project, period)
            pdf = report.pdf(data)
            pdf_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            data = queries.report_data(project, period)
            book = report.xlsx(data)
            xlsx_times.append(time.perf_counter() - t0)
        return {"pdf_s": round(statistics.median(pdf_times), 2), "xlsx_s": round(statistics.median(xlsx_times), 2),
                "queries": pdf_queries, "pdf_kb": len(pdf) // 1024, "xlsx_kb": len(book) // 1024,
                "registrations": Registration.objects.filter(event__project=project).count(),
                "events": project.events.count()}

    baseline = []
    for _ in range(max(3, rounds)):
        t0 = time.perf_counter()
        HTML(string="<html><body><h1>Report</h1><p>One page.</p></body></html>").write_pdf()
        baseline.append(time.perf_counter() - t0)
    first = measure()
    log(f"{first}")
    build(project, project.events.count() * 9, REGISTRATIONS * 9, 4500, "b")
    grown = measure()
    log(f"grown: {grown}")
    base = statistics.median(baseline)
    return {"backend": connection.vendor, "registrations": first["registrations"], "events": first["events"],
            "pilots": Pilot.objects.filter(project=project).count(),
            "measurements": Measurement.objects.filter(indicator__pilot__project=project).count(),
            "indicators": project.indicators.count(), "pdf_s": first["pdf_s"], "xlsx_s": first["xlsx_s"],
            "pdf_kb": first["pdf_kb"], "queries": first["queries"], "baseline_pdf_s": round(base, 3),
            "pdf_vs_baseline": round(first["pdf_s"] / base, 1), "grown_registrations": grown["registrations"],
            "grown_events": grown["events"], "grown_pdf_s": grown["pdf_s"], "grown_xlsx_s": grown["xlsx_s"],
            "grown_queries": grown["queries"], "constant_queries": first["queries"] == grown["queries"],
            "goal_met": first["pdf_s"] < GOAL_PDF_S and first["queries"] == grown["queries"]}


def run_worker(env: dict, rounds: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--worker", "--rounds", str(rounds)], env=env, cwd=ROOT,
                         stdout=subprocess.PIPE, text=True, check=False)
    if out.returncode != 0:
        sys.exit(f"bench/report: error: the worker failed ({out.returncode})")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", help="a PostgreSQL server URL: the bench creates and drops a database on it")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.rounds)))
        return
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LIAISE_", "DATABASE_URL", "DJANGO_"))}
    base.update(LIAISE_DEBUG="0", LIAISE_SECRET_KEY="bench-" + "x" * 50, LIAISE_ALLOWED_HOSTS="localhost")
    postgres = args.postgres or (os.environ.get("DATABASE_URL", "") if os.environ.get(
        "DATABASE_URL", "").startswith("postgres") else "")
    results = []
    with tempfile.TemporaryDirectory(prefix="liaise-bench-report-") as data_dir:
        results.append(run_worker({**base, "LIAISE_DATA_DIR": data_dir}, args.rounds))
        if postgres:
            import psycopg

            name = f"liaise_bench_report_{os.getpid()}"
            parts = urlsplit(postgres)
            admin = urlunsplit(parts._replace(path="/postgres"))
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            try:
                url = urlunsplit(parts._replace(path=f"/{name}"))
                results.append(run_worker({**base, "LIAISE_DATA_DIR": data_dir, "DATABASE_URL": url}, args.rounds))
            finally:
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    figures = {"bench": "report", "rounds": args.rounds, "goal_pdf_s": GOAL_PDF_S}
    for r in results:
        backend = r.pop("backend")
        figures.update({f"{backend}_{k}": v for k, v in r.items()})
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
