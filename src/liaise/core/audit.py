"""The audit log: who created, changed or deleted what, and when, on the domain models, and the permission-relevant
actions (a role granted, an export downloaded, an account deleted).

It is django-auditlog's log (``auditlog.registry``, its signals and middleware) written to our own entry model,
:class:`liaise.core.models.AuditEntry` (``AUDITLOG_LOGENTRY_MODEL``), which adds the entry's ``project_id`` (what a
coordinator's page filters on, indexed with the time) and drops the IP address and the copy of the actor's email.

Each app says which of its models are audited, in its own ``audit.py`` (imported at start-up by
``CoreConfig.ready``), with :func:`track`::

    audit.track(Registration, project="event__project_id", personal=("name", "email", "needs"), label=audit.PRIVATE)

- ``project``: the path from the object to its project's id (``"project_id"``, ``"event__project_id"``), or a
  function of the object; ``None`` for what belongs to no project (organisations, venues): staff see those.
- ``personal``: fields whose values are never written to the log. A change to them is recorded (the field's name,
  so "the email was changed" shows) with both values replaced by :data:`HIDDEN` — auditlog's ``mask_fields`` with
  our mask callable :func:`hidden`. We mask rather than exclude (``exclude_fields``) because excluding would lose
  the fact of the change, and we do not use auditlog's default mask, which keeps half of the value.
- ``exclude``: fields not worth a line (counters, caches, hashes, timestamps the save itself sets).
- ``label``: how an entry names its object. By default its ``str()`` (a title); :data:`PRIVATE` for objects whose
  ``str()`` names a person (a registration, a role): "registration #12".
- ``m2m``: many-to-many fields to follow (only those whose items' names are not about people: topics, venues).

Whatever a request writes is attributed to its user (:class:`AuditMiddleware`, after the API's token
authentication, so an API write names the token's owner); the worker and the command line write with no actor
(shown as "the system"). Other code records an action with :func:`record_action`.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from auditlog.context import disable_auditlog
from auditlog.middleware import AuditlogMiddleware
from auditlog.registry import auditlog
from django import forms
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db.models import Model
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .filters import Choice, Date, FilterForm, FilterSet, in_order
from .personal_data import Declaration, Retention, declare

#: What the log holds instead of a personal value.
HIDDEN = "•"
#: ``label=PRIVATE``: the entry names the object by its kind and id only.
PRIVATE = "private"
#: Every audited model's fields by these names are personal, whatever its ``track`` says.
ALWAYS_PERSONAL = frozenset({"email", "full_name", "needs", "answers", "password"})

__all__ = ["HIDDEN", "PRIVATE", "AuditMiddleware", "disable_auditlog", "record_action", "track"]


@dataclass(frozen=True)
class Tracked:
    model: type[Model]
    project: str | Callable[[Model], int | None] | None
    personal: frozenset[str]
    label: str | None
    verbs: dict  # auditlog action -> what the log says instead of "created", "changed", "deleted"


_tracked: dict[type[Model], Tracked] = {}


def hidden(value) -> str:
    """auditlog's mask callable (``AUDITLOG_MASK_CALLABLE``): no part of a personal value is kept."""
    return HIDDEN


def track(model: type[Model], *, project: str | Callable | None = None, personal=(), exclude=(),
          label: str | None = None, m2m=(), verbs: dict | None = None) -> None:
    """Audit ``model``'s creations, changes and deletions (see the module's documentation)."""
    names = {field.name for field in model._meta.get_fields()}
    wanted = set(personal) | ALWAYS_PERSONAL
    # (modeltranslation: a personal field's columns per language, "text_fr", are personal too)
    masked = {name for name in names if name in wanted or name.rpartition("_")[0] in wanted}
    unknown = (set(personal) | set(exclude) | set(m2m)) - names
    if unknown:
        raise ValueError(f"{model._meta.label} has no field {', '.join(sorted(unknown))}")
    _tracked[model] = Tracked(model, project, frozenset(masked), label, verbs or {})
    auditlog.register(model, exclude_fields=list(exclude), mask_fields=sorted(masked),
                      mask_callable="liaise.core.audit.hidden", m2m_fields=set(m2m))


def tracked() -> dict[type[Model], Tracked]:
    return dict(_tracked)


def _follow(obj, path: str):
    for step in path.split("__"):
        if obj is None:
            return None
        obj = getattr(obj, step)
    return obj


