"""The network's permissions, each defined once as a query condition (see ``liaise.core.authz``), and the admin's
django-rules permissions derived from them.

Visibility (public · partners · organisers) is the one protection concept of every object that belongs to a
project: :func:`visibility_q` is its condition, used by each app's "view" permission.
"""

import rules
from django.db.models import Exists, OuterRef, Q

from liaise.core import authz

from .models import Invitation, Organisation, Partnership, Project, ProjectRole, Visibility


def visibility_q(user, project: str = "pk", field: str = "visibility") -> Q:
    """The condition "``user`` may see this object" for any model with a visibility and a project
    (``project`` is the path to the project's id: "pk" for Project itself, "project" for an event).

    public: everybody; partners: anyone with a role in the project; organisers: its project coordinators;
    site admins see everything."""
    if authz.site_admin(user):
        return authz.EVERYTHING
    condition = Q(**{field: Visibility.PUBLIC})
    if authz.active(user):
        role = ProjectRole.objects.filter(project=OuterRef(project), user=user)
        condition |= Q(**{field: Visibility.PARTNERS}) & Exists(role)
        condition |= Q(**{field: Visibility.ORGANISERS}) & Exists(
            role.filter(role=ProjectRole.Role.PROJECT_COORDINATOR)
        )
    return condition


def role_q(user, project: str, *roles: str) -> Q:
    """``user`` has a role (one of ``roles``, or any) in the project at path ``project``. Not for site admins:
    combine with their own condition."""
    if not authz.active(user):
        return authz.NOTHING
    held = ProjectRole.objects.filter(project=OuterRef(project), user=user)
    if roles:
        held = held.filter(role__in=roles)
    return Exists(held)


def partner_q(user, prefix: str = "") -> Q:
    """The object at ``prefix`` (its ``project`` and ``organisation``) is one ``user`` acts for: they coordinate
    its project, or they are the partner coordinator of its organisation in that project."""
    if not authz.active(user):
        return authz.NOTHING
    own = ProjectRole.objects.filter(user=user, project=OuterRef(f"{prefix}project"),
                                     organisation=OuterRef(f"{prefix}organisation"),
                                     role=ProjectRole.Role.PARTNER_COORDINATOR)
    return role_q(user, f"{prefix}project", ProjectRole.Role.PROJECT_COORDINATOR) | Exists(own)


def audience_level(user, project: Project) -> str:
    """The widest visibility ``user`` reaches in ``project``: organisers, partners or public (one query)."""
    if not authz.active(user):
        return Visibility.PUBLIC
    if user.is_staff:
        return Visibility.ORGANISERS
    role = ProjectRole.objects.filter(project=project, user=user).values_list("role", flat=True).first()
    if role == ProjectRole.Role.PROJECT_COORDINATOR:
        return Visibility.ORGANISERS
    return Visibility.PARTNERS if role else Visibility.PUBLIC


@authz.permission("network.view_project", Project)
def view_project(user) -> Q:
    """Projects by their visibility."""
    return visibility_q(user)


@authz.permission("network.coordinate_project", Project, site_admins=True, signed_in=True)
def coordinate_project(user) -> Q:
    """Projects ``user`` coordinates (site admins: all): they edit the project, its partnerships and roles."""
    return role_q(user, "pk", ProjectRole.Role.PROJECT_COORDINATOR)


@authz.permission("network.view_organisation", Organisation, site_admins=True)
def view_organisation(user) -> Q:
    """Organisations are public records of the network, except one that takes part only in projects ``user``
    cannot see: its existence would tell about those projects."""
    visible = Partnership.objects.filter(project__in=view_project.filter(user), organisation=OuterRef("pk"))
    return Exists(visible) | ~Exists(Partnership.objects.filter(organisation=OuterRef("pk")))


