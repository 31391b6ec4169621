"""Live Q&A pages: the audience's page, the moderator's console, the screen, the exports, the organisers' list,
the polling fallback and the stream's answer under WSGI. Without JavaScript the forms post to the pages (redirect
and message); with it, live.js sends the same requests to the JSON API (/api/v1/live/...) with the page's cookies
and CSRF token: both paths are tested here."""

import csv
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from liaise.events.models import Session
from liaise.live import services
from liaise.live.models import Board, Change, Question

JSON = {"HTTP_ACCEPT": "application/json"}


def api_post(client, url, body=None, **extra):
    """What live.js sends: JSON to the API, with the browser's cookies."""
    return client.post(url, body or {}, content_type="application/json", **JSON, **extra)


def config_of(page: str) -> dict:
    return json.loads(page.split('id="live-config" type="application/json">')[1].split("</script>")[0])


@pytest.fixture
def rtb(db):
    return Board.objects.get(code="BDXRTB")


def test_join_by_code_in_any_case(client):
    assert client.get("/live/?code=bdx-rtb").url == "/live/BDXRTB/"
    response = client.get("/live/?code=ZZZZZZ")
    assert response.status_code == 404
    assert "No round table has the code “ZZZZZZ”" in response.content.decode()


def test_the_audience_page_gives_a_device_and_shows_public_questions_only(client, rtb):
    response = client.get("/live/BDXRTB/")
    assert response.status_code == 200
    assert "liaise_device" in response.cookies
    page = response.content.decode()
    assert "Are counter-narratives enough" in page
    assert "How do you involve families" not in page  # pending: the moderators' only
    config = config_of(page)
    assert config["mode"] == "audience"
    assert (config["api"], config["changes"]) == ("/api/v1/live/BDXRTB", "/api/v1/live/BDXRTB/changes")
    assert {q["status"] for q in config["state"]["questions"]} == {"visible"}
    assert "reports" not in config["state"]["questions"][0]


def test_asking_without_javascript_then_seeing_ones_own_pending_question(client, rtb):
    client.get("/live/BDXRTB/")
    speaker = rtb.session.speakers.get(person__slug="representative-brussels")
    response = client.post("/live/BDXRTB/", {"text": "What budget does it take?", "to_speaker": speaker.pk})
    assert response.status_code == 302
    page = client.get("/live/BDXRTB/").content.decode()
    assert "What budget does it take?" in page
    assert "Awaiting moderation (only you see it)" in page
    assert "your question will appear once a moderator approves it" in page
    assert "What budget does it take?" not in Client().get("/live/BDXRTB/").content.decode()


