from functools import lru_cache
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import get_urlconf, translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from liaise.core import translations
from liaise.core.cache import resolved
from liaise.web.markdown import render_markdown
from liaise.web.middleware import LANGUAGE_PARAMETER, UNPREFIXED_PAGES

LOCAL_NAMES = {"en": "English", "fr": "Français", "es": "Español", "de": "Deutsch", "it": "Italiano"}

register = template.Library()


@register.filter
def markdown(text):
    """Render user markdown, sanitised by nh3 (the only place its output is marked safe)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - sanitised just above


@lru_cache(maxsize=4096)
def _language_links(path: str, current: str, urlconf) -> tuple:
    # translate_url resolves the path and reverses it in each language: the same answer for the same page in the
    # same language, on every request of the header (the URLconf does not change while the process runs).
    return tuple((code, LOCAL_NAMES.get(code, code), translate_url(path, code), code == current)
                 for code, _name in settings.LANGUAGES)


@register.simple_tag(takes_context=True)
def language_links(context):
    """(code, local name, url of this page in that language, is current) for the language switcher. A page without
    a language in its address (the API's reference) takes it from ``?language=``."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    current = get_language()
    if request and request.path_info in UNPREFIXED_PAGES:
        return [(code, LOCAL_NAMES.get(code, code), f"{request.path}?{urlencode({LANGUAGE_PARAMETER: code})}",
                 code == current) for code, _name in settings.LANGUAGES]
    return _language_links(path, current, get_urlconf() or settings.ROOT_URLCONF)


@register.simple_tag(takes_context=True)
def content_languages(context, obj):
    """The languages ``obj`` (translated content: a practice, an event, a project, a post) exists in and what this
    page shows of it in another language, for ``web/_content_languages.html``::

        {% content_languages practice as langs %}{% include "web/_content_languages.html" %}
        <h1{{ langs.attrs.title }}>{{ practice.title }}</h1>

    ``others``: (code, local name, this page's address in it) for each other language it is written in (among
    the interface's); ``note``: "Not available in French; shown in English." when a field falls back;
    ``attrs``: field → `` lang="en"`` for each field shown in another language (empty for the others)."""
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    offered = dict(settings.LANGUAGES)
    current = get_language()
    gaps = translations.fallbacks(obj, current)
    others = [(code, LOCAL_NAMES.get(code, code), translate_url(path, code))
              for code in translations.available(obj) if code != current and code in offered]
    note = ""
    if gaps.fields:
        names = {"language": _name(current), "fallback": _name(gaps.shown_in)}
        note = (_("Not available in %(language)s; shown in %(fallback)s.") if gaps.title_missing
                else _("Parts of this page are not available in %(language)s; they are shown in %(fallback)s.")) % names
    attrs = _LangAttrs({name: format_html(' lang="{}"', code) for name, code in gaps.fields.items()})
    return {"others": others, "note": note, "attrs": attrs, "fallback": gaps.shown_in}


class _LangAttrs(dict):
    def __missing__(self, key):
        return ""


def _name(code: str) -> str:
    """A language's name in the interface's language ("French" on an English page)."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


STATE_LABELS = {
    "complete": (_lazy("%(language)s: translated"), "✓", "translated"),
    "partial": (_lazy("%(language)s: partly translated"), "½", "partial"),
    "missing": (_lazy("%(language)s: not translated"), "✗", "untranslated"),
}


@register.simple_tag
def translation_states(obj):
    """For the editors' badges (``web/_translation_badges.html``): (code, mark, css class, label for a screen
    reader) for each content language, whether ``obj`` is translated into it (``core.translations.states``)."""
    rows = []
    for code, state in translations.states(obj):
        label, mark, css = STATE_LABELS[state]
        rows.append((code, mark, css, label % {"language": _name(code)}))
    return rows


@register.filter
def percent_of(value, maximum):
    try:
        return round(100 * int(value) / int(maximum)) if int(maximum) else 0
    except (TypeError, ValueError):
        return 0


class FragmentNode(template.Node):
    def __init__(self, name, vary, nodelist):
        self.name, self.vary, self.nodelist = name, vary, nodelist

    def render(self, context):
        request = context.get("request")
        fragments = getattr(request, "liaise_fragments", None)
        if fragments is None:
            return self.draw(context)
        vary = "|".join(str(expression.resolve(context)) for expression in self.vary)
        return mark_safe(fragments.get_or_draw(self.name, vary, lambda: self.draw(context)))  # noqa: S308

    def draw(self, context):
        # (what it draws sees the view's lazy values computed: the objects themselves, not proxies)
        with context.push(resolved(context.flatten())):
            return self.nodelist.render(context)


@register.tag
def fragment(parser, token):
    """``{% fragment "name" [value ...] %}…{% endfragment %}``: a part of a visitor's page kept in the cache with
    the versions of the content tables it was drawn from (``liaise.core.cache``), keyed by the page (language,
    path, the parameters its view declares), the name and the values given. Other users get it drawn anew. Give
    the part its data lazily (``cache.lazy_context``) so that a cached part runs none of its queries."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    name = bits[1].strip("\"'")
    vary = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(name, vary, nodelist)
