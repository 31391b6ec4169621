"""Data-subject rights for the network: memberships, project roles, invitations and role changes."""

from django.db.models import Q

from liaise.core.personal_data import eraser, exporter

from .models import Invitation, Membership, ProjectRole, RoleChange


@exporter("network")
def export_network(user) -> dict:
    """Your memberships of organisations (with your position), your roles in projects, the invitations sent to
    your address or by you, and the record of roles given to you or by you."""
    return {
        "memberships": list(Membership.objects.filter(user=user).values(
            "organisation__slug", "organisation__name", "position", "since")),
        "project_roles": list(ProjectRole.objects.filter(user=user).values(
            "project__acronym", "role", "organisation__slug")),
        "invitations_received": list(Invitation.objects.filter(
            Q(email__iexact=user.email) | Q(accepted_user=user)).values(
            "email", "organisation__slug", "project__acronym", "role", "created", "expires", "accepted_at",
            "revoked_at")),
        "invitations_sent": list(Invitation.objects.filter(invited_by=user).values(
            "email", "organisation__slug", "project__acronym", "role", "created", "accepted_at", "revoked_at")),
        "role_changes": list(RoleChange.objects.filter(user=user).values(
            "project__acronym", "organisation__slug", "old_role", "new_role", "at")),
        "role_changes_made": list(RoleChange.objects.filter(actor=user).values(
            "project__acronym", "old_role", "new_role", "at")),
    }


@eraser("network")
def erase_network(user) -> dict:
    """Delete the memberships, project roles and the invitations sent to the address; the invitations sent by
    the person and the record of role changes stay, unattributed (their project's history)."""
    return {
        "invitations": Invitation.objects.filter(Q(email__iexact=user.email) | Q(accepted_user=user)).delete()[0],
        "project_roles": ProjectRole.objects.filter(user=user).delete()[0],
        "memberships": Membership.objects.filter(user=user).delete()[0],
        "invitations_sent": Invitation.objects.filter(invited_by=user).update(invited_by=None),
        "role_changes": RoleChange.objects.filter(user=user).update(user=None)
        + RoleChange.objects.filter(actor=user).update(actor=None),
    }
