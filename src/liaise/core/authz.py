"""The one authorization layer: every permission is defined once, as a query condition, and every page, endpoint,
export, feed and admin check gets its objects through it.

A :class:`Permission` is "the rows of one model that a user may see or act on", written once as a function
``condition(user) -> Q`` in the owning app's ``rules.py``::

    @authz.permission("events.manage_event", Event)
    def manage_event(user) -> Q:
        ...

From that one definition come both uses:

- the list: ``manage_event.filter(user, queryset)`` (lists, the API, exports, feeds, the admin's changelists);
- the object: ``manage_event.allows(user, event)`` (the same condition on one row), and the django-rules predicate
  the admin asks through ``user.has_perm`` (``manage_event.rule()``).

Views and endpoints get an object with :func:`get_or_404` (the permission filters the queryset that shapes the
fetch; anything outside answers 404, as if it did not exist) and check an action on an object they may already
see with :func:`require` (404 by default; 403 only where seeing is allowed and acting is not). No view checks a
permission any other way: ``tests/core/test_authz.py`` fails on ``has_perm``/``test_rule`` calls outside this
layer, and checks for every permission and every demo user that the list and the object answers agree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

#: A condition true for every row. (``Q()`` would vanish when OR-ed with another condition.)
EVERYTHING = Q(pk__isnull=False)
#: A condition true for no row.
NOTHING = Q(pk__in=[])

_registry: dict[str, Permission] = {}


def active(user) -> bool:
    """Signed in with an active account."""
    return bool(user is not None and user.is_authenticated and user.is_active)


def site_admin(user) -> bool:
    """Site admins (``is_staff``) see and may do everything."""
    return active(user) and bool(user.is_staff)


@dataclass(frozen=True, eq=False)
class Permission:
    """The rows of ``model`` that ``condition(user)`` selects. Defined once with :func:`permission`."""

    name: str
    model: type[Model]
    condition: Callable[..., Q]
    doc: str = ""
    site_admins: bool = False  # site admins are allowed every row
    signed_in: bool = False  # visitors and inactive accounts are allowed none
    # (field, permission): a row is allowed only when its parent at ``field`` is (protection inherited downward,
    # e.g. a session within its event); ``condition`` then says only what the row adds.
    parent: tuple[str, Permission] | None = None
    _cache_attr: str = field(init=False, default="")

    def __post_init__(self):
        object.__setattr__(self, "_cache_attr", "_authz_" + self.name.replace(".", "_"))

    def __str__(self) -> str:
        return self.name

    def own_condition(self, user) -> Q:
        """``condition(user)``, built once per user object (one request's ``request.user``) and per state of the
        flags conditions read: a condition is a query whose rows the database finds when it runs, so the same
        condition answers for later changes of roles too; nothing is kept across requests or users."""
        if user is None:
            return self.condition(user)
        flags = (bool(user.is_authenticated), bool(getattr(user, "is_active", False)),
                 bool(getattr(user, "is_staff", False)), bool(getattr(user, "is_superuser", False)))
        try:
            memo = user._authz_conditions
        except AttributeError:
            memo = {}
            try:
                user._authz_conditions = memo
            except AttributeError:  # (an object that takes no attribute: built every time)
                return self.condition(user)
        key = (self.name, flags)
        if key not in memo:
            memo[key] = self.condition(user)
        return memo[key]

    def q(self, user) -> Q:
        """The condition, to combine with others (``Q(event__in=manage_event.filter(user))`` across models)."""
        if self.site_admins and site_admin(user):
            return EVERYTHING
        if self.signed_in and not active(user):
            return NOTHING
        if self.parent is not None:
            field, parent = self.parent
            return Q(**{f"{field}__in": parent.filter(user)}) & self.own_condition(user)
        return self.own_condition(user)

    def filter(self, user, queryset: QuerySet | None = None) -> QuerySet:
        """``queryset`` (default: every row of the model) narrowed to what ``user`` is allowed."""
        if queryset is None:
            queryset = self.model._default_manager.all()
        return queryset.filter(self.q(user))

    def within(self, user, parent_obj: Model, queryset: QuerySet) -> QuerySet:
        """The rows of ``queryset`` hanging from ``parent_obj`` that ``user`` is allowed (a permission with a
        ``parent``). The same rows as :meth:`filter` gives, but once the parent is known to be allowed (as after
        :func:`get_or_404`, which remembers it), only the row's own condition goes into the query."""
        field, parent = self.parent
        if not parent.allows(user, parent_obj):
            return queryset.none()
        queryset = queryset.filter(**{field: parent_obj})
        if self.site_admins and site_admin(user):
            return queryset
        if self.signed_in and not active(user):
            return queryset.none()
        return queryset.filter(self.own_condition(user))

    def allows(self, user, obj: Model | None) -> bool:
        """Whether ``user`` is allowed ``obj``: the same condition, on one row (one query, remembered on the
        object for this user)."""
        if obj is None or obj.pk is None:
            return False
        key = getattr(user, "pk", None)
        memo = obj.__dict__.setdefault(self._cache_attr, {})
        if key not in memo:
            memo[key] = self.filter(user, self.model._default_manager.filter(pk=obj.pk)).exists()
        return memo[key]

    def anywhere(self, user) -> bool:
        """Whether ``user`` is allowed at least one row (the admin's model-level question)."""
        return self.filter(user).exists()

    def rule(self, via: str | None = None, anywhere: Callable | None = None) -> rules.Predicate:
        """A django-rules predicate derived from this permission, for ``rules.add_perm`` (the admin):
        ``has_perm(name, obj)`` is :meth:`allows` on ``obj`` (or on ``obj.<via>`` for an object hanging from
        one of this permission's rows); with no object, ``anywhere(user)`` (default :meth:`anywhere`), and always
        for site admins."""
        permission = self

        def check(user, obj=None):
            if obj is None:
                if site_admin(user):
                    return True
                return bool(anywhere(user)) if anywhere is not None else permission.anywhere(user)
            return permission.allows(user, getattr(obj, via) if via else obj)

        predicate = rules.predicate(check, name=f"{self.name}{f' via {via}' if via else ''}")
        predicate.authz_permission, predicate.authz_via = self, via  # (the parity test finds them by these)
        return predicate


def permission(name: str, model: type[Model], *, site_admins: bool = False, signed_in: bool = False,
               parent: tuple[str, Permission] | None = None) -> Callable[[Callable[..., Q]], Permission]:
    """Declare a permission: decorates its condition ``(user) -> Q`` and registers it under ``name``. With
    ``site_admins``, site admins are allowed every row; with ``signed_in``, visitors (and inactive accounts) none —
    the condition is then only asked about the others. With ``parent=(field, permission)``, a row is allowed
    when its parent is and the condition holds (see :meth:`Permission.within`)."""

    def register(condition: Callable[..., Q]) -> Permission:
        if name in _registry:
            raise ValueError(f"The permission {name} is defined twice.")
        perm = Permission(name, model, condition, (condition.__doc__ or "").strip(), site_admins, signed_in, parent)
        _registry[name] = perm
        return perm

    return register


def get(name: str | Permission) -> Permission:
    """A permission by name (or itself)."""
    return name if isinstance(name, Permission) else _registry[name]


def all_permissions() -> list[Permission]:
    return sorted(_registry.values(), key=lambda p: p.name)


def get_or_404(user, perm: str | Permission, queryset: QuerySet | None = None, /, **lookup) -> Model:
    """The one way a view or an endpoint gets an object: ``queryset`` (which shapes the fetch) narrowed by
    ``perm`` for ``user``, then ``lookup``; Http404 when there is no such object or ``user`` may not have it."""
    perm = get(perm)
    try:
        obj = perm.filter(user, queryset).get(**lookup)
    except (perm.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    obj.__dict__.setdefault(perm._cache_attr, {})[getattr(user, "pk", None)] = True
    return obj


def first_or_none(user, perm: str | Permission, queryset: QuerySet | None = None, /, **lookup) -> Model | None:
    """Like :func:`get_or_404`, for a lookup that may match nothing (None then)."""
    try:
        return get_or_404(user, perm, queryset, **lookup)
    except Http404:
        return None


def allows(user, perm: str | Permission, obj: Model | None) -> bool:
    """Whether ``user`` has ``perm`` on ``obj`` (for what a page shows: a button, a link)."""
    return get(perm).allows(user, obj)


def require(user, perm: str | Permission, obj: Model, *, status: int = 404) -> Model:
    """``obj`` when ``user`` has ``perm`` on it; otherwise 404 (it does not exist for them), or 403 with
    ``status=403`` where the user may see the object but not do this to it."""
    if not get(perm).allows(user, obj):
        if status == 403:
            raise PermissionDenied
        raise Http404
    return obj
