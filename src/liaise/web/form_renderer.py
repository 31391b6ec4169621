"""Django's form renderer, with the select widget drawn in Python.

Django draws a ``<select>`` with one template include per ``<option>`` (and one more for each option's
attributes): the country filters of the events list and the library (about 270 options each) cost more than
all the rest of those pages. This renderer writes exactly the HTML of Django's ``select.html``,
``select_option.html`` and ``attrs.html`` (``tests/web/test_form_renderer.py`` compares them), escaping as the
templates do; every other widget is rendered by Django's templates as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


# What html.escape(quote=True) — and so Django's escape — replaces, in one str.translate.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def conditional_escape(value) -> str:
    """Django's ``conditional_escape`` (safe HTML as it is, anything else escaped as ``html.escape`` does, which
    Django's ``escape`` calls), without its lazy-string wrapper on each of a select's hundreds of calls."""
    if type(value) is str:
        return value.translate(_ESCAPES)
    return value.__html__() if hasattr(value, "__html__") else str(value).translate(_ESCAPES)


def _attrs(attrs: dict) -> str:
    # attrs.html: `{% if value is not False %} name{% if value is not True %}="value"{% endif %}{% endif %}`
    return "".join(
        f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items() if value is not False
    )


def render_select(widget: dict) -> str:
    parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, group_choices, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
        for option in group_choices:
            parts.append(f'\n  <option value="{conditional_escape(str(option["value"]))}"{_attrs(option["attrs"])}>'
                         f'{conditional_escape(option["label"])}</option>\n')  # (the option template's last line break)
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


class FormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if template_name == SELECT_TEMPLATE else None
        if widget is not None and all(option.get("template_name") == OPTION_TEMPLATE
                                      for _name, options, _index in widget["optgroups"] for option in options):
            return mark_safe(render_select(widget))  # noqa: S308 - every value escaped above
        return super().render(template_name, context, request)
