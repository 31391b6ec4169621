"""The results framework's reads: computed metrics equal what the event, training, pilot, library and live pages
show for the same period; only approved reported values count; pilot roll-ups; the query count does not grow
with the data; the dashboard and the API show visitors only the public part."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from liaise.events import queries as event_queries
from liaise.events.models import Event, Registration
from liaise.learning import queries as learning_queries
from liaise.library.models import Practice
from liaise.live import queries as live_queries
from liaise.network.models import Organisation, Project
from liaise.pilots import queries as pilot_queries
from liaise.pilots.models import Indicator as PilotIndicator
from liaise.pilots.models import Measurement, Pilot
from liaise.reporting import metrics, queries
from liaise.reporting.models import Indicator, ReportedValue, ReportingPeriod, Target, month_of, month_span

pytestmark = pytest.mark.django_db
User = get_user_model()


def staff():
    return User.objects.get(email="admin@liaise.example")


def period(project, number) -> ReportingPeriod:
    first, last = {1: (1, 12), 2: (13, 24)}[number]
    found, _ = ReportingPeriod.objects.select_related("project").get_or_create(
        project=project, number=number, defaults={"first_month": first, "last_month": last})
    return found


def indicator(project, code, **fields) -> Indicator:
    fields.setdefault("title", code)
    fields.setdefault("final_target", 10)
    return Indicator.objects.create(project=project, code=code, **fields)


def test_months_count_from_the_projects_start(liaise2):
    assert month_span(liaise2, 1) == (datetime.date(2016, 5, 1), datetime.date(2016, 5, 31))
    assert month_span(liaise2, 1, 12) == (datetime.date(2016, 5, 1), datetime.date(2017, 4, 30))
    assert month_span(liaise2, 24)[1] == liaise2.end
    assert [month_of(liaise2, d) for d in (datetime.date(2016, 4, 30), liaise2.start, datetime.date(2017, 5, 1),
                                           liaise2.end)] == [0, 1, 13, 24]


# Computed metrics equal what the pages show ------------------------------------------------------------------


def page_figures(project: Project, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """The same figures as a person would add up from the pages: the events list, each event's statistics (its
    organisers' page), each training's attendance grid and certificates, the pilot list's stages, the library,
    each event's live Q&A statistics."""
    admin = staff()
    low, high = event_queries.day_bounds(start, end)
    held = [e for e in event_queries.event_list(admin) if e.project_id == project.pk and low <= e.start < high
            and e.is_past and e.status == Event.Status.PUBLISHED]
    stats = [event_queries.event_stats(e) for e in held]
    emails = {r.email.lower() for e in held for r in event_queries.registrations(e) if r.attended}
    trainings = [t for t in learning_queries.training_list(admin, project.slug) if t.event in held]
    grids = [learning_queries.attendance_grid(t, list(t.modules.all())) for t in trainings]
    return {
        "events_held": len(held),
        "events_held:conference": sum(1 for e in held if e.kind == Event.Kind.CONFERENCE),
        "participants": sum(s.attended for s in stats),
        "unique_participants": len(emails),
        "countries_reached": len({code for s in stats for code, _name, _n in s.attended_by_country}),
        "trainings_delivered": len(trainings),
        "people_trained": sum(1 for grid in grids for row in grid if row.attended),
        "people_certified": sum(1 for t in learning_queries.certificates().filter(training__event__project=project)
                                if start <= t.issued <= end),
        "practices_published": sum(1 for p in Practice.objects.filter(project=project, status="published")
                                   if p.published and low <= p.published < high),
        "live_questions": sum(asked for e in held for _title, asked, *_rest in live_queries.question_stats(e)),
    }


@pytest.mark.parametrize("number", [1, 2])
def test_every_computed_metric_equals_what_the_pages_show_for_the_period(liaise2, number):
    start, end = period(liaise2, number).dates()
    expected = page_figures(liaise2, start, end)
    computed = {}
    for name in metrics.METRICS:
        if name != "pilots_at_stage":
            computed[name] = int(metrics.compute(liaise2, name, "", start, end).value)
    computed["events_held:conference"] = int(metrics.compute(liaise2, "events_held", "conference", start,
                                                             end).value)
    assert computed == expected
    if number == 1:  # the demo's first year holds activity of every kind: the comparison proves something
        assert all(expected[k] > 0 for k in ("events_held", "participants", "trainings_delivered",
                                             "people_trained", "people_certified", "live_questions")), expected


def test_pilots_at_stage_on_the_last_day_equals_the_pilot_list(liaise2):
    """The stage history reproduces today's stages: what the pilot list shows."""
    today = timezone.localdate()
    listed = list(pilot_queries.pilot_list(staff()).filter(project=liaise2))
    for stage in Pilot.STAGES:
        at_or_beyond = Pilot.STAGES[Pilot.STAGES.index(stage):]
        expected = sum(1 for p in listed if p.status in at_or_beyond)
        assert metrics.compute(liaise2, "pilots_at_stage", stage, liaise2.start, today).value == expected, stage


