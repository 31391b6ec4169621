"""The live Q&A API: asking, voting, listing, moderating, with a clear 4xx for every bad input."""

from datetime import datetime, timedelta

import pytest
from django.test import Client

from liaise.accounts.services import create_api_token
from liaise.live import devices, services
from liaise.live.models import Board, Question

PHONE = devices.issue()  # an identity the server gave a phone (read from its cookie or X-Liaise-Device header)
DEVICE = {"HTTP_X_LIAISE_DEVICE": PHONE}


@pytest.fixture
def rtb(db):
    return Board.objects.get(code="BDXRTB")


def post(client, url, body=None, **extra):
    return client.post(url, body or {}, content_type="application/json", **extra)


def test_ask_answers_201_with_the_status(client, rtb):
    speaker = rtb.session.speakers.get(person__slug="representative-bologna")
    response = post(client, "/api/v1/live/bdxrtb/questions", {"text": "To Bologna?", "to_speaker": speaker.pk,
                                                              "name": "Pia"}, **DEVICE)
    assert response.status_code == 201
    question = Question.objects.get(text="To Bologna?")
    body = response.json()
    assert body == {"id": question.pk, "status": "pending", "text": "To Bologna?", "name": "Pia",
                    "to_speaker": speaker.pk, "to_name": "Representative, City of Bologna", "votes": 0,
                    "created": body["created"]}  # the question as listed, so that live.js can draw it at once
    assert abs(datetime.fromisoformat(body["created"]) - question.created) < timedelta(milliseconds=1)
    assert (question.to_speaker, question.name) == (speaker, "Pia")
    assert question.device == services.device_key(devices.random_part(PHONE))


def test_reading_the_board_gives_a_device_its_identity(client, rtb):
    response = client.get("/api/v1/live/BDXRTB")
    issued = response["X-Liaise-Device"]
    assert response.cookies["liaise_device"].value == issued
    assert devices.random_part(issued) is not None
    again = client.get("/api/v1/live/BDXRTB")  # the cookie is kept: no new identity
    assert "X-Liaise-Device" not in again and "liaise_device" not in again.cookies


