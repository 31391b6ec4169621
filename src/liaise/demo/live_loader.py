"""Loads the demo's live Q&A boards (``live_data``) onto the Bordeaux round tables. Idempotent: a board that
already has questions is left as it is."""

import hashlib
from datetime import timedelta

from django.contrib.auth import get_user_model

from liaise.events.models import Session, SpeakerRole
from liaise.live.models import Board, ModerationAction, Question, Vote

from . import live_data as data


def _device(n: int) -> str:
    return hashlib.sha256(f"liaise-demo-device-{n}".encode()).hexdigest()[:32]


def load_live() -> dict[str, int]:
    sessions = {s.slug: s for s in Session.objects.filter(event__slug=data.EVENT)}
    users = get_user_model().objects.in_bulk(
        [b[3] for b in data.BOARDS if b[3]] + [data.APPROVER], field_name="email"
    )
    asked = 0
    for slug, code, is_open, moderator, questions in data.BOARDS:
        session = sessions.get(slug)
        if session is None:
            continue
        board, _created = Board.objects.get_or_create(
            session=session, defaults={"code": code, "moderation": Board.Moderation.PRE, "is_open": is_open,
                                       "opened": session.start if is_open else None,
                                       "closed": None if is_open else session.end},
        )
        if moderator and moderator in users:
            board.moderators.add(users[moderator])
        if board.questions.exists():
            continue
        speakers = {r.person.slug: r for r in SpeakerRole.objects.filter(session=session).select_related("person")}
        created = []
        for position, (to, text, name, status, votes) in enumerate(questions):
            when = session.start + timedelta(minutes=10 + 4 * position)
            question = Question.objects.create(
                board=board, to_speaker=speakers.get(to), text=text, name=name, status=status, votes=votes,
                device=_device(1000 + position), created=when,
                answered=when + timedelta(minutes=20) if status == "answered" else None,
            )
            Vote.objects.bulk_create([Vote(question=question, device=_device(n)) for n in range(votes)])
            created.append(question)
            if status in ("visible", "answered"):
                ModerationAction.objects.create(board=board, question=question, action="approve", created=when,
                                                actor=users.get(moderator) or users.get(data.APPROVER))
        asked += len(created)
        if slug == data.HIGHLIGHTED[0] and created:
            Board.objects.filter(pk=board.pk).update(highlighted=created[data.HIGHLIGHTED[1]])
    return {"boards": Board.objects.filter(session__event__slug=data.EVENT).count(), "audience_questions": asked}
