"""Reported values: a partner reports a value for a period for an organisation it acts for, with evidence; edits
and submits it; a project coordinator approves it or returns it with a comment. Every step is kept."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.core.errors import LiaiseError
from liaise.network.models import Partnership
from liaise.network.rules import act_for_partner

from .. import forms, rules, services
from ..models import Indicator, ReportedValue, ReportingPeriod
from ._common import files, posted, run_form


def _indicator_url(value_or_indicator) -> str:
    indicator = getattr(value_or_indicator, "indicator", value_or_indicator)
    return reverse("reporting:indicator", kwargs={"slug": indicator.project.slug, "code": indicator.code})


def _value(request, slug, pk, permission) -> ReportedValue:
    return authz.get_or_404(request.user, permission,
                            ReportedValue.objects.select_related("indicator__project", "period", "organisation"),
                            indicator__project__slug=slug, pk=pk)


@require_http_methods(["GET", "POST"])
def value_report(request, slug, code):
    """A new (draft) value of a reported indicator, for one of the partners the user acts for."""
    indicator = authz.get_or_404(request.user, rules.view_indicator, Indicator.objects.select_related("project"),
                                 project__slug=slug, code=code, source=Indicator.Source.REPORTED)
    partnerships = act_for_partner.filter(request.user, Partnership.objects.filter(project=indicator.project)) \
        .select_related("organisation").order_by("organisation__name")
    if not authz.active(request.user) or not partnerships.exists():
        raise Http404
    form = forms.ReportedValueForm(posted(request), files(request),
                                   periods=ReportingPeriod.objects.filter(project=indicator.project),
                                   partnerships=partnerships)

    def save():
        data = form.cleaned_data
        services.report_value(request.user, indicator, data["organisation"], data["period"], data,
                              data.get("upload"))

    return run_form(request, form, save, "reporting/value_form.html",
                    {"project": indicator.project, "indicator": indicator, "value": None},
                    _indicator_url(indicator) + "#reported", _("The value is saved as a draft: submit it when ready."))


@require_http_methods(["GET", "POST"])
def value_edit(request, slug, pk):
    value = _value(request, slug, pk, rules.edit_reported_value)
    form = forms.ReportedValueForm(posted(request), files(request), instance=value)
    return run_form(request, form,
                    lambda: services.edit_reported_value(request.user, value, form.cleaned_data,
                                                         form.cleaned_data.get("upload")),
                    "reporting/value_form.html",
                    {"project": value.indicator.project, "indicator": value.indicator, "value": value},
                    _indicator_url(value) + "#reported", _("The value is saved."))


def value_submit(request, slug, pk):
    """POST: submit the value to the coordinators (404 to those who may not, 405 to a GET of those who may)."""
    value = _value(request, slug, pk, rules.edit_reported_value)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.submit_reported_value(request.user, value)
    except LiaiseError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The value is submitted to the project's coordinators."))
    return redirect(_indicator_url(value) + "#reported")


def _review(request, slug, pk, *, approve: bool):
    value = _value(request, slug, pk, rules.review_reported_value)
    form = forms.ReviewForm(posted(request), required=not approve)
    if approve:
        save, done = lambda: services.approve_reported_value(request.user, value, form.cleaned_data["comment"]), \
            _("The value is approved: it now counts.")
    else:
        save, done = lambda: services.return_reported_value(request.user, value, form.cleaned_data["comment"]), \
            _("The value is returned to the partner with your comment.")
    return run_form(request, form, save, "reporting/value_review.html",
                    {"project": value.indicator.project, "indicator": value.indicator, "value": value,
                     "approve": approve}, _indicator_url(value) + "#reported", done)


@require_http_methods(["GET", "POST"])
def value_approve(request, slug, pk):
    return _review(request, slug, pk, approve=True)


@require_http_methods(["GET", "POST"])
def value_return(request, slug, pk):
    return _review(request, slug, pk, approve=False)


def evidence(request, slug, pk):
    """The evidence file, to those who see the value: no public URL exists for it."""
    value = _value(request, slug, pk, rules.view_reported_value)
    if not value.evidence_file:
        raise Http404
    try:
        handle = value.evidence_file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=value.evidence_file.name.rsplit("/", 1)[-1],
                            content_type=value.content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
