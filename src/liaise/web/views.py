from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from liaise.core import audit, authz, ratelimit, tasks
from liaise.core.cache import anonymous_page, lazy_context
from liaise.core.clients import client_address
from liaise.events import queries as events
from liaise.network import queries as network
from liaise.outreach import queries as outreach

from . import accessibility, queries
from .design_system import context as design_system_context

HOME = ("project", "topics", "news", "lead", "figures", "upcoming", "conferences")


def _home(user) -> dict:
    project = network.featured_project(user)
    context = {"project": project, "topics": list(network.topics()), "news": list(outreach.latest(user)),
               "lead": None, "figures": None, "upcoming": [], "conferences": []}
    if project is not None:
        partners = list(project.partnerships.select_related("organisation").order_by("organisation__slug"))
        now = timezone.now()
        project_events = list(events.event_list(user, events.EventFilters(project=project.slug), prefetch=("venues",)))
        context.update(
            lead=network.lead_of(project),
            figures=network.partner_figures(partners),
            upcoming=[e for e in project_events if e.end >= now][:5],
            conferences=[e for e in project_events if e.kind == "conference"],
        )
    return context


@anonymous_page(signed_in=True)
def home(request):
    # (computed only when the page's fragments are drawn: see {% fragment %} in web/home.html)
    return render(request, "web/home.html", {**lazy_context(lambda: _home(request.user), HOME), "now": timezone.now()})


@require_http_methods(["GET", "HEAD", "POST"])
def accessibility_statement(request):
    """The accessibility statement, and its feedback form: what a visitor sends reaches the coordinators."""
    form = accessibility.FeedbackForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid() and not ratelimit.allow("a11y-feedback", client_address(request),
                                                   accessibility.MESSAGES_PER_HOUR, 3600):
            form.add_error(None, _("You have sent several messages in the last hour: please try again later, or "
                                   "write to the coordinators directly."))
            status = 429
        if form.is_valid():
            accessibility.send_feedback(form.cleaned_data, get_language() or "en")
            messages.success(request, _("Thank you: your message has been sent to the coordinators of the network. "
                                        "If you gave your address, they will answer you within 30 days."))
            return redirect("web:accessibility")
    elif request.GET.get("page"):
        form.initial["page"] = request.GET["page"][:500]
    return render(request, "web/accessibility.html", {
        "form": form, "prepared": accessibility.PREPARED, "reviewed": accessibility.REVIEWED,
        "enforcement_url": settings.LIAISE_ACCESSIBILITY_ENFORCEMENT_URL,
    }, status=status if status != 200 else 400 if form.errors else 200)


@require_GET
def design_system(request):
    """Every token and component of the design system, with its class names (docs/design-system.md tells how to
    use them). Public, and kept out of search engines: it is a page for the people who build Liaise's pages."""
    response = render(request, "web/design_system.html", design_system_context())
    response["X-Robots-Tag"] = "noindex"
    return response


@require_GET
def privacy(request):
    """The data inventory: what the platform keeps about people, why, on which basis, who sees it, how long — read
    from the register of personal data (core/personal_data.py), with the configured periods. Not page-cached: it
    reads no database, and its periods come from settings, which a cached copy would outlive."""
    return render(request, "web/privacy.html", queries.privacy_notice())


@login_required
@require_GET
def dashboard(request):
    """My page after sign-in: my registrations, and what I organise with what needs my attention."""
    return render(request, "web/dashboard.html", {"board": queries.dashboard(request.user)})


def _staff_or_404(request) -> None:
    if not authz.site_admin(request.user):
        raise Http404


@login_required
@require_GET
def staff_tasks(request):
    """Staff: the background tasks that failed for good (to retry once the cause is fixed) and each queue's
    backlog — a mail server that is down shows here as retries piling up."""
    _staff_or_404(request)
    failed = [{"result": result, "about": tasks.describe(result), "error": tasks.error_of(result),
               "attempts": tasks.attempt_of(result)} for result in tasks.failures()]
    return render(request, "web/staff_tasks.html", {"failed": failed, "queues": tasks.queue_counts()})


@login_required
@require_GET
def staff_audit(request):
    """Staff: the whole audit log (every project's entries, and those of no project: organisations, venues,
    memberships, recorded actions)."""
    _staff_or_404(request)
    context, status = audit.log_page(request, project_id=None)
    return render(request, "web/staff_audit.html", context, status=status)


@login_required
@require_POST
def staff_task_retry(request, task_id):
    _staff_or_404(request)
    result = next((r for r in tasks.failures() if r.pk == task_id), None)
    if result is None:  # unknown, not failed, or still being retried by itself
        raise Http404
    try:
        tasks.retry(result)
    except tasks.TaskGone:
        messages.error(request, _("This task's code no longer exists in this version of Liaise: it cannot be run "
                                  "again."))
    else:
        messages.success(request, _("The task is queued again: the worker runs it in a moment."))
    return redirect("web:staff_tasks")


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "web/404.html", status=404)


def bad_request(request, exception=None):
    """A request Django refused before any view (a host not in LIAISE_ALLOWED_HOSTS, a malformed body): the site's
    page, saying nothing of why (the reason is in the log)."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return render(request, "web/error.html", {"message": _("The request could not be understood.")}, status=400)


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check (an expired page, a form posted from another site): the site's page, with
    what to do, and no technical detail."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "CSRF check failed: send the X-CSRFToken header, or use an API token."},
                            status=403)
    message = _("This form has expired or did not come from this site. Go back, reload the page and try again.")
    return render(request, "web/error.html", {"message": message}, status=403)


@requires_csrf_token
def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Internal error: it was logged; please try again later."}, status=500)
    return render(request, "web/500.html", status=500)
