"""Who may do what with trainings (django-rules): a training is run by its event's managers (project
coordinators, organising partners' coordinators, site admins) and by its trainers."""

import rules

from liaise.events.rules import can_manage_event
from liaise.network.rules import coordinates_project_of, is_a_project_coordinator, is_site_admin


@rules.predicate
def trains(user, training):
    if training is None or not (user.is_authenticated and user.is_active):
        return False
    return training.trainers.filter(pk=user.pk).exists()


@rules.predicate
def manages_training_event(user, training):
    if training is None:
        return is_a_project_coordinator(user)
    return can_manage_event(user, training.event)


@rules.predicate
def runs_training_of(user, obj):
    """For objects hanging from one training (attendance, certificates)."""
    if obj is None:
        return is_a_project_coordinator(user)
    return can_run_training(user, obj.training)


can_run_training = is_site_admin | manages_training_event | trains
# Feedback results: trainers and coordinators — and only from 5 answers (see queries.feedback_results).
can_see_feedback = can_run_training

rules.add_perm("learning.run_training", can_run_training)
rules.add_perm("learning.see_feedback", can_see_feedback)
rules.add_perm("learning.view_training", is_site_admin | manages_training_event)
rules.add_perm("learning.change_training", is_site_admin | manages_training_event)
rules.add_perm("learning.add_training", is_site_admin | is_a_project_coordinator)
rules.add_perm("learning.delete_training", is_site_admin | manages_training_event)
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"learning.{action}_module", is_site_admin | (coordinates_project_of if action != "add"
                                                                  else is_a_project_coordinator))
    rules.add_perm(f"learning.{action}_attendance", is_site_admin | runs_training_of)
rules.add_perm("learning.view_certificate", is_site_admin | runs_training_of)
rules.add_perm("learning.delete_certificate", is_site_admin)
