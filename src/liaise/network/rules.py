"""Permission predicates for the network (django-rules), named for what they allow.

Predicates take ``(user, obj)``; with ``obj=None`` (model-level checks, e.g. the admin's index) they answer
whether the user may act on *some* object of that kind.
"""

import rules

from .models import Organisation, Partnership, Project, ProjectRole


@rules.predicate
def is_site_admin(user):
    return bool(user.is_authenticated and user.is_active and user.is_staff)


@rules.predicate
def is_a_project_coordinator(user):
    return bool(
        user.is_authenticated
        and user.is_active
        and ProjectRole.objects.filter(user=user, role=ProjectRole.Role.PROJECT_COORDINATOR).exists()
    )


def _coordinated_project_ids(user) -> set[int]:
    return set(
        ProjectRole.objects.filter(user=user, role=ProjectRole.Role.PROJECT_COORDINATOR).values_list(
            "project_id", flat=True
        )
    )


@rules.predicate
def coordinates_project(user, project: Project | None):
    if not (user.is_authenticated and user.is_active):
        return False
    if project is None:
        return is_a_project_coordinator(user)
    return project.pk in _coordinated_project_ids(user)


@rules.predicate
def coordinates_project_of(user, obj):
    """For objects that belong to one project (a partnership, a project role)."""
    if obj is None:
        return is_a_project_coordinator(user)
    return coordinates_project(user, obj.project)


@rules.predicate
def coordinates_a_project_of_organisation(user, organisation: Organisation | None):
    """Project coordinators maintain the records of organisations in their projects, and of organisations in
    no project yet (e.g. one they have just added, or a speaker's affiliation)."""
    if organisation is None:
        return is_a_project_coordinator(user)
    ids = _coordinated_project_ids(user) if user.is_authenticated else set()
    if not ids:
        return False
    partnerships = Partnership.objects.filter(organisation=organisation)
    return partnerships.filter(project_id__in=ids).exists() or not partnerships.exists()


@rules.predicate
def is_partner_coordinator_of(user, organisation: Organisation | None):
    if organisation is None or not (user.is_authenticated and user.is_active):
        return False
    return ProjectRole.objects.filter(
        user=user, organisation=organisation, role=ProjectRole.Role.PARTNER_COORDINATOR
    ).exists()


can_edit_project = is_site_admin | coordinates_project
can_edit_organisation = is_site_admin | coordinates_a_project_of_organisation | is_partner_coordinator_of
can_manage_partnership = is_site_admin | coordinates_project_of
can_edit_person = is_site_admin | is_a_project_coordinator

# Who may open the admin at all (see liaise.accounts.admin_site).
rules.add_perm("liaise.use_admin", is_site_admin | is_a_project_coordinator)

rules.add_perm("network.view_project", can_edit_project)
rules.add_perm("network.change_project", can_edit_project)
rules.add_perm("network.add_project", is_site_admin)
rules.add_perm("network.delete_project", is_site_admin)

for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"network.{action}_partnership", can_manage_partnership)
    rules.add_perm(f"network.{action}_projectrole", can_manage_partnership)
    rules.add_perm(f"network.{action}_person", can_edit_person)
rules.add_perm("network.view_organisation", can_edit_organisation | is_a_project_coordinator)
rules.add_perm("network.change_organisation", can_edit_organisation)
rules.add_perm("network.add_organisation", is_site_admin | is_a_project_coordinator)
rules.add_perm("network.delete_organisation", is_site_admin)
# The taxonomy is guarded: it stays neutral across ideologies and never tags religion or ethnicity.
rules.add_perm("network.view_topic", is_site_admin | is_a_project_coordinator)
for action in ("add", "change", "delete"):
    rules.add_perm(f"network.{action}_topic", is_site_admin)
rules.add_perm("network.view_membership", is_site_admin | is_a_project_coordinator)
for action in ("add", "change", "delete"):
    rules.add_perm(f"network.{action}_membership", is_site_admin | is_a_project_coordinator)
