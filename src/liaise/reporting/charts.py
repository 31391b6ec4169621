"""The results' charts, drawn on the server as SVG by pygal: the same chart appears on the dashboard and in the
periodic report's PDF. Each chart is an image with a text alternative (``role="img"`` and a label); the figures
themselves are in a data table next to it, for screen readers, and in a CSV download.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pygal
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from .models import Project, month_span

STYLE = Style(
    background="transparent", plot_background="transparent", foreground="#1f2933", foreground_strong="#1f2933",
    foreground_subtle="#616e7c", opacity="1", opacity_hover="0.85", transition="0ms",
    colors=("#9aa5b1", "#0b5cad", "#c2410c", "#15803d", "#7c3aed", "#b45309"),
    font_family="DejaVu Sans, Arial, sans-serif", label_font_size=12, major_label_font_size=12,
    legend_font_size=12, title_font_size=14, value_font_size=11,
)
BAR, DELIVERABLE, MILESTONE = "#7b93ad", "#15803d", "#7c3aed"


def timeline_style(bars: int) -> Style:
    """The timeline draws each work package as a thick line (one colour for all), then the marks."""
    keep = ("background", "plot_background", "foreground", "foreground_strong", "foreground_subtle", "opacity",
            "opacity_hover", "transition", "font_family", "label_font_size", "major_label_font_size",
            "title_font_size")
    return Style(**{k: getattr(STYLE, k) for k in keep}, colors=(BAR,) * bars + (DELIVERABLE, MILESTONE),
                 stroke_width="12", stroke_width_hover="12")


OPTIONS = {"style": STYLE, "disable_xml_declaration": True, "js": [], "explicit_size": False,
           "show_legend": True, "legend_at_bottom": True, "legend_at_bottom_columns": 3, "margin": 8,
           "print_values": False, "tooltip_border_radius": 0, "margin_bottom": 24}


_SCRIPT = re.compile(r"<script\b.*?</script>", re.DOTALL)


def _svg(chart, label: str) -> SafeString:
    """The chart's SVG (pygal escapes every text it draws) inside a figure-sized wrapper with its label."""
    # pygal writes an inline <script> (its tooltips' configuration) even without its JavaScript: dropped, the
    # Content-Security-Policy allows no inline script. Its <style> stays (see results_views.results).
    svg = _SCRIPT.sub("", chart.render(is_unicode=True))
    return format_html('<div class="chart" role="img" aria-label="{}">{}</div>', label, mark_safe(svg))  # noqa: S308


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


#: Lighter charts for print (cheaper for WeasyPrint to lay out): fewer scale steps, no guide lines.
COMPACT = {"max_scale": 4, "show_y_guides": False}


def indicator_chart(row, height: int = 240) -> SafeString:
    """Target and actual value per reporting period of one indicator (an ``IndicatorRow``)."""
    indicator = row.indicator
    chart = pygal.Bar(width=520, height=height, title=f"{indicator.code} — {indicator.title}"[:80],
                      x_labels=[c.period.code for c in row.cells], range=None, include_x_axis=True, **OPTIONS)
    chart.add(_("Target"), [_number(c.target) for c in row.cells])
    chart.add(_("Actual"), [_number(c.actual) for c in row.cells])
    label = _("Chart of %(indicator)s: target and actual value per reporting period; the figures are in the "
              "table next to it.") % {"indicator": indicator.code}
    return _svg(chart, label)


def _legend(*keys: tuple[str, str]) -> SafeString:
    return format_html('<p class="chart-key">{}</p>', format_html_join(
        " ", '<span><span class="chart-swatch" style="background:{}" aria-hidden="true"></span> {}</span>', keys))


def progress_chart(rows, period) -> SafeString:
    """Every indicator in one chart (the periodic report's overview): its actual value in ``period`` as a share
    of the period's target, and its value to date as a share of the final target, in %. One chart for many
    indicators keeps the PDF quick to lay out; each indicator's own chart is on the dashboard."""
    rows = list(rows)
    chart = pygal.HorizontalBar(width=760, height=90 + 22 * max(len(rows), 1),
                                title=_("Indicators: progress in %(period)s and to date") % {"period": period.code},
                                x_labels=[row.indicator.code for row in rows], **{**OPTIONS, **COMPACT})

    def share(value, target):
        return None if value is None or not target else round(float(value / target) * 100)

    cells = [row.cell(period) for row in rows]
    chart.add(_("% of the period's target"), [share(c.actual, c.target) if c else None for c in cells])
    chart.add(_("% of the final target, to date"), [share(row.to_date, row.indicator.final_target) for row in rows])
    label = _("Chart of every indicator's progress in %(period)s (as a share of the period's target) and to date "
              "(as a share of the final target); the figures are in the indicators table.") % {"period": period.code}
    return _svg(chart, label)


def timeline_chart(project: Project, plan) -> SafeString:
    """The work plan by month: each work package as a bar from its first to its last month, its deliverables
    (due months) and the milestones as marks."""
    count = len(plan.work_packages)
    height = 120 + 34 * max(count, 1)
    months = project.duration_months
    chart = pygal.XY(width=760, height=height, stroke=True, show_dots=False, dots_size=5,
                     xrange=(0, months + 1), range=(0, count + 1), show_y_guides=False,
                     x_title=_("Project month"), title=_("Work plan timeline"),
                     **{**OPTIONS, "show_legend": False, "style": timeline_style(count)})
    chart.x_labels = list(range(0, months + 1, 3 if months > 12 else 1))
    chart.y_labels = [{"label": wp.code, "value": count - i} for i, wp in enumerate(plan.work_packages)]
    rows = {wp.pk: count - i for i, wp in enumerate(plan.work_packages)}
    for wp in plan.work_packages:
        chart.add(wp.code, [(wp.start_month - 0.5, rows[wp.pk]), (wp.end_month + 0.5, rows[wp.pk])])
    marks = [
        (_("Deliverable due"), 0.3, 5, [(d.due_month, d.work_package_id, d.code) for d in plan.deliverables]),
        (_("Milestone"), -0.3, 6, [(m.due_month, m.work_package_id, m.code) for m in plan.milestones]),
    ]
    for title, offset, size, points in marks:
        chart.add(title, [{"value": (month, rows[wp] + offset), "label": code} for month, wp, code in points
                          if wp in rows], stroke=False, show_dots=True, dots_size=size)
    first, last = month_span(project, 1, months)
    label = _("Timeline of the work plan from %(start)s to %(end)s: work packages, deliverables and milestones by "
              "month; the same data are in the tables of the work plan.") % {"start": first, "end": last}
    return _svg(chart, label) + _legend((BAR, _("work package (bar)")), (DELIVERABLE, _("deliverable due")),
                                        (MILESTONE, _("milestone")))
