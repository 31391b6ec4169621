from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import requires_csrf_token

from liaise.network import queries as network

from .cache import anonymous_page


@anonymous_page
def home(request):
    project = network.featured_project(request.user)
    context = {"project": project, "topics": network.topics()}
    if project is not None:
        partners = list(project.partnerships.select_related("organisation").order_by("organisation__slug"))
        context.update(
            lead=network.lead_of(project),
            figures=network.partner_figures(partners),
        )
    return render(request, "web/home.html", context)


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "web/404.html", status=404)


@requires_csrf_token
def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Internal error: it was logged; please try again later."}, status=500)
    return render(request, "web/500.html", status=500)
