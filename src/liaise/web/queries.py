"""Reads for the pages that sit on top of every app: the personal dashboard, the privacy page.

Every list runs one query whatever its length, so the dashboard's query count is constant.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from email.utils import parseaddr

from django.apps import apps
from django.conf import settings
from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from liaise.core import authz
from liaise.core.personal_data import REGISTER
from liaise.events.models import Event, Registration
from liaise.events.rules import create_event, manage_event
from liaise.events.services import registration_token
from liaise.learning.rules import create_training, run_training
from liaise.library.models import Practice
from liaise.library.rules import review_practice
from liaise.live.models import Question
from liaise.live.queries import questions_asked
from liaise.network.models import Partnership, Project
from liaise.network.rules import act_for_partner, manage_people
from liaise.pilots.models import Milestone
from liaise.pilots.rules import create_pilot, edit_pilot
from liaise.reporting.rules import review_reported_value

#: How far ahead a pilot milestone counts as "due soon".
DUE_SOON = timedelta(days=30)
#: The longest list a section of the dashboard shows.
LIMIT = 20


@dataclass
class Dashboard:
    registrations: list = field(default_factory=list)
    events: list = field(default_factory=list)
    trainings: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    practices: list = field(default_factory=list)
    values: list = field(default_factory=list)
    people: list = field(default_factory=list)
    shortcuts: list = field(default_factory=list)  # (label, url)

    @property
    def organiser(self) -> bool:
        return bool(self.events or self.trainings or self.milestones or self.practices or self.values
                    or self.people or self.shortcuts)


def _count(queryset: QuerySet, **filters):
    """A subquery: how many rows of ``queryset`` (keyed by ``event``) point at the outer event."""
    rows = queryset.filter(event=OuterRef("pk"), **filters).order_by().values("event")
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), Value(0))


def dashboard(user) -> Dashboard:
    """What ``user`` has coming and what needs their attention, each list in one query."""
    if not authz.active(user):
        return Dashboard()
    now = timezone.now()
    today = timezone.localdate()
    board = Dashboard()
    board.registrations = list(
        Registration.objects.filter(user=user, event__end__gte=now).exclude(status=Registration.Status.CANCELLED)
        .select_related("event").order_by("event__start")[:LIMIT])
    for registration in board.registrations:
        registration.url = reverse("events:registration", kwargs={"slug": registration.event.slug,
                                                                  "token": registration_token(registration)})
    registrations = Registration.objects.all()
    events = list(
        manage_event.filter(user, Event.objects.filter(end__gte=now)).select_related("project")
        .annotate(n_confirmed=_count(registrations, status=Registration.Status.CONFIRMED),
                  n_waitlisted=_count(registrations, status=Registration.Status.WAITLISTED))
        .order_by("start")[:LIMIT])
    pending = dict(questions_asked(events).filter(status=Question.Status.PENDING).order_by()
                   .values("board__session__event").annotate(n=Count("pk")).values_list("board__session__event", "n"))
    for event in events:
        event.pending_questions = pending.get(event.pk, 0)
    board.events = events
    board.trainings = list(
        run_training.filter(user).filter(event__end__gte=now).select_related("event", "partner")
        .order_by("event__start")[:LIMIT])
    board.milestones = list(
        Milestone.objects.filter(pilot__in=edit_pilot.filter(user),
                                 status__in=(Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS),
                                 due__lte=today + DUE_SOON)
        .select_related("pilot").order_by("due", "pk")[:LIMIT])
    for milestone in board.milestones:
        milestone.late = milestone.due < today
    board.practices = list(
        review_practice.filter(user, Practice.objects.filter(status=Practice.Status.IN_REVIEW))
        .select_related("project", "organisation").order_by("pk")[:LIMIT])
    board.values = list(
        review_reported_value.filter(user).select_related("indicator__project", "organisation", "period")
        .order_by("pk")[:LIMIT])
    board.people = list(manage_people.filter(user, Project.objects.order_by("-start")))
    board.shortcuts = _shortcuts(user)
    return board


def _shortcuts(user) -> list[tuple[str, str]]:
    """Links to create what ``user``'s roles allow (four queries)."""
    shortcuts = []
    acts = act_for_partner.filter(user, Partnership.objects.all()).exists()
    creates_events = create_event.anywhere(user)
    if creates_events:
        shortcuts.append((_("New event"), reverse("events:new")))
    if create_training.anywhere(user):
        shortcuts.append((_("New training"), reverse("learning:training_new")))
    if create_pilot.filter(user).exists():
        shortcuts.append((_("New pilot"), reverse("pilots:new")))
    if acts:
        shortcuts.append((_("New practice"), reverse("library:practice_create")))
    if creates_events:  # (venues go with events: those who create events add and edit them)
        shortcuts.append((_("Venues and rooms"), reverse("events:venues")))
    return shortcuts


# The privacy page ------------------------------------------------------------------------------------------------

def privacy_notice() -> dict:
    """What the /privacy/ page shows: each declaration of the register of personal data, in the order declared,
    with its retention's configured periods filled in, the controller's contact and where to exercise one's
    rights."""
    entries = []
    for declaration in REGISTER.declarations.values():
        model = apps.get_model(declaration.model)
        title = str(model._meta.verbose_name_plural)
        entries.append({"title": title[:1].upper() + title[1:], "declaration": declaration,
                        "retention": declaration.retention.describe(), "anchor": model._meta.label_lower})
    rights_url = reverse("accounts:your_data")  # "Your data": see, download and erase what the platform holds
    name, address = parseaddr(settings.LIAISE_PRIVACY_CONTACT)
    return {"entries": entries, "contact_name": name, "contact_email": address or settings.LIAISE_PRIVACY_CONTACT,
            "rights_url": rights_url}
