"""People of a project: the people page, invitations (sent, revoked, accepted) and role changes. Thin: the
permissions come from ``network.rules`` through ``liaise.core.authz``, the writes from ``network.services``."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from liaise.core import authz
from liaise.core.errors import LiaiseError, add_to_form

from . import queries, rules, services
from .forms import AcceptInvitationForm, InviteForm, RoleForm
from .models import Invitation, Project, ProjectRole


def _project(request, slug) -> Project:
    return authz.get_or_404(request.user, rules.manage_people, Project.objects.all(), slug=slug)


def _people_page(request, project, form=None, existing_email="", status=200):
    people = queries.people(request.user, project)
    roles = services.grantable_roles(request.user, project)
    form = form or InviteForm(organisations=people.organisations, roles=roles)
    return render(request, "network/people.html", {
        "project": project, "people": people, "form": form, "role_form": RoleForm(roles=roles),
        "existing_email": existing_email,
    }, status=status)


@login_required
@require_GET
def people(request, slug):
    """The people with a role in the project, pending invitations, the record of changes, and the invite form."""
    project = _project(request, slug)
    return _people_page(request, project)


@login_required
@require_POST
def invite(request, slug):
    project = _project(request, slug)
    organisations = list(queries.invitable_organisations(request.user, project))
    form = InviteForm(request.POST, organisations=organisations,
                      roles=services.grantable_roles(request.user, project))
    if form.is_valid():
        data = form.cleaned_data
        try:
            invitation, _raw = services.invite(request.user, project, data["organisation"], data["email"],
                                               data["role"], base_url=request.build_absolute_uri("/"))
        except LiaiseError as exc:
            email = data["email"]
            add_to_form(form, exc)
            existing = isinstance(exc, services.AlreadyInNetwork)
            return _people_page(request, project, form, existing_email=email if existing else "", status=400)
        messages.success(request, _("The invitation was sent to %(email)s.") % {"email": invitation.email})
        return redirect("network:people", slug=project.slug)
    return _people_page(request, project, form, status=400)


@login_required
@require_POST
def grant(request, slug):
    """Give an existing account the role an invitation would have given (offered when inviting them)."""
    project = _project(request, slug)
    organisations = list(queries.invitable_organisations(request.user, project))
    form = InviteForm(request.POST, organisations=organisations,
                      roles=services.grantable_roles(request.user, project))
    if form.is_valid():
        data = form.cleaned_data
        try:
            granted = services.grant_role(request.user, project, data["organisation"], data["email"], data["role"])
        except LiaiseError as exc:
            add_to_form(form, exc)
            return _people_page(request, project, form, status=400)
        messages.success(request, _("%(name)s is now %(role)s.") % {"name": granted.user.get_full_name(),
                                                                    "role": granted.get_role_display()})
        return redirect("network:people", slug=project.slug)
    return _people_page(request, project, form, status=400)


@login_required
@require_POST
def change_role(request, slug, pk):
    project = _project(request, slug)
    project_role = authz.get_or_404(request.user, rules.change_role,
                                    ProjectRole.objects.filter(project=project), pk=pk)
    form = RoleForm(request.POST, roles=services.grantable_roles(request.user, project))
    if not form.is_valid():
        messages.error(request, _("Choose a role you may give."))
        return redirect("network:people", slug=project.slug)
    try:
        services.change_role(request.user, project_role, form.cleaned_data["role"])
    except LiaiseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The role was changed.") if form.cleaned_data["role"]
                         else _("The role was removed."))
    return redirect("network:people", slug=project.slug)


@login_required
@require_POST
def revoke(request, slug, pk):
    project = _project(request, slug)
    invitation = authz.get_or_404(request.user, rules.revoke_invitation,
                                  Invitation.objects.filter(project=project), pk=pk)
    try:
        services.revoke_invitation(invitation)
    except LiaiseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email})
    return redirect("network:people", slug=project.slug)


def invitation(request, token):
    """The invitee's page: who invites them to what; their name and password create the account. An unknown,
    expired, revoked or used link says so (status 410 for those that no longer work, 404 for unknown)."""
    found = queries.invitation_by_token(token)
    problem = services.invitation_problem(found)
    if problem:
        return render(request, "network/invitation_problem.html", {"problem": problem, "invitation": found},
                      status=404 if found is None else 410)
    form = AcceptInvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation(token, form.cleaned_data["full_name"], form.cleaned_data["password1"])
        except LiaiseError as exc:
            if exc.field:
                add_to_form(form, exc)
            else:
                return render(request, "network/invitation_problem.html", {"problem": exc.message,
                                                                           "invitation": found}, status=exc.status)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(project)s!") % {"project": found.project})
            return redirect("web:dashboard")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "network/invitation.html", {"invitation": found, "form": form}, status=status)