def project_of(obj: Model | None) -> int | None:
    """The id of the project ``obj`` belongs to, as its model's ``track`` says (``None``: none, or unknown)."""
    if obj is None:
        return None
    if obj._meta.label == "network.Project":
        return obj.pk
    entry = _tracked.get(type(obj))
    if entry is None or entry.project is None:
        return None
    try:
        value = entry.project(obj) if callable(entry.project) else _follow(obj, entry.project)
    except ObjectDoesNotExist:  # (a parent deleted first)
        return None
    return value.pk if isinstance(value, Model) else value


def label_of(obj: Model) -> str:
    """How the log names ``obj``: its title, or (personal objects, users) its kind and id."""
    entry = _tracked.get(type(obj))
    if obj._meta.label == settings.AUTH_USER_MODEL or (entry is not None and entry.label == PRIVATE):
        return f"{obj._meta.verbose_name} #{obj.pk}"
    try:
        return str(obj)[:200]
    except ObjectDoesNotExist:
        return f"{obj._meta.verbose_name} #{obj.pk}"


def scope(instance: Model, kwargs: dict) -> None:
    """Fill an entry's project and label (called by ``AuditEntryManager`` for every entry auditlog writes)."""
    kwargs.setdefault("project_id", project_of(instance))
    kwargs.setdefault("object_repr", label_of(instance))