@authz.permission("network.edit_organisation", Organisation, site_admins=True, signed_in=True)
def edit_organisation(user) -> Q:
    """Site admins; project coordinators for the organisations of their projects — unless an organisation is
    also a partner of a project they do not coordinate (adding it as a partner does not hand over a record other
    projects rely on: its own partner coordinator or a site admin edits it) — and those in no project yet (e.g.
    one they have just added, or a speaker's affiliation); partner coordinators for their own."""
    partnerships = Partnership.objects.filter(organisation=OuterRef("pk"))
    theirs = coordinate_project.filter(user)
    coordinated = Exists(partnerships.filter(project__in=theirs)) & ~Exists(partnerships.exclude(project__in=theirs))
    unattached = ~Exists(partnerships) & Exists(
        ProjectRole.objects.filter(user=user, role=ProjectRole.Role.PROJECT_COORDINATOR))
    own = Exists(ProjectRole.objects.filter(user=user, organisation=OuterRef("pk"),
                                            role=ProjectRole.Role.PARTNER_COORDINATOR))
    return coordinated | unattached | own


@authz.permission("network.act_for_partner", Partnership, site_admins=True, signed_in=True)
def act_for_partner(user) -> Q:
    """The partnerships (a partner in a project) ``user`` acts for — creating its pilots, drafting its practices:
    every partner of the projects they coordinate; a partner coordinator's own organisation; site admins all."""
    return partner_q(user)


@authz.permission("network.manage_people", Project, site_admins=True, signed_in=True)
def manage_people(user) -> Q:
    """Projects whose people ``user`` manages (the people page, invitations): their project coordinators and
    partner coordinators (these for their own organisation only: see :func:`change_role` and
    :func:`act_for_partner`)."""
    return role_q(user, "pk", ProjectRole.Role.PROJECT_COORDINATOR, ProjectRole.Role.PARTNER_COORDINATOR)


@authz.permission("network.change_role", ProjectRole, site_admins=True, signed_in=True)
def change_role(user) -> Q:
    """Roles ``user`` may change or remove: every role in the projects they coordinate; a partner coordinator's
    own organisation's roles, except a project coordinator's."""
    return role_q(user, "project", ProjectRole.Role.PROJECT_COORDINATOR) | (
        partner_q(user) & ~Q(role=ProjectRole.Role.PROJECT_COORDINATOR))


@authz.permission("network.revoke_invitation", Invitation, site_admins=True, signed_in=True)
def revoke_invitation(user) -> Q:
    """Invitations ``user`` may revoke: those of the projects they coordinate; a partner coordinator's for their
    own organisation."""
    return partner_q(user)


@rules.predicate
def is_site_admin(user):
    return authz.site_admin(user)


@rules.predicate
def is_a_project_coordinator(user):
    return authz.active(user) and ProjectRole.objects.filter(
        user=user, role=ProjectRole.Role.PROJECT_COORDINATOR).exists()


can_edit_person = is_site_admin | is_a_project_coordinator

# The admin is for site admins only (liaise.accounts.admin_site); the object-level permissions below are what it
# asks, and they allow site admins everything.
rules.add_perm("network.view_project", coordinate_project.rule())
rules.add_perm("network.change_project", coordinate_project.rule())
rules.add_perm("network.add_project", is_site_admin)
rules.add_perm("network.delete_project", is_site_admin)

for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"network.{action}_partnership", coordinate_project.rule(via="project"))
    rules.add_perm(f"network.{action}_projectrole", coordinate_project.rule(via="project"))
    rules.add_perm(f"network.{action}_person", can_edit_person)
rules.add_perm("network.view_organisation",
               edit_organisation.rule(anywhere=is_a_project_coordinator) | is_a_project_coordinator)
rules.add_perm("network.change_organisation", edit_organisation.rule(anywhere=is_a_project_coordinator))
rules.add_perm("network.add_organisation", is_site_admin | is_a_project_coordinator)
rules.add_perm("network.delete_organisation", is_site_admin)
# The taxonomy is guarded: it stays neutral across ideologies and never tags religion or ethnicity.
rules.add_perm("network.view_topic", is_site_admin | is_a_project_coordinator)
for action in ("add", "change", "delete"):
    rules.add_perm(f"network.{action}_topic", is_site_admin)
for model in ("invitation", "rolechange"):  # (the admin: site admins only; coordinators use the people page)
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"network.{action}_{model}", is_site_admin)
rules.add_perm("network.view_membership", is_site_admin | is_a_project_coordinator)
for action in ("add", "change", "delete"):
    rules.add_perm(f"network.{action}_membership", is_site_admin | is_a_project_coordinator)
