"""The one register of the personal data Liaise holds (GDPR Articles 5, 13–17, 20).

Each app declares, in its own ``personal_data.py`` (imported by ``CoreConfig.ready``), what it keeps about
people and why: one :class:`Declaration` per model that holds personal data, and the app's handlers of a data
subject's rights (:func:`exporter`, :func:`eraser`). Everything that speaks of personal data reads this register,
so it cannot drift from the models:

- the ``/privacy/`` page (the data inventory) lists the declarations;
- the daily job ``apply_retention`` (and ``liaise purge``) applies each declaration's ``retention`` policy
  (:func:`apply_retention`);
- "Your data" (page, API, ``liaise personal-data``) runs every exporter and eraser.

A test fails when an installed model with personal data (:func:`holds_personal_data`: a relation to the user, a
field in :data:`PERSONAL_FIELD_NAMES`, an email or IP address field) has no declaration. The platform's own
models (sessions, tasks, admin log; django-axes and django-auditlog when installed) are declared in
``core/platform_data.py``.

core sits below every app, so this module imports none of them: apps register into it.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import import_string

logger = logging.getLogger("liaise.retention")

# Field names that, on any model, hold data about a person (the completeness test looks for them).
PERSONAL_FIELD_NAMES = frozenset({"email", "full_name", "name_of_person", "needs", "user", "author", "actor",
                                  "participant", "subscriber", "ip_address", "username", "user_agent"})


@dataclass(frozen=True)
class Retention:
    """How long a kind of personal data is kept, and the function that applies it.

    ``description`` is what the inventory says ("Anonymised 12 months after the event"); ``apply`` (a dotted
    path to a function taking ``now`` and returning how many rows it anonymised or deleted) runs in the daily
    retention job; ``setting`` names the setting that configures the period, if any."""

    description: str | Promise
    apply: str | None = None
    setting: str | None = None
    more_settings: tuple[tuple[str, str], ...] = ()  # (placeholder, setting): other values the text mentions

    def describe(self) -> str:
        """The description with the configured periods filled in: ``%(n)s`` is the value of ``setting``, each
        placeholder of ``more_settings`` the value of its setting."""
        values = {name: getattr(settings, setting) for name, setting in self.more_settings}
        if self.setting:
            values["n"] = getattr(settings, self.setting)
        return str(self.description) % values if values else str(self.description)


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
        if REGISTER.declarations.get(key, declaration) != declaration:  # (the same one again: apps set up twice)
            raise ValueError(f"{declaration.model} is declared twice")
        REGISTER.declarations[key] = declaration


def declare_if_installed(app: str, *declarations: Declaration) -> None:
    """Declare the models of a third-party app only when it is installed (e.g. ``"axes"``, ``"auditlog"``)."""
    from django.apps import apps

    if apps.is_installed(app):
        declare(*declarations)


# The completeness rule ------------------------------------------------------------------------------------------

def holds_personal_data(model) -> bool:
    """Whether a model holds data about a person: a relation to the user model, a field named in
    :data:`PERSONAL_FIELD_NAMES` or holding an email address, or an IP address."""
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    for f in model._meta.get_fields(include_hidden=False):
        if not getattr(f, "concrete", False) and not f.many_to_many:
            continue  # reverse relations: the other model holds the data
        if f.auto_created and not f.concrete:
            continue
        if f.is_relation and f.related_model is user_model and (f.many_to_one or f.one_to_one or f.many_to_many):
            return True
        if f.name in PERSONAL_FIELD_NAMES or "email" in f.name:
            return True
        if isinstance(f, models.EmailField | models.GenericIPAddressField):
            return True
    return False


def undeclared_models(candidates=None) -> list[str]:
    """The models (by default every installed one) that hold personal data and have no declaration: the
    completeness test fails naming them."""
    from django.apps import apps

    return sorted(m._meta.label for m in (apps.get_models() if candidates is None else candidates)
                  if holds_personal_data(m) and m._meta.label_lower not in REGISTER.declarations)


# Retention ------------------------------------------------------------------------------------------------------

def months_before(moment: datetime, months: int) -> datetime:
    """``moment`` minus whole calendar months (the 31st becomes the month's last day)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def retention_policies() -> list[tuple[str, list[Declaration]]]:
    """Each retention function once (several models may share one), with the declarations it serves, in the
    order they were declared."""
    policies: dict[str, list[Declaration]] = {}
    for declaration in REGISTER.declarations.values():
        if declaration.retention.apply:
            policies.setdefault(declaration.retention.apply, []).append(declaration)
    return list(policies.items())


def apply_retention(now: datetime | None = None) -> dict[str, Any]:
    """Apply every declared retention policy (the daily job ``apply_retention`` and ``liaise purge``): each
    function is called once with ``now`` and returns what it anonymised or deleted; one log line a policy.
    A policy that fails is logged and does not stop the others; the job then fails so the worker retries it."""
    now = now or timezone.now()
    results: dict[str, Any] = {}
    failed = []
    for path, declarations in retention_policies():
        try:
            result = import_string(path)(now=now)
        except Exception:
            logger.exception("retention %s failed", path)
            failed.append(path)
            continue
        result = list(result) if isinstance(result, tuple) else result
        results[path] = result
        logger.info("retention %s (%s): %s", path, ", ".join(d.model for d in declarations), result)
    if failed:
        raise RuntimeError(f"retention failed: {', '.join(failed)} (the others ran: {results})")
    return results


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
