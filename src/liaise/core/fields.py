"""Form fields shared by the apps: Django's, bounded so that no input can make the server answer 500.

* A 40-digit number in a choice field would reach the database (on SQLite an OverflowError): the model choice
  fields refuse anything but an integer of at most 18 digits (an id) before the query.
* A date in year 9999 or 1 overflows as soon as a time zone or a number of days is applied (an event moved,
  a time stored in UTC): the date fields accept years MIN_YEAR to MAX_YEAR only.
* :class:`ModelForm` gives a model form these fields for its foreign keys, many-to-many and date fields.

Every form uses them: tests/test_architecture.py fails on Django's own used directly.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

MIN_YEAR, MAX_YEAR = 1900, 2199

_ID = re.compile(r"^\s*\d{1,18}\s*$")


def as_id(value) -> int | None:
    """``value`` (from a query string or a form) as an id the database can hold, or None: never 10**40, "²" or
    "-1" into a query."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value if 0 <= value < 10**18 else None
    return int(value) if isinstance(value, str) and _ID.match(value) and value.strip().isascii() else None


def as_slug(value) -> str:
    """``value`` (from a query string) if it can be a slug, else "" (which no row has): never a NUL byte, which
    PostgreSQL refuses in a query (a 500), nor a megabyte of text into a lookup."""
    from .filters import MAX_SLUG_LENGTH, SLUG

    return value if isinstance(value, str) and len(value) <= MAX_SLUG_LENGTH and SLUG.match(value) else ""


def _by_id(field) -> bool:
    return (field.to_field_name or "pk") in ("pk", "id")


def _is_id(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**18) or (
        isinstance(value, str) and bool(_ID.match(value))
    )


class ModelChoiceField(forms.ModelChoiceField):
    """Django's field; a value that cannot be an id is "not one of the available choices"."""

    def to_python(self, value):
        if value not in self.empty_values and _by_id(self) and not isinstance(value, self.queryset.model) \
                and not _is_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": str(value)[:40]})
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, with an id the database cannot even hold (a 40-digit number, on SQLite an OverflowError)
    refused like any other id that is not a choice: a message next to the field, never a 500."""

    def _check_values(self, value):
        if _by_id(self):
            for item in value:
                if not isinstance(item, self.queryset.model) and not _is_id(item if isinstance(item, int)
                                                                            else str(item)):
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": str(item)[:40]})
        return super()._check_values(value)


def check_year(value):
    """``value`` (a date or datetime, or None), or a ValidationError when its year is out of MIN_YEAR..MAX_YEAR."""
    if value is not None and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(_("Enter a date between the years %(min)d and %(max)d."), code="date_range",
                              params={"min": MIN_YEAR, "max": MAX_YEAR})
    return value


class DateField(forms.DateField):
    def to_python(self, value):
        return check_year(super().to_python(value))


class DateTimeField(forms.DateTimeField):
    def to_python(self, value):
        # Django's makes the value aware in the current time zone: year 1 or 9999 may overflow there already
        try:
            return check_year(super().to_python(value))
        except OverflowError:
            raise ValidationError(_("Enter a date between the years %(min)d and %(max)d."), code="date_range",
                                  params={"min": MIN_YEAR, "max": MAX_YEAR}) from None


_BOUNDED = [
    (models.ManyToManyField, ModelMultipleChoiceField),
    (models.ForeignKey, ModelChoiceField),
    (models.DateTimeField, DateTimeField),  # before DateField, its base class
    (models.DateField, DateField),
]


def bounded_formfield(db_field, **kwargs):
    """A model form's field for ``db_field``, one of the bounded fields above where it applies."""
    for model_field, form_class in _BOUNDED:
        if isinstance(db_field, model_field):
            kwargs.setdefault("form_class", form_class)
            break
    return db_field.formfield(**kwargs)


class _BoundedFields(forms.models.ModelFormMetaclass):
    def __new__(mcs, name, bases, attrs):
        meta = attrs.get("Meta")
        if meta is not None and not hasattr(meta, "formfield_callback"):
            meta.formfield_callback = staticmethod(bounded_formfield)
        return super().__new__(mcs, name, bases, attrs)


class ModelForm(forms.ModelForm, metaclass=_BoundedFields):
    """Django's ModelForm with the bounded fields for its foreign keys, many-to-many and dates (its ``Meta`` gets
    :func:`bounded_formfield` as ``formfield_callback``)."""