def record_action(action: str, *, actor=None, target: Model | None = None, project=None, **details):
    """Record a permission-relevant action (``"export_downloaded"``, ``"account_deleted"``, ...) in the audit log.

    ``actor``: who did it (default: the user of the current request, if any; nobody in the worker). ``target``: the
    object it was done to (an event, a user), named without personal values. ``project``: the project it belongs
    to (a ``Project`` or its id; default: the target's project). ``details``: JSON-ready facts about it (never a
    personal value: the caller's responsibility). Returns the entry. Written as auditlog's ``ACCESS`` action, the
    action's name and details in ``additional_data``. Call it before deleting the target or the actor, so the entry
    keeps their ids (an account deleted first is "a former member", its target named by its kind only)."""
    from .models import AuditEntry

    if isinstance(project, Model):
        project = project.pk
    if project is None and target is not None:
        project = project_of(target)
    pk = getattr(target, "pk", None)  # (None: a target already deleted, named by its kind only)
    entry = AuditEntry(
        action=AuditEntry.Action.ACCESS,
        content_type=ContentType.objects.get_for_model(target if target is not None else AuditEntry),
        object_pk="" if pk is None else str(pk),
        object_id=pk if isinstance(pk, int) else None,
        object_repr="" if target is None else label_of(target) if pk is not None else str(target._meta.verbose_name),
        project_id=project,
        actor=actor if getattr(actor, "pk", None) is not None else None,  # (an account already deleted: none)
        by_person=actor is not None,
        additional_data={"action": action, **details},
    )
    entry.save()
    return entry


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware (the request's user is the actor of whatever the request writes), without the
    client's address or port. Placed after ``ApiMiddleware``, so a token's owner is the actor of an API write.
    The user is read only when an entry is written (a page that writes nothing loads no user for it)."""

    def get_extra_data(self, request):
        return {"actor": SimpleLazyObject(lambda: _user_of(request)),
                "by_person": lambda: _user_of(request) is not None}


def _user_of(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def prune(now: datetime | None = None) -> int:
    """The retention of the audit log (the daily job): delete entries older than
    ``LIAISE_AUDIT_RETENTION_MONTHS`` months (default 24)."""
    from .models import AuditEntry

    now = now or timezone.now()
    months = settings.LIAISE_AUDIT_RETENTION_MONTHS
    return AuditEntry.objects.filter(timestamp__lt=retention_cutoff(now, months)).delete()[0]


def retention_cutoff(now: datetime, months: int) -> datetime:
    """``now`` minus ``months`` calendar months (the 31st of a shorter month: its last day)."""
    year, month = divmod(now.year * 12 + now.month - 1 - months, 12)
    month += 1
    return now.replace(year=year, month=month, day=min(now.day, calendar.monthrange(year, month)[1]))


declare(Declaration(
    model="core.AuditEntry",
    data=_("Who (the account) created, changed or deleted an object of the network, and when; never the values "
           "of personal fields, no address, no email."),
    purpose=_("Accountability of the people who manage a project (GDPR Art. 5(2), 32)."),
    legal_basis=_("Legitimate interest (Art. 6(1)(f))"),
    audience=_("The project's coordinators (its entries) and site admins."),
    retention=Retention(_("Deleted after LIAISE_AUDIT_RETENTION_MONTHS months (default 24); the link to the account "
                        "is emptied when the account is deleted."), apply="liaise.core.audit.prune",
                        setting="LIAISE_AUDIT_RETENTION_MONTHS"),
    fields=("actor",),
))


# --- reading the log: the coordinators' and the staff's pages ----------------------------------------------------

PAGE_SIZE = 50
ACTIONS = "action"  # the kind filter's value for recorded actions (record_action)
#: What the log calls the actions other code records (anything else: its name, underscores as spaces).
ACTION_LABELS = {
    "export_downloaded": _("export downloaded"),
    "account_deletion_requested": _("account deletion requested"),
    "account_deletion_cancelled": _("account deletion cancelled"),
    "account_deleted": _("account deleted"),
}
VERBS = {0: _("created"), 1: _("changed"), 2: _("deleted"), 3: _("recorded")}


def kinds(*, in_projects: bool) -> list[tuple[str, str]]:
    """The kind filter's choices: every audited model (only those belonging to projects, ``in_projects``), then
    the recorded actions."""
    models = [model for model, entry in _tracked.items() if entry.project is not None or not in_projects]
    names = [str(model._meta.verbose_name_plural) for model in models]
    choices = sorted(((f"{model._meta.app_label}.{model._meta.model_name}",
                       name if names.count(name) == 1 else f"{name} ({model._meta.app_config.verbose_name})")
                      for model, name in zip(models, names, strict=True)), key=lambda choice: choice[1].lower())
    return [*choices, (ACTIONS, str(_("recorded actions")))]


def log_filters(*, in_projects: bool):
    values = [value for value, _label in kinds(in_projects=in_projects)]
    return FilterSet(in_order("since", "until"), kind=Choice(values), since=Date(), until=Date())


def entries(*, project_id: int | None = None, kind: str = "", since=None, until=None):
    """The log's entries, newest first: of one project (``project_id``; the index on (project, time) serves it),
    or all; of one kind (``"app_label.model"`` or :data:`ACTIONS`); from ``since`` to ``until`` (days, inclusive,
    in the site's time zone)."""
    from .models import AuditEntry

    found = AuditEntry.objects.all() if project_id is None else AuditEntry.objects.filter(project_id=project_id)
    if kind == ACTIONS:
        found = found.filter(action=AuditEntry.Action.ACCESS)
    elif kind:
        found = found.filter(content_type=ContentType.objects.get_for_model(django_apps.get_model(kind)))
    tz = timezone.get_current_timezone()
    if since:
        found = found.filter(timestamp__gte=datetime.combine(since, datetime.min.time(), tz))
    if until:
        found = found.filter(timestamp__lt=datetime.combine(until + timedelta(days=1), datetime.min.time(), tz))
    return found.select_related("actor").order_by("-timestamp", "-id")


@dataclass
class Row:
    entry: Model
    who: str
    action: str
    kind: str
    what: str
    changes: list[tuple[str, str]]


def _shown(value, limit: int = 80) -> str:
    text = "—" if value in (None, "", "None") else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def rows(page) -> list[Row]:
    """The entries of one page, ready to show: who (the actor's name; "a former member" once their account is
    gone; "the system" for the worker and the command line), the action, the object's kind and label, and each
    changed field with its old and new values (hidden ones: "changed, value not kept"). Users named in changed
    fields (a role's user) are shown by name, read in one query for the page."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    entries = list(page)
    user_fields, user_ids = {}, set()
    for entry in entries:
        model = ContentType.objects.get_for_id(entry.content_type_id).model_class()
        fields = user_fields.setdefault(model, {
            field.name for field in (model._meta.fields if model else ())
            if field.is_relation and field.related_model is User})
        for name, change in (entry.changes or {}).items():
            if name in fields and isinstance(change, list):
                user_ids.update(v for v in change if isinstance(v, int))
    names = {user.pk: str(user) for user in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    former = str(_("a former member"))
    shown = []
    for entry in entries:
        content_type = ContentType.objects.get_for_id(entry.content_type_id)
        model = content_type.model_class()
        tracked_model = _tracked.get(model)
        if entry.action == entry.Action.ACCESS:
            name = (entry.additional_data or {}).get("action", "")
            action = str(ACTION_LABELS.get(name, name.replace("_", " ")))
            details = {k: v for k, v in (entry.additional_data or {}).items() if k != "action"}
            changes = [(str(k).replace("_", " "), _shown(v)) for k, v in details.items()]
            kind = str(model._meta.verbose_name) if model and entry.object_pk else ""
        else:
            action = str((tracked_model.verbs if tracked_model else {}).get(entry.action, VERBS[entry.action]))
            kind = str(model._meta.verbose_name) if model else content_type.model
            changes = _changes(entry, model, user_fields.get(model, set()), names, former)
        system = str(_("the system"))
        who = str(entry.actor) if entry.actor_id is not None else former if entry.by_person else system
        shown.append(Row(entry, who, action, kind, entry.object_repr, changes))
    return shown


EMPTY = (None, "", "None", [], {})
SKIPPED_ON_CREATE = {"id", "project"}  # (the entry's own id and project say it already)


def _changes(entry, model, user_fields, names, former) -> list[tuple[str, str]]:
    """An entry's changed fields for people: labels, choices by their names, users by theirs; a creation lists
    the values it was given (not the empty ones); a deletion, nothing."""
    if entry.action == entry.Action.DELETE:
        return []
    created = entry.action == entry.Action.CREATE
    listed = []
    order = {field.name: n for n, field in enumerate(model._meta.get_fields())} if model else {}
    for name, change in sorted((entry.changes or {}).items(), key=lambda item: (order.get(item[0], 1000), item[0])):
        try:
            field = model._meta.get_field(name) if model else None
        except Exception:  # (a field since removed)
            field = None
        if created and (name in SKIPPED_ON_CREATE or (field is not None and not field.concrete)):
            continue
        label = str(getattr(field, "verbose_name", name))
        if isinstance(change, dict):  # many-to-many
            verb = _("added") if change.get("operation") == "add" else _("removed")
            listed.append((label, f"{verb}: {_shown(', '.join(map(str, change.get('objects', []))), 120)}"))
            continue
        old, new = [*change, None, None][:2] if isinstance(change, list) else (None, change)
        if HIDDEN in (old, new):
            listed.append((label, str(_("given (the value is not kept)") if created else
                                      _("changed (the value is not kept)"))))
            continue
        if created and new in EMPTY:
            continue
        if name in user_fields:
            old, new = (names.get(v, former) if isinstance(v, int) else v for v in (old, new))
        elif field is not None and field.choices:
            choices = {str(key): value for key, value in field.flatchoices}
            old, new = (choices.get(str(v), v) for v in (old, new))
        listed.append((label, _shown(new) if created else f"{_shown(old)} → {_shown(new)}"))
    return listed


class LogFilterForm(FilterForm):
    """The log's filters (kind of object, from, to), parsed by :func:`log_filters`; a refused value is an error next
    to its field."""

    kind = forms.CharField(label=_("Kind of object"), required=False, max_length=100)
    since = forms.CharField(label=pgettext_lazy("start of a date range", "From"), required=False, max_length=10,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.CharField(label=pgettext_lazy("end of a date range", "To"), required=False, max_length=10,
                            widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, in_projects: bool, **kwargs):
        super().__init__(*args, filter_set=log_filters(in_projects=in_projects), **kwargs)
        self.fields["kind"].widget = forms.Select(choices=[("", _("All kinds")), *kinds(in_projects=in_projects)])


def log_page(request, *, project_id: int | None) -> tuple[dict, int]:
    """What a log page shows (the project's entries, or with ``project_id=None`` the whole log) for the request's
    filters, and its status (400 for a refused filter)."""
    form = LogFilterForm(request.GET or None, in_projects=project_id is not None)
    status = 400 if form.is_bound and not form.is_valid() else 200
    values = form.values()
    found = entries(project_id=project_id, kind=values["kind"], since=values["since"], until=values["until"])
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")) if status == 200 else None
    query = urlencode({k: request.GET[k] for k in ("kind", "since", "until") if request.GET.get(k)})
    return {"form": form, "page_obj": page, "rows": rows(page) if page is not None else [],
            "filter_query": query}, status
