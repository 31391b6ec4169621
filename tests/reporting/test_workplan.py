"""The work plan and the results framework, written in the pages: the services' checks and messages, the
register and its forms as a coordinator, and 404 for those who may not manage (or see) it."""

from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from liaise.network.models import Organisation, Project
from liaise.reporting import services
from liaise.reporting.models import (
    Deliverable,
    Indicator,
    Milestone,
    ReportingPeriod,
    Risk,
    RiskReview,
    Target,
    WorkPackage,
)
from tests.conftest import ROLE_EMAILS

pytestmark = pytest.mark.django_db


def user(role: str):
    return get_user_model().objects.get(email=ROLE_EMAILS[role])


def make_workplan(project: Project | None = None) -> dict:
    """RP1 (months 1–12), RP2 (13–24), WP1 led by Efus, WP2 led by Bordeaux, D1.1 due M6, MS1 due M12, R1, a
    reported indicator KPI-R (number) with a target for RP1. Rows made here; the demo's are deleted first."""
    project = project or Project.objects.get(slug="liaise-2")
    # the demo's work plan (if loaded) out of the way, in the test's transaction: these tests know every row
    for model in (Indicator, Risk, Milestone, WorkPackage, ReportingPeriod):
        model.objects.filter(project=project).delete()
    efus, bordeaux = Organisation.objects.get(slug="efus"), Organisation.objects.get(slug="bordeaux")
    rp1 = ReportingPeriod.objects.create(project=project, number=1, first_month=1, last_month=12)
    rp2 = ReportingPeriod.objects.create(project=project, number=2, first_month=13, last_month=24)
    wp1 = WorkPackage.objects.create(project=project, number=1, title="Management", lead=efus, start_month=1,
                                     end_month=24)
    wp2 = WorkPackage.objects.create(project=project, number=2, title="Pilots", lead=bordeaux, start_month=3,
                                     end_month=22)
    d11 = Deliverable.objects.create(work_package=wp1, number=1, title="Project handbook", lead=efus, due_month=6)
    ms1 = Milestone.objects.create(project=project, number=1, title="Pilots started", work_package=wp2,
                                   due_month=12)
    r1 = Risk.objects.create(project=project, number=1, description="Partners drop out", mitigation="Reserve list")
    kpi = Indicator.objects.create(project=project, code="KPI-R", title="Local agencies involved",
                                   source=Indicator.Source.REPORTED, final_target=40)
    Target.objects.create(indicator=kpi, period=rp1, value=15)
    return {"project": project, "rp1": rp1, "rp2": rp2, "wp1": wp1, "wp2": wp2, "d11": d11, "ms1": ms1, "r1": r1,
            "kpi": kpi, "efus": efus, "bordeaux": bordeaux}


@pytest.fixture
def plan():
    return make_workplan()


def refused(call, *args, **kwargs) -> tuple[str, str | None]:
    with pytest.raises(services.ReportingError) as caught:
        call(*args, **kwargs)
    return caught.value.message, caught.value.field


# --- the services' checks ---------------------------------------------------------------------------------


def test_a_month_outside_the_project_is_refused(plan):
    data = {"number": 3, "title": "Evaluation", "lead": plan["efus"], "start_month": 20, "end_month": 25}
    assert refused(services.save_work_package, plan["project"], None, data) == (
        "Month 25 is a month outside the project: it runs from month 1 to month 24.", "end_month")
    data = {"work_package": plan["wp1"], "number": 2, "title": "Report", "type": "R", "dissemination": "PU",
            "lead": plan["efus"], "due_month": 0, "status": "planned", "link": "", "submitted_on": None}
    assert refused(services.save_deliverable, plan["project"], None, data)[1] == "due_month"


def test_a_work_package_ending_before_it_starts_is_refused(plan):
    data = {"number": 3, "title": "Evaluation", "lead": plan["efus"], "start_month": 12, "end_month": 6}
    assert refused(services.save_work_package, plan["project"], None, data) == (
        "The work package ends before it starts.", "end_month")


