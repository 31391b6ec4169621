"""Who may do what in the library (django-rules), for the admin; the pages use the same conditions as query
filters (``queries.editable_q`` and ``queries.review_q``)."""

import rules

from liaise.network.models import ProjectRole
from liaise.network.rules import coordinates_project, is_a_project_coordinator, is_site_admin


@rules.predicate
def coordinates_practice_project(user, obj):
    """For practices and resources (both belong to one project)."""
    if obj is None:
        return is_a_project_coordinator(user)
    return coordinates_project(user, obj.project)


@rules.predicate
def coordinates_practice_organisation(user, practice):
    if practice is None or not (user.is_authenticated and user.is_active):
        return False
    return ProjectRole.objects.filter(user=user, project=practice.project_id, organisation=practice.organisation_id,
                                      role=ProjectRole.Role.PARTNER_COORDINATOR).exists()


can_review_practice = is_site_admin | coordinates_practice_project
can_edit_practice = can_review_practice | coordinates_practice_organisation

rules.add_perm("library.review_practice", can_review_practice)
rules.add_perm("library.edit_practice", can_edit_practice)
# The admin is for site admins and project coordinators (partner coordinators use the library's own pages).
for model in ("practice", "resource"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"library.{action}_{model}", can_review_practice)
