"""Pilot pages: list with filters, one pilot (stages, logic model, indicators with charts, milestones, journal,
comments, matching), create and edit, the stage workflow, the pilot's follow-up page (indicators, measurements,
milestones, journal) and the pilot-ideas board. Thin: parse → query or service → render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core.cache import anonymous_page
from liaise.core.errors import InvalidInput, add_to_form
from liaise.learning.queries import visible_trainings
from liaise.network.models import Organisation, Topic
from liaise.network.queries import visible_projects

from . import links, queries, rules, services
from .charts import indicator_chart
from .forms import (
    CommentForm,
    IdeaForm,
    IndicatorForm,
    MeasurementForm,
    MilestoneForm,
    MilestoneStatusForm,
    PilotForm,
    StopForm,
    UpdateForm,
)
from .models import Idea, Pilot, TargetGroup

FILTERS = ("project", "topic", "organisation", "status", "target_group")


def _pilot_or_404(request, slug) -> Pilot:
    try:
        return queries.pilot_detail(request.user, slug)
    except Pilot.DoesNotExist:
        raise Http404 from None


def _editable_pilot_or_404(request, slug) -> Pilot:
    pilot = _pilot_or_404(request, slug)
    if not rules.can_edit_pilot(request.user, pilot):
        raise Http404
    return pilot


@anonymous_page(params=FILTERS)
def pilot_list(request):
    values = {name: request.GET.get(name, "").strip()[:120] for name in FILTERS}
    error, status, pilots = None, 200, []
    try:
        filters = queries.PilotFilters(**queries.pilot_filters(request.user).parse(values))
    except InvalidInput as exc:
        error, status = exc, 400
    else:
        pilots = list(queries.pilot_list(request.user, filters))
    return render(request, "pilots/pilot_list.html", {
        "pilots": pilots, "values": values, "error": error,
        "projects": visible_projects(request.user).order_by("-start"),
        "topics": Topic.objects.order_by("position"), "statuses": Pilot.Status.choices,
        "target_groups": TargetGroup.objects.order_by("position"),
        "organisations": Organisation.objects.filter(pilots__in=queries.visible_pilots(request.user))
        .distinct().order_by("slug"),
        "can_create": request.user.is_authenticated and rules.can_create_pilot(request.user),
    }, status=status)


@anonymous_page
def pilot_detail(request, slug):
    pilot = _pilot_or_404(request, slug)
    user = request.user
    similar, partners = queries.matches(user, pilot)
    indicators = [(i, indicator_chart(i)) for i in pilot.indicators.all()]
    can_edit = user.is_authenticated and rules.can_edit_pilot(user, pilot)
    return render(request, "pilots/pilot_detail.html", {
        "pilot": pilot, "indicators": indicators, "similar": similar, "partners": partners,
        "can_edit": can_edit, "outcomes": links.pilot_outcomes(user, pilot, can_edit),
        "can_comment": user.is_authenticated and rules.can_comment_on_pilot(user, pilot),
        "comment_form": CommentForm(), "stop_form": StopForm(),
    })


def _pilot_form(request, pilot: Pilot | None):
    user = request.user
    projects = queries.projects_for_new_pilots(user) if pilot is None else visible_projects(user).filter(
        pk=pilot.project_id)
    data = request.POST or None
    project = pilot.project if pilot else None
    if project is None and data and data.get("project", "").isdigit():
        project = projects.filter(pk=int(data["project"])).first()
    if project is None and projects.count() == 1:
        project = projects.first()
    organisations = queries.editable_organisations(user, project) if project else Organisation.objects.none()
    if pilot is not None and not organisations.filter(pk=pilot.organisation_id).exists():
        organisations = Organisation.objects.filter(pk=pilot.organisation_id)
    trainings = visible_trainings(user).filter(event__project=project).select_related("event") if project else (
        visible_trainings(user).none())
    initial = {}
    if pilot is not None:
        initial = {name: getattr(pilot, name) for name in (
            "title", "summary", "problem", "agencies", "budget", "start", "end", "visibility", "lessons_learned",
            *Pilot.LOGIC_MODEL)}
        initial.update(project=pilot.project, organisation=pilot.organisation, topics=list(pilot.topics.all()),
                       target_groups=list(pilot.target_groups.all()), trainings=list(pilot.trainings.all()))
    elif project is not None:
        initial["project"] = project
    return PilotForm(data, initial=initial, projects=projects, organisations=organisations, trainings=trainings)


def _save(request, pilot: Pilot | None):
    form = _pilot_form(request, pilot)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = services.save_pilot(pilot, services.PilotData(**form.cleaned_data), request.user)
            except services.PilotError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("The pilot is saved."))
                return redirect(saved.get_absolute_url())
        else:
            status = 400
    return render(request, "pilots/pilot_form.html", {"form": form, "pilot": pilot}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def pilot_new(request):
    if not rules.can_create_pilot(request.user):
        raise Http404
    return _save(request, None)


@require_http_methods(["GET", "POST"])
def pilot_edit(request, slug):
    return _save(request, _editable_pilot_or_404(request, slug))


def pilot_stage(request, slug):
    """POST: advance to the next stage, or stop (with a reason)."""
    pilot = _editable_pilot_or_404(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        if request.POST.get("action") == "stop":
            form = StopForm(request.POST)
            reason = form.data.get("reason", "")
            services.stop_pilot(pilot, request.user, reason)
            messages.success(request, _("The pilot is stopped; the reason is in its journal."))
        else:
            pilot = services.advance_stage(pilot, request.user)
            messages.success(request, _("The pilot moved to the %(stage)s stage.") % {
                "stage": pilot.get_status_display()})
    except services.PilotError as exc:
        messages.error(request, str(exc))
    return redirect(pilot.get_absolute_url() + "#stage")


@require_http_methods(["GET", "POST"])
def pilot_follow_up(request, slug):
    """The editors' page: add indicators, record measurements, add milestones and set their status, write the
    journal. Each form posts here with its name in ``form``."""
    pilot = _editable_pilot_or_404(request, slug)
    indicators = list(pilot.indicators.all())
    which = request.POST.get("form") if request.method == "POST" else None
    forms = {
        "indicator": IndicatorForm(request.POST if which == "indicator" else None, prefix="indicator"),
        "measurement": MeasurementForm(request.POST if which == "measurement" else None, prefix="measurement",
                                       indicators=indicators),
        "milestone": MilestoneForm(request.POST if which == "milestone" else None, prefix="milestone"),
        "journal": UpdateForm(request.POST if which == "journal" else None, prefix="journal"),
    }
    status = 200
    if which == "milestone_status":
        form = MilestoneStatusForm(request.POST)
        milestone = pilot.milestones.filter(pk=form.data.get("milestone") or 0).first() if (
            str(form.data.get("milestone", "")).isdigit()) else None
        if milestone is None or not form.is_valid():
            messages.error(request, _("Choose a milestone of this pilot and a known status."))
        else:
            services.set_milestone_status(milestone, form.cleaned_data["status"])
            messages.success(request, _("Milestone updated."))
        return redirect("pilots:follow_up", slug=slug)
    if which in forms:
        form = forms[which]
        if form.is_valid():
            data = form.cleaned_data
            try:
                if which == "indicator":
                    services.add_indicator(pilot, data["name"], data["unit"], data["baseline"], data["target"])
                elif which == "measurement":
                    indicator = next(i for i in indicators if i.pk == data["indicator"])
                    services.record_measurement(indicator, data["date"], data["value"], data["note"])
                elif which == "milestone":
                    services.add_milestone(pilot, data["title"], data["due"])
                else:
                    services.add_update(pilot, request.user, data["text"])
            except services.PilotError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Saved."))
                return redirect("pilots:follow_up", slug=slug)
        else:
            status = 400
    elif request.method == "POST":
        status = 400
        messages.error(request, _("Unknown form."))
    milestones = [(m, MilestoneStatusForm(initial={"milestone": m.pk, "status": m.status}, prefix=f"m{m.pk}"))
                  for m in pilot.milestones.all()]
    return render(request, "pilots/follow_up.html", {
        "pilot": pilot, "forms": forms, "indicators": indicators, "milestones": milestones,
        "milestone_statuses": MilestoneStatusForm.base_fields["status"].choices,
    }, status=status)


def pilot_comment(request, slug):
    pilot = _pilot_or_404(request, slug)
    if not (request.user.is_authenticated and rules.can_comment_on_pilot(request.user, pilot)):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_on_pilot(pilot, request.user, form.cleaned_data["text"], request.build_absolute_uri("/"))
        except services.PilotError as exc:
            form.add_error("text", str(exc))
    if form.errors:
        similar, partners = queries.matches(request.user, pilot)
        return render(request, "pilots/pilot_detail.html", {
            "pilot": pilot, "indicators": [(i, indicator_chart(i)) for i in pilot.indicators.all()],
            "similar": similar, "partners": partners, "can_edit": rules.can_edit_pilot(request.user, pilot),
            "can_comment": True, "comment_form": form, "stop_form": StopForm(),
        }, status=400)
    messages.success(request, _("Your comment is posted; the pilot's owner is told by email."))
    return redirect(pilot.get_absolute_url() + "#comments")


def _idea_form(request, data=None):
    user = request.user
    from liaise.network.models import Project

    projects = Project.objects.all() if user.is_staff else Project.objects.filter(roles__user=user).distinct()
    project = None
    if data and str(data.get("project", "")).isdigit():
        project = projects.filter(pk=int(data["project"])).first()
    elif projects.count() == 1:
        project = projects.first()
    organisations = Organisation.objects.none()
    if project is not None:
        if user.is_staff or queries.project_people_roles(user, project) == "project_coordinator":
            organisations = Organisation.objects.filter(partnerships__project=project).order_by("slug")
        else:
            organisations = Organisation.objects.filter(
                project_roles__user=user, project_roles__project=project,
                partnerships__project=project).distinct()
    return IdeaForm(data, projects=projects, organisations=organisations,
                    initial={"project": project, "organisation": organisations.first() if organisations else None})


@login_required
@require_http_methods(["GET", "POST"])
def idea_board(request):
    """The pilot-ideas board: for anyone with a role in a project (partners, experts, coordinators)."""
    ideas = list(queries.idea_list(request.user))
    form = _idea_form(request, request.POST or None)
    if not form.fields["project"].queryset.exists():
        raise Http404
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                idea = services.post_idea(data["project"], data["organisation"], request.user, data["title"],
                                          data["text"], data["topics"])
            except services.PilotError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, _("Your idea is on the board."))
                return redirect(idea.get_absolute_url())
        else:
            status = 400
    return render(request, "pilots/idea_board.html", {"ideas": ideas, "form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def idea_detail(request, pk):
    try:
        idea = queries.idea_detail(request.user, pk)
    except Idea.DoesNotExist:
        raise Http404 from None
    form = CommentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.comment_on_idea(idea, request.user, form.cleaned_data["text"],
                                         request.build_absolute_uri("/"))
            except services.PilotError as exc:
                form.add_error("text", str(exc))
                status = 400
            else:
                messages.success(request, _("Your comment is posted; the idea's author is told by email."))
                return redirect(idea.get_absolute_url() + "#comments")
        else:
            status = 400
    return render(request, "pilots/idea_detail.html", {"idea": idea, "form": form}, status=status)
