"""The organisers' pages of the network: a project's settings and partners, an organisation's record, a new
organisation. Thin: the permissions come from ``network.rules`` through ``liaise.core.authz`` (anything else
answers 404), the writes from ``network.services``.

Who: ``network.coordinate_project`` on the project for its settings and partners; ``network.edit_organisation``
on an organisation for its record; creating an organisation: a coordinator of any project (or a site admin)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from liaise.core import audit, authz
from liaise.core.errors import LiaiseError, add_to_form
from liaise.core.fields import as_slug

from . import rules, services
from .forms import NewOrganisationForm, OrganisationForm, PartnerForm, PartnerRoleForm, ProjectSettingsForm
from .models import Organisation, Partnership, Project


def _coordinated(request, slug) -> Project:
    return authz.get_or_404(request.user, rules.coordinate_project, Project.objects.all(), slug=slug)


def _predecessors(request, project):
    """The projects ``user`` may see, but this one."""
    return rules.view_project.filter(request.user, Project.objects.exclude(pk=project.pk)).order_by("-start")


def _addable(request, project):
    """Organisations the user may see that are not partners of ``project`` yet."""
    return (rules.view_organisation.filter(request.user, Organisation.objects.all())
            .exclude(partnerships__project=project).order_by("name"))


def _settings_page(request, project, form=None, partner_form=None, status=200):
    partners = list(project.partnerships.select_related("organisation").order_by("organisation__name"))
    return render(request, "network/manage/project_settings.html", {
        "project": project, "form": form or ProjectSettingsForm(initial=ProjectSettingsForm.initial_for(project),
                                                                predecessors=_predecessors(request, project)),
        "partner_form": partner_form or PartnerForm(organisations=_addable(request, project), prefix="partner"),
        "partners": partners, "role_form": PartnerRoleForm(),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def project_settings(request, slug):
    """The project's settings (texts, visibility, dates, funding, topics, targets) and its partners."""
    project = _coordinated(request, slug)
    if request.method == "GET":
        return _settings_page(request, project)
    form = ProjectSettingsForm(request.POST, predecessors=_predecessors(request, project))
    if form.is_valid():
        try:
            services.update_project(project, **form.cleaned_data)
        except LiaiseError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The project's settings are saved."))
            return redirect("network:project_settings", slug=project.slug)
    project.refresh_from_db()
    return _settings_page(request, project, form=form, status=400)


@login_required
@require_POST
def partner_add(request, slug):
    project = _coordinated(request, slug)
    form = PartnerForm(request.POST, organisations=_addable(request, project), prefix="partner")
    if form.is_valid():
        data = form.cleaned_data
        try:
            partnership = services.add_partner(project, data["organisation"], data["role"], data["joined_on"])
        except LiaiseError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("%(organisation)s is now a partner (%(role)s).") % {
                "organisation": partnership.organisation, "role": partnership.get_role_display()})
            return redirect(_partners_url(project))
    return _settings_page(request, project, partner_form=form, status=400)


def _partners_url(project) -> str:
    from django.urls import reverse

    return reverse("network:project_settings", kwargs={"slug": project.slug}) + "#partners"


def _partnership(request, project, pk) -> Partnership:
    # (the project is one the user coordinates: its partnerships are theirs to change — network.act_for_partner)
    return authz.get_or_404(request.user, rules.act_for_partner,
                            Partnership.objects.filter(project=project).select_related("organisation"), pk=pk)


@login_required
@require_POST
def partner_change(request, slug, pk):
    project = _coordinated(request, slug)
    partnership = _partnership(request, project, pk)
    form = PartnerRoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a role in the partnership."))
        return redirect(_partners_url(project))
    try:
        partnership = services.change_partner_role(partnership, form.cleaned_data["role"])
    except LiaiseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(organisation)s is now %(role)s.") % {
            "organisation": partnership.organisation, "role": partnership.get_role_display()})
    return redirect(_partners_url(project))


@login_required
@require_POST
def partner_remove(request, slug, pk):
    project = _coordinated(request, slug)
    partnership = _partnership(request, project, pk)
    try:
        services.remove_partner(partnership)
    except LiaiseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(organisation)s is no longer a partner of %(project)s.") % {
            "organisation": partnership.organisation, "project": project})
    return redirect(_partners_url(project))


@login_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request, slug):
    organisation = authz.get_or_404(request.user, rules.edit_organisation, Organisation.objects.all(), slug=slug)
    form = OrganisationForm(request.POST or None, initial=OrganisationForm.initial_for(organisation))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.update_organisation(organisation, **form.cleaned_data)
            except LiaiseError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("The organisation's record is saved."))
                return redirect("network:organisation", slug=organisation.slug)
    return render(request, "network/manage/organisation_form.html", {"form": form, "organisation": organisation},
                  status=status)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_new(request):
    projects = rules.coordinate_project.filter(request.user).order_by("-start")
    if not projects.exists():
        raise Http404
    initial = {"partner_of": projects.filter(slug=as_slug(request.GET.get("project", ""))).first()}
    form = NewOrganisationForm(request.POST or None, projects=projects, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                organisation = services.create_organisation(**data)
            except LiaiseError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("%(organisation)s is created.") % {"organisation": organisation})
                if data["partner_of"] is not None:
                    return redirect(_partners_url(data["partner_of"]))
                return redirect("network:organisation", slug=organisation.slug)
    return render(request, "network/manage/organisation_form.html", {"form": form, "organisation": None},
                  status=status)


@login_required
@require_http_methods(["GET"])
def project_log(request, slug):
    """The project's audit log (its coordinators and site admins): who created, changed or deleted what in the
    project, newest first, by kind of object and dates (``liaise.core.audit``)."""
    project = _coordinated(request, slug)
    context, status = audit.log_page(request, project_id=project.pk)
    return render(request, "network/manage/project_log.html", {"project": project, **context}, status=status)
