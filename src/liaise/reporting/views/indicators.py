"""Indicators: the form (with a target per reporting period) and the detail page (definition, source and how it
is computed, values per period, reported values with their history)."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from liaise.core import authz
from liaise.network.models import Partnership
from liaise.network.rules import act_for_partner

from .. import forms, rules, services
from ..models import Indicator, ReportedValue, ReportedValueChange, ReportingPeriod, Target
from ._common import posted, project_or_404, run_form


def _indicator_form(request, project, indicator=None):
    periods = list(ReportingPeriod.objects.filter(project=project))
    form = forms.IndicatorForm(posted(request), instance=indicator, project=project, periods=periods)

    title = _("Edit %(item)s") % {"item": indicator} if indicator else _("New indicator")
    return run_form(request, form, lambda: services.save_indicator(project, indicator, form.cleaned_data,
                                                                   form.targets()),
                    "reporting/indicator_form.html",
                    {"project": project, "indicator": indicator, "title": title, "periods": periods},
                    lambda saved: reverse("reporting:indicator", kwargs={"slug": project.slug, "code": saved.code}),
                    _("The indicator is saved."))


@require_http_methods(["GET", "POST"])
def indicator_new(request, slug):
    return _indicator_form(request, project_or_404(request, slug, rules.manage_results))


@require_http_methods(["GET", "POST"])
def indicator_edit(request, slug, code):
    project = project_or_404(request, slug, rules.manage_results)
    return _indicator_form(request, project, get_object_or_404(Indicator.objects.filter(project=project), code=code))


def _rows(project, indicator, periods):
    """The values per period: the lead's ``queries.indicator_rows`` where present, else the targets alone."""
    try:
        from .. import queries

        rows = queries.indicator_rows(project, [indicator], periods)
    except (ImportError, AttributeError):
        return None
    return rows[0] if rows else None


def indicator_detail(request, slug, code):
    user = request.user
    indicator = authz.get_or_404(user, rules.view_indicator,
                                 Indicator.objects.select_related("project", "work_package"),
                                 project__slug=slug, code=code)
    project = indicator.project
    periods = list(ReportingPeriod.objects.filter(project=project))
    targets = {t.period_id: t.value for t in Target.objects.filter(indicator=indicator)}
    values = list(rules.view_reported_value.filter(user, indicator.reported_values.all())
                  .select_related("period", "organisation")
                  .prefetch_related(Prefetch("changes", ReportedValueChange.objects.select_related("actor"))))
    for value in values:
        value.can_edit = authz.allows(user, rules.edit_reported_value, value)
        value.can_review = authz.allows(user, rules.review_reported_value, value)
    can_report = (indicator.source == Indicator.Source.REPORTED and authz.active(user)
                  and act_for_partner.filter(user, Partnership.objects.filter(project=project)).exists())
    metric = None
    if indicator.metric:
        try:
            from .. import metrics

            metric = metrics.METRICS.get(indicator.metric)
        except ImportError:
            metric = None
    return render(request, "reporting/indicator_detail.html", {
        "project": project, "indicator": indicator, "metric": metric,
        "periods": [(p, targets.get(p.pk)) for p in periods], "row": _rows(project, indicator, periods),
        "values": values, "can_report": can_report,
        "can_manage": authz.active(user) and authz.allows(user, rules.manage_results, project),
        "statuses": ReportedValue.Status,
    })
