"""The one register of the personal data Liaise holds (GDPR Articles 5, 13–17, 20).

Each app declares, in its own ``personal_data.py`` (imported by its ``AppConfig.ready``), what it keeps about
people and why: one :class:`Declaration` per model that holds personal data, and the app's handlers of a data
subject's rights (:func:`exporter`, :func:`eraser`). Everything that speaks of personal data reads this register,
so it cannot drift from the models:

- the ``/privacy/`` page (the data inventory) lists the declarations;
- the daily retention job applies each declaration's ``retention`` policy;
- "Your data" (page, API, ``liaise personal-data``) runs every exporter and eraser.

A test fails when a model with personal data (a field in :data:`PERSONAL_FIELD_NAMES`, or a relation to the user)
has no declaration.

core sits below every app, so this module imports none of them: apps register into it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

# Field names that, on any model, hold data about a person (the completeness test looks for them).
PERSONAL_FIELD_NAMES = frozenset({"email", "full_name", "name_of_person", "needs", "user", "author", "actor",
                                  "participant", "subscriber", "ip_address"})


@dataclass(frozen=True)
class Retention:
    """How long a kind of personal data is kept, and the function that applies it.

    ``description`` is what the inventory says ("Anonymised 12 months after the event"); ``apply`` (a dotted
    path to a function taking ``now`` and returning how many rows it anonymised or deleted) runs in the daily
    retention job; ``setting`` names the setting that configures the period, if any."""

    description: str | Promise
    apply: str | None = None
    setting: str | None = None


@dataclass(frozen=True)
class Declaration:
    """What one model keeps about people, why, on which legal basis, who sees it, and for how long."""

    model: str  # "app_label.ModelName"
    data: str | Promise  # what personal data, in words
    purpose: str | Promise
    legal_basis: str | Promise  # e.g. consent (Art. 6(1)(a)), contract (6(1)(b)), legitimate interest (6(1)(f))
    audience: str | Promise  # who sees it
    retention: Retention
    fields: tuple[str, ...] = ()  # the model's fields holding the personal data


@dataclass
class Register:
    declarations: dict[str, Declaration] = field(default_factory=dict)
    exporters: dict[str, Callable[[Any], dict]] = field(default_factory=dict)
    erasers: dict[str, Callable[[Any], dict]] = field(default_factory=dict)


REGISTER = Register()


def declare(*declarations: Declaration) -> None:
    for declaration in declarations:
        key = declaration.model.lower()
        if key in REGISTER.declarations:
            raise ValueError(f"{declaration.model} is declared twice")
        REGISTER.declarations[key] = declaration


def exporter(name: str):
    """Register ``function(user) -> dict`` (JSON-ready) as the part ``name`` of a user's data export."""

    def register(function):
        REGISTER.exporters[name] = function
        return function

    return register


def eraser(name: str):
    """Register ``function(user) -> dict of counts`` as part ``name`` of erasing a user: it deletes or anonymises
    what the app holds about them (authored content others rely on is kept, attributed to "a former member")."""

    def register(function):
        REGISTER.erasers[name] = function
        return function

    return register
