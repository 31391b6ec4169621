"""A small server-rendered SVG line chart per indicator: measurements over time, with the baseline and target as
dashed lines. An image with a name for screen readers (``role="img"``), which says the figures are in the table
beside it."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 320, 120, 14


def indicator_chart(indicator) -> SafeString:
    points = [(m.date, float(m.value)) for m in indicator.measurements.all()]
    baseline, target = float(indicator.baseline), float(indicator.target)
    values = [v for _d, v in points] + [baseline, target]
    low, high = min(values), max(values)
    if high == low:
        high = low + 1
    span = high - low

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD), 1)

    if len(points) > 1:
        first, last = points[0][0].toordinal(), points[-1][0].toordinal()
        xs = [round(PAD + (d.toordinal() - first) / max(last - first, 1) * (WIDTH - 2 * PAD), 1) for d, _v in points]
    else:
        xs = [WIDTH / 2 for _p in points]
    coords = [(x, y(v)) for x, (_d, v) in zip(xs, points, strict=True)]
    line = " ".join(f"{x},{yy}" for x, yy in coords)
    dots = format_html_join("", '<circle cx="{}" cy="{}" r="3.5" class="chart-dot"/>', coords)
    return format_html(
        '<svg class="indicator-chart" viewBox="0 0 {w} {h}" width="100%" height="{h}" role="img" aria-label="{label}" '
        'focusable="false" preserveAspectRatio="none">'
        '<line x1="{p}" x2="{wp}" y1="{yb}" y2="{yb}" class="chart-baseline"/>'
        '<line x1="{p}" x2="{wp}" y1="{yt}" y2="{yt}" class="chart-target"/>'
        '<polyline points="{line}" class="chart-line"/>{dots}</svg>',
        label=_("Chart of %(indicator)s: the measured values over time, with the baseline and the target; the figures "
                "are in the table below.") % {"indicator": indicator.name},
        w=WIDTH, h=HEIGHT, p=PAD, wp=WIDTH - PAD, yb=y(baseline), yt=y(target), line=line, dots=dots,
    )
