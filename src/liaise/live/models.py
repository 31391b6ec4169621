"""Live round-table Q&A: a board per session, questions addressed to the panel or to one panelist, votes,
abuse reports, the moderators' action log, and the change feed that streams to every screen.

All state lives in the database, so any number of server processes serve the same board. Every write appends
a ``Change`` row in the same transaction; its id is the Server-Sent Events id, so a client that reconnects
with ``Last-Event-ID`` gets exactly what it missed. Live writes are serialised (see ``services._serialise``),
so change ids become visible in increasing order and a reader polling ``id > last`` never skips one.

Nobody is identified: a device is a keyed hash of a random cookie, and an IP address is only ever held, hashed,
for the rate-limit window (``RateBucket``).
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaise.events.models import Session, SpeakerRole

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
CODE_LENGTH = 6
MAX_QUESTION_LENGTH = 500
MAX_NAME_LENGTH = 60


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


class Board(models.Model):
    class Moderation(models.TextChoices):
        PRE = "pre", _("Pre-moderated: questions appear once a moderator approves them")
        OPEN = "open", _("Open: questions appear at once")

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="board",
                                   verbose_name=_("session"))
    code = models.CharField(_("join code"), max_length=12, unique=True, default=new_code)
    moderation = models.CharField(_("moderation"), max_length=4, choices=Moderation.choices,
                                  default=Moderation.PRE)
    is_open = models.BooleanField(_("accepting questions"), default=False)
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="moderated_boards", verbose_name=_("moderators"),
        help_text=_("The round table's chair or moderator. The event's organisers can always moderate."),
    )
    highlighted = models.ForeignKey(
        "Question", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("now answering"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    opened = models.DateTimeField(_("last opened"), null=True, blank=True)
    closed = models.DateTimeField(_("last closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("Q&A board")
        verbose_name_plural = _("Q&A boards")
        ordering = ["session__start", "pk"]

    def __str__(self):
        return f"{self.code} — {self.session}"


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        VISIBLE = "visible", _("Visible")
        ANSWERED = "answered", _("Answered")
        HIDDEN = "hidden", _("Hidden")
        MERGED = "merged", _("Merged into another question")

    PUBLIC = (Status.VISIBLE, Status.ANSWERED)

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="questions", verbose_name=_("board"))
    to_speaker = models.ForeignKey(
        SpeakerRole, on_delete=models.SET_NULL, null=True, blank=True, related_name="audience_questions",
        verbose_name=_("to"), help_text=_("Empty: the whole panel."),
    )
    text = models.CharField(_("question"), max_length=MAX_QUESTION_LENGTH)
    name = models.CharField(_("name"), max_length=MAX_NAME_LENGTH, blank=True)
    device = models.CharField(max_length=64, editable=False, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    votes = models.PositiveIntegerField(_("votes"), default=0)
    reports = models.PositiveIntegerField(_("abuse reports"), default=0)
    merged_into = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="duplicates", verbose_name=_("merged into"))
    created = models.DateTimeField(_("asked"), default=timezone.now)
    answered = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("audience question")
        verbose_name_plural = _("audience questions")
        ordering = ["board", "created", "pk"]
        indexes = [models.Index(fields=["board", "status", "-votes"], name="live_question_board_top")]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="live_question_not_empty"),
            models.CheckConstraint(condition=Q(merged_into__isnull=True) | Q(status="merged"),
                                   name="live_question_merged_status"),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC


class Vote(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="vote_set")
    device = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [models.UniqueConstraint(fields=["question", "device"], name="live_vote_once_per_device")]

    def __str__(self):
        return f"vote for #{self.question_id}"


class AbuseReport(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="report_set")
    device = models.CharField(max_length=64)
    created = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("abuse report")
        verbose_name_plural = _("abuse reports")
        constraints = [models.UniqueConstraint(fields=["question", "device"], name="live_report_once_per_device")]

    def __str__(self):
        return f"report on #{self.question_id}"


class ModerationAction(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("created the board")
        OPEN = "open", _("opened the board")
        CLOSE = "close", _("closed the board")
        SETTINGS = "settings", _("changed the settings")
        APPROVE = "approve", _("approved")
        HIDE = "hide", _("hid")
        ANSWERED = "answered", _("marked answered")
        REOPEN = "reopen", _("marked not answered")
        HIGHLIGHT = "highlight", _("highlighted (now answering)")
        UNHIGHLIGHT = "unhighlight", _("removed the highlight")
        MERGE = "merge", _("merged a duplicate")
        AUTO_HIDE = "auto_hide", _("held back after abuse reports")
        ARCHIVE = "archive", _("saved the questions to the session record")

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="actions")
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", help_text=_("Empty: done automatically."))
    action = models.CharField(max_length=12, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation log")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created:%H:%M:%S})"


class Change(models.Model):
    """One entry of a board's change feed. ``data`` is the moderators' view of the change; ``audience`` is what
    the audience and the screen may see of it (empty: nothing). The id is the stream's event id."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=10)  # "question" or "board"
    data = models.TextField()
    audience = models.TextField(blank=True)
    created = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["board", "id"], name="live_change_board_id")]

    def __str__(self):
        return f"{self.pk} {self.kind}"


class RateBucket(models.Model):
    """Hits of one key (a hashed device or a hashed IP address, never the address itself) in one window;
    rows are deleted once their window is over."""

    key = models.CharField(max_length=80)
    window = models.DateTimeField(db_index=True)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="live_ratebucket_unique")]

    def __str__(self):
        return f"{self.hits} hits in {self.window:%H:%M}"
