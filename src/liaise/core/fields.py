"""Form fields shared by the apps: Django's model choice fields, with an id the database cannot even hold
refused like any other id that is not a choice.

A 40-digit number in a choice field would reach the database: on SQLite an OverflowError, a 500. These fields
refuse anything but an integer of at most 18 digits (an id) before the query: a message next to the field.
Every form uses them (tests/test_architecture.py checks that Django's own are not used directly).
"""

import re

from django import forms
from django.core.exceptions import ValidationError

_ID = re.compile(r"^\s*\d{1,18}\s*$")


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
