"""The one authorization layer (liaise.core.authz): each permission defined once, the lists and the objects agree,
the admin's django-rules permissions answer as the definitions do, and no view checks a permission another way."""

import ast
from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

import liaise
from liaise.core import authz
from liaise.events.models import Event
from liaise.events.rules import manage_event, view_event
from tests.conftest import ROLE_EMAILS

SRC = Path(liaise.__file__).parent

# The permissions every app defines (a new one must be added here: it is then checked below).
EXPECTED = {
    "events.create_event", "events.edit_venue", "events.manage_event", "events.manage_registration",
    "events.view_event",
    "events.view_material", "events.view_session",
    "learning.create_training", "learning.download_certificate", "learning.edit_training", "learning.give_feedback",
    "learning.run_training", "learning.view_training",
    "library.delete_resource", "library.edit_practice", "library.review_practice", "library.view_practice",
    "library.view_resource",
    "live.moderate_board", "live.view_board",
    "network.act_for_partner", "network.coordinate_project", "network.edit_organisation", "network.view_organisation",
    "network.view_project",
    "network.change_role", "network.manage_people", "network.revoke_invitation",
    "outreach.edit_post", "outreach.send_newsletter", "outreach.view_post",
    "pilots.comment_on_pilot", "pilots.create_pilot", "pilots.edit_pilot", "pilots.use_exchange", "pilots.view_idea",
    "pilots.view_pilot",
    "reporting.edit_reported_value", "reporting.manage_results", "reporting.review_reported_value",
    "reporting.view_deliverable", "reporting.view_indicator", "reporting.view_reported_value",
    "reporting.view_workplan", "reporting.write_narrative",
}