@pytest.mark.parametrize(("data", "message"), [
    ({"text": ""}, "Write your question first."),
    ({"text": "x" * 501}, "Ensure this value has at most 500 characters (it has 501)."),
    ({"text": "Hi", "to_speaker": "99999"}, "This person is not on this panel: pick a panelist from the list."),
])
def test_bad_questions_get_a_message_next_to_the_field(client, rtb, data, message):
    response = client.post("/live/BDXRTB/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not rtb.questions.filter(text=data["text"]).exists()


def test_voting_and_reporting_without_javascript_redirect_with_a_message(client, rtb):
    client.get("/live/BDXRTB/")
    visible = rtb.questions.filter(status="visible").order_by("pk").first()
    url = f"/live/BDXRTB/questions/{visible.pk}/vote"
    response = client.post(url)
    assert (response.status_code, response.url) == (302, "/live/BDXRTB/#questions")
    visible.refresh_from_db()
    assert 'aria-pressed="true"' in client.get("/live/BDXRTB/").content.decode()
    again = client.post(url, follow=True).content.decode()
    assert "You have already voted for this question." in again
    client.post(url, {"remove": "1"})
    assert rtb.questions.get(pk=visible.pk).votes == visible.votes - 1
    reported = client.post(f"/live/BDXRTB/questions/{visible.pk}/report", follow=True).content.decode()
    assert "Thank you: the moderators will look at this question." in reported
    assert rtb.questions.get(pk=visible.pk).reports == visible.reports + 1


def test_the_pages_answer_html_even_to_a_request_for_json(client, rtb):
    """JSON is the API's: a page asked for JSON still redirects (live.js calls /api/v1/live/...)."""
    client.get("/live/BDXRTB/")
    response = client.post("/live/BDXRTB/", {"text": "Asked for JSON"}, **JSON)
    assert (response.status_code, response.url) == (302, "/live/BDXRTB/")


def test_live_js_asks_and_votes_through_the_api_with_the_pages_device(client, rtb):
    """The device cookie the page gave is the one the API counts: the page then shows the question the API took
    (pending: for this device only) and the vote it took."""
    client.get("/live/BDXRTB/")
    speaker = rtb.session.speakers.get(person__slug="representative-brussels")
    response = api_post(client, "/api/v1/live/BDXRTB/questions",
                        {"text": "From my phone", "name": "Lea", "to_speaker": speaker.pk})
    question = rtb.questions.get(text="From my phone")
    assert response.status_code == 201
    assert "liaise_device" not in response.cookies  # the page's cookie is used, not a new one
    body = response.json()
    assert {k: v for k, v in body.items() if k != "created"} == {
        "id": question.pk, "text": "From my phone", "name": "Lea", "to_speaker": speaker.pk,
        "to_name": speaker.person.name, "status": "pending", "votes": 0}
    page = client.get("/live/BDXRTB/").content.decode()
    assert [q["id"] for q in config_of(page)["state"]["questions"] if q["status"] == "pending"] == [question.pk]
    visible = rtb.questions.filter(status="visible").order_by("pk").first()
    url = f"/api/v1/live/BDXRTB/questions/{visible.pk}/vote"
    assert api_post(client, url).json() == {"id": visible.pk, "votes": visible.votes + 1}
    assert visible.pk in config_of(client.get("/live/BDXRTB/").content.decode())["state"]["voted"]
    again = api_post(client, url)
    assert (again.status_code, again.json()["detail"]) == (409, "You have already voted for this question.")
    assert client.delete(url, **JSON).json() == {"id": visible.pk, "votes": visible.votes}
    closed = api_post(client, "/api/v1/live/BDXRTA/questions", {"text": "Closed?"})
    assert (closed.status_code, closed.json()["detail"]) == (409, "This round table is not taking questions now.")


def test_the_api_speaks_the_language_live_js_asks_for(client, rtb):
    client.get("/live/BDXRTB/")
    response = api_post(client, "/api/v1/live/BDXRTB/questions", {"text": " "}, HTTP_ACCEPT_LANGUAGE="fr")
    expected = "Rédigez d'abord votre question."
    assert (response.status_code, response.json()["detail"]) == (400, expected)


def test_a_flood_is_told_to_wait(client, rtb, settings):
    settings.LIVE_RATE_LIMITS = {**settings.LIVE_RATE_LIMITS, "ask": {"device": 2, "ip": 100}}
    client.get("/live/BDXRTB/")
    statuses = [api_post(client, "/api/v1/live/BDXRTB/questions", {"text": f"Q{n}"}).status_code for n in range(3)]
    assert statuses == [201, 201, 429]  # live.js, through the API; then the same device without JavaScript:
    page = client.post("/live/BDXRTB/", {"text": "Q4"})
    assert page.status_code == 400
    assert "You are going too fast: wait a minute and try again." in page.content.decode()


def test_the_moderators_console_approves_without_javascript_and_the_log_tells(login, rtb):
    expert = login("expert")
    page = expert.get("/live/BDXRTB/moderate").content.decode()
    assert "How do you involve families in your programmes?" in page
    pending = rtb.questions.get(text__startswith="How do you involve families")
    response = expert.post(f"/live/BDXRTB/moderate/{pending.pk}/approve")
    assert (response.status_code, response.url) == (302, "/live/BDXRTB/moderate")
    assert rtb.questions.get(pk=pending.pk).status == "visible"
    assert "Demo Expert" in expert.get("/live/BDXRTB/moderate").content.decode()
    assert "How do you involve families" in Client().get("/live/BDXRTB/").content.decode()
    conflict = expert.post(f"/live/BDXRTB/moderate/{pending.pk}/reopen", follow=True).content.decode()
    assert "it cannot be" in conflict
    assert expert.post(f"/live/BDXRTB/moderate/{pending.pk}/fly").status_code == 404


def test_live_js_moderates_through_the_api_with_the_session_and_its_csrf_token(rtb, django_user_model):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(django_user_model.objects.get(email="expert@experts.example"))
    page = browser.get("/live/BDXRTB/moderate").content.decode()
    config = config_of(page)
    assert config["changes"] == "/api/v1/live/BDXRTB/changes?moderate=1"
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    pending = rtb.questions.get(text__startswith="How do you involve families")
    url = f"{config['api']}/questions/{pending.pk}/moderate"
    refused = api_post(browser, url, {"action": "approve"})
    assert (refused.status_code, refused.json()["detail"]) == (
        403, "CSRF check failed: send the X-CSRFToken header, or use an API token.")
    response = api_post(browser, url, {"action": "approve"}, HTTP_X_CSRFTOKEN=token)
    assert (response.status_code, response.json()["status"]) == (200, "visible")
    conflict = api_post(browser, url, {"action": "reopen"}, HTTP_X_CSRFTOKEN=token)
    assert conflict.status_code == 409
    other = rtb.questions.filter(status="visible").exclude(pk=pending.pk).first()
    merged = api_post(browser, f"{config['api']}/questions/{other.pk}/moderate",
                      {"action": "merge", "into": pending.pk}, HTTP_X_CSRFTOKEN=token)
    assert (merged.status_code, merged.json()["status"]) == (200, "merged")


def test_anonymous_audience_needs_no_csrf_token_in_the_api(rtb):
    """No session, nothing to forge: the audience's phone asks and votes with its device cookie only."""
    phone = Client(enforce_csrf_checks=True)
    phone.get("/live/BDXRTB/")
    assert api_post(phone, "/api/v1/live/BDXRTB/questions", {"text": "No token"}).status_code == 201
    visible = rtb.questions.filter(status="visible").first()
    assert api_post(phone, f"/api/v1/live/BDXRTB/questions/{visible.pk}/vote").status_code == 201


def test_the_console_filters_by_panelist(login, rtb):
    brussels = rtb.session.speakers.get(person__slug="representative-brussels")
    page = login("expert").get(f"/live/BDXRTB/moderate?speaker={brussels.pk}").content.decode()
    page = page.split('class="moderation-columns"')[1].split('id="log-title"')[0]  # the lists, not the log
    assert "credible messengers" in page
    assert "Are counter-narratives enough" not in page


def test_board_settings_open_close_and_moderators(login, rtb):
    coordinator = login("project_coordinator")
    coordinator.post("/live/BDXRTB/moderate/settings", {"what": "close"})
    rtb.refresh_from_db()
    assert rtb.is_open is False
    coordinator.post("/live/BDXRTB/moderate/settings", {"what": "moderation", "moderation": "open"})
    coordinator.post("/live/BDXRTB/moderate/settings", {"what": "add_moderator", "email": "member@augsburg.example"})
    rtb.refresh_from_db()
    assert rtb.moderation == "open"
    assert login("partner_member").get("/live/BDXRTB/moderate").status_code == 200
    response = coordinator.post("/live/BDXRTB/moderate/settings", {"what": "add_moderator", "email": "not an email"},
                                follow=True)
    assert "Enter a valid email address." in response.content.decode()


def test_the_screen_shows_the_highlighted_question_big_and_per_panelist(client, rtb):
    page = client.get("/live/BDXRTB/screen").content.decode()
    assert 'class="screen-question" data-highlight-text>Are counter-narratives enough' in page
    assert "BDXRTB" in page and "/live/BDXRTB/qr.svg" in page
    ufuq = rtb.session.speakers.get(person__slug="representative-ufuq")
    page = client.get(f"/live/BDXRTB/screen?speaker={ufuq.pk}").content.decode()
    top = page.split('class="screen-list"')[1].split("</ol>")[0]
    assert "prepare teachers" in top and "credible messengers" not in top


def test_the_qr_code_is_an_svg_of_the_join_address(client):
    response = client.get("/live/BDXRTB/qr.svg")
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg")
    assert b"http://testserver/live/BDXRTB/" in response.content


def test_exports_hold_what_the_hall_saw(login, rtb):
    coordinator = login("project_coordinator")
    rows = list(csv.reader(io.StringIO(coordinator.get("/live/BDXRTA/export.csv").content.decode("utf-8-sig"))))
    assert rows[0] == ["number", "question", "to", "name", "votes", "answered", "asked", "duplicates_merged"]
    assert rows[1][1:3] == ["What should a city say, and avoid saying, in the first hours after an attack?", ""]
    assert (rows[1][4], rows[1][5]) == ("31", "yes")
    assert len(rows) == 7
    markdown = coordinator.get("/live/BDXRTA/export.md").content.decode()
    assert markdown.startswith("# Audience questions — Local communication strategies\n")
    assert "1. [x] What should a city say" in markdown
    assert "6 questions shown to the hall, 3 answered." in markdown


def test_a_formula_in_a_question_is_defused_in_csv(login, rtb, coordinator):
    services.update_board(rtb, coordinator, moderation="open")
    services.ask(rtb, "=HYPERLINK(\"http://evil\")", services.device_key("x" * 20))
    text = login("project_coordinator").get("/live/BDXRTB/export.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text


def test_archive_puts_the_markdown_among_the_session_materials(login, rtb):
    login("project_coordinator").post("/live/BDXRTB/moderate/settings", {"what": "archive"})
    material = rtb.session.materials.get()
    assert material.title == "Audience questions — Building counter-narratives at the local level"
    page = login("partner_member").get(f"/events/bordeaux-2016/materials/{material.pk}/")
    assert page.status_code == 200
    assert b"Are counter-narratives enough" in b"".join(page.streaming_content)


def test_the_organisers_create_a_board_for_a_session(login):
    coordinator = login("project_coordinator")
    page = coordinator.get("/live/event/bordeaux-2016/").content.decode()
    assert "BDXRTA" in page and "Create a board" in page
    response = coordinator.post("/live/event/bordeaux-2016/", {"session": "closing"})
    board = Board.objects.get(session__slug="closing", session__event__slug="bordeaux-2016")
    assert response.url == f"/live/{board.code}/moderate"
    assert coordinator.post("/live/event/bordeaux-2016/", {"session": "closing"}, follow=True).status_code == 200
    assert Board.objects.filter(session__slug="closing").count() == 1


def test_the_programme_links_to_the_boards_and_the_stats_count_questions(login):
    page = Client().get("/events/bordeaux-2016/").content.decode()
    assert "Ask the panel a question — code BDXRTB" in page
    assert "Audience questions (code BDXRTA)" in page
    manage = login("project_coordinator").get("/events/bordeaux-2016/manage/").content.decode()
    assert "Audience questions per session" in manage
    assert "Live Q&amp;A" in manage


def test_the_polling_fallback_and_the_stream_under_wsgi_resume_after_an_id(client, rtb, coordinator):
    services.update_board(rtb, coordinator, moderation="open")
    after = Change.objects.filter(board=rtb).order_by("-pk").values_list("pk", flat=True).first()
    question = services.ask(rtb, "Polled question", services.device_key("p" * 20))
    response = client.get(f"/api/v1/live/BDXRTB/changes?after={after}")
    assert response["Cache-Control"] == "no-store"
    body = response.json()
    assert [c["data"]["text"] for c in body["changes"]] == ["Polled question"]
    assert body["last"] > after and body["reset"] is False
    stream = client.get("/live/BDXRTB/stream", HTTP_LAST_EVENT_ID=str(after))
    assert stream["Content-Type"] == "text/event-stream; charset=utf-8"
    text = stream.content.decode()
    assert text.startswith("retry: 1500\n\n")
    assert f'"id":{question.pk}' in text and "event: question" in text


def test_the_moderators_feed_holds_pending_questions_the_audience_feed_does_not(login, rtb):
    services.ask(rtb, "Secret pending", services.device_key("s" * 20))
    audience = login("anonymous").get("/api/v1/live/BDXRTB/changes?after=0").json()
    moderator = login("expert").get("/api/v1/live/BDXRTB/changes?after=0&moderate=1").json()
    assert "Secret pending" not in json.dumps(audience)
    assert "Secret pending" in json.dumps(moderator)
    assert login("partner_member").get("/api/v1/live/BDXRTB/changes?after=0&moderate=1").status_code == 404


def test_the_polling_fallback_resets_a_client_too_far_behind_and_refuses_a_bad_after(client, rtb, coordinator):
    for n in range(501):
        services.update_board(rtb, coordinator, is_open=n % 2 == 0)
    body = client.get("/api/v1/live/BDXRTB/changes?after=0").json()
    last = Change.objects.filter(board=rtb).order_by("-pk").values_list("pk", flat=True).first()
    assert (body["reset"], body["last"], body["changes"]) == (True, last, [])
    for after in ("x", "-1", ""):
        response = client.get(f"/api/v1/live/BDXRTB/changes?after={after}")
        assert response.status_code == 422
        assert response.json()["detail"].startswith("after: ")


@pytest.mark.parametrize("url", ["/live/BDXRTB/", "/live/BDXRTB/moderate", "/api/v1/live/BDXRTB/questions",
                                 "/live/BDXRTB/screen"])
def test_query_counts_do_not_grow_with_the_questions(login, rtb, coordinator, url):
    client = login("expert")
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    services.update_board(rtb, coordinator, moderation="open")
    for n in range(30):
        question = services.ask(rtb, f"Extra {n}", services.device_key(f"extra-device-{n:08d}"),
                                rtb.session.speakers.last().pk)
        services.vote(rtb, question.pk, services.device_key(f"voter-device-{n:08d}"))
    assert count() == before


def test_a_partners_only_board_is_not_found_for_the_public(client, login):
    assert client.get("/live/KICKQA/").status_code == 404
    assert client.post("/api/v1/live/KICKQA/questions", {"text": "hi"}, content_type="application/json"
                       ).status_code == 404
    assert login("partner_member").get("/live/KICKQA/").status_code == 200


def test_a_moderator_of_one_board_moderates_no_other(login, db):
    expert = get_user_model().objects.get(email="expert@experts.example")
    assert list(expert.moderated_boards.values_list("code", flat=True)) == ["BDXRTB"]
    assert login("expert").get("/live/BDXRTA/moderate").status_code == 404
    question = Question.objects.filter(board__code="BDXRTA").first()
    assert login("expert").post(f"/live/BDXRTA/moderate/{question.pk}/hide").status_code == 404


def test_sessions_without_boards_are_listed_for_creation(login):
    page = login("project_coordinator").get("/live/event/bordeaux-2016/").content.decode()
    expected = Session.objects.filter(event__slug="bordeaux-2016").exclude(kind="break").count()
    assert page.count("<tr>") - 1 == expected
