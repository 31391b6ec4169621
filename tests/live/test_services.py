"""Live Q&A writes: asking, voting, reporting, moderating, the change feed and the limits."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from liaise.events.models import Material, SpeakerRole
from liaise.live import queries, services
from liaise.live.models import Board, Change, ModerationAction, Question, RateBucket, Vote
from liaise.live.services import LiveError

DEVICE = services.device_key("device-one-aaaaaaaaaa")
OTHER = services.device_key("device-two-bbbbbbbbbb")


def feed(board):
    return [(c.kind, json.loads(c.data), json.loads(c.audience) if c.audience else None)
            for c in Change.objects.filter(board=board).order_by("pk")]


def test_a_conference_board_is_pre_moderated_and_a_question_waits(board, panelist):
    assert board.moderation == Board.Moderation.PRE
    question = services.ask(board, "How do you   reach\u202e families?", DEVICE, panelist.pk, "Ana")
    assert (question.status, question.text, question.name, question.to_speaker_id) == (
        "pending", "How do you reach families?", "Ana", panelist.pk)
    kind, data, audience = feed(board)[-1]
    assert (kind, data["status"], audience) == ("question", "pending", None)  # the audience sees nothing yet
    assert "device" not in data


def test_an_open_board_shows_a_question_at_once(open_board):
    question = services.ask(open_board, "To everyone: what works?", DEVICE)
    assert question.status == "visible"
    assert feed(open_board)[-1][2] == {"id": question.pk, "text": "To everyone: what works?", "name": "", "to": None,
                                        "status": "visible", "votes": 0, "created": question.created.isoformat()}


@pytest.mark.parametrize(("text", "message"), [
    ("", "Write your question first."),
    ("   \n\u200b ", "Write your question first."),
    ("x" * 501, "Your question is 501 characters long; the limit is 500."),
])
def test_bad_questions_are_refused_with_a_message(board, text, message):
    with pytest.raises(LiveError) as refused:
        services.ask(board, text, DEVICE)
    assert (str(refused.value), refused.value.status) == (message, 400)
    assert not board.questions.exists()


def test_a_question_can_only_go_to_a_speaker_of_this_session(board):
    elsewhere = SpeakerRole.objects.exclude(session=board.session).first()
    for to in (elsewhere.pk, 999999, "abc"):
        with pytest.raises(LiveError) as refused:
            services.ask(board, "Hello?", DEVICE, to)
        assert (refused.value.status, refused.value.field) == (400, "to_speaker")
    assert not board.questions.exists()


def test_a_closed_board_takes_no_question_and_no_vote(open_board, coordinator):
    question = services.ask(open_board, "Before closing", DEVICE)
    services.update_board(open_board, coordinator, is_open=False)
    with pytest.raises(LiveError) as refused:
        services.ask(open_board, "Too late", DEVICE)
    assert refused.value.status == 409
    with pytest.raises(LiveError) as refused:
        services.vote(open_board, question.pk, OTHER)
    assert refused.value.status == 409


def test_a_device_asking_too_fast_gets_429_and_nothing_is_written(board, settings):
    settings.LIVE_RATE_LIMITS = {**settings.LIVE_RATE_LIMITS, "ask": {"device": 3, "ip": 1000}}
    for n in range(3):
        services.ask(board, f"Question {n}", DEVICE, ip="203.0.113.9")
    with pytest.raises(LiveError) as refused:
        services.ask(board, "One more", DEVICE, ip="203.0.113.9")
    assert (refused.value.status, str(refused.value)) == (429, "You are going too fast: wait a minute and try again.")
    assert board.questions.count() == 3
    services.ask(board, "Another phone", OTHER, ip="203.0.113.9")  # other devices are not held back


def test_an_address_flooding_with_new_devices_is_held_back_and_never_stored(board, settings):
    settings.LIVE_RATE_LIMITS = {**settings.LIVE_RATE_LIMITS, "ask": {"device": 3, "ip": 5}}
    for n in range(5):
        services.ask(board, f"Question {n}", services.device_key(f"fresh-device-{n:010d}"), ip="198.51.100.7")
    with pytest.raises(LiveError) as refused:
        services.ask(board, "Flood", services.device_key("fresh-device-x"), ip="198.51.100.7")
    assert refused.value.status == 429
    keys = list(RateBucket.objects.values_list("key", flat=True))
    assert keys and not any("198.51.100.7" in key for key in keys)


def test_finished_rate_windows_are_deleted(board):
    RateBucket.objects.create(key="ask:ip:old", window=timezone.now() - timedelta(minutes=5), hits=3)
    services.ask(board, "Now", DEVICE, ip="192.0.2.1")
    assert not RateBucket.objects.filter(key="ask:ip:old").exists()


def test_one_vote_per_device_and_it_can_be_taken_back(open_board):
    question = services.ask(open_board, "Vote for me", DEVICE)
    assert services.vote(open_board, question.pk, DEVICE).votes == 1
    assert services.vote(open_board, question.pk, OTHER).votes == 2
    with pytest.raises(LiveError) as refused:
        services.vote(open_board, question.pk, DEVICE)
    assert (refused.value.status, str(refused.value)) == (409, "You have already voted for this question.")
    assert services.vote(open_board, question.pk, DEVICE, remove=True).votes == 1
    assert Vote.objects.filter(question=question).count() == 1
    assert feed(open_board)[-1][2]["votes"] == 1


def test_pending_and_hidden_questions_cannot_be_voted_or_reported(board):
    question = services.ask(board, "Waiting", DEVICE)
    for action in (services.vote, services.report):
        with pytest.raises(LiveError) as refused:
            action(board, question.pk, OTHER)
        assert refused.value.status == 404


def test_reports_hold_a_question_back_for_the_moderators(open_board, settings, coordinator):
    settings.LIVE_REPORT_THRESHOLD = 2
    question = services.ask(open_board, "Something rude", DEVICE)
    services.moderate(open_board, question.pk, "highlight", coordinator)
    services.report(open_board, question.pk, OTHER)
    with pytest.raises(LiveError):
        services.report(open_board, question.pk, OTHER)  # once per device
    services.report(open_board, question.pk, DEVICE)
    question.refresh_from_db()
    open_board.refresh_from_db()
    assert (question.status, question.reports, open_board.highlighted_id) == ("pending", 2, None)
    assert feed(open_board)[-1][2] == {"id": question.pk, "status": "removed"}
    assert ModerationAction.objects.filter(board=open_board, action="auto_hide", actor=None).count() == 1


def test_moderation_walks_a_question_through_its_life_and_logs_every_step(board, coordinator):
    question = services.ask(board, "To the panel", DEVICE)
    services.moderate(board, question.pk, "approve", coordinator)
    services.moderate(board, question.pk, "highlight", coordinator)
    board.refresh_from_db()
    assert board.highlighted_id == question.pk
    services.moderate(board, question.pk, "answered", coordinator)
    board.refresh_from_db()
    question.refresh_from_db()
    assert (question.status, board.highlighted_id) == ("answered", None)
    assert question.answered is not None
    services.moderate(board, question.pk, "hide", coordinator)
    kinds = [a.action for a in board.actions.order_by("created", "pk")]
    assert kinds == ["create", "open", "approve", "highlight", "answered", "hide"] or \
        kinds == ["create", "approve", "highlight", "answered", "hide"]
    assert feed(board)[-1][2] == {"id": question.pk, "status": "removed"}


def test_impossible_moderation_is_refused(board, coordinator):
    question = services.ask(board, "Pending", DEVICE)
    for action, status in (("answered", 409), ("highlight", 409), ("reopen", 409), ("dance", 400)):
        with pytest.raises(LiveError) as refused:
            services.moderate(board, question.pk, action, coordinator)
        assert refused.value.status == status
    with pytest.raises(LiveError) as refused:
        services.moderate(board, 999999, "approve", coordinator)
    assert refused.value.status == 404


def test_merging_a_duplicate_moves_its_voters_once(open_board, coordinator):
    original = services.ask(open_board, "How do you evaluate?", DEVICE)
    duplicate = services.ask(open_board, "How do you evaluate it?", OTHER)
    services.vote(open_board, original.pk, DEVICE)
    services.vote(open_board, duplicate.pk, DEVICE)  # voted for both: counts once
    services.vote(open_board, duplicate.pk, OTHER)
    services.moderate(open_board, duplicate.pk, "merge", coordinator, into=original.pk)
    original.refresh_from_db()
    duplicate.refresh_from_db()
    assert (original.votes, duplicate.status, duplicate.merged_into_id, duplicate.votes) == (
        2, "merged", original.pk, 0)
    with pytest.raises(LiveError):
        services.moderate(open_board, original.pk, "merge", coordinator, into=original.pk)


def test_change_ids_increase_and_the_backlog_resumes_after_any_of_them(open_board, coordinator):
    first = services.ask(open_board, "One", DEVICE)
    services.ask(open_board, "Two", OTHER)
    services.vote(open_board, first.pk, OTHER)
    ids = list(Change.objects.filter(board=open_board).values_list("pk", flat=True))
    assert ids == sorted(ids)
    backlog = queries.backlog(open_board.pk, ids[-3], moderator=False)
    assert [row[0] for row in backlog.changes] == ids[-2:]
    assert (backlog.reset, backlog.last) == (False, ids[-1])


def test_a_client_too_far_behind_is_told_to_reload(open_board, monkeypatch):
    monkeypatch.setattr(queries, "RESET_AFTER", 3)
    for n in range(5):
        services.ask(open_board, f"Q{n}", services.device_key(f"device-{n:012d}"))
    assert queries.backlog(open_board.pk, 0, moderator=False).reset is True


def test_a_session_has_one_board(board, coordinator):
    with pytest.raises(LiveError) as refused:
        services.create_board(board.session, coordinator)
    assert refused.value.status == 409


def test_archiving_saves_the_questions_to_the_session_record(open_board, coordinator):
    services.ask(open_board, "Archived question", DEVICE)
    material = services.archive(open_board, coordinator, "# Questions\n\n1. [ ] Archived question\n")
    again = services.archive(open_board, coordinator, "# Questions\n\n1. [x] Archived question\n")
    assert material.pk == again.pk
    assert Material.objects.filter(session=open_board.session).count() == 1
    with again.file.open("rb") as handle:
        assert handle.read() == b"# Questions\n\n1. [x] Archived question\n"
    assert again.file.name.endswith(".md")


def test_moderators_are_added_by_account_email(board, coordinator):
    with pytest.raises(LiveError) as refused:
        services.add_moderator(board, coordinator, "nobody@nowhere.example")
    assert refused.value.field == "email"
    user = services.add_moderator(board, coordinator, "EXPERT@experts.example")
    assert list(board.moderators.all()) == [user]
    services.remove_moderator(board, coordinator, user.pk)
    assert not board.moderators.exists()


def test_purge_keeps_recent_changes(open_board):
    services.ask(open_board, "Recent", DEVICE)
    Change.objects.create(board=open_board, kind="board", data="{}", created=timezone.now() - timedelta(days=3))
    deleted, _buckets = services.purge(days=2)
    assert deleted == 1
    assert Change.objects.filter(board=open_board).exists()


def test_the_demo_boards(db):
    a, b = Board.objects.get(code="BDXRTA"), Board.objects.get(code="BDXRTB")
    assert (a.is_open, b.is_open, b.moderation) == (False, True, "pre")
    assert a.questions.filter(status="answered").count() == 3
    assert all(q.votes == q.vote_set.count() for q in Question.objects.filter(board__in=[a, b]))
    panelists = {q.to_speaker.person.name for q in b.questions.exclude(to_speaker=None)}
    assert "Representative, City of Brussels" in panelists
    assert b.highlighted.text.startswith("Are counter-narratives enough")
    assert [u.email for u in b.moderators.all()] == ["expert@experts.example"]
