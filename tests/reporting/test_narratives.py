"""Part B narratives: the lead partner's coordinator of a work package and the project's coordinators write it,
draft or final, per reporting period; nobody else."""

import pytest
from django.urls import reverse

from liaise.reporting import services
from liaise.reporting.models import Narrative
from tests.reporting.test_workplan import make_workplan, refused, user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    return make_workplan()


def test_the_lead_partner_writes_its_work_package_narrative(plan, login):
    client = login("partner_coordinator")  # Bordeaux leads WP2
    url = reverse("reporting:narrative", args=["liaise-2", 2, 1])
    assert client.get(url).status_code == 200
    response = client.post(url, {"text": "Four pilots started.", "deviations": "", "status": "final"})
    assert response.status_code == 302
    narrative = Narrative.objects.get(work_package=plan["wp2"], period=plan["rp1"])
    assert (narrative.text, narrative.status, narrative.updated_by.email) == (
        "Four pilots started.", "final", "partner@bordeaux.example")
    # written again, it replaces the last version
    client.post(url, {"text": "Five pilots started.", "deviations": "One late.", "status": "draft"})
    assert list(Narrative.objects.filter(work_package=plan["wp2"]).values_list("text", "deviations", "status")) == [
        ("Five pilots started.", "One late.", "draft")]
    # the register links to it
    page = client.get(reverse("reporting:workplan", args=["liaise-2"])).content.decode()
    assert url in page and reverse("reporting:narrative", args=["liaise-2", 1, 1]) not in page


def test_a_final_narrative_needs_its_text(plan, login):
    assert refused(services.save_narrative, user("project_coordinator"), plan["wp1"], plan["rp1"],
                   {"text": " ", "deviations": "", "status": "final"}) == ("A final narrative needs its text.", "text")
    response = login("project_coordinator").post(reverse("reporting:narrative", args=["liaise-2", 1, 1]),
                                                  {"text": "", "status": "final"})
    assert response.status_code == 400
    assert "A final narrative needs its text." in response.content.decode()


def test_the_coordinators_write_every_narrative(plan, login):
    client = login("project_coordinator")
    for number in (1, 2):
        url = reverse("reporting:narrative", args=["liaise-2", number, 2])
        assert client.post(url, {"text": "Done.", "status": "draft"}).status_code == 302
    assert Narrative.objects.filter(period=plan["rp2"]).count() == 2


@pytest.mark.parametrize("role", ["partner_member", "expert", "other_partner", "anonymous"])
def test_others_get_404(plan, login, role):
    client = login(role)
    url = reverse("reporting:narrative", args=["liaise-2", 2, 1])
    assert (client.get(url).status_code, client.post(url, {"text": "x", "status": "draft"}).status_code) == (404, 404)
    assert not Narrative.objects.exists()


def test_a_partner_coordinator_does_not_write_another_lead_s_narrative(plan, login):
    client = login("partner_coordinator")  # Efus leads WP1
    assert client.get(reverse("reporting:narrative", args=["liaise-2", 1, 1])).status_code == 404
    assert client.get(reverse("reporting:narrative", args=["liaise-2", 2, 9])).status_code == 404  # no RP9
