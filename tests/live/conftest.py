import pytest
from django.contrib.auth import get_user_model

from liaise.events.models import Session
from liaise.live import services
from liaise.live.models import Board


@pytest.fixture
def coordinator(db):
    return get_user_model().objects.get(email="coordinator@efus.example")


@pytest.fixture
def board(db, coordinator) -> Board:
    """A fresh open, pre-moderated board on the Bordeaux keynote (a conference: pre-moderated by default)."""
    session = Session.objects.get(event__slug="bordeaux-2016", slug="keynote")
    return services.create_board(session, coordinator, is_open=True)


@pytest.fixture
def open_board(board, coordinator) -> Board:
    return services.update_board(board, coordinator, moderation=Board.Moderation.OPEN)


@pytest.fixture
def panelist(board):
    return board.session.speakers.first()