def test_a_participants_figure_has_its_breakdowns_and_their_completeness(liaise2):
    start, end = period(liaise2, 1).dates()
    figure = metrics.compute(liaise2, "participants", "", start, end)
    by_key = {b.key: b for b in figure.breakdowns}
    assert set(by_key) == {"country", "participant_type", "gender"}
    for breakdown in by_key.values():
        assert sum(n for _c, _l, n in breakdown.rows) == figure.value
    gender = by_key["gender"]
    present = event_queries.attendances(event_queries.held_events(liaise2, start, end))
    declared = present.filter(gender__in=["woman", "man", "self"]).count()
    assert (gender.declared, gender.total) == (declared, figure.value)
    assert by_key["country"].completeness == 1


# Reported values and pilot roll-ups --------------------------------------------------------------------------


def test_a_reported_value_counts_only_once_approved(liaise2):
    rp1, rp2 = period(liaise2, 1), period(liaise2, 2)
    kpi = indicator(liaise2, "T-REP", source=Indicator.Source.REPORTED, final_target=20)
    Target.objects.create(indicator=kpi, period=rp1, value=5)
    bordeaux, augsburg, paris = (Organisation.objects.get(slug=s) for s in ("bordeaux", "augsburg", "paris"))
    ReportedValue.objects.create(indicator=kpi, period=rp1, organisation=bordeaux, value=3, status="approved")
    ReportedValue.objects.create(indicator=kpi, period=rp1, organisation=augsburg, value=100, status="submitted")
    ReportedValue.objects.create(indicator=kpi, period=rp1, organisation=paris, value=50, status="draft")
    ReportedValue.objects.create(indicator=kpi, period=rp2, organisation=paris, value=4, status="approved")
    ReportedValue.objects.create(indicator=kpi, period=rp2, organisation=bordeaux, value=7, status="returned")
    [row] = queries.indicator_rows(liaise2, Indicator.objects.filter(pk=kpi.pk), [rp1, rp2])
    assert [(c.target, c.actual, c.pending) for c in row.cells] == [(Decimal(5), Decimal(3), 1),
                                                                    (None, Decimal(7), 0)]
    assert row.to_date == Decimal(7)  # cumulative: RP1 + RP2 approved values
    kpi.cumulative = False
    kpi.save()
    [row] = queries.indicator_rows(liaise2, Indicator.objects.filter(pk=kpi.pk), [rp1, rp2])
    assert [c.actual for c in row.cells] == [Decimal(3), Decimal(4)]
    assert row.to_date == Decimal(7)


def test_pilot_indicators_roll_up_into_a_project_indicator(liaise2):
    rp1, rp2 = period(liaise2, 1), period(liaise2, 2)
    pilots = list(Pilot.objects.filter(project=liaise2).order_by("slug")[:2])
    linked = []
    for n, pilot in enumerate(pilots):
        pi = PilotIndicator.objects.create(pilot=pilot, name="Schools reached", baseline=0, target=10)
        Measurement.objects.create(indicator=pi, date=datetime.date(2016, 9, 1), value=2 + n)
        Measurement.objects.create(indicator=pi, date=datetime.date(2017, 9, 1), value=6 + n)
        linked.append(pi)
    kpi = indicator(liaise2, "T-PIL", source=Indicator.Source.PILOTS)
    kpi.pilot_indicators.set(linked)
    [row] = queries.indicator_rows(liaise2, Indicator.objects.filter(pk=kpi.pk), [rp1, rp2])
    assert [c.actual for c in row.cells] == [Decimal(5), Decimal(13)]
    assert row.to_date == Decimal(13)


# Query count does not grow with the data ---------------------------------------------------------------------


def every_metric(project) -> list[Indicator]:
    made = []
    for n, (name, found) in enumerate(metrics.METRICS.items()):
        made.append(indicator(project, f"T-M{n}", metric=name,
                              metric_option=found.options[0][0] if name == "pilots_at_stage" else ""))
    return made


def grow(event: Event, times: int) -> None:
    """Add ``times`` × the event's registrations again, checked in, with other addresses."""
    existing = list(event.registrations.all())
    Registration.objects.bulk_create([
        Registration(event=event, name=r.name, email=f"grow{i}-{k}@example.org", country=r.country,
                     participant_type=r.participant_type, privacy_version="test", status="confirmed",
                     attended=event.end, gender="woman" if k % 2 else "")
        for i in range(times) for k, r in enumerate(existing)])


def test_indicator_values_and_the_report_cost_the_same_queries_when_the_data_grow_tenfold(liaise2):
    rp1 = period(liaise2, 1)
    period(liaise2, 2)
    every_metric(liaise2)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            data = queries.report_data(liaise2, rp1)
            assert data.indicators
        return len(captured.captured_queries)

    before = count()
    bordeaux = Event.objects.get(slug="bordeaux-2016")
    grow(bordeaux, 9)
    assert count() == before
    assert Registration.objects.filter(event=bordeaux).count() >= 2000


# What visitors and partners see ------------------------------------------------------------------------------


