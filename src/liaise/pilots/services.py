"""Writes for pilots, one function per use case, each in a transaction, raising PilotError with a message for a
person. Mails (a comment for the owner) are sent after the commit, robustly: a mail server that is down is
logged and never undoes a saved comment."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from liaise.core.errors import InvalidInput
from liaise.core.mail import send_later, written_for
from liaise.core.slugs import unique_slug
from liaise.network.models import Organisation, Partnership, Project, ProjectRole

from .models import Comment, Idea, Indicator, Measurement, Milestone, Pilot, Update

RESERVED_SLUGS = {"new", "ideas"}


class PilotError(InvalidInput):
    """A refused pilot operation, with a message for a person; ``field`` names the form field it is about."""


def _unique_slug(title: str, exclude_pk=None) -> str:
    return unique_slug(Pilot.objects.all(), title, "pilot", reserved=RESERVED_SLUGS, exclude_pk=exclude_pk)


def _full_clean(obj) -> None:
    try:
        obj.full_clean()
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise PilotError(" ".join(messages), field=None if field == "__all__" else field) from None


@dataclass
class PilotData:
    project: Project
    organisation: Organisation
    title: str
    problem: str
    topics: list
    target_groups: list
    summary: str = ""
    trainings: list = None
    agencies: list = None
    budget: Decimal | None = None
    start: date | None = None
    end: date | None = None
    visibility: str = "partners"
    inputs: list = None
    activities: list = None
    outputs: list = None
    outcomes: list = None
    impact: list = None
    lessons_learned: str = ""


TRANSLATED = ("title", "summary", "problem", "lessons_learned")


@transaction.atomic
def save_pilot(pilot: Pilot | None, data: PilotData, user) -> Pilot:
    """Create (``pilot`` None) or update a pilot. The organisation must be a partner of the project; the
    trainings must be the project's; topics and at least one target group are required."""
    if not Partnership.objects.filter(project=data.project, organisation=data.organisation).exists():
        raise PilotError(_("This organisation is not a partner of the project."), field="organisation")
    if not data.topics:
        raise PilotError(_("Choose at least one topic."), field="topics")
    if not data.target_groups:
        raise PilotError(_("Choose at least one target group."), field="target_groups")
    trainings = list(data.trainings or [])
    if any(t.event.project_id != data.project.pk for t in trainings):
        raise PilotError(_("Choose trainings of this pilot's project."), field="trainings")
    creating = pilot is None
    if creating:
        pilot = Pilot(slug=_unique_slug(data.title))
    elif pilot.project_id != data.project.pk:
        raise PilotError(_("A pilot cannot move to another project."), field="project")
    pilot.project, pilot.organisation = data.project, data.organisation
    for name in TRANSLATED:
        value = (getattr(data, name) or "").strip()
        setattr(pilot, name, value)  # the language being used
        if not getattr(pilot, f"{name}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}"):
            setattr(pilot, f"{name}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}", value)  # the fallback
    pilot.agencies = [a for a in (data.agencies or []) if a]
    pilot.budget, pilot.start, pilot.end, pilot.visibility = data.budget, data.start, data.end, data.visibility
    for name in Pilot.LOGIC_MODEL:
        setattr(pilot, name, [item for item in (getattr(data, name) or []) if item])
    _full_clean(pilot)
    pilot.save()
    pilot.topics.set(data.topics)
    pilot.target_groups.set(data.target_groups)
    pilot.trainings.set(trainings)
    if creating:
        Update.objects.create(pilot=pilot, author=user, kind=Update.Kind.STAGE, stage=pilot.status,
                              text=_("Pilot created at the %(stage)s stage.") % {"stage": pilot.get_status_display()})
    return pilot


@transaction.atomic
def advance_stage(pilot: Pilot, user) -> Pilot:
    """Move to the next stage (diagnosis → design → implementation → evaluation → completed); the journal
    records it."""
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    nxt = pilot.next_stage
    if nxt is None:
        raise PilotError(_("This pilot is %(stage)s: it has no next stage.") % {"stage": pilot.get_status_display()})
    if nxt == Pilot.Status.COMPLETED and not pilot.lessons_learned.strip():
        raise PilotError(_("Write the lessons learned before completing the pilot."), field="lessons_learned")
    old = pilot.get_status_display()
    pilot.status = nxt
    pilot.save(update_fields=["status", "updated"])
    Update.objects.create(pilot=pilot, author=user, kind=Update.Kind.STAGE, stage=pilot.status,
                          text=_("Stage: %(old)s → %(new)s.") % {"old": old, "new": pilot.get_status_display()})
    return pilot


@transaction.atomic
def stop_pilot(pilot: Pilot, user, reason: str) -> Pilot:
    reason = (reason or "").strip()
    pilot = Pilot.objects.select_for_update().get(pk=pilot.pk)
    if pilot.is_final:
        raise PilotError(_("This pilot is already %(stage)s.") % {"stage": pilot.get_status_display()})
    if not reason:
        raise PilotError(_("Say why the pilot stops: others learn from it."), field="reason")
    old = pilot.get_status_display()
    pilot.status, pilot.stopped_reason = Pilot.Status.STOPPED, reason[:2000]
    pilot.save(update_fields=["status", "stopped_reason", "updated"])
    Update.objects.create(pilot=pilot, author=user, kind=Update.Kind.STAGE, stage=pilot.status,
                          text=_("Stopped during the %(stage)s stage: %(reason)s") % {"stage": old, "reason": reason})
    return pilot


