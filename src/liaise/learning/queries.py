"""Reads for learning: visible trainings and modules, who may run a training, attendance grids, feedback results
(shown only from 5 answers), a trainee's own trainings and certificates."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, QuerySet

from liaise.core.authz import active
from liaise.core.filters import FilterSet
from liaise.events.models import Registration
from liaise.network.models import ProjectRole
from liaise.network.queries import project_filter, visible_projects

from .models import FEEDBACK_MIN_ANSWERS, Attendance, Certificate, FeedbackAnswer, FeedbackReceipt, Module, Training
from .rules import create_training, view_training


def visible_trainings(user) -> QuerySet[Training]:
    """Trainings ``user`` may see (``rules.view_training``)."""
    return view_training.filter(user)


def training_filters(user) -> FilterSet:
    """The training list's filters (page and API): a project ``user`` may see."""
    return FilterSet(project=project_filter(user))


def training_list(user, project: str = "") -> QuerySet[Training]:
    """Visible trainings with event, partner, modules and trainers (three queries)."""
    trainings = visible_trainings(user)
    if project:
        trainings = trainings.filter(event__project__slug=project)
    return (
        trainings.select_related("event__project", "partner")
        .prefetch_related(Prefetch("modules", queryset=Module.objects.select_related("topic")), "trainers")
        .order_by("event__start", "event__slug")
    )


def training_page(user=None) -> QuerySet[Training]:
    """Trainings shaped for their page (event, venues, partner, modules, trainers). Fetch one through
    ``authz.get_or_404(user, rules.view_training, training_page(), event__slug=...)``."""
    return (
        Training.objects.select_related("event__project", "partner")
        .prefetch_related(Prefetch("modules", queryset=Module.objects.select_related("topic")), "trainers",
                          "event__venues")
    )


def visible_modules(user) -> QuerySet[Module]:
    return Module.objects.filter(project__in=visible_projects(user)).select_related("topic", "project")


def confirmed_trainees(training: Training) -> QuerySet[Registration]:
    return training.event.registrations.filter(status=Registration.Status.CONFIRMED).order_by("name", "pk")


@dataclass
class AttendanceRow:
    registration: Registration
    attended: set[int]  # module ids
    certificate: Certificate | None


def attendance_grid(training: Training, modules: list[Module]) -> list[AttendanceRow]:
    """Each confirmed trainee with the modules they attended and their certificate (three queries)."""
    trainees = list(confirmed_trainees(training).select_related("certificate"))
    attended: dict[int, set[int]] = {}
    for registration_id, module_id in Attendance.objects.filter(training=training).values_list(
        "registration_id", "module_id"
    ):
        attended.setdefault(registration_id, set()).add(module_id)
    rows = []
    for r in trainees:
        try:
            certificate = r.certificate
        except Certificate.DoesNotExist:
            certificate = None
        rows.append(AttendanceRow(r, attended.get(r.pk, set()), certificate))
    return rows


@dataclass
class FeedbackResults:
    answers: int
    shown: bool  # False below FEEDBACK_MIN_ANSWERS: then nothing else is filled in
    overall: float | None = None
    relevance: float | None = None
    trainers: float | None = None
    distribution: list[tuple[int, int]] | None = None  # (rating, count) of "overall", 5 down to 1
    comments: list[str] | None = None


def feedback_results(training: Training) -> FeedbackResults:
    answers = FeedbackAnswer.objects.filter(training=training)
    figures = answers.aggregate(n=Count("pk"), overall=Avg("overall"), relevance=Avg("relevance"),
                                trainers=Avg("trainers"))
    if figures["n"] < FEEDBACK_MIN_ANSWERS:
        return FeedbackResults(answers=figures["n"], shown=False)
    counts = dict(answers.values_list("overall").annotate(c=Count("pk")).order_by())
    # Comments in the order of their random keys: never in the order they were given.
    comments = [c for c in answers.exclude(comment="").order_by("id").values_list("comment", flat=True)]
    return FeedbackResults(
        answers=figures["n"], shown=True,
        overall=round(figures["overall"], 1), relevance=round(figures["relevance"], 1),
        trainers=round(figures["trainers"], 1),
        distribution=[(rating, counts.get(rating, 0)) for rating in range(5, 0, -1)],
        comments=comments,
    )