def test_a_write_without_an_identity_is_refused_and_gets_one(client, rtb):
    response = post(client, "/api/v1/live/BDXRTB/questions", {"text": "No cookie yet"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Open the board's page first, with cookies allowed")
    issued = response.cookies["liaise_device"].value
    assert response["X-Liaise-Device"] == issued
    assert not Question.objects.filter(text="No cookie yet").exists()
    assert post(client, "/api/v1/live/BDXRTB/questions", {"text": "No cookie yet"}).status_code == 201  # kept it


# ids name the cases: the identities are drawn anew each run, and xdist's workers must collect the same tests
@pytest.mark.parametrize("identity", ["phone-in-the-hall-0001", PHONE[:-1] + ("A" if PHONE[-1] != "A" else "B"),
                                      "x" * 5000, "héllo:wörld", PHONE.split(":")[0]],
                         ids=["made-up", "forged-signature", "huge", "non-ascii", "unsigned"])
def test_an_identity_the_server_did_not_issue_is_refused(client, rtb, identity):
    response = post(client, "/api/v1/live/BDXRTB/questions", {"text": "Forged"}, HTTP_X_LIAISE_DEVICE=identity)
    assert response.status_code == 400
    assert response.json()["detail"].startswith("This phone's identity on the board was not issued by Liaise")
    assert not Question.objects.filter(text="Forged").exists()


def test_cookieless_votes_add_nothing(rtb):
    question = rtb.questions.filter(status="visible").first()
    before = question.votes
    for _ in range(100):  # a script that never keeps the cookie it is given
        response = Client().post(f"/api/v1/live/BDXRTB/questions/{question.pk}/vote", content_type="application/json")
        assert response.status_code == 400
    question.refresh_from_db()
    assert question.votes == before


def test_a_refusal_keeps_the_new_device_and_names_the_field(client, rtb):
    client.get("/api/v1/live/BDXRTB")
    response = post(client, "/api/v1/live/BDXRTB/questions", {"text": " \u200b "})
    assert (response.status_code, response.json()) == (400, {"detail": "Write your question first.", "field": "text"})


@pytest.mark.parametrize(("body", "status", "detail"), [
    ({"text": ""}, 400, "Write your question first."),
    ({"text": "y" * 501}, 400, "Your question is 501 characters long; the limit is 500."),
    ({"text": "Hi", "to_speaker": 99999}, 400, "This person is not on this panel: pick a panelist from the list."),
    ({"text": "Hi", "name": "n" * 61}, 400, "The name is 61 characters long; the limit is 60."),
    ({}, 422, "text: Field required"),
    ({"text": ["list"]}, 422, "text: Input should be a valid string"),
])
def test_bad_questions_get_a_4xx_with_detail(client, rtb, body, status, detail):
    response = post(client, "/api/v1/live/BDXRTB/questions", body, **DEVICE)
    assert (response.status_code, response.json()["detail"]) == (status, detail)
    assert not rtb.questions.filter(device=services.device_key("phone-in-the-hall-0001")).exists()


def test_closed_and_unknown_boards(client):
    response = post(client, "/api/v1/live/BDXRTA/questions", {"text": "Hello"}, **DEVICE)
    assert (response.status_code, response.json()["detail"]) == (409, "This round table is not taking questions now.")
    assert post(client, "/api/v1/live/NOPE99/questions", {"text": "Hello"}).status_code == 404


def test_a_flood_gets_429(client, rtb, settings):
    settings.LIVE_RATE_LIMITS = {**settings.LIVE_RATE_LIMITS, "ask": {"device": 2, "ip": 100}}
    statuses = [post(client, "/api/v1/live/BDXRTB/questions", {"text": f"Q{n}"}, **DEVICE).status_code
                for n in range(3)]
    assert statuses == [201, 201, 429]


def test_vote_once_then_take_it_back(client, rtb):
    question = rtb.questions.filter(status="visible").order_by("-votes").first()
    url = f"/api/v1/live/BDXRTB/questions/{question.pk}/vote"
    assert post(client, url, **DEVICE).json() == {"id": question.pk, "votes": question.votes + 1}
    again = post(client, url, **DEVICE)
    assert (again.status_code, again.json()["detail"]) == (409, "You have already voted for this question.")
    taken_back = client.delete(url, **DEVICE)
    assert (taken_back.status_code, taken_back.json()["votes"]) == (200, question.votes)


def test_pending_questions_do_not_exist_for_the_audience(client, rtb):
    pending = rtb.questions.filter(status="pending").first()
    assert post(client, f"/api/v1/live/BDXRTB/questions/{pending.pk}/vote", **DEVICE).status_code == 404
    assert post(client, f"/api/v1/live/BDXRTB/questions/{pending.pk}/report", **DEVICE).status_code == 404
    ids = [q["id"] for q in client.get("/api/v1/live/BDXRTB/questions").json()["items"]]
    assert pending.pk not in ids


def test_list_sorted_by_top_or_new_and_filtered_by_panelist(client, rtb):
    top = client.get("/api/v1/live/BDXRTB/questions").json()
    assert top["count"] == 3
    assert [q["votes"] for q in top["items"]] == [20, 14, 11]
    assert top["items"][1]["to_name"] == "Representative, ufuq.de"
    new = client.get("/api/v1/live/BDXRTB/questions?sort=new").json()["items"]
    assert [q["created"] for q in new] == sorted((q["created"] for q in new), reverse=True)
    brussels = rtb.session.speakers.get(person__slug="representative-brussels")
    only = client.get(f"/api/v1/live/BDXRTB/questions?speaker={brussels.pk}").json()
    assert [q["to_speaker"] for q in only["items"]] == [brussels.pk]
    assert client.get("/api/v1/live/BDXRTB/questions?speaker=99999").status_code == 400


def test_moderators_list_and_moderate_with_a_token(rtb, django_user_model):
    expert = django_user_model.objects.get(email="expert@experts.example")
    _token, raw = create_api_token(expert, "console")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    pending = api.get("/api/v1/live/BDXRTB/questions?status=pending").json()["items"]
    assert len(pending) == 2
    response = post(api, f"/api/v1/live/BDXRTB/questions/{pending[0]['id']}/moderate", {"action": "approve"})
    assert (response.status_code, response.json()["status"]) == (200, "visible")
    refused = post(api, f"/api/v1/live/BDXRTB/questions/{pending[0]['id']}/moderate", {"action": "reopen"})
    assert refused.status_code == 409
    assert post(api, "/api/v1/live/BDXRTA/questions/1/moderate", {"action": "hide"}).status_code == 404
    assert post(Client(), f"/api/v1/live/BDXRTB/questions/{pending[1]['id']}/moderate",
                {"action": "approve"}).status_code == 404


def test_the_board_describes_its_panel_and_stream(client):
    board = client.get("/api/v1/live/BDXRTB").json()
    assert (board["open"], board["moderation"], board["event"]) == (True, "pre", "bordeaux-2016")
    assert [p["name"] for p in board["panel"]][:2] == ["Representative, French Forum for Urban Security",
                                                       "Representative, City of Bologna"]
    assert board["stream"] == "http://testserver/live/BDXRTB/stream"