@transaction.atomic
def add_indicator(pilot: Pilot, name: str, unit: str, baseline, target) -> Indicator:
    indicator = Indicator(pilot=pilot, name=name.strip(), unit=unit.strip(), baseline=baseline, target=target,
                          position=pilot.indicators.count())
    _full_clean(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def record_measurement(indicator: Indicator, when: date, value, note: str = "") -> Measurement:
    """Record (or correct) the indicator's aggregate value on a date."""
    if when > timezone.localdate():
        raise PilotError(_("A measurement cannot be in the future."), field="date")
    measurement, _created = Measurement.objects.update_or_create(
        indicator=indicator, date=when, defaults={"value": value, "note": note.strip()}
    )
    return measurement


@transaction.atomic
def add_milestone(pilot: Pilot, title: str, due: date) -> Milestone:
    milestone = Milestone(pilot=pilot, title=title.strip(), due=due)
    _full_clean(milestone)
    milestone.save()
    return milestone


@transaction.atomic
def set_milestone_status(milestone: Milestone, status: str) -> Milestone:
    if status not in Milestone.Status.values:
        raise PilotError(_("Unknown milestone status."), field="status")
    milestone.status = status
    milestone.save(update_fields=["status"])
    return milestone


@transaction.atomic
def add_update(pilot: Pilot, user, text: str) -> Update:
    text = (text or "").strip()
    if not text:
        raise PilotError(_("Write something for the journal."), field="text")
    return Update.objects.create(pilot=pilot, author=user, text=text[:4000])


FOLLOW_UP = ("indicator", "measurement", "milestone", "journal")


def record_follow_up(pilot: Pilot, user, what: str, data: dict):
    """One entry of the pilot's follow-up page (``what`` in FOLLOW_UP), from its form's cleaned data: an
    indicator, a measurement of one of the pilot's indicators, a milestone or a journal entry."""
    if what == "indicator":
        return add_indicator(pilot, data["name"], data["unit"], data["baseline"], data["target"])
    if what == "measurement":
        indicator = pilot.indicators.filter(pk=data["indicator"]).first()
        if indicator is None:
            raise PilotError(_("Choose an indicator of this pilot."), field="indicator")
        return record_measurement(indicator, data["date"], data["value"], data["note"])
    if what == "milestone":
        return add_milestone(pilot, data["title"], data["due"])
    if what == "journal":
        return add_update(pilot, user, data["text"])
    raise PilotError(_("Unknown form."))


def _notify_comment(recipients, comment: Comment, about: Pilot | Idea, subject, base_url: str) -> None:
    """Mail each recipient about ``comment`` on ``about`` in their own language (``subject()`` is called in it,
    ``about``'s title and address are its translation): queued in the caller's transaction, sent by the worker
    (one message each)."""
    people = {u.email: u for u in recipients if u.email and u.is_active}
    messages = []
    for email in sorted(people):
        with written_for(people[email]):
            context = {"comment": comment, "subject_title": about.title,
                       "url": base_url.rstrip("/") + about.get_absolute_url() + "#comments"}
            messages.append(EmailMessage(subject(about), render_to_string("pilots/email/comment.txt", context),
                                         settings.DEFAULT_FROM_EMAIL, [email]))
    send_later(*messages)


def pilot_owners(pilot: Pilot):
    """Who is told about comments on a pilot: the owning organisation's partner coordinators in the project."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        project_roles__project=pilot.project, project_roles__organisation=pilot.organisation,
        project_roles__role=ProjectRole.Role.PARTNER_COORDINATOR,
    )


@transaction.atomic
def comment_on_pilot(pilot: Pilot, user, text: str, base_url: str = "") -> Comment:
    text = (text or "").strip()
    if not text:
        raise PilotError(_("Write a comment."), field="text")
    comment = Comment.objects.create(pilot=pilot, author=user, text=text[:3000])
    owners = [u for u in pilot_owners(pilot) if u.pk != user.pk]
    _notify_comment(owners, comment, pilot,
                    lambda p: _("New comment on your pilot “%(title)s”") % {"title": p.title}, base_url)
    return comment


@transaction.atomic
def post_idea(project: Project, organisation: Organisation, user, title: str, text: str, topics) -> Idea:
    if not Partnership.objects.filter(project=project, organisation=organisation).exists():
        raise PilotError(_("This organisation is not a partner of the project."), field="organisation")
    idea = Idea(project=project, organisation=organisation, author=user, title=(title or "").strip(),
                text=(text or "").strip())
    _full_clean(idea)
    idea.save()
    idea.topics.set(topics)
    return idea


@transaction.atomic
def comment_on_idea(idea: Idea, user, text: str, base_url: str = "") -> Comment:
    text = (text or "").strip()
    if not text:
        raise PilotError(_("Write a comment."), field="text")
    comment = Comment.objects.create(idea=idea, author=user, text=text[:3000])
    if idea.author_id and idea.author_id != user.pk:
        _notify_comment([idea.author], comment, idea,
                        lambda i: _("New comment on your pilot idea “%(title)s”") % {"title": i.title}, base_url)
    return comment
