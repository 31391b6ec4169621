"""Form fields shared by the apps."""

import re

from django import forms
from django.core.exceptions import ValidationError

_ID = re.compile(r"^\s*\d{1,18}\s*$")


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, with an id the database cannot even hold (a 40-digit number, on SQLite an OverflowError)
    refused like any other id that is not a choice: a message next to the field, never a 500."""

    def _check_values(self, value):
        if (self.to_field_name or "pk") in ("pk", "id"):
            for item in value:
                if not isinstance(item, int) and not _ID.match(str(item)):
                    raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                          params={"pk": str(item)[:40]})
        return super()._check_values(value)
