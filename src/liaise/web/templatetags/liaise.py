from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from liaise.web.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render user markdown, sanitised by nh3 (the only place its output is marked safe)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised just above


@register.simple_tag(takes_context=True)
def language_links(context):
    """(code, local name, url of this page in that language, is current) for the language switcher."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    names = {"en": "English", "fr": "Français", "es": "Español", "de": "Deutsch", "it": "Italiano"}
    return [(code, names.get(code, code), translate_url(path, code), code == current) for code, _ in settings.LANGUAGES]


@register.filter
def percent_of(value, maximum):
    try:
        return round(100 * int(value) / int(maximum)) if int(maximum) else 0
    except (TypeError, ValueError):
        return 0