def every_object(model, limit=150):
    """The model's rows; past ``limit`` (the demo's registrations and certificates), an even sample across them
    (every ``n``-th by id, the first and the last included), so that the check stays quick."""
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    if len(pks) > limit:
        step = -(-len(pks) // limit)
        pks = sorted({*pks[::step], pks[-1]})
    return list(model._default_manager.filter(pk__in=pks).order_by("pk"))


def demo_users():
    """Every account of the test database (the demo's, the matrix's roles, the hidden project's) and a visitor."""
    return [AnonymousUser(), *get_user_model().objects.order_by("pk")]


def test_every_permission_is_registered_once():
    assert {p.name for p in authz.all_permissions()} == EXPECTED
    with pytest.raises(ValueError, match="defined twice"):
        authz.permission("events.view_event", Event)(lambda user: authz.EVERYTHING)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_list_and_the_object_agree_for_every_user_and_object(db, name):
    """For each demo user: the rows the list holds are exactly the objects the predicate allows, each once."""
    perm = authz.get(name)
    objects = every_object(perm.model)
    assert objects, f"no {perm.model.__name__} in the test data: the check would prove nothing"
    for user in demo_users():
        listed = list(perm.filter(user).values_list("pk", flat=True))
        assert len(listed) == len(set(listed)), f"{name} lists a row twice for {user}"
        allowed = [obj.pk for obj in objects if perm.allows(user, obj)]
        checked = {obj.pk for obj in objects}
        assert sorted(pk for pk in listed if pk in checked) == allowed, f"{name} disagrees for {user}"


WITH_PARENT = sorted(p.name for p in authz.all_permissions() if p.parent is not None)


def test_the_permissions_with_a_parent_are_the_sessions_and_materials():
    assert WITH_PARENT == ["events.view_material", "events.view_session"]


@pytest.mark.parametrize("name", WITH_PARENT)
def test_within_a_parent_gives_the_rows_the_list_gives(db, name):
    """``within(user, parent, rows)`` (the programme, the materials) holds exactly the rows of ``filter`` that hang
    from that parent, for every user and every parent (allowed or not)."""
    perm = authz.get(name)
    field, parent_perm = perm.parent
    parents = every_object(parent_perm.model)
    for user in demo_users():
        for parent in parents:
            rows = perm.model._default_manager.filter(**{field: parent})
            within = sorted(perm.within(user, parent, rows).values_list("pk", flat=True))
            listed = sorted(perm.filter(user, rows).values_list("pk", flat=True))
            assert within == listed, f"{name} within {parent} disagrees for {user}"


def _bridged_rules():
    """The admin's django-rules permissions derived from an authz permission: (name, permission, via)."""
    found = []
    for name, predicate in rules.permissions.permissions.items():
        perm = getattr(predicate, "authz_permission", None)
        if perm is not None:
            found.append((name, perm, predicate.authz_via))
    return sorted(found, key=lambda item: item[0])


def test_the_admin_permissions_are_derived_from_the_definitions():
    names = {name for name, _perm, _via in _bridged_rules()}
    assert {"events.change_event", "events.view_registration", "learning.change_attendance",
            "library.change_practice", "network.change_project", "pilots.change_indicator"} <= names


def _bridged_checks():
    """One admin permission name per (definition, relation, model): view/add/change/delete of a model share one
    predicate, so one of them is checked."""
    checks = {}
    for name, perm, via in _bridged_rules():
        app_label, codename = name.split(".")
        model = apps.get_model(app_label, codename.split("_", 1)[1])  # view_session → Session
        checks.setdefault((perm.name, via, model._meta.label), name)
    return sorted(checks.values())


@pytest.mark.parametrize("name", _bridged_checks())
def test_the_admin_answers_as_the_definition_for_every_user_and_object(db, name):
    perm, via = next((p, v) for n, p, v in _bridged_rules() if n == name)
    app_label, codename = name.split(".")
    model = apps.get_model(app_label, codename.split("_", 1)[1])
    assert (model._meta.get_field(via).related_model if via else model) is perm.model
    objects = list(model._default_manager.order_by("pk"))
    if via:  # the answer depends on the related object only: one object for each
        objects = list({getattr(obj, f"{via}_id"): obj for obj in reversed(objects)}.values())
    for user in demo_users():
        for obj in objects:
            target = getattr(obj, via) if via else obj
            assert user.has_perm(name, obj) == perm.allows(user, target), (name, user, obj)


def test_get_or_404_and_require(db):
    visitor, coordinator = AnonymousUser(), get_user_model().objects.get(email=ROLE_EMAILS["project_coordinator"])
    with pytest.raises(Http404):
        authz.get_or_404(visitor, view_event, slug="liaise-2-kick-off")  # partners only
    with pytest.raises(Http404):
        authz.get_or_404(visitor, view_event, slug="no-such-event")
    event = authz.get_or_404(visitor, view_event, slug="bordeaux-2016")
    assert authz.get_or_404(coordinator, "events.view_event", slug="liaise-2-kick-off").slug == "liaise-2-kick-off"
    with pytest.raises(Http404):
        authz.require(visitor, manage_event, event)
    with pytest.raises(PermissionDenied):
        authz.require(visitor, manage_event, event, status=403)
    assert authz.require(coordinator, manage_event, event) is event
    assert authz.first_or_none(visitor, view_event, slug="liaise-2-kick-off") is None


# -- no permission checked outside the layer -------------------------------------------------------------------

# Where django-rules may be asked directly: the layer itself, and the admin site's entry check.
ALLOWED_RULE_CALLS = {"core/authz.py", "accounts/admin_site.py"}
RULE_CALLS = {"has_perm", "has_perms", "test_rule", "test_perm", "has_module_perms"}


def _python_files():
    return sorted(p for p in SRC.rglob("*.py") if "migrations" not in p.parts)


def permission_checks_outside_the_layer(files) -> list[str]:
    """``has_perm``/``test_rule``… calls outside the layer, and role checks (``is_staff``) in views and API
    modules, as ``path:line name``."""
    found = []
    for path in files:
        relative = path.relative_to(SRC).as_posix() if path.is_relative_to(SRC) else path.name
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in RULE_CALLS and relative not in ALLOWED_RULE_CALLS:
                    found.append(f"{relative}:{node.lineno} {name}")
            if (isinstance(node, ast.Attribute) and node.attr == "is_staff"
                    and path.name in {"views.py", "api.py"}):
                found.append(f"{relative}:{node.lineno} is_staff")
    return found


def test_no_view_checks_a_permission_another_way():
    assert permission_checks_outside_the_layer(_python_files()) == []


def test_the_check_finds_a_permission_checked_another_way(tmp_path):
    views = tmp_path / "views.py"
    views.write_text("def page(request, obj):\n"
                     "    if not request.user.has_perm('events.manage_event', obj):\n"
                     "        raise Http404\n"
                     "    if request.user.is_staff:\n"
                     "        return rules.test_rule('x', request.user)\n")
    assert sorted(permission_checks_outside_the_layer([views])) == [
        "views.py:2 has_perm", "views.py:4 is_staff", "views.py:5 test_rule"]


def test_a_condition_is_built_once_per_user_object_and_never_shared(db, liaise2):
    """Within a request (one user object) a permission's condition is built once; it is a query, so a role granted
    meanwhile counts at once; a flag changed on the object, or another user object, gets its own condition."""
    from liaise.network.models import ProjectRole

    User = get_user_model()
    user = User.objects.create_user("memo@example.org", "a-long-password-1")
    assert manage_event.q(user) is manage_event.q(user)
    assert not manage_event.filter(user, Event.objects.filter(project=liaise2)).exists()
    ProjectRole.objects.create(project=liaise2, user=user, role=ProjectRole.Role.PROJECT_COORDINATOR)
    assert manage_event.filter(user, Event.objects.filter(project=liaise2)).exists()  # the same object, the new role
    other = User.objects.get(pk=user.pk)
    assert manage_event.q(other) is not manage_event.q(user)
    ProjectRole.objects.filter(user=user).delete()
    assert not view_event.filter(user, Event.objects.filter(slug="steering-committee")).exists()
    user.is_staff = True  # a site admin now: every event
    assert view_event.filter(user, Event.objects.filter(slug="steering-committee")).exists()
    assert view_event.filter(AnonymousUser()).count() == view_event.filter(AnonymousUser()).count()
