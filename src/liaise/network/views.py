"""Public pages of the network: projects, the partner directory, organisations. Thin: parse → query → render."""

from django.shortcuts import render

from liaise.core import authz
from liaise.core.cache import anonymous_page, lazy_context, visible_pk

from . import queries, rules
from .forms import DirectoryFilterForm
from .models import Project, Visibility


@anonymous_page
def project_list(request):
    projects = list(queries.project_list(request.user))
    for project in projects:
        project.lead = queries.lead_of(project)
    return render(request, "network/project_list.html", {"projects": projects})


PROJECT = ("project", "partners", "lead", "figures", "in_project", "manages_people", "coordinates")


def _project(user, project) -> dict:
    partners = project.partner_list
    return {
        "project": project,
        "partners": partners,
        "lead": next((p.organisation for p in partners if p.role == "lead"), None),
        "figures": queries.partner_figures(partners),
        # (its results' work plan and report links: for those with a role in it)
        "in_project": rules.audience_level(user, project) != Visibility.PUBLIC,
        # (the people page: for its coordinators and partner coordinators)
        "manages_people": authz.active(user) and authz.allows(user, rules.manage_people, project),
        # (the settings and partners page: for its coordinators)
        "coordinates": authz.active(user) and authz.allows(user, rules.coordinate_project, project),
    }


@anonymous_page(signed_in=True)
def project_detail(request, slug):
    if getattr(request, "liaise_fragments", None) is None:  # (a signed-in user's page: drawn whole)
        project = authz.get_or_404(request.user, rules.view_project, queries.project_page(request.user), slug=slug)
        return render(request, "network/project_detail.html", _project(request.user, project))
    # A visitor's: whether they may see it, now; the page's data only when its fragments are drawn ({% fragment %}).
    pk = visible_pk(request, rules.view_project, Project.objects, slug=slug)
    return render(request, "network/project_detail.html",
                  lazy_context(lambda: _project(request.user, queries.project_page(request.user).get(pk=pk)), PROJECT))


DIRECTORY = ("form", "organisations", "chart", "chart_max", "selected_country")


def _directory(user, data) -> tuple[dict, int]:
    projects = list(queries.visible_projects(user).order_by("-start"))
    unfiltered_counts = queries.country_counts(queries.directory(user))
    form = DirectoryFilterForm(
        data or None,
        filter_set=queries.directory_filters(user),
        projects=projects,
        country_choices=[(code, name) for code, name, _n in sorted(unfiltered_counts, key=lambda r: r[1])],
    )
    status = 200
    organisations, chart = [], []
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        filters = form.values()
        country, kind, project = filters["country"], filters["kind"], filters["project"]
        organisations = list(queries.directory(user, country=country, kind=kind, project=project))
        chart = queries.country_counts(queries.directory(user, kind=kind, project=project))
    return {
        "form": form,
        "organisations": organisations,
        "chart": chart,
        "chart_max": max((n for _c, _name, n in chart), default=0),
        "selected_country": form.values()["country"],
    }, status


@anonymous_page(params=("country", "kind", "project"), signed_in=True)
def directory(request):
    if not request.GET:
        # (the whole directory, always valid: its data only when its fragments are drawn)
        return render(request, "network/directory.html",
                      lazy_context(lambda: _directory(request.user, None)[0], DIRECTORY))
    context, status = _directory(request.user, request.GET)
    return render(request, "network/directory.html", context, status=status)


@anonymous_page
def organisation_detail(request, slug):
    organisation = authz.get_or_404(request.user, rules.view_organisation, queries.organisation_page(request.user),
                                    slug=slug)
    return render(request, "network/organisation_detail.html", {
        "organisation": organisation,
        "can_edit": authz.active(request.user) and authz.allows(request.user, rules.edit_organisation, organisation),
    })