def test_a_code_used_twice_is_refused(plan):
    project = plan["project"]
    data = {"work_package": plan["wp1"], "number": 1, "title": "Another", "type": "R", "dissemination": "PU",
            "lead": plan["efus"], "due_month": 8, "status": "planned", "link": "", "submitted_on": None}
    assert refused(services.save_deliverable, project, None, data) == (
        "D1.1 exists already in WP1: choose another number.", "number")
    assert refused(services.save_milestone, project, None, {
        "number": 1, "title": "x", "work_package": plan["wp1"], "due_month": 3, "verification": "",
        "achieved_on": None}) == ("MS1 exists already: choose another number.", "number")
    assert refused(services.save_risk, project, None, {
        "number": 1, "description": "x", "likelihood": "low", "severity": "low", "mitigation": "y",
        "work_packages": []}) == ("R1 exists already: choose another number.", "number")
    assert refused(services.save_work_package, project, None, {
        "number": 2, "title": "x", "lead": plan["efus"], "start_month": 1, "end_month": 2}) == (
        "WP2 exists already: choose another number.", "number")
    # the same number in another work package is another code
    data["work_package"] = plan["wp2"]
    assert services.save_deliverable(project, None, data).code == "D2.1"


def test_overlapping_periods_are_refused(plan):
    assert refused(services.save_period, plan["project"], None,
                   {"number": 3, "first_month": 10, "last_month": 14}) == (
        "These months overlap RP1 (months 1–12).", "first_month")
    # a period may be changed without overlapping itself
    assert services.save_period(plan["project"], plan["rp2"], {"number": 2, "first_month": 13,
                                                                "last_month": 20}).last_month == 20


def _indicator(**changes) -> dict:
    return {"code": "KPI9", "title": "Trainings", "definition": "", "unit": "number", "unit_label": "",
            "baseline": Decimal(0), "final_target": Decimal(10), "cumulative": True, "source": "reported",
            "metric": "", "metric_option": "", "public": False, "work_package": None, "position": 0, **changes}


def test_targets_below_zero_and_percentages_above_100_are_refused(plan):
    project, rp1, rp2 = plan["project"], plan["rp1"], plan["rp2"]
    assert refused(services.save_indicator, project, None, _indicator(), {rp1: Decimal(-1), rp2: None}) == (
        "RP1: This indicator's unit does not allow a value below zero.", "target_1")
    assert refused(services.save_indicator, project, None, _indicator(final_target=Decimal(-5)), {}) == (
        "This indicator's unit does not allow a value below zero.", "final_target")
    assert refused(services.save_indicator, project, None, _indicator(unit="percent"),
                   {rp1: Decimal(50), rp2: Decimal(120)}) == ("RP2: A percentage cannot be above 100.", "target_2")
    # a score may be negative
    score = services.save_indicator(project, None, _indicator(unit="score"), {rp1: Decimal(-2), rp2: None})
    assert list(score.targets.values_list("value", flat=True)) == [Decimal("-2.00")]


def test_an_indicator_code_twice_and_a_computed_indicator_without_metric_are_refused(plan):
    assert refused(services.save_indicator, plan["project"], None, _indicator(code="kpi-r"), {}) == (
        "The code kpi-r is used by another indicator of the project.", "code")
    assert refused(services.save_indicator, plan["project"], None, _indicator(source="computed"), {}) == (
        "A computed indicator needs one of the metrics Liaise computes.", "metric")
    saved = services.save_indicator(plan["project"], None, _indicator(source="computed", metric="events_held"),
                                    {plan["rp1"]: Decimal(3), plan["rp2"]: Decimal(5)})
    assert [(t.period.number, t.value) for t in saved.targets.order_by("period__number")] == [
        (1, Decimal("3.00")), (2, Decimal("5.00"))]


# --- the pages ------------------------------------------------------------------------------------------------


