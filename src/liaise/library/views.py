"""Library pages: search, practice pages, the editors' workspace and forms, resources. Thin: parse → query or
service → render. What a user may not see answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.core.cache import anonymous_page, lazy_context, visible_pk
from liaise.core.errors import add_to_form
from liaise.core.filters import search_text
from liaise.network.models import Topic

from . import queries, rules, services
from .forms import PracticeForm, ResourceForm, SearchForm, SendBackForm, WorkspaceFilterForm
from .models import Practice, Resource

SEARCH_PARAMS = ("q", "topic", "approach", "audience", "country", "kind", "page")


SEARCH = ("form", "results", "params", "base_query")


def _search(user, data) -> tuple[dict, int]:
    topics = list(Topic.objects.order_by("position", "slug"))
    form = SearchForm(data or None, topics=topics)
    status, results = 200, None
    if form.is_bound and not form.is_valid():
        status = 400
    else:
        cleaned = form.cleaned_data if form.is_bound else {}
        results = queries.search_practices(
            user, cleaned.get("q", ""), form.filters() if form.is_bound else None, page=cleaned.get("page") or 1,
            topic_names={t.pk: (t.slug, t.name) for t in topics},
        )
    params = {k: v for k, v in (data or {}).items() if k in SEARCH_PARAMS and k != "page" and v}
    for facet in results.facets if results else []:
        facet.current = params.get(facet.name, "")
        facet.base = urlencode({k: v for k, v in params.items() if k != facet.name})
    return {"form": form, "results": results, "params": params, "base_query": urlencode(params)}, status


@anonymous_page(params=SEARCH_PARAMS, signed_in=True)
def search(request):
    if not request.GET:
        # (the whole library, no search to check: the data only when the page's fragments are drawn)
        return render(request, "library/search.html", lazy_context(lambda: _search(request.user, None)[0], SEARCH))
    context, status = _search(request.user, request.GET)
    return render(request, "library/search.html", context, status=status)


def _practice_or_404(user, permission=rules.view_practice, **lookup) -> Practice:
    practice = authz.get_or_404(user, permission, queries.practice_page(), **lookup)
    practice.can_edit = authz.allows(user, rules.edit_practice, practice)
    practice.can_review = authz.allows(user, rules.review_practice, practice)
    return practice


PRACTICE = ("practice", "origins", "resources", "similar", "send_back_form")


def _practice(user, practice) -> dict:
    return {
        "practice": practice,
        "origins": queries.origin_chain(user, practice),
        "resources": queries.practice_resources(user, practice),
        "similar": queries.similar_practices(user, practice) if practice.is_published else [],
        "send_back_form": SendBackForm(),
    }


@anonymous_page(signed_in=True)
def practice_detail(request, slug):
    if getattr(request, "liaise_fragments", None) is None:  # (a signed-in user's page: drawn whole)
        return render(request, "library/practice_detail.html",
                      _practice(request.user, _practice_or_404(request.user, slug=slug)))
    # A visitor's: whether they may see it, now; the page's data only when its fragments are drawn ({% fragment %}).
    pk = visible_pk(request, rules.view_practice, Practice.objects, slug=slug)
    return render(request, "library/practice_detail.html",
                  lazy_context(lambda: _practice(request.user, _practice_or_404(request.user, pk=pk)), PRACTICE))


def _editor_or_404(request, slug) -> Practice:
    return _practice_or_404(request.user, rules.edit_practice, slug=slug)


@require_http_methods(["GET", "POST"])
def practice_create(request):
    pairs = queries.creatable_pairs(request.user)
    if not pairs:
        raise Http404
    form = PracticeForm(request.POST or None, pairs=pairs, user=request.user,
                        initial={"language": "en", "visibility": "public", "scope": "local"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                practice = services.save_practice(request.user, form.practice_data(),
                                                  topics=form.cleaned_data["topics"],
                                                  audiences=form.cleaned_data["audiences"])
            except services.LibraryError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("Draft saved. Add resources, then submit it for review."))
                return redirect(practice)
        status = 400
    return render(request, "library/practice_form.html", {"form": form, "practice": None}, status=status)


@require_http_methods(["GET", "POST"])
def practice_edit(request, slug):
    practice = _editor_or_404(request, slug)
    if practice.status != Practice.Status.DRAFT and not practice.can_review:
        raise Http404  # in review or published: the coordinators' turn
    pairs = queries.creatable_pairs(request.user)
    form = PracticeForm(request.POST or None, pairs=pairs, user=request.user,
                        initial=PracticeForm.initial_for(practice))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.save_practice(request.user, form.practice_data(), practice=practice,
                                       topics=form.cleaned_data["topics"], audiences=form.cleaned_data["audiences"])
            except services.LibraryError as exc:
                add_to_form(form, exc)
            else:
                messages.success(request, _("Practice saved."))
                return redirect(practice)
        status = 400
    return render(request, "library/practice_form.html", {"form": form, "practice": practice}, status=status)


def practice_workflow(request, slug):
    """POST action=submit|publish|send_back|peer_reviewed|not_peer_reviewed|delete."""
    practice = _editor_or_404(request, slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    action = request.POST.get("action", "")
    done = {
        "submit": _("Submitted for review: a project coordinator will read it."),
        "publish": _("Published: the practice is in the library and its search."),
        "send_back": _("Sent back to draft with your comment."),
        "peer_reviewed": _("Labelled peer reviewed."),
        "not_peer_reviewed": _("The peer reviewed label is removed."),
        "delete": _("Practice deleted."),
    }
    try:
        if action == "submit":
            services.submit(request.user, practice)
        elif action == "publish":
            services.publish(request.user, practice)
        elif action == "send_back":
            services.send_back(request.user, practice, request.POST.get("comment", ""))
        elif action in ("peer_reviewed", "not_peer_reviewed"):
            services.set_peer_reviewed(request.user, practice, action == "peer_reviewed")
        elif action == "delete":
            services.delete_practice(request.user, practice)
            messages.success(request, done[action])
            return redirect("library:workspace")
        else:
            raise services.LibraryError(_("Unknown action."))
    except services.LibraryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done[action])
    return redirect(practice)


@login_required
def workspace(request):
    form = WorkspaceFilterForm(request.GET or None)
    missing = form.values()["missing"]
    lists = queries.workspace(request.user, missing=missing)
    return render(request, "library/workspace.html", {
        **lists, "can_create": bool(queries.creatable_pairs(request.user)),
        "can_add_resources": queries.coordinated_projects(request.user).exists(),
        "filter_form": form, "missing": missing,
    }, status=400 if form.is_bound and not form.is_valid() else 200)


@anonymous_page(params=("kind", "q"))
def resource_list(request):
    values, refused = queries.resource_filters().parse_each(request.GET)
    q = search_text(request.GET.get("q"), 200)
    resources = list(queries.resource_list(request.user, kind=values["kind"], q=q)[:200])
    return render(request, "library/resource_list.html", {
        "resources": resources, "kind": values["kind"], "q": q, "kinds": Resource.Kind.choices,
        "error": refused[0] if refused else None,
    }, status=400 if refused else 200)


def _resource_form_view(request, practice: Practice | None):
    projects = None if practice is not None else queries.coordinated_projects(request.user)
    form = ResourceForm(request.POST or None, request.FILES or None, projects=projects,
                        initial={"language": "en", "visibility": practice.visibility if practice else "public"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.add_resource(request.user, form.resource_data(), form.cleaned_data["file"],
                                      practice=practice)
            except services.LibraryError as exc:
                add_to_form(form, exc)
            else:  # the worker reads its text; a note on an unreadable file shows on the practice's page
                messages.success(request, _("Resource uploaded."))
                return redirect(practice or reverse("library:resources"))
        status = 400
    return render(request, "library/resource_form.html", {"form": form, "practice": practice}, status=status)


@require_http_methods(["GET", "POST"])
def practice_resource_add(request, slug):
    practice = _editor_or_404(request, slug)
    if practice.status != Practice.Status.DRAFT and not practice.can_review:
        raise Http404
    return _resource_form_view(request, practice)


@require_http_methods(["GET", "POST"])
def resource_add(request):
    if not queries.coordinated_projects(request.user).exists():
        raise Http404
    return _resource_form_view(request, None)


def _resource_or_404(request, pk, permission=rules.view_resource) -> Resource:
    return authz.get_or_404(request.user, permission, Resource.objects.select_related("practice"), pk=pk)


def resource_download(request, pk):
    """The file as an attachment, after checking who asks: no public URL exists for a library file."""
    resource = _resource_or_404(request, pk)
    try:
        handle = resource.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=resource.download_name(),
                            content_type=resource.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store" if resource.effective_visibility() != "public" else "private"
    return response


def resource_delete(request, pk):
    resource = authz.require(request.user, rules.delete_resource, _resource_or_404(request, pk))
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    practice = resource.practice
    try:
        services.delete_resource(request.user, resource)
    except services.LibraryError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Resource deleted."))
    return redirect(practice or reverse("library:resources"))


def practice_from_pilot(request, slug):
    """POST: turn a completed pilot into a practice draft (or open the one already made) and edit it."""
    from liaise.pilots.rules import view_pilot

    pilot = authz.get_or_404(request.user, view_pilot, slug=slug)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        practice = services.practice_from_pilot(request.user, pilot)
    except services.LibraryError as exc:
        messages.error(request, str(exc))
        return redirect(pilot.get_absolute_url())
    if practice.status == Practice.Status.DRAFT:
        messages.success(request, _("A practice draft was made from the pilot: complete it, then submit it for "
                                    "review."))
        return redirect("library:practice_edit", slug=practice.slug)
    return redirect(practice.get_absolute_url())
