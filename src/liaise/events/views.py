"""Event pages: list, programme, calendars, registration, and the organisers' pages. Thin: parse → query or
service → render."""

import mimetypes

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.core.cache import anonymous_page, lazy_context, visible_pk
from liaise.core.errors import add_to_form
from liaise.core.exports import csv_response
from liaise.core.filters import search_text
from liaise.network.queries import visible_projects

from . import exports, ical, queries, registrant_services, rules, services, signals
from .forms import EventFilterForm, RegistrationForm
from .models import Event, Registration


def _event_or_404(request, slug) -> Event:
    return authz.get_or_404(request.user, rules.view_event, queries.event_page(), slug=slug)


def _managed_event_or_404(request, slug) -> Event:
    return authz.get_or_404(request.user, rules.manage_event, queries.event_page(), slug=slug)


EVENTS = ("form", "upcoming", "past", "can_create")


def _events(user, data) -> tuple[dict, int]:
    projects = list(visible_projects(user).order_by("-start"))
    form = EventFilterForm(data or None, user=user, projects=projects)
    status = 400 if form.is_bound and not form.is_valid() else 200
    events = [] if status == 400 else list(queries.event_list(user, form.filters(), prefetch=("venues",)))
    now = timezone.now()
    upcoming = [e for e in events if e.end >= now]
    past = [e for e in events if e.end < now][::-1]
    return {"form": form, "upcoming": upcoming, "past": past, "can_create": rules.create_event.anywhere(user)}, status


@anonymous_page(params=("project", "kind", "topic", "country", "when"), signed_in=True)
def event_list(request):
    if not request.GET:
        # (every event, no filter to check: the data only when the page's fragments are drawn)
        return render(request, "events/event_list.html", lazy_context(lambda: _events(request.user, None)[0], EVENTS))
    context, status = _events(request.user, request.GET)
    return render(request, "events/event_list.html", context, status=status)


EVENT = ("event", "days", "materials", "is_manager")


def _event(user, event) -> dict:
    days = queries.programme(user, event)
    sessions = [session for day in days for session in day.sessions]
    links = signals.session_links(user, event, sessions) if sessions else {}
    for session in sessions:
        session.extra_links = links.get(session.pk, [])
    return {"event": event, "days": days, "materials": queries.visible_materials(user, event),
            "is_manager": authz.allows(user, rules.manage_event, event)}


@anonymous_page(signed_in=True)
def event_detail(request, slug):
    if getattr(request, "liaise_fragments", None) is None:  # (a signed-in user's page: drawn whole)
        return render(request, "events/event_detail.html",
                      {**_event(request.user, _event_or_404(request, slug)), "slug": slug})
    # A visitor's: whether they may see it, now; the page's data only when its fragments are drawn ({% fragment %}).
    pk = visible_pk(request, rules.view_event, Event.objects, slug=slug)
    return render(request, "events/event_detail.html", {**lazy_context(
        lambda: _event(request.user, authz.get_or_404(request.user, rules.view_event, queries.event_page(), pk=pk)),
        EVENT), "slug": slug})


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@anonymous_page
def event_ics(request, slug):
    event = _event_or_404(request, slug)
    days = queries.programme(request.user, event)
    base = request.build_absolute_uri("/").rstrip("/")
    return _ics_response(ical.event_calendar(event, days, base, request.get_host()), f"{event.slug}.ics")


@anonymous_page
def session_ics(request, slug, session_slug):
    event = _event_or_404(request, slug)
    for day in queries.programme(request.user, event):
        for session in day.sessions:
            if session.slug == session_slug:
                base = request.build_absolute_uri("/").rstrip("/")
                content = ical.session_calendar(session, event, base, request.get_host())
                return _ics_response(content, f"{event.slug}-{session.slug}.ics")
    raise Http404


