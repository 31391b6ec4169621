"""Who may see and moderate live Q&A boards, each permission defined once as a query condition (see
``liaise.core.authz``). In the admin, boards and their log are for site admins only — organisers and moderators
work from the moderator's console."""

import rules
from django.db.models import Exists, OuterRef, Q

from liaise.core import authz
from liaise.events.rules import manage_event, view_session
from liaise.network.rules import is_site_admin

from .models import Board


@authz.permission("live.view_board", Board)
def view_board(user) -> Q:
    """A board is seen by whoever sees its session (the event's visibility, narrowed by the session's own)."""
    return Q(session__in=view_session.filter(user))


@authz.permission("live.moderate_board", Board, site_admins=True, signed_in=True)
def moderate_board(user) -> Q:
    """Boards ``user`` moderates: the event's managers and the board's named moderators."""
    named = Exists(Board.moderators.through.objects.filter(board=OuterRef("pk"), user=user))
    return view_board.q(user) & (named | Q(session__event__in=manage_event.filter(user)))


for model in ("board", "question", "moderationaction"):
    for action in ("view", "change", "delete"):
        rules.add_perm(f"live.{action}_{model}", is_site_admin)
