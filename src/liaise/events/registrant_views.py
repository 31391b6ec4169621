"""The organisers' pages for working with registrants: messages, check-in by QR code, badges and the attendance
list. Thin: parse → service or query → render. Every page is for the managers of the event (404 for anyone
else)."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.core.errors import LiaiseError, add_to_form

from . import pdfs, queries, registrant_services, rules, services, signals
from .forms import MessageForm
from .models import Event, Registration


def _managed_event_or_404(request, slug) -> Event:
    return authz.get_or_404(request.user, rules.manage_event, queries.event_page(), slug=slug)


@require_http_methods(["GET", "POST"])
def message(request, slug):
    """Write to all confirmed, waitlisted or checked-in registrants; the messages sent so far."""
    event = _managed_event_or_404(request, slug)
    counts = registrant_services.audience_counts(event)
    form = MessageForm(request.POST or None, counts=counts, initial={"audience": "confirmed"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                record = registrant_services.send_message(event, data["audience"], data["subject"], data["body"],
                                                          request.user, request.build_absolute_uri("/"))
            except LiaiseError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Message sent to %(n)d people.") % {"n": record.recipients})
                return redirect("events:message", slug=event.slug)
        else:
            status = 400
    return render(request, "events/manage/message.html", {
        "event": event, "form": form, "counts": counts,
        "sent": list(registrant_services.messages_sent(event)),
        "manage_links": signals.manage_links(request.user, event),
    }, status=status)


@require_http_methods(["GET", "POST"])
def checkin_qr(request, slug, token):
    """The page a registration's QR code opens on an organiser's phone: who it is, and a big "Check in" button."""
    event = _managed_event_or_404(request, slug)
    try:
        registration = registrant_services.registration_from_checkin_token(event, token)
    except Registration.DoesNotExist:
        raise Http404 from None
    authz.require(request.user, rules.manage_registration, registration)
    if request.method == "POST":
        try:
            services.check_in(registration, undo=request.POST.get("undo") == "1")
        except services.RegistrationError as exc:
            messages.error(request, str(exc))
        else:
            if registration.attended:
                messages.success(request, _("%(name)s is checked in.") % {"name": registration.name})
            else:
                messages.success(request, _("Check-in of %(name)s undone.") % {"name": registration.name})
        return redirect(request.path)
    return render(request, "events/manage/checkin_qr.html", {"event": event, "registration": registration})


def _document(request, slug, kind: str, filename: str):
    event = _managed_event_or_404(request, slug)
    if request.method not in ("GET", "HEAD"):  # (after the 404: the address is no one else's business)
        return HttpResponseNotAllowed(["GET"])
    document = pdfs.stored_document(event, kind)
    if document is None:  # the worker draws it: a page that reloads itself until it is there
        return render(request, "events/manage/document_preparing.html", {"event": event, "kind": kind}, status=202)
    response = FileResponse(document.file.open("rb"), content_type="application/pdf", as_attachment=True,
                            filename=f"{event.slug}-{filename}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response


def badges_pdf(request, slug):
    return _document(request, slug, "badges", "badges")


def attendance_pdf(request, slug):
    return _document(request, slug, "attendance", "attendance")
