"""What a crowd of viewers reconnecting at once costs a stream process (issue 19: a node lost, its viewers all
arriving at the others): a visitor's board check is made once per board while nothing it read changes, and what a
viewer missed comes from the process's buffer when it holds it."""

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from liaise.events.models import Event
from liaise.live import stream
from liaise.live.models import Board


@pytest.fixture
def hub():
    fresh = stream.Hub()
    previous, stream.hub = stream.hub, fresh
    yield fresh
    stream.hub = previous
    fresh.executor.shutdown(wait=False)


def test_a_visitors_board_check_is_made_once_while_nothing_it_read_changes(hub, rf, django_capture_on_commit_callbacks):
    hub._read(0)  # a poll: the content counters
    board = stream._resolve(rf.get("/live/BDXRTB/stream"), "BDXRTB", False)
    with CaptureQueriesContext(connection) as queries:
        again = stream._resolve(rf.get("/live/BDXRTB/stream"), "bdx-rtb", False)
    assert again.pk == board.pk and len(queries) == 0

    # the event is hidden from visitors: at the next poll, the check is made again — and refused
    with django_capture_on_commit_callbacks(execute=True):
        event = Event.objects.get(sessions__board=board)
        event.visibility = "partners"
        event.save()
    assert stream._resolve(rf.get("/live/BDXRTB/stream"), "BDXRTB", False).pk == board.pk  # (before the poll)
    hub._read(0)
    with pytest.raises(Http404):
        stream._resolve(rf.get("/live/BDXRTB/stream"), "BDXRTB", False)


def test_a_refusal_and_a_signed_in_check_are_never_remembered(hub, rf, login):
    hub._read(0)
    with pytest.raises(Http404):
        stream._resolve(rf.get("/live/KICKQA/stream"), "KICKQA", False)
    assert hub.checks == {}
    member = login("partner_member")
    request = rf.get("/live/BDXRTB/stream")
    request.COOKIES = {name: morsel.value for name, morsel in member.cookies.items()}
    stream._resolve(request, "BDXRTB", False)
    assert hub.checks == {}


def test_remembered_checks_need_fresh_counters(hub, rf):
    hub._read(0)
    stream._resolve(rf.get("/live/BDXRTB/stream"), "BDXRTB", False)
    key = ("BDXRTB", False)
    assert hub.checked(key) is not None
    hub.counters_read -= 60  # no poll for a minute (the hub stopped: nobody watching)
    assert hub.checked(key) is None


def test_what_a_viewer_missed_comes_from_the_buffer_when_it_holds_it():
    feed = stream.Feed(100)
    for change_id in (101, 102, 103):
        feed.add(change_id, "question", f'{{"id": {change_id}}}', f'{{"id": {change_id}}}')
    missed = feed.since(101, moderator=False)
    assert missed is not None and b"id: 102" in missed and b"id: 103" in missed and b"id: 101\n" not in missed
    assert feed.missing(101) == 2
    # before the buffer's start it cannot tell what the board had then: the stream asks the database (_events); once
    # the database has answered up to a point before the start, what the buffer holds is all that came after it
    assert feed.start == 100
    assert b"id: 101" in feed.since(50, moderator=False)
    # a change only moderators see is not sent to the audience
    feed.add(104, "question", '{"id": 104}', "")
    assert b"id: 104" not in feed.since(103, moderator=False) and b"id: 104" in feed.since(103, moderator=True)


def test_a_board_a_visitor_may_see_is_the_same_board_for_every_visitor(hub, rf):
    hub._read(0)
    first = stream._resolve(rf.get("/"), "BDXRTB", False)
    assert isinstance(first, Board)
    assert stream._resolve(rf.get("/"), "BDXRTB", False) is first
