"""Who may see and manage events, sessions, materials and registrations: each permission defined once as a query
condition (see ``liaise.core.authz``); the admin's django-rules permissions are derived from them.

An event is seen by its visibility and its project's (never more visible than its project), once published; a
session and a material narrow their event's visibility (Indico's inherited protection). An event is managed by
site admins, the project's coordinators and the partner coordinators of its organising partners.
"""

import rules
from django.db.models import Exists, OuterRef, Q

from liaise.core import authz
from liaise.network.models import Project, ProjectRole, Visibility
from liaise.network.rules import is_a_project_coordinator, is_site_admin, role_q, visibility_q

from .models import Event, Material, Registration, Session, Venue


@authz.permission("events.manage_event", Event, site_admins=True, signed_in=True)
def manage_event(user) -> Q:
    """Events ``user`` manages: their organiser pages, drafts, registrations, live boards, trainings."""
    organiser = Event.organisers.through.objects.filter(
        event=OuterRef("pk"),
        organisation__project_roles__user=user,
        organisation__project_roles__role=ProjectRole.Role.PARTNER_COORDINATOR,
        organisation__project_roles__project=OuterRef("project"),
    )
    return role_q(user, "project", ProjectRole.Role.PROJECT_COORDINATOR) | Exists(organiser)


@authz.permission("events.create_event", Project, site_admins=True, signed_in=True)
def create_event(user) -> Q:
    """Projects in which ``user`` may create an event: their coordinators and partner coordinators (a partner
    coordinator's event must have their own organisation among its organisers: ``programme.save_event``)."""
    return role_q(user, "pk", ProjectRole.Role.PROJECT_COORDINATOR, ProjectRole.Role.PARTNER_COORDINATOR)


@authz.permission("events.view_event", Event, site_admins=True)
def view_event(user) -> Q:
    """Published (and cancelled) events by their visibility and their project's; drafts for their managers."""
    seen = ~Q(status=Event.Status.DRAFT) & visibility_q(user, project="project") & visibility_q(
        user, project="project", field="project__visibility"
    )
    return seen | manage_event.q(user)


def _narrowed_q(user, field: str, parent: str = "") -> Q:
    """The object's own visibility at ``field`` (blank: its parent's) is within the level ``user`` reaches in
    the event it belongs to: anyone for public, the project's people and the event's managers for partners,
    the managers for organisers. (Seeing the event already means reaching the event's own visibility.)
    ``parent``: the visibility of an optional parent in the same event (a material's session), within reach
    too when there is one."""
    if authz.site_admin(user):
        return authz.EVERYTHING
    if authz.active(user):  # (a visitor reaches the public level only)
        managed = Q(event__in=manage_event.filter(user))
        partners = role_q(user, "event__project") | managed

    def within(name: str) -> Q:
        condition = Q(**{f"{name}__in": ["", Visibility.PUBLIC]})
        if authz.active(user):
            condition |= Q(**{name: Visibility.PARTNERS}) & partners | Q(**{name: Visibility.ORGANISERS}) & managed
        return condition

    return within(field) & (Q(**{f"{parent}__isnull": True}) | within(parent)) if parent else within(field)


@authz.permission("events.view_session", Session, parent=("event", view_event))
def view_session(user) -> Q:
    """Sessions of visible events, within their own visibility."""
    return _narrowed_q(user, "visibility")


@authz.permission("events.view_material", Material, parent=("event", view_event))
def view_material(user) -> Q:
    """Materials of visible events, within their session's visibility and their own."""
    # (A material's session belongs to the material's event: the session is seen when its visibility is within
    # reach — view_session's condition on that event — checked on the same row, not through a second query.)
    return _narrowed_q(user, "visibility", parent="session__visibility")


@authz.permission("events.manage_registration", Registration)
def manage_registration(user) -> Q:
    """Registrations of the events ``user`` manages (the list, the export, check-in)."""
    return Q(event__in=manage_event.filter(user))


@authz.permission("events.edit_venue", Venue, site_admins=True, signed_in=True)
def edit_venue(user) -> Q:
    """Venues (shared by the network's events) and their rooms that ``user`` edits: every venue for a project
    coordinator; for a partner coordinator, those that only events they manage use (or no event yet). Creating a
    venue goes with creating an event (``events.create_event`` anywhere), as the event form does."""
    coordinator = ProjectRole.objects.filter(user=user, role=ProjectRole.Role.PROJECT_COORDINATOR)
    partner = ProjectRole.objects.filter(user=user, role=ProjectRole.Role.PARTNER_COORDINATOR)
    others = Event.venues.through.objects.filter(venue=OuterRef("pk")).exclude(event__in=manage_event.filter(user))
    return Exists(coordinator) | (Exists(partner) & ~Exists(others))


for action in ("view", "change", "delete"):
    rules.add_perm(f"events.{action}_event", manage_event.rule(anywhere=is_a_project_coordinator))
rules.add_perm("events.add_event", is_site_admin | is_a_project_coordinator)
for model in ("session", "registration", "material"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"events.{action}_{model}", manage_event.rule(via="event", anywhere=is_a_project_coordinator))
for model in ("venue", "room"):
    rules.add_perm(f"events.view_{model}", is_site_admin | is_a_project_coordinator)
    for action in ("add", "change"):
        rules.add_perm(f"events.{action}_{model}", is_site_admin | is_a_project_coordinator)
    rules.add_perm(f"events.delete_{model}", is_site_admin)
