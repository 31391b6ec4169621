from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET

from liaise.core.cache import anonymous_page
from liaise.events import queries as events
from liaise.network import queries as network
from liaise.outreach import queries as outreach

from . import queries


@anonymous_page
def home(request):
    project = network.featured_project(request.user)
    context = {"project": project, "topics": network.topics(), "news": outreach.latest(request.user)}
    if project is not None:
        partners = list(project.partnerships.select_related("organisation").order_by("organisation__slug"))
        now = timezone.now()
        project_events = list(events.event_list(request.user, events.EventFilters(project=project.slug)))
        context.update(
            lead=network.lead_of(project),
            figures=network.partner_figures(partners),
            upcoming=[e for e in project_events if e.end >= now][:5],
            conferences=[e for e in project_events if e.kind == "conference"],
            now=now,
        )
    return render(request, "web/home.html", context)


@login_required
@require_GET
def dashboard(request):
    """My page after sign-in: my registrations, and what I organise with what needs my attention."""
    return render(request, "web/dashboard.html", {"board": queries.dashboard(request.user)})


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "web/404.html", status=404)


@requires_csrf_token
def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Internal error: it was logged; please try again later."}, status=500)
    return render(request, "web/500.html", status=500)
