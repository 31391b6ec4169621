from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaise.core import authz
from liaise.core.tasks import run_pending
from liaise.network.models import Topic
from liaise.pilots import queries, rules
from liaise.pilots.models import Comment, Idea, Pilot, TargetGroup

BORDEAUX = "bordeaux-young-voices-against-hate-speech"
AUGSBURG = "augsburg-critical-thinking-in-secondary-schools"


def _form(pilot: Pilot, **changes):
    data = {
        "project": pilot.project_id, "organisation": pilot.organisation_id, "title": pilot.title,
        "summary": pilot.summary, "problem": pilot.problem, "visibility": pilot.visibility,
        "topics": [t.pk for t in pilot.topics.all()], "target_groups": [g.pk for g in pilot.target_groups.all()],
        "trainings": [t.pk for t in pilot.trainings.all()], "agencies": "\n".join(pilot.agencies),
        "inputs": "Staff\nFunding", "activities": "", "outputs": "", "outcomes": "", "impact": "",
        "lessons_learned": pilot.lessons_learned,
    }
    data.update(changes)
    return data


def test_demo_has_17_pilots_across_the_four_themes(db):
    demo = Pilot.objects.filter(is_demo=True)
    assert demo.count() == 17
    assert set(demo.values_list("topics__slug", flat=True)) >= {
        "youth-resilience", "communication-counter-narratives", "family-support", "disengagement"}
    assert set(demo.values_list("status", flat=True)) == set(Pilot.Status.values)
    assert all(p.trainings.count() == 1 and p.indicators.count() == 2 and p.milestones.count() == 5 for p in demo)


def test_pilot_page_shows_the_chain_and_the_matches(client):
    html = client.get(f"/pilots/{BORDEAUX}/").content.decode()
    assert 'href="/trainings/training-bordeaux/"' in html
    assert "Demo: fictitious" in html
    assert "<svg" in html and "Campaign views" in html
    training = client.get("/trainings/training-bordeaux/").content.decode()
    assert f'href="/pilots/{BORDEAUX}/"' in training


def test_matching_best_first_with_the_reason(db):
    pilot = authz.get_or_404(None, rules.view_pilot, queries.pilot_page(None), slug=BORDEAUX)
    similar, partners = queries.matches(None, pilot)
    assert [m.pilot.slug for m in similar][:3] == [
        "liege-city-storytellers", "reggio-emilia-neighbourhood-media-lab",
        "lhospitalet-de-llobregat-youth-radio-on-living-together"]
    assert similar[0].score == 3
    assert similar[0].reason == ("1 shared topic: Communication and counter-narratives; "
                                 "target groups: Online audiences, Young people (12–25)")
    assert [(m.organisation.slug, m.score) for m in partners[:3]] == [
        ("lhospitalet-de-llobregat", 3), ("liege", 3), ("reggio-emilia", 3)]


def test_matching_runs_a_constant_number_of_queries(db):
    pilot = authz.get_or_404(None, rules.view_pilot, queries.pilot_page(None), slug=BORDEAUX)
    with CaptureQueriesContext(connection) as ctx:
        queries.matches(None, pilot)
    before = len(ctx.captured_queries)
    for i in range(10):
        extra = Pilot.objects.create(project=pilot.project, organisation=pilot.organisation, slug=f"extra-{i}",
                                     title_en=f"Extra {i}", problem_en="P", visibility="public")
        extra.topics.set(pilot.topics.all())
        extra.target_groups.set(pilot.target_groups.all())
    with CaptureQueriesContext(connection) as ctx:
        similar, _partners = queries.matches(None, pilot, limit=50)
    assert len(ctx.captured_queries) == before == 3
    assert len(similar) == 13


def test_pilot_list_and_api_query_counts_are_constant(client):
    def count(url):
        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    before = count("/pilots/"), count("/api/v1/pilots")
    pilot = Pilot.objects.get(slug=BORDEAUX)
    for i in range(10):
        extra = Pilot.objects.create(project=pilot.project, organisation=pilot.organisation, slug=f"more-{i}",
                                     title_en=f"More {i}", problem_en="P", visibility="public")
        extra.topics.set(Topic.objects.all()[:2])
        extra.target_groups.set(TargetGroup.objects.all()[:2])
    assert (count("/pilots/"), count("/api/v1/pilots")) == before
    assert before[0] <= 12


