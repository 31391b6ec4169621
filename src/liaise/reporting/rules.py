"""Who sees and who writes a project's results, each permission defined once as a query condition (see
``liaise.core.authz``).

- Visitors see a visible project's **public indicators** and its **public (PU) deliverables** once submitted.
- Anyone with a role in the project (partners) sees everything of the project's results: the work plan, the
  risks, every indicator, the partner activity table, and downloads the periodic report.
- Project coordinators manage the work plan and the results framework, and approve or return reported values.
- A partner reports values for its own organisation (``network.act_for_partner``: its partner coordinator, and
  the project's coordinators); the lead partner of a work package writes its narrative.
"""

import rules
from django.db.models import Exists, OuterRef, Q

from liaise.core import authz
from liaise.network.models import Project, ProjectRole
from liaise.network.rules import coordinate_project, is_site_admin, role_q, visibility_q

from .models import Deliverable, Indicator, ReportedValue, WorkPackage


@authz.permission("reporting.view_workplan", Project, site_admins=True, signed_in=True)
def view_workplan(user) -> Q:
    """Projects whose whole results ``user`` sees (work plan, risks, every indicator, the periodic report): anyone
    with a role in the project."""
    return role_q(user, "pk")


@authz.permission("reporting.manage_results", Project, site_admins=True, signed_in=True)
def manage_results(user) -> Q:
    """Projects whose work plan and results framework ``user`` edits, and whose reported values they approve or
    return: the project's coordinators."""
    return coordinate_project.q(user)


@authz.permission("reporting.view_indicator", Indicator, site_admins=True)
def view_indicator(user) -> Q:
    """Public indicators of the projects ``user`` may see; every indicator of a project they have a role in."""
    return (Q(public=True) & visibility_q(user, project="project", field="project__visibility")) | role_q(
        user, "project")


@authz.permission("reporting.view_deliverable", Deliverable, site_admins=True)
def view_deliverable(user) -> Q:
    """Public (PU) deliverables once submitted, of the projects ``user`` may see; every deliverable of a project
    they have a role in."""
    project = "work_package__project"
    published = Q(dissemination=Deliverable.Dissemination.PUBLIC) & ~Q(status=Deliverable.Status.PLANNED)
    return (published & visibility_q(user, project=project, field=f"{project}__visibility")) | role_q(user, project)


@authz.permission("reporting.write_narrative", WorkPackage, site_admins=True, signed_in=True)
def write_narrative(user) -> Q:
    """Work packages whose Part B narrative ``user`` writes: the project's coordinators, and the partner
    coordinator of the work package's lead partner."""
    lead = ProjectRole.objects.filter(user=user, project=OuterRef("project"), organisation=OuterRef("lead"),
                                      role=ProjectRole.Role.PARTNER_COORDINATOR)
    return role_q(user, "project", ProjectRole.Role.PROJECT_COORDINATOR) | Exists(lead)


@authz.permission("reporting.view_reported_value", ReportedValue, site_admins=True, signed_in=True)
def view_reported_value(user) -> Q:
    """Reported values ``user`` sees: all of a project they coordinate; all of their own organisation's; the
    approved ones of any project they have a role in."""
    project = "indicator__project"
    own = ProjectRole.objects.filter(user=user, project=OuterRef(project), organisation=OuterRef("organisation"))
    return (role_q(user, project, ProjectRole.Role.PROJECT_COORDINATOR) | Exists(own)
            | (Q(status=ReportedValue.Status.APPROVED) & role_q(user, project)))


@authz.permission("reporting.edit_reported_value", ReportedValue, site_admins=True, signed_in=True)
def edit_reported_value(user) -> Q:
    """Reported values ``user`` edits and submits, while they are drafts or returned: the project's coordinators,
    and the partner coordinator of the reporting organisation."""
    project = "indicator__project"
    own = ProjectRole.objects.filter(user=user, project=OuterRef(project), organisation=OuterRef("organisation"),
                                     role=ProjectRole.Role.PARTNER_COORDINATOR)
    open_ = Q(status__in=(ReportedValue.Status.DRAFT, ReportedValue.Status.RETURNED))
    return open_ & (role_q(user, project, ProjectRole.Role.PROJECT_COORDINATOR) | Exists(own))


@authz.permission("reporting.review_reported_value", ReportedValue, site_admins=True, signed_in=True)
def review_reported_value(user) -> Q:
    """Submitted values ``user`` approves or returns with a comment: the project's coordinators."""
    return Q(status=ReportedValue.Status.SUBMITTED) & role_q(user, "indicator__project",
                                                             ProjectRole.Role.PROJECT_COORDINATOR)


# The admin: site admins only (the organisers work in the pages).
for model in ("reportingperiod", "workpackage", "deliverable", "milestone", "risk", "riskreview", "indicator",
              "target", "reportedvalue", "reportedvaluechange", "narrative"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"reporting.{action}_{model}", is_site_admin)