def test_visitors_see_public_indicators_with_small_people_counts_suppressed(liaise2, login):
    rp1 = period(liaise2, 1)
    public = indicator(liaise2, "T-PUB", title="Public participants", metric="people_certified", public=True)
    indicator(liaise2, "T-PRIV", title="Internal events", metric="events_held")
    Target.objects.create(indicator=public, period=rp1, value=100)
    page = login("anonymous").get("/projects/liaise-2/results/").content.decode()
    assert "Public participants" in page and "Internal events" not in page
    partner = login("partner_member").get("/projects/liaise-2/results/").content.decode()
    assert "Public participants" in partner and "Internal events" in partner
    api = login("anonymous").get("/api/v1/projects/liaise-2/indicators").json()
    assert [i["code"] for i in api if i["code"].startswith("T-")] == ["T-PUB"]
    # a small count of people is hidden from visitors, shown to partners
    small = indicator(liaise2, "T-SMALL", title="Certificates in May 2016", metric="people_certified",
                      public=True, cumulative=False)
    row = next(r for r in queries.indicator_rows(liaise2, [small]))
    tiny = Decimal(3)
    assert queries.public_value(row, tiny) == "<5" and queries.public_value(row, Decimal(5)) == Decimal(5)


def test_the_dashboard_of_a_partners_only_project_is_hidden_from_others(login):
    hidden = Project.objects.get(slug="hidden-network")
    indicator(hidden, "T-HID", title="Hidden figure", metric="events_held", public=True)
    assert login("other_partner").get("/projects/hidden-network/results/").status_code == 200
    for role in ("anonymous", "partner_member", "project_coordinator"):
        assert login(role).get("/projects/hidden-network/results/").status_code == 404, role
        assert login(role).get("/api/v1/projects/hidden-network/indicators").status_code == 404, role


def test_the_workplan_api_gives_visitors_only_public_submitted_deliverables(liaise2, login):
    from liaise.reporting.models import Deliverable, WorkPackage

    efus = Organisation.objects.get(slug="efus")
    wp = WorkPackage.objects.create(project=liaise2, number=90, title="Test WP", lead=efus, start_month=1,
                                    end_month=24)
    Deliverable.objects.create(work_package=wp, number=1, title="Public report", lead=efus, due_month=6,
                               status="submitted", submitted_on=datetime.date(2016, 10, 30))
    Deliverable.objects.create(work_package=wp, number=2, title="Sensitive report", lead=efus, due_month=6,
                               dissemination="SEN", status="submitted", submitted_on=datetime.date(2016, 10, 30))
    Deliverable.objects.create(work_package=wp, number=3, title="Planned report", lead=efus, due_month=30 - 24,
                               status="planned")
    public = login("anonymous").get("/api/v1/projects/liaise-2/workplan").json()
    assert public["complete"] is False and public["work_packages"] == []
    assert [d["code"] for d in public["deliverables"] if d["work_package"] == "WP90"] == ["D90.1"]
    partner = login("partner_member").get("/api/v1/projects/liaise-2/workplan").json()
    assert partner["complete"] is True
    mine = [d for d in partner["deliverables"] if d["work_package"] == "WP90"]
    assert [(d["code"], d["late"]) for d in mine] == [("D90.1", False), ("D90.2", False), ("D90.3", True)]
    assert "WP90" in [w["code"] for w in partner["work_packages"]]


def test_the_results_page_and_the_register_cost_the_same_queries_as_the_work_plan_grows(liaise2, login):
    """More deliverables, milestones, risks with their state of play, and reported values in progress: the same
    number of queries (indicators and periods alone decide it)."""
    from liaise.reporting.models import Deliverable, Milestone, Risk, RiskReview, WorkPackage

    client = login("project_coordinator")
    rp1 = period(liaise2, 1)

    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    urls = ("/projects/liaise-2/results/", "/projects/liaise-2/workplan/")
    before = [count(url) for url in urls]
    efus = Organisation.objects.get(slug="efus")
    reported = Indicator.objects.filter(project=liaise2, source=Indicator.Source.REPORTED).first()
    partners = list(Organisation.objects.filter(partnerships__project=liaise2).order_by("slug")[:10])
    for n in range(10):
        wp = WorkPackage.objects.create(project=liaise2, number=70 + n, title=f"Grown WP {n}", lead=efus,
                                        start_month=1, end_month=24)
        Deliverable.objects.create(work_package=wp, number=1, title="Grown", lead=efus, due_month=3)
        Milestone.objects.create(project=liaise2, number=70 + n, title="Grown", work_package=wp, due_month=4)
        risk = Risk.objects.create(project=liaise2, number=70 + n, description="Grown", mitigation="Grown")
        risk.work_packages.set([wp])
        RiskReview.objects.create(risk=risk, period=rp1, state_of_play="Grown")
    for organisation in partners:
        ReportedValue.objects.get_or_create(indicator=reported, period=rp1, organisation=organisation,
                                            defaults={"value": 1, "status": "submitted"})
    assert [count(url) for url in urls] == before
