"""Pilot pages: list with filters, one pilot (stages, logic model, indicators with charts, milestones, journal,
comments, matching), create and edit, the stage workflow, the pilot's follow-up page (indicators, measurements,
milestones, journal) and the pilot-ideas board. Thin: parse → query or service → render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.core.cache import anonymous_page
from liaise.core.errors import InvalidInput, add_to_form
from liaise.network.models import Organisation, Topic
from liaise.network.queries import visible_projects

from . import queries, rules, services, signals
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
from .models import Pilot, TargetGroup

FILTERS = ("project", "topic", "organisation", "status", "target_group")


def _pilot_or_404(request, slug, permission=rules.view_pilot) -> Pilot:
    return authz.get_or_404(request.user, permission, queries.pilot_page(request.user), slug=slug)


def _editable_pilot_or_404(request, slug) -> Pilot:
    return _pilot_or_404(request, slug, rules.edit_pilot)


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
        "can_create": rules.create_pilot.anywhere(request.user),
    }, status=status)


def _detail(request, pilot: Pilot, comment_form: CommentForm | None = None, status: int = 200):
    """The pilot's page; after a refused comment, the same page (every part of it) with the form and its errors."""
    user = request.user
    similar, partners = queries.matches(user, pilot)
    can_edit = authz.allows(user, rules.edit_pilot, pilot)
    return render(request, "pilots/pilot_detail.html", {
        "pilot": pilot, "indicators": [(i, indicator_chart(i)) for i in pilot.indicators.all()],
        "similar": similar, "partners": partners,
        "can_edit": can_edit, "outcomes": signals.pilot_outcomes(user, pilot, can_edit),
        "can_comment": authz.allows(user, rules.comment_on_pilot, pilot),
        "comment_form": comment_form or CommentForm(), "stop_form": StopForm(),
    }, status=status)


@anonymous_page
def pilot_detail(request, slug):
    return _detail(request, _pilot_or_404(request, slug))


def _pilot_form(request, pilot: Pilot | None) -> PilotForm:
    choices = queries.pilot_form_choices(request.user, pilot, request.POST.get("project", ""))
    return PilotForm(request.POST or None, initial=PilotForm.initial_for(pilot, choices.project),
                     projects=choices.projects, organisations=choices.organisations, trainings=choices.trainings)


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
    if not rules.create_pilot.anywhere(request.user):
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
        form = MilestoneStatusForm(request.POST, milestones=pilot.milestones.all())
        if form.is_valid():
            services.set_milestone_status(form.cleaned_data["milestone"], form.cleaned_data["status"])
            messages.success(request, _("Milestone updated."))
        else:
            messages.error(request, _("Choose a milestone of this pilot and a known status."))
        return redirect("pilots:follow_up", slug=slug)
    if which in forms:
        form = forms[which]
        if form.is_valid():
            try:
                services.record_follow_up(pilot, request.user, which, form.cleaned_data)
            except services.PilotError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("Saved."))
                return redirect("pilots:follow_up", slug=slug)
        status = 400
    elif request.method == "POST":
        status = 400
        messages.error(request, _("Unknown form."))
    return render(request, "pilots/follow_up.html", {
        "pilot": pilot, "forms": forms, "indicators": indicators, "milestones": pilot.milestones.all(),
        "milestone_statuses": MilestoneStatusForm.base_fields["status"].choices,
    }, status=status)


def pilot_comment(request, slug):
    pilot = _pilot_or_404(request, slug, rules.comment_on_pilot)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            services.comment_on_pilot(pilot, request.user, form.cleaned_data["text"], request.build_absolute_uri("/"))
        except services.PilotError as exc:
            form.add_error("text", str(exc))
    if form.errors:
        return _detail(request, pilot, comment_form=form, status=400)
    messages.success(request, _("Your comment is posted; the pilot's owner is told by email."))
    return redirect(pilot.get_absolute_url() + "#comments")


def _idea_form(request, data=None) -> IdeaForm:
    projects, project, organisations = queries.idea_form_choices(request.user, (data or {}).get("project", ""))
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
    idea = authz.get_or_404(request.user, rules.view_idea, queries.idea_page(), pk=pk)
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
