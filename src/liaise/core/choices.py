"""``get_FOO_display()`` without rebuilding the field's choices on every call.

Django's ``Model._get_FIELD_display`` makes a dict of the field's choices each time it is called, hashing every
label; a label is a lazy translation, so each call translates every choice of the field (a partner table's "kind"
and "role" columns cost a fifth of the project page). :func:`install` gives every model field with choices a
display method that makes that dict once per field and then translates only the label it returns: the same
answer, in the active language, as Django's (``tests/core/test_choices.py``).
"""

from functools import partialmethod

from django.apps import apps
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_labels: dict = {}


def _get_FIELD_display(self, field):
    labels = _labels.get(field)
    if labels is None:
        labels = _labels[field] = dict(make_hashable(field.flatchoices))
    value = getattr(self, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def install() -> None:
    """Replace the ``get_FOO_display`` Django made for each field with choices (never one a model defines)."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            name = f"get_{getattr(field, 'name', '')}_display"
            made = model.__dict__.get(name)
            if isinstance(made, partialmethod) and made.keywords.get("field") is field:
                setattr(model, name, partialmethod(_get_FIELD_display, field=field))
