"""``get_FOO_display()`` without rebuilding the field's choices on every call; country names remembered per
language.

Django's ``Model._get_FIELD_display`` makes a dict of the field's choices each time it is called, hashing every
label; a label is a lazy translation, so each call translates every choice of the field (a partner table's "kind"
and "role" columns cost a fifth of the project page). :func:`install` gives every model field with choices a
display method that makes that dict once per field and then translates only the label it returns: the same
answer, in the active language, as Django's (``tests/core/test_choices.py``).

django-countries finds a country's name anew each time it is asked (``organisation.country.name``: the code's
entry, its older names, a translation with fallbacks switched off): 100-200 Python calls a name, half the cost of
a partner table. :func:`install` remembers each answer of ``Countries.name`` per list of countries, code and
active language (the lists and their translations do not change while the process runs).
"""

from functools import partialmethod, wraps

from django.apps import apps
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language
from django_countries import Countries

_labels: dict = {}


def _get_FIELD_display(self, field):
    labels = _labels.get(field)
    if labels is None:
        labels = _labels[field] = dict(make_hashable(field.flatchoices))
    value = getattr(self, field.attname)
    return force_str(labels.get(make_hashable(value), value), strings_only=True)


def install() -> None:
    """Replace the ``get_FOO_display`` Django made for each field with a fixed list of choices (never one a model
    defines, nor one whose choices are computed, like a country field's names in the active language)."""
    _remember_country_names()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            name = f"get_{getattr(field, 'name', '')}_display"
            made = model.__dict__.get(name)
            if (isinstance(made, partialmethod) and made.keywords.get("field") is field
                    and isinstance(field.choices, list | tuple)):
                setattr(model, name, partialmethod(_get_FIELD_display, field=field))


_names: dict = {}


def _remember_country_names() -> None:
    if getattr(Countries.name, "remembered", False):
        return
    original = Countries.name

    @wraps(original)
    def name(self, code):
        try:
            key = (id(self), code, get_language())
            found = _names.get(key)
        except TypeError:  # (a code that is not hashable: asked as it is)
            return original(self, code)
        if found is None:
            found = _names[key] = original(self, code)
        return found

    name.remembered = True
    Countries.name = name
