"""Template helpers of the reporting pages."""

from django import template
from django.utils.formats import date_format

from ..models import month_span

register = template.Library()


@register.simple_tag
def project_month(project, month):
    """A project month as "M6 (Oct 2016)": the month number and the calendar month it begins in."""
    if not month:
        return ""
    start = month_span(project, int(month))[0]
    return f"M{month} ({date_format(start, 'M Y')})"


@register.filter
def action_label(action: str) -> str:
    """A step of a reported value's history, for a person ("submitted", "returned"...)."""
    from ..services import ACTIONS

    return ACTIONS.get(action, action)
