"""Who may see and run trainings, answer their survey and download certificates, each permission defined once
as a query condition (see ``liaise.core.authz``); the admin's django-rules permissions are derived from them.

A training is run by its event's managers (project coordinators, organising partners' coordinators, site admins)
and by its trainers."""

import rules
from django.db.models import Exists, OuterRef, Q

from liaise.core import authz
from liaise.events.models import Registration
from liaise.events.rules import manage_event, view_event
from liaise.network.models import Project, ProjectRole
from liaise.network.rules import coordinate_project, is_a_project_coordinator, is_site_admin, role_q

from .models import Attendance, Certificate, Training


@authz.permission("learning.view_training", Training)
def view_training(user) -> Q:
    """Trainings whose event ``user`` may see (the event's visibility and status, and its project's)."""
    return Q(event__in=view_event.filter(user))


@authz.permission("learning.run_training", Training, site_admins=True, signed_in=True)
def run_training(user) -> Q:
    """Attendance, certificates and feedback results (the results only from 5 answers): the event's managers and
    the training's trainers."""
    trainer = Exists(Training.trainers.through.objects.filter(training=OuterRef("pk"), user=user))
    return Q(event__in=manage_event.filter(user)) | trainer


@authz.permission("learning.create_training", Project, site_admins=True, signed_in=True)
def create_training(user) -> Q:
    """Projects in which ``user`` may create a training (/trainings/new/): their project coordinators and
    partner coordinators. A partner coordinator's training hangs from an event their organisation organises
    (an existing one they manage, or a new one their organisation organises): ``services.create_training``
    checks it, so they create trainings delivered by their own organisation and no other."""
    return role_q(user, "pk", ProjectRole.Role.PROJECT_COORDINATOR, ProjectRole.Role.PARTNER_COORDINATOR)


@authz.permission("learning.edit_training", Training, site_admins=True, signed_in=True)
def edit_training(user) -> Q:
    """Editing a training (partner trained, modules, trainers): the managers of its event (events.manage_event:
    the project's coordinators, the organising partners' coordinators, site admins). Trainers run a training
    (``run_training``) but do not edit it."""
    return Q(event__in=manage_event.filter(user))


@authz.permission("learning.give_feedback", Training, signed_in=True)
def give_feedback(user) -> Q:
    """The anonymous survey: trainees with a confirmed registration who attended at least one module."""
    attended = Registration.objects.filter(
        event=OuterRef("event"), user=user, status=Registration.Status.CONFIRMED,
    ).filter(Exists(Attendance.objects.filter(registration=OuterRef("pk"))))
    return Q(event__in=view_event.filter(user)) & Exists(attended)


@authz.permission("learning.download_certificate", Certificate, site_admins=True, signed_in=True)
def download_certificate(user) -> Q:
    """The PDF: its holder and the people who run the training."""
    return Q(registration__user=user) | Q(training__in=run_training.filter(user))


for action in ("view", "change", "delete"):
    rules.add_perm(f"learning.{action}_training", manage_event.rule(via="event", anywhere=is_a_project_coordinator))
rules.add_perm("learning.add_training", is_site_admin | is_a_project_coordinator)


coordinates_module_project = coordinate_project.rule(via="project", anywhere=is_a_project_coordinator)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"learning.{action}_module", coordinates_module_project if action != "add"
                   else is_site_admin | is_a_project_coordinator)
    rules.add_perm(f"learning.{action}_attendance",
                   run_training.rule(via="training", anywhere=is_a_project_coordinator))
rules.add_perm("learning.view_certificate", run_training.rule(via="training", anywhere=is_a_project_coordinator))
rules.add_perm("learning.delete_certificate", is_site_admin)
