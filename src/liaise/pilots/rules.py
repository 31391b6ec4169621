"""Who may see, edit and comment on pilots, and use the pilot-ideas board, each permission defined once as a query
condition (see ``liaise.core.authz``); the admin's django-rules permissions are derived from them.

The owning partner's coordinator and the project's coordinators edit; experts, coordinators and partner
coordinators comment; partner members read; anyone with a role in the project posts and comments on the
pilot-ideas board."""

import rules
from django.db.models import Q

from liaise.core import authz
from liaise.network.models import Project, ProjectRole
from liaise.network.rules import (
    coordinate_project,
    is_a_project_coordinator,
    is_site_admin,
    partner_q,
    role_q,
    visibility_q,
)

from .models import Idea, Pilot

COMMENTING_ROLES = (ProjectRole.Role.EXPERT, ProjectRole.Role.PROJECT_COORDINATOR,
                    ProjectRole.Role.PARTNER_COORDINATOR)
CREATING_ROLES = (ProjectRole.Role.PROJECT_COORDINATOR, ProjectRole.Role.PARTNER_COORDINATOR)


@authz.permission("pilots.edit_pilot", Pilot, site_admins=True, signed_in=True)
def edit_pilot(user) -> Q:
    """Pilots ``user`` edits (stages, logic model, indicators, milestones, journal, publishing as a practice): the
    project's coordinators, and the partner coordinator of the owning organisation in that project."""
    return partner_q(user)


@authz.permission("pilots.view_pilot", Pilot, site_admins=True)
def view_pilot(user) -> Q:
    """Pilots by their visibility and their project's (public · partners · organisers); their editors always."""
    seen = visibility_q(user, project="project") & visibility_q(user, project="project",
                                                                field="project__visibility")
    return seen | edit_pilot.q(user)


@authz.permission("pilots.comment_on_pilot", Pilot, site_admins=True, signed_in=True)
def comment_on_pilot(user) -> Q:
    """Comments on a pilot: its editors, and the experts, coordinators and partner coordinators of its project."""
    return Q(pk__in=view_pilot.filter(user).values("pk")) & (role_q(user, "project", *COMMENTING_ROLES)
                                                             | edit_pilot.q(user))


@authz.permission("pilots.create_pilot", Project, site_admins=True, signed_in=True)
def create_pilot(user) -> Q:
    """Projects in which ``user`` may create a pilot: their coordinators and partner coordinators."""
    return role_q(user, "pk", *CREATING_ROLES)


@authz.permission("pilots.use_exchange", Project, site_admins=True, signed_in=True)
def use_exchange(user) -> Q:
    """Projects whose pilot-ideas board ``user`` reads and posts to: anyone with a role in the project."""
    return role_q(user, "pk")


@authz.permission("pilots.view_idea", Idea)
def view_idea(user) -> Q:
    """Ideas (and their comments) of the boards ``user`` may use."""
    return Q(project__in=use_exchange.filter(user))


# admin
admin_edit_pilot = edit_pilot.rule(anywhere=is_a_project_coordinator)
rules.add_perm("pilots.view_pilot", admin_edit_pilot)
rules.add_perm("pilots.change_pilot", admin_edit_pilot)
rules.add_perm("pilots.add_pilot", is_site_admin | is_a_project_coordinator)
rules.add_perm("pilots.delete_pilot", admin_edit_pilot)
for model in ("indicator", "milestone", "update"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"pilots.{action}_{model}", edit_pilot.rule(via="pilot", anywhere=is_a_project_coordinator))
rules.add_perm("pilots.view_targetgroup", is_site_admin | is_a_project_coordinator)
for action in ("add", "change", "delete"):
    rules.add_perm(f"pilots.{action}_targetgroup", is_site_admin)  # a neutral list: never religion or ethnicity


@rules.predicate
def coordinates_project_of_comment(user, obj):
    """For moderating ideas and comments: the coordinators of the project they were written in."""
    if isinstance(obj, Idea):
        parent = obj
    elif getattr(obj, "pilot_id", None) or getattr(obj, "idea_id", None):
        parent = obj.pilot if obj.pilot_id else obj.idea
    else:  # none, or a comment not attached yet (the admin's add form): may act on some
        return is_a_project_coordinator(user)
    return coordinate_project.allows(user, parent.project)


for model in ("idea", "comment"):
    for action in ("view", "change", "delete"):
        rules.add_perm(f"pilots.{action}_{model}", is_site_admin | coordinates_project_of_comment)
