"""The design-system page (``/design-system/``): every token and component of liaise.css, with its class names, in
the base layout. The tokens and contrast ratios come from the stylesheet itself (``design_tokens``); the form
is drawn by the include every form of the site uses (``web/_form_fields.html``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import design_tokens

REM = 16  # px in a rem at the browser's default size: the spacing samples are drawn in px


class SampleForm(forms.Form):
    """A form with one field of each kind, drawn the way every form of the site is."""

    name = forms.CharField(label=_("Name"), max_length=100, help_text=_("As it should appear on your badge."))
    email = forms.EmailField(label=_("Email address"))
    kind = forms.ChoiceField(label=_("Participant type"), choices=[
        ("authority", _("Local authority")), ("researcher", _("Researcher")), ("other", _("Other"))])
    message = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    topics = forms.MultipleChoiceField(label=_("Topics"), required=False, widget=forms.CheckboxSelectMultiple,
                                       choices=[("schools", _("Schools")), ("online", _("Online hate")),
                                                ("prisons", _("Prisons and probation"))])
    consent = forms.BooleanField(label=_("I accept the privacy notice"))


def _rem(value: str) -> float | None:
    value = value.strip()
    return float(value[:-3]) if value.endswith("rem") and value[:-3].replace(".", "", 1).isdigit() else None


def context() -> dict:
    groups = design_tokens.groups()
    spacing = [(name, value, round((_rem(value) or 0) * REM)) for name, value in groups["space"]]
    type_scale = [(name, value, name.removeprefix("--")) for name, value in groups["type"]]
    return {
        "colours": groups["colour"],
        "pairs": design_tokens.checked_pairs(),
        "type_scale": type_scale,
        "spacing": spacing,
        "other_tokens": groups["other"],
        "form": SampleForm(auto_id="sample-%s"),
        "text_minimum": design_tokens.TEXT,
        "ui_minimum": design_tokens.UI,
    }
