"""Writes for the network, one function per use case, each in a transaction.

Domain errors carry a message for a person; nothing half-written stays behind.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from liaise.core.errors import InvalidInput

from .models import Membership, Organisation, Partnership, Project, ProjectRole


class NetworkError(InvalidInput):
    """A refused network operation, with a message for a person."""


def _validated(instance):
    try:
        instance.full_clean()
    except ValidationError as exc:
        messages = "; ".join(f"{field}: {' '.join(errs)}" if field not in ("__all__",) else " ".join(errs)
                             for field, errs in exc.message_dict.items())
        raise NetworkError(messages) from None
    instance.save()
    return instance


@transaction.atomic
def save_organisation(slug: str, **fields) -> Organisation:
    """Create or update the organisation ``slug``."""
    organisation = Organisation.objects.filter(slug=slug).first() or Organisation(slug=slug)
    for name, value in fields.items():
        setattr(organisation, name, value)
    return _validated(organisation)


@transaction.atomic
def save_project(slug: str, *, topics=None, **fields) -> Project:
    project = Project.objects.filter(slug=slug).first() or Project(slug=slug)
    for name, value in fields.items():
        setattr(project, name, value)
    _validated(project)
    if topics is not None:
        project.topics.set(topics)
    return project


@transaction.atomic
def set_partnership(project: Project, organisation: Organisation, role: str, joined_on=None) -> Partnership:
    """Make ``organisation`` a partner of ``project`` in ``role`` (creating or updating the partnership)."""
    if role == Partnership.Role.LEAD:
        other_lead = project.partnerships.filter(role=Partnership.Role.LEAD).exclude(organisation=organisation)
        if other_lead.exists():
            raise NetworkError(f"{project} already has a lead partner: {other_lead.get().organisation}.")
    partnership = Partnership.objects.filter(project=project, organisation=organisation).first()
    partnership = partnership or Partnership(project=project, organisation=organisation)
    partnership.role = role
    partnership.joined_on = joined_on
    return _validated(partnership)


@transaction.atomic
def add_membership(user, organisation: Organisation, position: str = "") -> Membership:
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"position": position}
    )
    return membership


@transaction.atomic
def grant_project_role(project: Project, user, role: str, organisation: Organisation | None = None) -> ProjectRole:
    """Give ``user`` a role in ``project``; partner roles speak for a partner organisation the user belongs to
    (checked by ``ProjectRole.clean``, so the admin applies the same rules)."""
    project_role = ProjectRole.objects.filter(project=project, user=user).first()
    project_role = project_role or ProjectRole(project=project, user=user)
    project_role.role = role
    project_role.organisation = organisation
    return _validated(project_role)
