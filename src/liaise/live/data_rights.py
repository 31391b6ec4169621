"""Data-subject rights for live Q&A.

Audience questions are anonymous: they are linked to a browser (a random device key), never to an account. A
question signed with the person's full name is theirs as far as Liaise can tell: it is exported, and erasure
removes the name (the question stays, unsigned, in its session's record). Boards the person moderates and the
moderation they did are exported; erasure takes them off the boards and unattributes their actions."""

from django.db.models import Q

from liaise.core.personal_data import eraser, exporter

from .models import Board, Change, ModerationAction, Question


def _signed(user):
    name = (user.full_name or "").strip()
    return Question.objects.filter(name__iexact=name) if name else Question.objects.none()


@exporter("live")
def export_live(user) -> dict:
    """Live Q&A: the questions signed with your full name (questions are otherwise anonymous and not linked to
    your account), the Q&A boards you moderate, and the moderation actions you took."""
    return {
        "questions_signed_with_your_name": list(_signed(user).order_by("created", "pk").values(
            "board__code", "board__session__event__slug", "text", "name", "status", "votes", "created",
            "answered")),
        "boards_moderated": list(Board.objects.filter(moderators=user).values("code", "session__event__slug")),
        "moderation_actions": list(ModerationAction.objects.filter(actor=user).values(
            "board__code", "action", "detail", "created")),
    }


@eraser("live")
def erase_live(user) -> dict:
    """Unsign the questions signed with the name (and drop the stream entries that carry it); take the person off
    the boards they moderate; unattribute their moderation actions."""
    name = (user.full_name or "").strip()
    boards = set(_signed(user).values_list("board_id", flat=True))
    unsigned = _signed(user).update(name="")
    changes = Change.objects.filter(board_id__in=boards).filter(
        Q(data__icontains=name) | Q(audience__icontains=name)).delete()[0] if boards else 0
    short = user.get_short_name()
    renamed = ModerationAction.objects.filter(
        detail__in=[f"+ moderator {short}", f"− moderator {short}"]).update(detail="± moderator (a former member)")
    moderated = user.moderated_boards.count()
    user.moderated_boards.clear()
    return {
        "questions_unsigned": unsigned,
        "stream_entries": changes,
        "boards_moderated": moderated,
        "moderation_actions": ModerationAction.objects.filter(actor=user).update(actor=None) + renamed,
    }
