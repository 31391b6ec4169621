"""Who may do what with live Q&A. Moderating is decided per board (``queries.can_moderate``: the event's
managers and the board's moderators); in the admin, boards and their log are for site admins only — organisers
and moderators work from the moderator's console."""

import rules

from liaise.network.rules import is_site_admin


@rules.predicate
def moderates_board(user, board):
    from .queries import can_moderate

    return board is not None and can_moderate(user, board)


rules.add_perm("live.moderate_board", is_site_admin | moderates_board)
for model in ("board", "question", "moderationaction"):
    for action in ("view", "change", "delete"):
        rules.add_perm(f"live.{action}_{model}", is_site_admin)