def test_api_filters_and_detail(client):
    body = client.get("/api/v1/pilots?topic=family-support&status=completed").json()
    assert [p["slug"] for p in body["items"]] == ["malmo-family-support-network"]
    assert body["count"] == 1
    assert client.get("/api/v1/pilots?organisation=nowhere").status_code == 400
    detail = client.get(f"/api/v1/pilots/{BORDEAUX}").json()
    assert detail["status"] == "completed"
    assert detail["trainings"][0]["slug"] == "training-bordeaux"
    assert detail["indicators"][0]["name"] == "Pieces produced by young people"
    assert [m["value"] for m in detail["indicators"][0]["measurements"]] == ["8.00", "19.00", "31.00"]


def test_partner_coordinator_edits_own_pilot_but_not_another(login):
    client = login("partner_coordinator")
    pilot = Pilot.objects.get(slug=BORDEAUX)
    response = client.post(f"/pilots/{BORDEAUX}/edit/", _form(pilot, title="Young voices, second edition"))
    assert response.status_code == 302
    assert Pilot.objects.get(slug=BORDEAUX).title == "Young voices, second edition"
    other = Pilot.objects.get(slug=AUGSBURG)
    assert client.post(f"/pilots/{AUGSBURG}/edit/", _form(other, title="Taken over")).status_code == 404
    assert Pilot.objects.get(slug=AUGSBURG).title == "Critical thinking in secondary schools"


def test_bad_input_on_the_pilot_form_gets_messages_next_to_the_fields(login):
    client = login("partner_coordinator")
    pilot = Pilot.objects.get(slug=BORDEAUX)
    response = client.post(f"/pilots/{BORDEAUX}/edit/", _form(pilot, title="", target_groups=[], budget="-3",
                                                                start="2018-01-01", end="2017-01-01"))
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count('class="error"') >= 4
    assert "No personal data." in html
    assert "The end comes before the start." in html


def test_create_pilot_for_own_organisation_only(login, liaise2):
    client = login("partner_coordinator")
    data = {"project": liaise2.pk, "organisation": Pilot.objects.get(slug=AUGSBURG).organisation_id,
            "title": "Not mine", "problem": "P", "visibility": "partners",
            "topics": [Topic.objects.first().pk], "target_groups": [TargetGroup.objects.first().pk]}
    assert client.post("/pilots/new/", data).status_code == 400
    data["organisation"] = Pilot.objects.get(slug=BORDEAUX).organisation_id
    response = client.post("/pilots/new/", data)
    assert response.status_code == 302
    created = Pilot.objects.get(title_en="Not mine")
    assert (created.status, created.updates.count()) == ("diagnosis", 1)


def test_stage_workflow_and_stopping_needs_a_reason(login, liaise2):
    pilot = Pilot.objects.get(slug="reggio-emilia-neighbourhood-media-lab")
    coordinator = login("project_coordinator")
    assert coordinator.post(f"/pilots/{pilot.slug}/stage/", {"action": "advance"}).status_code == 302
    assert Pilot.objects.get(pk=pilot.pk).status == "implementation"
    coordinator.post(f"/pilots/{pilot.slug}/stage/", {"action": "advance"})
    response = coordinator.post(f"/pilots/{pilot.slug}/stage/", {"action": "advance"}, follow=True)
    assert "Write the lessons learned before completing the pilot." in response.content.decode()
    assert Pilot.objects.get(pk=pilot.pk).status == "evaluation"
    coordinator.post(f"/pilots/{pilot.slug}/stage/", {"action": "stop", "reason": "  "})
    assert Pilot.objects.get(pk=pilot.pk).status == "evaluation"
    coordinator.post(f"/pilots/{pilot.slug}/stage/", {"action": "stop", "reason": "Funding ended."})
    stopped = Pilot.objects.get(pk=pilot.pk)
    assert (stopped.status, stopped.stopped_reason) == ("stopped", "Funding ended.")
    assert stopped.updates.first().text == "Stopped during the Evaluation stage: Funding ended."


def test_follow_up_records_measurements_and_refuses_the_future(login):
    client = login("partner_coordinator")
    pilot = Pilot.objects.get(slug=BORDEAUX)
    indicator = pilot.indicators.first()
    bad = client.post(f"/pilots/{BORDEAUX}/follow-up/", {"form": "measurement", "measurement-indicator": indicator.pk,
                                                         "measurement-date": "2199-01-01", "measurement-value": "3"})
    assert bad.status_code == 400
    assert "A measurement cannot be in the future." in bad.content.decode()
    ok = client.post(f"/pilots/{BORDEAUX}/follow-up/", {"form": "measurement", "measurement-indicator": indicator.pk,
                                                        "measurement-date": "2018-03-01", "measurement-value": "33"})
    assert ok.status_code == 302
    assert str(indicator.measurements.get(date="2018-03-01").value) == "33.00"


