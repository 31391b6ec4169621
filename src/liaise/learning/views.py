"""Training pages: list, curriculum, one training, attendance and certificates (trainers and coordinators),
the anonymous feedback survey and its results, a trainee's own trainings, certificate verification and PDF."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.core.cache import anonymous_page
from liaise.core.errors import add_to_form
from liaise.network.queries import visible_projects

from . import queries, rules, services
from .certificates import request_pdf
from .forms import AttendanceForm, FeedbackForm
from .models import Certificate, Training
from .signals import training_links


def _training_or_404(request, slug, permission=rules.view_training) -> Training:
    return authz.get_or_404(request.user, permission, queries.training_page(), event__slug=slug)


def _run_training_or_404(request, slug) -> Training:
    return _training_or_404(request, slug, rules.run_training)


@anonymous_page(params=("project",))
def training_list(request):
    values, refused = queries.training_filters(request.user).parse_each(request.GET)
    trainings = list(queries.training_list(request.user, values["project"]))
    links = training_links(request.user, trainings)
    for training in trainings:
        training.links = links.get(training.pk, [])
    return render(request, "learning/training_list.html", {
        "trainings": trainings, "projects": visible_projects(request.user), "project": values["project"],
        "error": refused[0] if refused else None, "can_create": rules.create_training.anywhere(request.user),
    }, status=400 if refused else 200)


@anonymous_page
def curriculum(request):
    modules = list(queries.visible_modules(request.user).order_by("topic__position", "position", "slug"))
    by_topic: dict = {}
    for module in modules:
        by_topic.setdefault(module.topic, []).append(module)
    return render(request, "learning/curriculum.html", {"by_topic": list(by_topic.items())})


@anonymous_page
def training_detail(request, slug):
    training = _training_or_404(request, slug)
    user = request.user
    attendee = queries.attendee_registration(user, training) if user.is_authenticated else None
    return render(request, "learning/training_detail.html", {
        "training": training, "event": training.event,
        "links": training_links(user, [training]).get(training.pk, []),
        "can_run": authz.allows(user, rules.run_training, training),
        "can_edit": authz.allows(user, rules.edit_training, training),
        "attendee": attendee,
        "answered": attendee is not None and queries.has_answered(user, training),
    })


@require_http_methods(["GET", "POST"])
def attendance(request, slug):
    training = _run_training_or_404(request, slug)
    modules = list(training.modules.all())
    rows = queries.attendance_grid(training, modules)
    form = AttendanceForm(request.POST or None, rows=rows, modules=modules)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count = services.set_attendance(training, form.attended())
            except services.LearningError as exc:
                form.add_error(None, str(exc))
                status = 400
            else:
                messages.success(request, _("Attendance saved: %(n)d module attendances.") % {"n": count})
                return redirect("learning:attendance", slug=slug)
        else:
            status = 400
    grid = [(row, [(module, form[f"a-{row.registration.pk}-{module.pk}"]) for module in modules]) for row in rows]
    return render(request, "learning/attendance.html", {
        "training": training, "event": training.event, "modules": modules, "grid": grid, "form": form,
        "results": queries.feedback_results(training),
    }, status=status)


def issue_certificates(request, slug):
    training = _run_training_or_404(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    issued = services.issue_certificates(training, base_url=request.build_absolute_uri("/"))
    if issued:
        messages.success(request, _("%(n)d certificate(s) issued.") % {"n": len(issued)})
    else:
        messages.info(request, _("No new certificate: every trainee who attended a module already has one."))
    return redirect("learning:attendance", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, slug):
    training = _training_or_404(request, slug, rules.give_feedback)
    if queries.has_answered(request.user, training):
        return render(request, "learning/feedback.html", {"training": training, "answered": True})
    if not training.feedback_open:
        return render(request, "learning/feedback.html", {"training": training, "closed": True},
                      status=409 if request.method == "POST" else 200)
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.submit_feedback(training, request.user, services.FeedbackData(**form.cleaned_data))
            except services.LearningError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Thank you: your anonymous answer is recorded."))
                return redirect("learning:my_trainings")
        else:
            status = 400
    return render(request, "learning/feedback.html", {"training": training, "form": form}, status=status)


def feedback_results(request, slug):
    training = _run_training_or_404(request, slug)
    return render(request, "learning/feedback_results.html", {
        "training": training, "event": training.event, "results": queries.feedback_results(training),
    })


@login_required
def my_trainings(request):
    return render(request, "learning/my_trainings.html", {"items": queries.my_trainings(request.user)})


def verify(request, code):
    """Public: confirms a certificate, showing only the name, the training and the date."""
    try:
        certificate = queries.certificate_by_code(code)
    except Certificate.DoesNotExist:
        return render(request, "learning/verify_not_found.html", status=404)
    return render(request, "learning/verify.html", {"certificate": certificate})


def certificate_download(request, code):
    """The PDF, for its holder and for the people who run the training; 404 for anyone else. The worker draws it
    (once); until it is stored, a page asks to reload in a moment (202)."""
    certificate = authz.get_or_404(request.user, rules.download_certificate,
                                   queries.certificates().filter(revoked__isnull=True), code=code)
    if not certificate.pdf or not certificate.pdf.storage.exists(certificate.pdf.name):
        if certificate.pdf:  # the file was lost (a restored database without its media): draw it again
            Certificate.objects.filter(pk=certificate.pk).update(pdf="", pdf_requested=None)
            certificate.pdf, certificate.pdf_requested = "", None
        request_pdf(certificate, request.build_absolute_uri(certificate.get_absolute_url()))
        return render(request, "learning/certificate_preparing.html", {"certificate": certificate}, status=202)
    response = FileResponse(certificate.pdf.open("rb"), content_type="application/pdf", as_attachment=True,
                            filename=f"certificate-{certificate.training.event.slug}.pdf")
    response["X-Content-Type-Options"] = "nosniff"
    return response
