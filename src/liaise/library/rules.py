"""Who may find, open, edit and review practices and download or delete resources, each permission defined once
as a query condition (see ``liaise.core.authz``); the admin's django-rules permissions are derived from them.

A published practice is seen by whoever may see both its own visibility and its project's (as for events);
drafts and practices in review only by their editors and reviewers."""

import rules
from django.db.models import Q

from liaise.core import authz
from liaise.network.rules import coordinate_project, is_a_project_coordinator, partner_q, visibility_q

from .models import Practice, Resource


def visible_q(user, prefix: str = "") -> Q:
    """The object at ``prefix`` is within its own visibility and its project's for ``user``."""
    return visibility_q(user, project=f"{prefix}project", field=f"{prefix}visibility") & visibility_q(
        user, project=f"{prefix}project", field=f"{prefix}project__visibility"
    )


def published_q(user) -> Q:
    """Published practices ``user`` finds in the library (the search and the lists)."""
    return Q(status=Practice.Status.PUBLISHED) & visible_q(user)


@authz.permission("library.edit_practice", Practice, site_admins=True, signed_in=True)
def edit_practice(user) -> Q:
    """Practices ``user`` edits: site admins all; a project's coordinators its practices; a partner coordinator
    the practices of the organisation they coordinate in that project."""
    return partner_q(user)


@authz.permission("library.review_practice", Practice, site_admins=True, signed_in=True)
def review_practice(user) -> Q:
    """Practices ``user`` reviews, publishes and labels: site admins, and the project's coordinators."""
    return Q(project__in=coordinate_project.filter(user))


@authz.permission("library.view_practice", Practice)
def view_practice(user) -> Q:
    """What a practice page may show: the published practices ``user`` finds, and whatever they edit."""
    if not authz.active(user):
        return published_q(user)
    return published_q(user) | edit_practice.q(user)


@authz.permission("library.view_resource", Resource)
def view_resource(user) -> Q:
    """Resources ``user`` may download: standalone ones by their own and their project's visibility; a
    practice's by its own and the practice's (published and visible, or edited by ``user``)."""
    return visible_q(user) & (Q(practice__isnull=True) | Q(practice__in=view_practice.filter(user).values("pk")))


@authz.permission("library.delete_resource", Resource, site_admins=True, signed_in=True)
def delete_resource(user) -> Q:
    """A practice's resources by the practice's editors; standalone ones by the project's coordinators."""
    return (Q(practice__isnull=False, practice__in=edit_practice.filter(user).values("pk"))
            | Q(practice__isnull=True, project__in=coordinate_project.filter(user)))


# The admin is for site admins and project coordinators (partner coordinators use the library's own pages).
for action in ("view", "add", "change", "delete"):
    rules.add_perm(f"library.{action}_practice", review_practice.rule(anywhere=is_a_project_coordinator))
    rules.add_perm(f"library.{action}_resource",
                   coordinate_project.rule(via="project", anywhere=is_a_project_coordinator))