def attendee_registration(user, training: Training) -> Registration | None:
    """The user's confirmed registration for the training if they attended at least one module."""
    if not active(user):
        return None
    return (
        confirmed_trainees(training)
        .filter(user=user)
        .filter(Exists(Attendance.objects.filter(registration=OuterRef("pk"))))
        .first()
    )


def has_answered(user, training: Training) -> bool:
    return active(user) and FeedbackReceipt.objects.filter(training=training, user=user).exists()


@dataclass
class MyTraining:
    registration: Registration
    training: Training
    modules: list[Module]
    certificate: Certificate | None
    answered: bool


def my_trainings(user) -> list[MyTraining]:
    """The trainings ``user`` registered for (confirmed), with the modules they attended, their certificate and
    whether they answered the survey (four queries)."""
    registrations = list(
        Registration.objects.filter(user=user, status=Registration.Status.CONFIRMED, event__training__isnull=False)
        .select_related("event__training__partner", "certificate")
        .prefetch_related(Prefetch("module_attendances", queryset=Attendance.objects.select_related("module")))
        .order_by("-event__start")
    )
    answered = set(FeedbackReceipt.objects.filter(user=user).values_list("training_id", flat=True))
    result = []
    for r in registrations:
        try:
            certificate = r.certificate
        except Certificate.DoesNotExist:
            certificate = None
        training = r.event.training
        result.append(MyTraining(r, training, [a.module for a in r.module_attendances.all()], certificate,
                                 training.pk in answered))
    return result


def certificates() -> QuerySet[Certificate]:
    """Certificates with their training's event and the registration (what the verification page and the PDF
    show)."""
    return Certificate.objects.select_related("training__event", "registration")


def certificate_by_code(code: str) -> Certificate:
    """Public verification: raises Certificate.DoesNotExist for an unknown (or forged) code."""
    return certificates().get(code=code)


def trainers_of_projects(project_ids) -> QuerySet:
    """Users with the expert role in these projects: who may be chosen as trainers."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        project_roles__project__in=project_ids, project_roles__role=ProjectRole.Role.EXPERT
    ).distinct()


# Creating and editing trainings.


def projects_for_new_trainings(user) -> QuerySet:
    """Projects in which ``user`` may create a training (``rules.create_training``)."""
    return create_training.filter(user).order_by("-start", "slug")


@dataclass
class TrainingChoices:
    """What the training form offers within one project."""

    events: QuerySet  # training events without a training that the user manages
    partners: QuerySet  # the project's partner organisations
    modules: QuerySet  # the project's curriculum
    trainers: QuerySet  # the project's experts


def training_form_choices(user, project) -> TrainingChoices:
    from liaise.events.models import Event
    from liaise.events.rules import manage_event
    from liaise.network.models import Organisation

    events = manage_event.filter(user, Event.objects.filter(
        project=project, kind=Event.Kind.TRAINING, training__isnull=True)).order_by("start", "slug")
    partners = Organisation.objects.filter(partnerships__project=project).order_by("slug")
    modules = Module.objects.filter(project=project).select_related("topic").order_by(
        "topic__position", "position", "slug")
    trainers = trainers_of_projects([project.pk]).order_by("full_name", "email")
    return TrainingChoices(events, partners, modules, trainers)


# For the results framework (``liaise.reporting.metrics``).


def delivered_trainings(events) -> QuerySet[Training]:
    """The trainings of ``events`` (e.g. ``events.queries.held_events``)."""
    return Training.objects.filter(event__in=events)


def trained(trainings: QuerySet[Training]) -> QuerySet[Registration]:
    """Registrations recorded as present at one module or more of ``trainings`` (the attendance grids' ticks)."""
    return Registration.objects.filter(
        Exists(Attendance.objects.filter(registration=OuterRef("pk"), training__in=trainings)))


def issued_certificates(project, start, end) -> QuerySet[Certificate]:
    """Certificates of ``project``'s trainings issued between ``start`` and ``end`` (inclusive)."""
    return Certificate.objects.filter(training__event__project=project, issued__range=(start, end))
