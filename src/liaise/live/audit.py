"""Live Q&A in the audit log (see ``liaise.core.audit``): a board's settings and moderators, and each
moderation step (``ModerationAction``, whose own record names the moderator). Questions, votes, reports, the
change feed and rate limits are not audited: they change by the second, and questions are the audience's words."""

from liaise.core import audit

from .models import Board, ModerationAction

audit.track(Board, project="session__event__project_id")
audit.track(ModerationAction, project="board__session__event__project_id", personal=("detail",))
