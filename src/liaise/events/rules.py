"""Who may manage an event: site admins, the project's coordinators, and the partner coordinators of the
event's organising partners."""

import rules

from liaise.network.models import ProjectRole
from liaise.network.rules import coordinates_project, is_a_project_coordinator, is_site_admin


@rules.predicate
def coordinates_organising_partner(user, event):
    if event is None or not (user.is_authenticated and user.is_active):
        return False
    return ProjectRole.objects.filter(
        user=user, role=ProjectRole.Role.PARTNER_COORDINATOR, organisation__organised_events=event,
        project=event.project_id,
    ).exists()


@rules.predicate
def coordinates_event_project(user, event):
    if event is None:
        return is_a_project_coordinator(user)
    return coordinates_project(user, event.project)


@rules.predicate
def manages_event_of(user, obj):
    """For objects hanging from one event (sessions, registrations, materials)."""
    if obj is None:
        return is_a_project_coordinator(user)
    return can_manage_event(user, obj.event)


can_manage_event = is_site_admin | coordinates_event_project | coordinates_organising_partner

rules.add_perm("events.manage_event", can_manage_event)
for action in ("view", "change", "delete"):
    rules.add_perm(f"events.{action}_event", can_manage_event)
rules.add_perm("events.add_event", is_site_admin | is_a_project_coordinator)
for model in ("session", "registration", "material"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"events.{action}_{model}", is_site_admin | manages_event_of)
for model in ("venue", "room"):
    rules.add_perm(f"events.view_{model}", is_site_admin | is_a_project_coordinator)
    for action in ("add", "change"):
        rules.add_perm(f"events.{action}_{model}", is_site_admin | is_a_project_coordinator)
    rules.add_perm(f"events.delete_{model}", is_site_admin)