@require_http_methods(["GET", "POST"])
def register(request, slug):
    event = _event_or_404(request, slug)
    closed_reason = None
    try:
        services.check_open(event)
    except services.RegistrationError as exc:
        closed_reason = str(exc)
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.full_name, "email": request.user.email}
    form = RegistrationForm(request.POST or None, initial=initial, ask_needs=event.ask_needs)
    status = 200
    if request.method == "POST" and closed_reason is None:
        if form.is_valid():
            data = services.RegistrationData(**form.cleaned_data)
            try:
                registration = services.register(event, data, request.user, request.build_absolute_uri("/"))
            except services.RegistrationError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                return redirect(services.registration_url(registration))
        else:
            status = 400
    return render(request, "events/register.html",
                  {"event": event, "form": form, "closed_reason": closed_reason}, status=status)


@require_http_methods(["GET", "POST"])
def registration(request, slug, token):
    """The page a registration's signed link opens: its status, and a button to cancel it."""
    try:
        event = Event.objects.get(slug=slug)
        registration = services.registration_from_token(event, token)
    except (Event.DoesNotExist, Registration.DoesNotExist):
        raise Http404 from None
    if request.method == "POST":
        try:
            services.cancel(registration, request.build_absolute_uri("/"))
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your registration is cancelled. Thank you for letting us know."))
        return redirect(request.path)
    position = None
    if registration.status == Registration.Status.WAITLISTED:
        position = queries.waitlist(event).filter(created__lte=registration.created).count()
    qr = None
    if registration.status == Registration.Status.CONFIRMED:  # the organisers scan it at the entrance
        qr = registrant_services.qr_svg(registrant_services.checkin_url(registration, request.build_absolute_uri("/")))
    return render(request, "events/registration.html",
                  {"event": event, "registration": registration, "position": position, "qr": qr})


def manage(request, slug):
    event = _managed_event_or_404(request, slug)
    search = search_text(request.GET.get("q"), 100)
    page = Paginator(queries.registrations(event, search), 100).get_page(request.GET.get("page"))
    stats = queries.event_stats(event)
    sessions = list(event.sessions.order_by("start", "pk"))  # their live Q&A boards, through the signal
    links = signals.session_links(request.user, event, sessions) if sessions else {}
    return render(request, "events/manage.html", {
        "session_links": [(session, links[session.pk]) for session in sessions if links.get(session.pk)],
        "event": event, "page_obj": page, "search": search, "stats": stats,
        "by_country": stats.table("by_country"), "by_type": stats.table("by_type"),
        "manage_links": signals.manage_links(request.user, event),
        "extra_stats": signals.stats_tables(event),
    })


def export_csv(request, slug):
    event = _managed_event_or_404(request, slug)
    return csv_response(f"{event.slug}-registrations.csv", exports.REGISTRATION_HEADER,
                        exports.registration_rows(event))


def checkin(request, slug):
    event = _managed_event_or_404(request, slug)
    search = search_text(request.GET.get("q"), 100)
    results = []
    if search:
        results = list(queries.registrations(event, search).filter(status=Registration.Status.CONFIRMED)[:30])
    stats = queries.event_stats(event)
    return render(request, "events/checkin.html",
                  {"event": event, "search": search, "results": results, "stats": stats,
                   "manage_links": signals.manage_links(request.user, event)})


def checkin_toggle(request, slug, registration_id):
    event = _managed_event_or_404(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    registration = authz.get_or_404(request.user, rules.manage_registration, event.registrations.all(),
                                    pk=registration_id)
    try:
        services.check_in(registration, undo=request.POST.get("undo") == "1")
    except services.RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        if registration.attended:
            messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
        else:
            messages.success(request, _("Check-in of %(name)s undone.") % {"name": registration.name})
    query = request.POST.get("q", "")
    return redirect(reverse("events:checkin", kwargs={"slug": slug}) + (f"?{urlencode({'q': query})}" if query else ""))


def material_download(request, slug, material_id):
    event = _event_or_404(request, slug)
    material = authz.get_or_404(request.user, rules.view_material, event.materials.select_related("session"),
                                pk=material_id)
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"{event.slug}-{material.kind}-{material.pk}{mimetypes.guess_extension(material.content_type) or ''}"
    response = FileResponse(handle, as_attachment=True, filename=filename,
                            content_type=material.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    return response

