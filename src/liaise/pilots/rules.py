"""Who may do what with pilots (django-rules): the owning partner's coordinator and the project's coordinators
edit; experts, coordinators and partner coordinators comment on pilots; partner members read; anyone with a role
in the project posts and comments on the pilot-ideas board. Seeing a pilot at all is ``queries.visible_pilots``
(404 for the rest)."""

import rules

from liaise.network.models import ProjectRole
from liaise.network.rules import coordinates_project, is_a_project_coordinator, is_site_admin

from . import queries

COMMENTING_ROLES = (ProjectRole.Role.EXPERT, ProjectRole.Role.PROJECT_COORDINATOR,
                    ProjectRole.Role.PARTNER_COORDINATOR)


@rules.predicate
def edits_pilot(user, pilot):
    if pilot is None:
        return is_a_project_coordinator(user)
    return queries.can_edit(user, pilot)


@rules.predicate
def edits_pilot_of(user, obj):
    """For objects hanging from one pilot (indicators, milestones, journal entries)."""
    if obj is None:
        return is_a_project_coordinator(user)
    return queries.can_edit(user, obj.pilot)


@rules.predicate
def may_create_pilots(user):
    return queries.projects_for_new_pilots(user).exists()


@rules.predicate
def comments_in_pilot_project(user, pilot):
    if pilot is None or not (user.is_authenticated and user.is_active):
        return False
    return queries.project_people_roles(user, pilot.project) in COMMENTING_ROLES


@rules.predicate
def has_role_in_idea_project(user, idea_or_project):
    if idea_or_project is None or not (user.is_authenticated and user.is_active):
        return False
    project = getattr(idea_or_project, "project", idea_or_project)
    return queries.project_people_roles(user, project) is not None


can_edit_pilot = is_site_admin | edits_pilot
can_create_pilot = is_site_admin | may_create_pilots
can_comment_on_pilot = is_site_admin | comments_in_pilot_project | edits_pilot
can_use_exchange = is_site_admin | has_role_in_idea_project

rules.add_perm("pilots.edit_pilot", can_edit_pilot)
rules.add_perm("pilots.create_pilot", can_create_pilot)
rules.add_perm("pilots.comment_on_pilot", can_comment_on_pilot)
rules.add_perm("pilots.use_exchange", can_use_exchange)
# admin
rules.add_perm("pilots.view_pilot", is_site_admin | edits_pilot)
rules.add_perm("pilots.change_pilot", is_site_admin | edits_pilot)
rules.add_perm("pilots.add_pilot", is_site_admin | is_a_project_coordinator)
rules.add_perm("pilots.delete_pilot", is_site_admin | edits_pilot)
for model in ("indicator", "milestone", "update"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"pilots.{action}_{model}", is_site_admin | edits_pilot_of)
rules.add_perm("pilots.view_targetgroup", is_site_admin | is_a_project_coordinator)
for action in ("add", "change", "delete"):
    rules.add_perm(f"pilots.{action}_targetgroup", is_site_admin)  # a neutral list: never religion or ethnicity


@rules.predicate
def coordinates_project_of_comment(user, obj):
    """For moderating ideas and comments: the coordinators of the project they were written in."""
    if obj is None:
        return is_a_project_coordinator(user)
    parent = obj.pilot if getattr(obj, "pilot_id", None) else getattr(obj, "idea", None) or obj
    return coordinates_project(user, parent.project)


for model in ("idea", "comment"):
    for action in ("view", "change", "delete"):
        rules.add_perm(f"pilots.{action}_{model}", is_site_admin | coordinates_project_of_comment)