def test_the_register_lists_the_work_plan_with_late_items_flagged(plan, login):
    response = login("project_coordinator").get(reverse("reporting:workplan", args=["liaise-2"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "D1.1" in page and "Project handbook" in page
    assert "M6 (Oct 2016)" in page  # LIAISE 2 starts in May 2016
    assert page.count('<span class="badge badge-late">Late</span>') == 2  # D1.1 and MS1: long overdue
    assert reverse("reporting:item_new", args=["liaise-2", "deliverables"]) in page
    # partners see the register, without the links to change it
    page = login("partner_member").get(reverse("reporting:workplan", args=["liaise-2"])).content.decode()
    assert "D1.1" in page and reverse("reporting:item_new", args=["liaise-2", "deliverables"]) not in page


def test_the_project_page_links_to_the_register(login):
    page = login("partner_member").get(reverse("network:project", args=["liaise-2"])).content.decode()
    assert reverse("reporting:workplan", args=["liaise-2"]) in page
    page = login("anonymous").get(reverse("network:project", args=["liaise-2"])).content.decode()
    assert reverse("reporting:workplan", args=["liaise-2"]) not in page


@pytest.mark.parametrize("kind", ["periods", "packages", "deliverables", "milestones", "risks"])
def test_each_form_renders_for_new_and_edit(plan, login, kind):
    client = login("project_coordinator")
    assert client.get(reverse("reporting:item_new", args=["liaise-2", kind])).status_code == 200
    obj = {"periods": plan["rp1"], "packages": plan["wp1"], "deliverables": plan["d11"], "milestones": plan["ms1"],
           "risks": plan["r1"]}[kind]
    assert client.get(reverse("reporting:item_edit", args=["liaise-2", kind, obj.pk])).status_code == 200
    assert client.get(reverse("reporting:item_delete", args=["liaise-2", kind, obj.pk])).status_code == 200


def test_a_coordinator_fills_in_the_work_plan(plan, login):
    client = login("project_coordinator")
    url = reverse("reporting:item_new", args=["liaise-2", "packages"])
    response = client.post(url, {"number": 3, "title": "Dissemination", "lead": plan["bordeaux"].pk,
                                 "start_month": 1, "end_month": 30})
    assert response.status_code == 400
    assert "Month 30 is a month outside the project" in response.content.decode()
    response = client.post(url, {"number": 3, "title": "Dissemination", "lead": plan["bordeaux"].pk,
                                 "start_month": 1, "end_month": 24})
    assert response.status_code == 302
    wp3 = WorkPackage.objects.get(project=plan["project"], number=3)
    response = client.post(reverse("reporting:item_new", args=["liaise-2", "deliverables"]), {
        "work_package": wp3.pk, "number": 1, "title": "Website", "type": "DEC", "dissemination": "PU",
        "lead": plan["bordeaux"].pk, "due_month": 3, "status": "submitted", "submitted_on": "2016-07-20"})
    assert response.status_code == 302
    assert Deliverable.objects.get(work_package=wp3).code == "D3.1"
    response = client.post(reverse("reporting:item_new", args=["liaise-2", "deliverables"]), {
        "work_package": wp3.pk, "number": 1, "title": "Again", "type": "R", "dissemination": "PU",
        "lead": plan["bordeaux"].pk, "due_month": 3, "status": "planned"})
    assert response.status_code == 400
    assert "D3.1 exists already in WP3: choose another number." in response.content.decode()
    response = client.post(reverse("reporting:item_edit", args=["liaise-2", "milestones", plan["ms1"].pk]), {
        "number": 1, "title": "Pilots started", "work_package": plan["wp2"].pk, "due_month": 12,
        "verification": "Pilot pages", "achieved_on": "2017-04-01"})
    assert response.status_code == 302
    assert Milestone.objects.get(pk=plan["ms1"].pk).achieved_on == date(2017, 4, 1)
    response = client.post(reverse("reporting:risk_review", args=["liaise-2", plan["r1"].pk, 1]),
                           {"materialised": "on", "state_of_play": "One partner left; replaced."})
    assert response.status_code == 302
    assert RiskReview.objects.get(risk=plan["r1"], period=plan["rp1"]).materialised is True
    assert client.post(reverse("reporting:item_delete", args=["liaise-2", "risks", plan["r1"].pk])).status_code == 302
    assert not Risk.objects.filter(pk=plan["r1"].pk).exists()


def test_a_coordinator_writes_an_indicator_with_its_targets(plan, login):
    client = login("project_coordinator")
    data = {"code": "KPI2", "title": "Participants", "unit": "number", "baseline": "0", "final_target": "500",
            "cumulative": "on", "source": "computed", "metric": "participants", "position": "1",
            "target_1": "200", "target_2": "-3"}
    response = client.post(reverse("reporting:indicator_new", args=["liaise-2"]), data)
    assert response.status_code == 400
    assert "RP2: This indicator&#x27;s unit does not allow a value below zero." in response.content.decode()
    response = client.post(reverse("reporting:indicator_new", args=["liaise-2"]), {**data, "target_2": "500"})
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:indicator", args=["liaise-2", "KPI2"])
    indicator = Indicator.objects.get(project=plan["project"], code="KPI2")
    assert [(t.period.number, t.value) for t in indicator.targets.order_by("period__number")] == [
        (1, Decimal("200.00")), (2, Decimal("500.00"))]
    response = client.post(reverse("reporting:indicator_edit", args=["liaise-2", "KPI2"]),
                           {**data, "target_2": "", "title": "Participants in events"})
    assert response.status_code == 302
    assert list(indicator.targets.values_list("period__number", flat=True)) == [1]
    assert client.get(reverse("reporting:indicator_edit", args=["liaise-2", "KPI2"])).status_code == 200
    assert client.get(reverse("reporting:indicator", args=["liaise-2", "KPI2"])).status_code == 200


@pytest.mark.parametrize("role", ["partner_member", "partner_coordinator", "expert", "other_partner", "anonymous"])
def test_those_who_do_not_coordinate_get_404(plan, login, role):
    client = login(role)
    for url in (reverse("reporting:item_new", args=["liaise-2", "packages"]),
                reverse("reporting:item_edit", args=["liaise-2", "packages", plan["wp1"].pk]),
                reverse("reporting:item_delete", args=["liaise-2", "packages", plan["wp1"].pk]),
                reverse("reporting:indicator_new", args=["liaise-2"]),
                reverse("reporting:indicator_edit", args=["liaise-2", "KPI-R"]),
                reverse("reporting:risk_review", args=["liaise-2", plan["r1"].pk, 1])):
        assert (url, client.get(url).status_code, client.post(url, {}).status_code) == (url, 404, 404)
    assert WorkPackage.objects.filter(pk=plan["wp1"].pk).exists()


def test_a_coordinator_of_another_project_gets_404(plan, login):
    hidden = Project.objects.get(slug="hidden-network")
    hidden_plan = make_workplan_hidden(hidden)
    client = login("project_coordinator")
    for url in (reverse("reporting:workplan", args=["hidden-network"]),
                reverse("reporting:item_new", args=["hidden-network", "periods"]),
                reverse("reporting:item_edit", args=["hidden-network", "periods", hidden_plan.pk]),
                # an item of another project through this project's address
                reverse("reporting:item_edit", args=["liaise-2", "periods", hidden_plan.pk])):
        assert (url, client.get(url).status_code) == (url, 404)
    assert login("other_partner").get(reverse("reporting:workplan", args=["hidden-network"])).status_code == 200


def make_workplan_hidden(project: Project) -> ReportingPeriod:
    """The hidden project's RP1 (the test database may hold it already: tests/conftest.py)."""
    period, _ = ReportingPeriod.objects.get_or_create(project=project, number=1,
                                                      defaults={"first_month": 1, "last_month": 12})
    return period