def test_expert_comment_mails_the_owner_after_commit(login):
    client = login("expert")
    response = client.post(f"/pilots/{BORDEAUX}/comments/", {"text": "Have you tried the Liège format?"})
    assert response.status_code == 302
    run_pending()
    assert [m.to for m in mail.outbox] == [["partner@bordeaux.example"]]
    assert "Have you tried the Liège format?" in mail.outbox[0].body
    member = login("partner_member")
    assert member.post(f"/pilots/{BORDEAUX}/comments/", {"text": "Me too"}).status_code == 404
    assert Comment.objects.filter(text="Me too").count() == 0


def test_idea_board_post_and_comment_notifies_the_author(login):
    member = login("partner_member")
    response = member.post("/pilots/ideas/", {"project": Pilot.objects.get(slug=BORDEAUX).project_id,
                                              "organisation": Pilot.objects.get(slug=AUGSBURG).organisation_id,
                                              "title": "", "text": ""})
    assert response.status_code == 400
    idea = Idea.objects.get(title="Debate clubs in vocational schools")
    response = login("expert").post(f"/pilots/ideas/{idea.pk}/", {"text": "Try it with two schools."})
    assert response.status_code == 302
    run_pending()
    assert [m.to for m in mail.outbox] == [["member@augsburg.example"]]


def test_practice_source_gives_what_a_practice_needs(db):
    source = queries.practice_source(Pilot.objects.get(slug=BORDEAUX))
    assert source["title"] == "Young voices against hate speech"
    assert source["organisation"].slug == "bordeaux"
    assert [t.event.slug for t in source["trainings"]] == ["training-bordeaux"]
    assert source["lessons_learned"].startswith("- Involve the target groups")
    assert source["evaluation"][0]["last"] is not None


def test_a_comment_is_stored_and_shown_and_a_refused_one_keeps_the_whole_page(login):
    """The page after a refused comment is the pilot's page (its outcomes too) with the form and what was typed."""
    expert = login("expert")

    def above_the_comments(page: str) -> str:
        return page.split("<h1")[1].split('id="comments"')[0]

    page = above_the_comments(expert.get(f"/pilots/{BORDEAUX}/").content.decode())
    assert "Presented at" in page  # the pilot's outcomes: the practice it became
    too_long = "Long " + "x" * 3000
    refused = expert.post(f"/pilots/{BORDEAUX}/comments/", {"text": too_long})
    assert refused.status_code == 400
    again = refused.content.decode()
    assert above_the_comments(again) == page
    assert too_long in again and "Ensure this value has at most 3000 characters" in again
    assert Comment.objects.filter(text__startswith="Long x").count() == 0
    response = expert.post(f"/pilots/{BORDEAUX}/comments/", {"text": "Did the schools keep the format?"})
    assert (response.status_code, response.url) == (302, f"/pilots/{BORDEAUX}/#comments")
    comment = Comment.objects.get(text="Did the schools keep the format?")
    assert (comment.pilot.slug, comment.author.email, comment.idea) == (BORDEAUX, "expert@experts.example", None)
    comments = expert.get(f"/pilots/{BORDEAUX}/").content.decode().split('id="comments"')[1]
    assert "Did the schools keep the format?" in comments


def test_milestone_status_only_for_a_milestone_of_this_pilot(login):
    client = login("project_coordinator")
    pilot = Pilot.objects.get(slug=BORDEAUX)
    mine = pilot.milestones.exclude(status="done").first()
    other = Pilot.objects.get(slug=AUGSBURG).milestones.first()
    url = f"/pilots/{BORDEAUX}/follow-up/"
    assert client.post(url, {"form": "milestone_status", "milestone": mine.pk, "status": "done"}).status_code == 302
    mine.refresh_from_db()
    assert mine.status == "done"
    for bad in ({"milestone": other.pk, "status": "done"}, {"milestone": "x", "status": "done"},
                {"milestone": mine.pk, "status": "flying"}):
        page = client.post(url, {"form": "milestone_status", **bad}, follow=True).content.decode()
        assert "Choose a milestone of this pilot and a known status." in page
    other_status = other.status
    other.refresh_from_db()
    assert other.status == other_status
