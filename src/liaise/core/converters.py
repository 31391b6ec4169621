"""Path converters. ``<id:pk>`` is Django's ``<int:pk>`` bounded to what the database can hold: a number of at
most 18 digits. A longer one (10**30) matches no route — a 404 — instead of reaching the database, where SQLite
raises OverflowError (a 500). Every URL pattern uses it instead of ``int`` (tests/core/test_bad_input.py)."""

from django.urls import register_converter
from django.urls.converters import get_converters


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    """Once (an app registry set up again, as some tests do, calls ``ready`` again)."""
    if "id" not in get_converters():
        register_converter(IdConverter, "id")
