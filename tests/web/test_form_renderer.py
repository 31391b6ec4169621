"""The form renderer draws a <select> exactly as Django's templates do."""

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from liaise.web.form_renderer import FormRenderer


class Filters(forms.Form):
    country = forms.ChoiceField(required=False, choices=[("", "All countries"), ("FR", "France"),
                                                          ("CI", "Côte d’Ivoire <&> \"quoted\"")])
    grouped = forms.ChoiceField(required=False, choices=[("", "Any"), ("Cities", [("bdx", "Bordeaux"), ("aug", "A&B")]),
                                                         ("Regions", [("idf", "Île-de-France")])])
    many = forms.MultipleChoiceField(required=False, choices=[(1, "one"), (2, "two"), (3, "three")])
    help = forms.ChoiceField(required=True, choices=[("a", "A")], help_text="Pick one.",
                             widget=forms.Select(attrs={"class": "wide", "data-x": '"<x>"', "disabled": True}))


@pytest.mark.parametrize("data", [None, {"country": "CI", "grouped": "aug", "many": ["1", "3"]},
                                  {"country": "ZZ", "help": "b"}])
def test_selects_are_drawn_as_by_djangos_templates(data):
    form = Filters(data)
    if data:
        form.is_valid()
    for name, field in form.fields.items():
        context = field.widget.get_context(name, form[name].value(), form[name].build_widget_attrs({"id": name}))
        assert FormRenderer().render(field.widget.template_name, context) == \
            DjangoTemplates().render(field.widget.template_name, context)
    assert str(Filters(data, renderer=FormRenderer())) == str(Filters(data, renderer=DjangoTemplates()))


def test_escaping_is_htmls():
    from html import escape

    from django.utils.safestring import mark_safe

    from liaise.web.form_renderer import conditional_escape

    for text in ["plain", "<a href=\"x\">'&'</a>", "Côte d’Ivoire", "", "&amp;"]:
        assert conditional_escape(text) == escape(text)
    assert conditional_escape(mark_safe("<b>kept</b>")) == "<b>kept</b>"
    assert conditional_escape(42) == "42"
