"""One parser for the filters of every list, for its page and its endpoint alike (and any export of a list).

A list declares its filters once, as a ``FilterSet`` of named parsers (in its app's ``queries.py``), and its page
and its endpoint both parse the request's parameters with it. An empty value does not filter. A refused value
raises ``InvalidInput`` naming the parameter, with a message for a person: a page shows it next to the field and
answers 400 (``FilterForm``, or ``errors.add_to_form``), the API answers 400 with ``{"detail", "field"}``.

The bounds of paging are here too, so that pages and API agree: ``limit`` 1..``MAX_LIMIT``, ``offset``
0..``MAX_OFFSET``, ``page`` 1..``MAX_PAGE``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django_countries import countries

from .errors import InvalidInput, add_to_form

MAX_LIMIT = 100
MAX_OFFSET = 100_000
MAX_PAGE = 10_000
MAX_SLUG_LENGTH = 120  # the longest slug of any model
MAX_ID = 2**63 - 1  # the largest database id (BigAutoField): a larger number never reaches a query
EARLIEST = date.min  # an ISO date has four digits of year: that is its bound
LATEST = date.max

SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def shown(value: str, limit: int = 40) -> str:
    """A refused value as quoted back in a message: printable and short."""
    value = "".join(c if c.isprintable() else "\ufffd" for c in value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


class Filter:
    """Parses one raw parameter value: ``None`` or ``""`` means no filter and gives ``empty``. A value is taken as
    it is, never trimmed (forms trim what people type), so that the API takes exactly what its schema says."""

    empty: Any = ""

    def __call__(self, raw: Any, field: str) -> Any:
        value = "" if raw is None else str(raw)
        if not value:
            return self.empty
        return self.parse(value, field)

    def parse(self, value: str, field: str) -> Any:  # pragma: no cover - every filter defines it
        raise NotImplementedError

    def refuse(self, message: str, field: str, **params) -> InvalidInput:
        return InvalidInput(message % params, field)


class Choice(Filter):
    """One of fixed values (a ``TextChoices`` class or any iterable of values); ``message`` takes ``value`` and
    ``values``."""

    def __init__(self, choices, message: str | None = None):
        self.values = list(choices.values) if hasattr(choices, "values") else list(choices)
        self.message = message

    def parse(self, value, field):
        if value not in self.values:
            raise self.refuse(self.message or _("Unknown value “%(value)s”: use one of %(values)s."), field,
                              value=shown(value), values=", ".join(self.values))
        return value


class Country(Filter):
    """An ISO 3166 country code, in either case; gives it upper case."""

    def parse(self, value, field):
        code = value.upper()
        if code not in dict(countries):
            raise self.refuse(_("Unknown country code “%(value)s”: use an ISO 3166 code such as FR or DE."), field,
                              value=shown(value))
        return code


class Slug(Filter):
    """The slug of one of ``queryset`` (for instance the projects the user may see, so that a hidden one is as
    unknown as one that does not exist). Gives the slug, or the object with ``as_object``. A value that cannot be
    a slug is refused without a query. ``message`` takes ``value``."""

    def __init__(self, queryset, message: str, *, as_object: bool = False):
        self.queryset, self.message, self.as_object = queryset, message, as_object
        self.empty = None if as_object else ""

    def parse(self, value, field):
        found = None
        if len(value) <= MAX_SLUG_LENGTH and SLUG.match(value):
            found = self.queryset.filter(slug=value).first()
        if found is None:
            raise self.refuse(self.message, field, value=shown(value))
        return found if self.as_object else found.slug


class Date(Filter):
    """An ISO date (YYYY-MM-DD) between ``earliest`` and ``latest``."""

    empty = None

    def __init__(self, earliest: date = EARLIEST, latest: date = LATEST):
        self.earliest, self.latest = earliest, latest

    def parse(self, value, field):
        try:
            day = date.fromisoformat(value) if ISO_DATE.match(value) else None
        except ValueError:
            day = None
        if day is None:
            raise self.refuse(_("“%(value)s” is not a date: write it as YYYY-MM-DD."), field, value=shown(value))
        if not self.earliest <= day <= self.latest:
            raise self.refuse(_("Choose a date between %(earliest)s and %(latest)s."), field,
                              earliest=self.earliest.isoformat(), latest=self.latest.isoformat())
        return day


def search_text(raw: Any, max_length: int = 100) -> str:
    """Words typed in a search box: trimmed, at most ``max_length`` characters, without NUL (which PostgreSQL
    refuses in a query) or other control characters. Never refused."""
    text = "".join(c for c in str(raw or "") if c.isprintable() or c == " ")
    return text.strip()[:max_length]


class Number(Filter):
    """A whole number between ``low`` and ``high``."""

    empty = None

    def __init__(self, low: int, high: int):
        self.low, self.high = low, high

    def parse(self, value, field):
        number = int(value) if value.isascii() and value.isdigit() and len(value) <= len(str(self.high)) else None
        if number is None or not self.low <= number <= self.high:
            raise self.refuse(_("Give a whole number from %(low)d to %(high)d."), field, low=self.low, high=self.high)
        return number


def Page() -> Number:
    """A page number, 1..MAX_PAGE."""
    return Number(1, MAX_PAGE)


def in_order(start: str, end: str):
    """A check for a ``FilterSet``: the ``end`` date is not before the ``start`` date."""

    def check(values):
        if values.get(start) and values.get(end) and values[end] < values[start]:
            raise InvalidInput(_("“%(end)s” is before “%(start)s”.") % {"start": start, "end": end}, end)

    return check


class FilterSet:
    """The filters of one list, by parameter name; ``checks`` look at the values together (``in_order``)."""

    def __init__(self, *checks, **filters: Filter):
        self.filters, self.checks = filters, checks

    def __iter__(self):
        return iter(self.filters)

    def parse(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """Every filter's clean value; raises ``InvalidInput`` for the first refused one."""
        values, refused = self.parse_each(params)
        if refused:
            raise refused[0]
        return values

    def parse_each(self, params: Mapping[str, Any], names: Iterable[str] | None = None
                   ) -> tuple[dict[str, Any], list[InvalidInput]]:
        """Every filter's clean value (empty for a refused one), and every refusal: a page shows them all."""
        values, refused = {}, []
        for name in self.filters if names is None else names:
            try:
                values[name] = self.filters[name](params.get(name), name)
            except InvalidInput as exc:
                values[name] = self.filters[name].empty
                refused.append(exc)
        if not refused:
            for check in self.checks:
                try:
                    check(values)
                except InvalidInput as exc:
                    refused.append(exc)
        return values, refused


class FilterForm(forms.Form):
    """A list page's filter form: its fields draw the widgets and check the size of what is typed; the values are
    then parsed by ``filter_set`` (the one the API uses too), and a refused value is an error next to its field."""

    def __init__(self, *args, filter_set: FilterSet, **kwargs):
        super().__init__(*args, **kwargs)
        self.filter_set = filter_set

    def clean(self):
        cleaned = super().clean()
        names = [name for name in self.filter_set if name not in self.errors]
        values, refused = self.filter_set.parse_each(cleaned, names)
        cleaned.update(values)
        for exc in refused:
            add_to_form(self, exc)
        return cleaned

    def values(self) -> dict[str, Any]:
        """The clean values of a valid bound form; no filter at all for an unbound or invalid one."""
        if self.is_bound and self.is_valid():
            return {name: self.cleaned_data.get(name) for name in self.filter_set}
        return {name: self.filter_set.filters[name].empty for name in self.filter_set}
