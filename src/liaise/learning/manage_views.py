"""Organising trainings in the pages: create one (for an existing training event or together with a new event),
edit it, open and close its feedback survey. Attendance and certificates are in ``views``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.core.errors import LiaiseError, add_to_form
from liaise.core.fields import as_slug

from . import queries, rules, services
from .forms import TrainingForm


def _training_data(data: dict) -> services.TrainingData:
    return services.TrainingData(partner=data["partner"], modules=list(data["modules"]),
                                 trainers=list(data["trainers"]), feedback_open=data["feedback_open"])


@login_required
@require_http_methods(["GET", "POST"])
def training_new(request):
    """/trainings/new/?project=<slug>: without a project (and more than one allowed), the choice of project."""
    projects = queries.projects_for_new_trainings(request.user)
    wanted = request.GET.get("project") or request.POST.get("project") or ""
    if wanted:
        project = projects.filter(slug=as_slug(wanted)).first()
        if project is None:
            raise Http404
    else:
        allowed = list(projects[:2])
        if not allowed:
            raise Http404
        project = allowed[0] if len(allowed) == 1 else None
    if project is None:
        return render(request, "learning/manage/training_project.html", {"projects": projects},
                      status=400 if request.method == "POST" else 200)
    choices = queries.training_form_choices(request.user, project)
    source = TrainingForm.EXISTING if choices.events.exists() else TrainingForm.NEW
    form = TrainingForm(request.POST or None, choices=choices, initial={"event_source": source})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            existing = data["event_source"] == TrainingForm.EXISTING
            new_event = None if existing else services.NewEvent(
                title=data["title"], start=data["start"], end=data["end"], timezone=data["timezone"],
                visibility=data["visibility"], status=data["status"], venue_city=data["city"])
            try:
                training = services.create_training(project, _training_data(data), request.user,
                                                    event=data["event"] if existing else None, new_event=new_event)
            except LiaiseError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("The training is created. Record attendance here after each module."))
                return redirect(training.get_absolute_url())
    return render(request, "learning/manage/training_form.html", {
        "form": form, "project": project, "training": None, "many_projects": projects.count() > 1,
    }, status=status)


@require_http_methods(["GET", "POST"])
def training_edit(request, slug):
    training = authz.get_or_404(request.user, rules.edit_training, queries.training_page(), event__slug=slug)
    project = training.event.project
    form = TrainingForm(request.POST or None, choices=queries.training_form_choices(request.user, project),
                        creating=False, initial=TrainingForm.initial_for(training))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.edit_training(training, _training_data(form.cleaned_data))
            except LiaiseError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("The training is saved."))
                return redirect(training.get_absolute_url())
    return render(request, "learning/manage/training_form.html", {
        "form": form, "project": project, "training": training,
    }, status=status)


def _set_feedback(request, slug, is_open: bool):
    training = authz.get_or_404(request.user, rules.run_training, queries.training_page(), event__slug=slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.set_feedback_open(training, is_open)
    messages.success(request, _("The feedback survey is open: attendees can answer it.") if is_open
                     else _("The feedback survey is closed: no more answers are taken."))
    return redirect(training.get_absolute_url())


def feedback_open(request, slug):
    return _set_feedback(request, slug, True)


def feedback_close(request, slug):
    return _set_feedback(request, slug, False)
