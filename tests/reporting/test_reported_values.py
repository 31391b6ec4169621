"""Reported values: a partner reports a value with evidence for an organisation it acts for; the workflow draft →
submitted → approved, or returned with a comment → edited → submitted again; every step kept with who and when;
an approved value cannot be edited; 404 for those who may not."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from liaise.core.errors import Conflict
from liaise.network.models import Organisation, Partnership
from liaise.reporting import services
from liaise.reporting.models import Indicator, ReportedValue
from tests.reporting.test_workplan import make_workplan, refused, user

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% evidence\n%%EOF\n"


@pytest.fixture
def plan():
    return make_workplan()


def bordeaux_in(plan) -> Partnership:
    return Partnership.objects.get(project=plan["project"], organisation__slug="bordeaux")


def history(value: ReportedValue) -> list[tuple]:
    return [(c.actor.email if c.actor else None, c.action, c.status, c.value, c.comment)
            for c in value.changes.order_by("at", "pk")]


def test_the_workflow_keeps_every_step_with_who_and_when(plan):
    partner, coordinator = user("partner_coordinator"), user("project_coordinator")
    value = services.report_value(partner, plan["kpi"], bordeaux_in(plan), plan["rp1"],
                                  {"value": Decimal(12), "note": "Schools and youth services",
                                   "evidence_link": ""})
    assert value.status == "draft"
    assert refused(services.submit_reported_value, partner, value) == (
        "Add the evidence first: a file or a link.", "evidence_link")
    value = services.edit_reported_value(partner, value, {"value": Decimal(14),
                                                          "evidence_link": "https://bordeaux.example/agencies"})
    value = services.submit_reported_value(partner, value)
    assert refused(services.return_reported_value, coordinator, value, "  ") == (
        "Say why the value is returned: the partner reads it.", "comment")
    value = services.return_reported_value(coordinator, value, "Count the agencies, not the meetings.")
    assert (value.status, value.review_comment) == ("returned", "Count the agencies, not the meetings.")
    value = services.edit_reported_value(partner, value, {"value": Decimal(9)})
    value = services.submit_reported_value(partner, value)
    value = services.approve_reported_value(coordinator, value)
    assert value.status == "approved"
    p, c = partner.email, coordinator.email
    assert history(value) == [
        (p, "created", "draft", Decimal("12.00"), ""),
        (p, "edited", "draft", Decimal("14.00"), ""),
        (p, "submitted", "submitted", Decimal("14.00"), ""),
        (c, "returned", "returned", Decimal("14.00"), "Count the agencies, not the meetings."),
        (p, "edited", "returned", Decimal("9.00"), ""),
        (p, "submitted", "submitted", Decimal("9.00"), ""),
        (c, "approved", "approved", Decimal("9.00"), ""),
    ]
    assert all(change.at is not None for change in value.changes.all())
    # an approved value cannot be edited, submitted or reviewed again
    for call, args in ((services.edit_reported_value, ({"value": Decimal(99)},)),
                       (services.submit_reported_value, ()), (services.approve_reported_value, ()),
                       (services.return_reported_value, ("again",))):
        with pytest.raises(Conflict):
            call(coordinator, value, *args)
    assert ReportedValue.objects.get(pk=value.pk).value == Decimal("9.00")


def test_values_are_checked_against_the_unit_and_reported_once_per_partner_and_period(plan):
    partner = user("partner_coordinator")
    assert refused(services.report_value, partner, plan["kpi"], bordeaux_in(plan), plan["rp1"],
                   {"value": Decimal(-1)}) == ("This indicator's unit does not allow a value below zero.", "value")
    services.report_value(partner, plan["kpi"], bordeaux_in(plan), plan["rp1"], {"value": Decimal(1)})
    assert refused(services.report_value, partner, plan["kpi"], bordeaux_in(plan), plan["rp1"],
                   {"value": Decimal(2)}) == ("Bordeaux has a value for RP1 already: edit that one.", "period")
    plan["kpi"].unit = Indicator.Unit.PERCENT
    assert refused(services.report_value, partner, plan["kpi"], bordeaux_in(plan), plan["rp2"],
                   {"value": Decimal(101)}) == ("A percentage cannot be above 100.", "value")


def test_a_partner_coordinator_reports_for_its_own_organisation_only(plan, login):
    client = login("partner_coordinator")
    url = reverse("reporting:value_report", args=["liaise-2", "KPI-R"])
    response = client.get(url)
    assert response.status_code == 200
    assert [p.organisation.slug for p in response.context["form"].fields["organisation"].queryset] == ["bordeaux"]
    efus = Partnership.objects.get(project=plan["project"], organisation__slug="efus")
    response = client.post(url, {"period": plan["rp1"].pk, "organisation": efus.pk, "value": "3"})
    assert response.status_code == 400  # not a choice
    fake = SimpleUploadedFile("evidence.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(url, {"period": plan["rp1"].pk, "organisation": bordeaux_in(plan).pk, "value": "3",
                                 "upload": fake})
    assert response.status_code == 400
    assert "This kind of file is not accepted" in response.content.decode()
    evidence = SimpleUploadedFile("evidence.pdf", PDF, content_type="application/pdf")
    response = client.post(url, {"period": plan["rp1"].pk, "organisation": bordeaux_in(plan).pk, "value": "3",
                                 "note": "Three agencies signed", "upload": evidence})
    assert response.status_code == 302
    value = ReportedValue.objects.get(indicator=plan["kpi"])
    assert (value.organisation.slug, value.status, value.content_type) == ("bordeaux", "draft", "application/pdf")
    download = client.get(reverse("reporting:evidence", args=["liaise-2", value.pk]))
    assert (download.status_code, b"".join(download.streaming_content)) == (200, PDF)
    # the detail page shows it, with its history, and the partner's actions
    page = client.get(reverse("reporting:indicator", args=["liaise-2", "KPI-R"])).content.decode()
    assert "Three agencies signed" in page and reverse("reporting:value_submit", args=["liaise-2", value.pk]) in page
    assert client.post(reverse("reporting:value_submit", args=["liaise-2", value.pk])).status_code == 302
    assert ReportedValue.objects.get(pk=value.pk).status == "submitted"
    # submitted: the partner can no longer edit it
    assert client.get(reverse("reporting:value_edit", args=["liaise-2", value.pk])).status_code == 404


def test_a_coordinator_returns_then_approves(plan, login):
    partner = user("partner_coordinator")
    value = services.report_value(partner, plan["kpi"], bordeaux_in(plan), plan["rp1"],
                                  {"value": Decimal(5), "evidence_link": "https://bordeaux.example/x"})
    services.submit_reported_value(partner, value)
    client = login("project_coordinator")
    back = reverse("reporting:value_return", args=["liaise-2", value.pk])
    assert client.get(back).status_code == 200
    response = client.post(back, {"comment": ""})
    assert response.status_code == 400
    response = client.post(back, {"comment": "Which agencies?"})
    assert response.status_code == 302
    assert ReportedValue.objects.get(pk=value.pk).status == "returned"
    partner_client = login("partner_coordinator")
    edit = reverse("reporting:value_edit", args=["liaise-2", value.pk])
    page = partner_client.get(edit).content.decode()
    assert "Which agencies?" in page
    assert partner_client.post(edit, {"value": "6", "evidence_link": "https://bordeaux.example/x"}).status_code == 302
    partner_client.post(reverse("reporting:value_submit", args=["liaise-2", value.pk]))
    approve = reverse("reporting:value_approve", args=["liaise-2", value.pk])
    assert client.get(approve).status_code == 200
    assert client.post(approve, {"comment": "Thanks"}).status_code == 302
    value.refresh_from_db()
    assert (value.status, value.value) == ("approved", Decimal("6.00"))
    assert client.get(edit).status_code == 404  # approved: nobody edits it
    assert client.post(approve, {}).status_code == 404


@pytest.mark.parametrize("role", ["partner_member", "expert", "other_partner", "anonymous"])
def test_others_get_404(plan, login, role):
    partner = user("partner_coordinator")
    value = services.report_value(partner, plan["kpi"], bordeaux_in(plan), plan["rp1"],
                                  {"value": Decimal(5), "evidence_link": "https://bordeaux.example/x"})
    client = login(role)
    for url in (reverse("reporting:value_report", args=["liaise-2", "KPI-R"]),
                reverse("reporting:value_edit", args=["liaise-2", value.pk]),
                reverse("reporting:value_submit", args=["liaise-2", value.pk])):
        assert (url, client.post(url, {"value": "1"}).status_code) == (url, 404)
    services.submit_reported_value(partner, value)
    for url in (reverse("reporting:value_approve", args=["liaise-2", value.pk]),
                reverse("reporting:value_return", args=["liaise-2", value.pk])):
        assert (url, client.post(url, {"comment": "x"}).status_code) == (url, 404)
    assert ReportedValue.objects.get(pk=value.pk).status == "submitted"


def test_a_partner_coordinator_cannot_review(plan, login):
    partner = user("partner_coordinator")
    value = services.report_value(partner, plan["kpi"], bordeaux_in(plan), plan["rp1"],
                                  {"value": Decimal(5), "evidence_link": "https://bordeaux.example/x"})
    services.submit_reported_value(partner, value)
    client = login("partner_coordinator")
    assert client.post(reverse("reporting:value_approve", args=["liaise-2", value.pk])).status_code == 404
    assert ReportedValue.objects.get(pk=value.pk).status == "submitted"


def test_a_computed_indicator_takes_no_reported_value(plan, login):
    Indicator.objects.create(project=plan["project"], code="KPI-C", title="Events", metric="events_held",
                             final_target=5)
    assert login("project_coordinator").get(
        reverse("reporting:value_report", args=["liaise-2", "KPI-C"])).status_code == 404
    assert Organisation.objects.filter(slug="bordeaux").exists()
