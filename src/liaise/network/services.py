"""Writes for the network, one function per use case, each in a transaction.

Domain errors carry a message for a person; nothing half-written stays behind.
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from liaise.accounts.models import hash_token
from liaise.core.errors import Conflict, InvalidInput, saved_once
from liaise.core.mail import send_later
from liaise.core.slugs import unique_slug

from . import rules
from .models import Invitation, Membership, Organisation, Partnership, Project, ProjectRole, RoleChange


class NetworkError(InvalidInput):
    """A refused network operation, with a message for a person."""


def _validated(instance):
    try:
        instance.full_clean()
    except ValidationError as exc:
        messages = "; ".join(f"{field}: {' '.join(errs)}" if field not in ("__all__",) else " ".join(errs)
                             for field, errs in exc.message_dict.items())
        raise NetworkError(messages) from None
    with saved_once():
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


class AlreadyInNetwork(NetworkError):
    """The invited address already has an account: grant the role instead."""


# --- People: invitations and roles ------------------------------------------------------------------------------
# Mail leaves through the worker (core.mail.send_later), queued in the service's transaction.

PC = ProjectRole.Role.PROJECT_COORDINATOR


def grantable_roles(actor, project: Project) -> list[str]:
    """The roles ``actor`` may give in ``project``: any for its coordinators (and site admins); partner roles for a
    partner coordinator."""
    if rules.coordinate_project.allows(actor, project):
        return list(ProjectRole.Role.values)
    return list(ProjectRole.PARTNER_ROLES)


def _check_grant(actor, project: Project, organisation: Organisation, role: str) -> None:
    """``actor`` may bring people of ``organisation`` into ``project`` with ``role``."""
    partnership = Partnership.objects.filter(project=project, organisation=organisation).first()
    if partnership is None or not rules.act_for_partner.allows(actor, partnership):
        raise NetworkError(_("You cannot bring people into this organisation in this project."),
                           field="organisation")
    if role not in grantable_roles(actor, project):
        raise NetworkError(_("You cannot give this role: only the project's coordinators can."), field="role")


def _record(project, user, organisation, old_role, new_role, actor) -> RoleChange:
    return RoleChange.objects.create(project=project, user=user, organisation=organisation, old_role=old_role or "",
                                     new_role=new_role or "", actor=actor)


def invitation_link(raw_token: str, base_url: str = "") -> str:
    return base_url.rstrip("/") + reverse("network:invitation", kwargs={"token": raw_token})


@transaction.atomic
def invite(actor, project: Project, organisation: Organisation, email: str, role: str,
           base_url: str = "") -> tuple[Invitation, str]:
    """Invite ``email`` into ``organisation`` with ``role`` in ``project`` and send the link by email (queued in
    this transaction, delivered by the worker). Returns the invitation and its raw token (only its hash is kept).
    An earlier pending invitation of the same address to the project is revoked."""
    email = get_user_model().objects.normalize_email(email or "").strip().lower()
    _check_grant(actor, project, organisation, role)
    if get_user_model().objects.filter(email__iexact=email).exists():
        raise AlreadyInNetwork(_("%(email)s already has an account in the network: grant the role instead.")
                           % {"email": email}, field="email")
    now = timezone.now()
    Invitation.objects.filter(project=project, email__iexact=email, accepted_at=None, revoked_at=None).update(
        revoked_at=now)
    raw = secrets.token_urlsafe(32)
    days = getattr(settings, "LIAISE_INVITATION_DAYS", 7) or 7
    invitation = Invitation(email=email, organisation=organisation, project=project, role=role,
                            token_hash=hash_token(raw), invited_by=actor, expires=now + timedelta(days=days))
    _validated(invitation)
    context = {"invitation": invitation, "link": invitation_link(raw, base_url), "days": days,
               "inviter": actor.get_full_name() if actor else ""}
    send_later(EmailMessage(
        render_to_string("network/email/invitation_subject.txt", context).strip(),
        render_to_string("network/email/invitation.txt", context),
        None, [email],
    ))
    return invitation, raw


def invitation_problem(invitation: Invitation | None) -> str:
    """Why ``invitation`` cannot be accepted (a message for the invitee), or "" when it can."""
    if invitation is None:
        return _("This invitation link is not valid. Check that you copied the whole link from the email.")
    state = invitation.state
    if state == "accepted":
        return _("This invitation has already been used. If it was you, sign in with your email address.")
    if state == "revoked":
        return _("This invitation was withdrawn by the person who sent it. Ask them for a new one if needed.")
    if state == "expired":
        return _("This invitation has expired. Ask the person who invited you to send a new one.")
    return ""


@transaction.atomic
def accept_invitation(raw_token: str, full_name: str, password: str):
    """Create the invitee's account with the password they chose, their membership of the organisation and their
    role in the project; mark the invitation used. Returns the new user."""
    invitation = (Invitation.objects.select_for_update().select_related("project", "organisation")
                  .filter(token_hash=hash_token(raw_token or "")).first())
    problem = invitation_problem(invitation)
    if problem:
        raise Conflict(problem)
    full_name = (full_name or "").strip()
    if not full_name:
        raise NetworkError(_("Please give your full name."), field="full_name")
    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise Conflict(_("%(email)s already has an account: sign in instead.") % {"email": invitation.email})
    candidate = User(email=invitation.email, full_name=full_name)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise NetworkError(" ".join(exc.messages), field="password1") from None
    user = User.objects.create_user(invitation.email, password, full_name=full_name)
    Membership.objects.get_or_create(user=user, organisation=invitation.organisation)
    grant_project_role(invitation.project, user, invitation.role, invitation.organisation)
    _record(invitation.project, user, invitation.organisation, "", invitation.role, invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.accepted_user = user
    invitation.save(update_fields=["accepted_at", "accepted_user"])
    return user


@transaction.atomic
def revoke_invitation(invitation: Invitation) -> Invitation:
    """Withdraw a pending invitation (its link then shows why it no longer works). The caller checked
    ``network.revoke_invitation``."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.state != "pending":
        raise Conflict(_("This invitation is no longer pending."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


@transaction.atomic
def grant_role(actor, project: Project, organisation: Organisation, email: str, role: str) -> ProjectRole:
    """Give an existing account ``role`` in ``project`` for ``organisation`` (making them a member of it)."""
    _check_grant(actor, project, organisation, role)
    user = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    if user is None:
        raise NetworkError(_("Nobody in the network has this address: invite them instead."), field="email")
    if ProjectRole.objects.filter(project=project, user=user).exists():
        raise Conflict(_("%(name)s already has a role in this project: change it on the people page.")
                       % {"name": user.get_full_name()}, field="email")
    Membership.objects.get_or_create(user=user, organisation=organisation)
    granted = grant_project_role(project, user, role, organisation)
    _record(project, user, organisation, "", role, actor)
    return granted


@transaction.atomic
def change_role(actor, project_role: ProjectRole, new_role: str) -> ProjectRole | None:
    """Change ``project_role`` to ``new_role``, or remove it (``new_role`` empty). The caller checked
    ``network.change_role``; a partner coordinator never gives the project coordinator's role, and nobody changes
    their own role here (another coordinator does)."""
    project_role = ProjectRole.objects.select_for_update().select_related("project", "user").get(pk=project_role.pk)
    project, old = project_role.project, project_role.role
    if project_role.user_id == getattr(actor, "pk", None):
        raise NetworkError(_("You cannot change your own role: ask another coordinator."), field="role")
    if new_role and new_role not in grantable_roles(actor, project):
        raise NetworkError(_("You cannot give this role: only the project's coordinators can."), field="role")
    if new_role == old:
        return project_role
    if not new_role:
        project_role.delete()
        _record(project, project_role.user, project_role.organisation, old, "", actor)
        return None
    if new_role in ProjectRole.PARTNER_ROLES and project_role.organisation_id is None:
        raise NetworkError(_("A partner role speaks for an organisation: this person has none in this project. "
                             "Remove the role and invite or grant it again with an organisation."), field="role")
    changed = grant_project_role(project, project_role.user, new_role, project_role.organisation)
    _record(project, project_role.user, project_role.organisation, old, new_role, actor)
    return changed


# --- A project's settings and partners, an organisation's record (the organisers' pages, issue 17) ---------------
# Who may call them is decided by the views through ``liaise.core.authz``: ``network.coordinate_project`` on the
# project, ``network.edit_organisation`` on the organisation, ``network.create_organisation`` to create one.

# Slugs that would shadow a fixed page under /organisations/.
RESERVED_ORGANISATION_SLUGS = {"new"}


def set_translated(obj, name: str, value: str) -> None:
    """Write a translatable text in the language being used, and in the default language when it has none yet
    (as the events' pages do)."""
    value = (value or "").strip()
    setattr(obj, name, value)
    default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    if not getattr(obj, f"{name}_{default}"):
        setattr(obj, f"{name}_{default}", value)


PROJECT_TEXTS = ("name", "summary")
PROJECT_FIELDS = ("acronym", "predecessor", "website", "funder", "programme", "grant_number", "eu_funded", "start",
                  "end", "visibility", "target_conferences", "target_trainings", "target_pilots", "target_participants")


@transaction.atomic
def update_project(project: Project, *, topics=None, **fields) -> Project:
    """Save a project's settings: its texts (in the language being used), dates, visibility, funding,
    predecessor, targets and topics. The end comes on or after the start."""
    if fields.get("start") and fields.get("end") and fields["end"] < fields["start"]:
        raise NetworkError(_("The end must come on or after the start."), field="end")
    for name in PROJECT_TEXTS:
        if name in fields:
            set_translated(project, name, fields[name])
    for name in PROJECT_FIELDS:
        if name in fields:
            setattr(project, name, fields[name])
    _validated(project)
    if topics is not None:
        project.topics.set(topics)
    return project


def _check_lead(project: Project, organisation: Organisation, role: str) -> None:
    if role != Partnership.Role.LEAD:
        return
    other = (project.partnerships.filter(role=Partnership.Role.LEAD).exclude(organisation=organisation)
             .select_related("organisation").first())
    if other is not None:
        raise NetworkError(_("%(project)s already has a lead partner, %(lead)s: make it a full partner first.")
                           % {"project": project, "lead": other.organisation}, field="role")


@transaction.atomic
def add_partner(project: Project, organisation: Organisation, role: str, joined_on=None) -> Partnership:
    """Make ``organisation`` a partner of ``project`` in ``role`` (one lead per project)."""
    if Partnership.objects.filter(project=project, organisation=organisation).exists():
        raise Conflict(_("%(organisation)s is already a partner of %(project)s.")
                       % {"organisation": organisation, "project": project}, field="organisation")
    _check_lead(project, organisation, role)
    return _validated(Partnership(project=project, organisation=organisation, role=role, joined_on=joined_on))


@transaction.atomic
def change_partner_role(partnership: Partnership, role: str) -> Partnership:
    """Change a partner's role in its project (one lead per project)."""
    partnership = Partnership.objects.select_for_update().select_related("project", "organisation").get(
        pk=partnership.pk)
    _check_lead(partnership.project, partnership.organisation, role)
    partnership.role = role
    return _validated(partnership)


def partner_ties(partnership: Partnership) -> list[tuple[str, int]]:
    """What still ties the partner to its project — its people's roles, pending invitations, and every record of
    another app that names both the project and the organisation (events it organises, pilots, practices,
    reported values...): (what, how many), found through the relations, so that network imports no other app."""
    project, organisation = partnership.project, partnership.organisation
    ties = []
    for relation in Organisation._meta.related_objects:
        model = relation.related_model
        if model in (Partnership, RoleChange):  # (the partnership itself; the record of past role changes)
            continue
        try:
            project_field = model._meta.get_field("project")
        except FieldDoesNotExist:  # (a record without a project does not tie the partnership)
            continue
        if getattr(project_field, "related_model", None) is not Project:
            continue
        rows = model._default_manager.filter(**{relation.field.name: organisation, "project": project})
        if model is Invitation:
            rows = rows.filter(accepted_at=None, revoked_at=None, expires__gt=timezone.now())
        count = rows.count()
        if count:
            ties.append((str(model._meta.verbose_name_plural), count))
    return sorted(ties)


@transaction.atomic
def remove_partner(partnership: Partnership) -> None:
    """End a partnership. Refused, with what ties it, while the organisation still has people, invitations,
    events, pilots, practices or reported values in the project."""
    partnership = Partnership.objects.select_for_update().select_related("project", "organisation").get(
        pk=partnership.pk)
    ties = partner_ties(partnership)
    if ties:
        raise Conflict(_("%(organisation)s cannot be removed from %(project)s: it still has %(ties)s in it. "
                         "Reassign or remove them first (people on the people page).")
                       % {"organisation": partnership.organisation, "project": partnership.project,
                          "ties": ", ".join(f"{what} ({count})" for what, count in ties)})
    partnership.delete()


ORGANISATION_TEXTS = ("name", "description")
ORGANISATION_FIELDS = ("short_name", "kind", "country", "city", "website")


def _organisation_slug(name: str, short_name: str = "") -> str:
    return unique_slug(Organisation.objects.all(), short_name or name, "organisation",
                       reserved=RESERVED_ORGANISATION_SLUGS)


def _fill_organisation(organisation: Organisation, fields: dict) -> Organisation:
    for name in ORGANISATION_TEXTS:
        if name in fields:
            set_translated(organisation, name, fields[name])
    for name in ORGANISATION_FIELDS:
        if name in fields:
            setattr(organisation, name, (fields[name] or "").strip() if name != "country" else fields[name])
    if not (organisation.name or "").strip():
        raise NetworkError(_("Give the organisation a name."), field="name")
    return _validated(organisation)


@transaction.atomic
def update_organisation(organisation: Organisation, **fields) -> Organisation:
    """Save an organisation's record: name and description (in the language being used), short name, kind,
    country, city, website."""
    return _fill_organisation(organisation, fields)


@transaction.atomic
def create_organisation(*, partner_of: Project | None = None, partner_role: str = Partnership.Role.FULL,
                        **fields) -> Organisation:
    """Create an organisation (its address made from its short name or name), and make it a partner of
    ``partner_of`` in ``partner_role`` when given."""
    name = (fields.get("name") or "").strip()
    if name and Organisation.objects.filter(name__iexact=name).exists():
        raise Conflict(_("An organisation named %(name)s already exists: choose it in the list of partners.")
                       % {"name": name}, field="name")
    organisation = _fill_organisation(Organisation(slug=_organisation_slug(name, fields.get("short_name", ""))),
                                      fields)
    if partner_of is not None:
        add_partner(partner_of, organisation, partner_role)
    return organisation
