"""From training to pilot to practice: a completed pilot becomes a practice draft that records its origin, and
each page links to the next and the previous step."""

import pytest
from django.test import Client

from liaise.library.models import Practice
from liaise.pilots.models import Pilot

AUGSBURG = "augsburg-critical-thinking-in-secondary-schools"


@pytest.fixture
def completed(db):
    pilot = Pilot.objects.get(slug=AUGSBURG)
    Pilot.objects.filter(pk=pilot.pk).update(status=Pilot.Status.COMPLETED, lessons_learned_en="Start small.")
    pilot.refresh_from_db()
    return pilot


def test_an_editor_publishes_a_completed_pilot_as_a_practice_draft(login, completed):
    coordinator = login("project_coordinator")
    page = coordinator.get(f"/pilots/{AUGSBURG}/").content.decode()
    assert "Publish as practice" in page
    response = coordinator.post(f"/library/from-pilot/{AUGSBURG}/")
    practice = Practice.objects.get(origin_pilot=completed)
    assert response.url == f"/library/practices/{practice.slug}/edit/"
    assert (practice.status, practice.kind, practice.organisation, practice.project) == (
        "draft", "pilot", completed.organisation, completed.project)
    assert practice.title == completed.title
    assert "## The problem" in practice.description and "Start small." in practice.sustainability
    assert set(practice.topics.all()) == set(completed.topics.all())
    assert "educators" in set(practice.audiences.values_list("audience", flat=True))
    # once made, the button becomes a link, and asking again opens the same draft
    assert coordinator.post(f"/library/from-pilot/{AUGSBURG}/").url == f"/library/practices/{practice.slug}/edit/"
    assert Practice.objects.filter(origin_pilot=completed).count() == 1
    page = coordinator.get(f"/pilots/{AUGSBURG}/").content.decode()
    assert f'href="/library/practices/{practice.slug}/"' in page and "Publish as practice" not in page
    # a draft is the editors' only: the public sees neither the practice nor the link
    assert f"/library/practices/{practice.slug}/" not in Client().get(f"/pilots/{AUGSBURG}/").content.decode()


def test_only_a_completed_pilot_and_only_by_its_editors(login, db):
    coordinator = login("project_coordinator")
    response = coordinator.post(f"/library/from-pilot/{AUGSBURG}/", follow=True)
    assert "Only a completed pilot can become a practice" in response.content.decode()
    assert "Publish as practice" not in coordinator.get(f"/pilots/{AUGSBURG}/").content.decode()
    Pilot.objects.filter(slug=AUGSBURG).update(status=Pilot.Status.COMPLETED)
    response = login("partner_coordinator").post(f"/library/from-pilot/{AUGSBURG}/", follow=True)  # Bordeaux's
    assert "Only the pilot&#x27;s editors can publish it as a practice." in response.content.decode()
    assert not Practice.objects.filter(origin_pilot__slug=AUGSBURG).exists()


def test_the_demo_chain_links_both_ways(client):
    practice = Practice.objects.get(origin_pilot__slug="bordeaux-young-voices-against-hate-speech")
    assert practice.status == "published"
    page = client.get(practice.get_absolute_url()).content.decode()
    chain = page.split('class="card origin-chain"')[1].split("</section>")[0]
    assert chain.index("LIAISE 2 training in Bordeaux") < chain.index("Young voices against hate speech") < \
        chain.index("Local responses to polarisation")
    pilot_page = client.get("/pilots/bordeaux-young-voices-against-hate-speech/").content.decode()
    assert f'href="{practice.get_absolute_url()}"' in pilot_page
    assert "/events/rimini-2017/#session-local-responses" in pilot_page
