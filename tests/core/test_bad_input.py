"""Bad input in a URL never gives a 500: a NUL byte (which PostgreSQL refuses in a query), a value that cannot be
a slug, a number too large for the database. Run on PostgreSQL too (DATABASE_URL) to mean it."""

import pytest


@pytest.mark.parametrize(("url", "status"), [
    # the API: a path that is not a slug matches no route; filters refuse a non-slug without a query
    ("/api/v1/projects/a%00b", 404),
    ("/api/v1/events/a%00b", 404),
    ("/api/v1/live/a%00b/questions", 404),
    ("/api/v1/organisations?project=a%00", 400),
    ("/api/v1/practices?q=a%00b", 200),
    ("/api/v1/live/BDXRTB/questions?speaker=99999999999999999999999", 422),
    # pages
    ("/partners/?project=a%00b", 400),
    ("/events/?topic=a%00b", 400),
    ("/pilots/?organisation=a%00b", 400),
    ("/library/?topic=a%00b", 400),
    ("/library/?q=a%00b", 400),
    ("/library/resources/?q=a%00b", 200),
    ("/live/a%00b/", 404),
    ("/live/a%00b/screen", 404),
    ("/live/a%00b/stream", 404),
    ("/api/v1/live/a%00b/changes?after=0", 404),
    ("/api/v1/live/BDXRTB/changes?after=99999999999999999999999", 422),
    ("/certificates/a%00b/", 404),
    ("/events/liaise-2-kick-off/manage/?q=a%00", 200),
])
def test_bad_input_in_a_url_is_a_4xx(login, url, status):
    assert login("staff").get(url).status_code == status


def test_an_id_too_large_for_the_database_is_a_422(client):
    response = client.post("/api/v1/live/BDXRTB/questions/99999999999999999999999/vote")
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "question_id")


# -- numbers in URL paths ---------------------------------------------------------------------------------------


def _routes(patterns=None, prefix=""):
    """(route, converters) of every URL pattern, the includes' routes joined."""
    from django.urls import URLPattern, URLResolver, get_resolver
    from django.urls.resolvers import RoutePattern

    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = str(entry.pattern) if isinstance(entry.pattern, RoutePattern) else ""
        if isinstance(entry, URLResolver):
            yield from _routes(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern) and isinstance(entry.pattern, RoutePattern):
            yield prefix + route, entry.pattern.converters


def test_no_route_uses_djangos_unbounded_int_converter():
    from django.urls.converters import IntConverter

    assert [route for route, converters in _routes()
            if any(type(c) is IntConverter for c in converters.values())] == []


def _fill(route: str, number: int) -> str:
    """The route with each <id:…> as ``number`` and each other part a real value of the demo, so that the request
    reaches the lookup of the number."""
    import re

    from liaise.reporting.report import BUILDERS
    from liaise.reporting.views.workplan import KINDS

    def value(match):
        converter, name = match.groups()
        if converter == "id":
            return str(number)
        if name == "slug":
            return "liaise-2-kick-off" if route.startswith("events/") else "liaise-2"
        return {"code": "KICKQA", "kind": next(iter(KINDS)), "action": "approve", "table": next(iter(BUILDERS))}.get(
            name, "x")

    return "/" + re.sub(r"<(\w+):(\w+)>", value, route)


def test_every_number_in_a_path_too_large_for_the_database_is_a_4xx(login):
    """Each route with a number, with 10**30 (which matches no route) and 10**18 - 1 (which reaches the database
    and is no row), GET and POST, as staff and as nobody: never a 500."""
    routes = [route for route, converters in _routes() if any(type(c).__name__ == "IdConverter"
                                                               for c in converters.values())]
    assert len(routes) > 30
    clients = {"staff": login("staff"), "anonymous": login("anonymous")}
    for route in routes:
        for number in (10**30, 10**18 - 1):
            url = _fill(route, number)
            for who, client in clients.items():
                for method in (client.get, client.post):
                    status = method(url).status_code
                    assert status < 500, (who, method.__name__, url, status)
                    if number == 10**30:
                        assert status in (404, 405), (who, method.__name__, url, status)


# -- numbers in forms -------------------------------------------------------------------------------------------

HUGE = "9" * 40


@pytest.mark.parametrize(("role", "url", "fields"), [
    ("partner_coordinator", "/pilots/new/", ["project", "organisation", "topics", "target_groups", "trainings"]),
    ("partner_member", "/pilots/ideas/", ["project", "organisation", "topics"]),
    ("partner_coordinator", "/library/practices/new/", ["topics", "origin_session", "owner"]),
])
def test_a_40_digit_id_in_a_form_is_a_message_next_to_the_field(login, role, url, fields):
    from liaise.network.models import Project

    client = login(role)
    base = {"project": Project.objects.get(slug="liaise-2").pk, "title": "Forty digits", "text": "T",
            "problem": "P", "summary": "S", "visibility": "partners", "kind": "programme", "approach": "community",
            "scope": "local", "language": "en"}
    for field in fields:
        value = f"{HUGE}:{HUGE}" if field == "owner" else HUGE
        response = client.post(url, {**base, field: [value] if field in ("topics", "target_groups", "trainings")
                                     else value})
        assert response.status_code in (200, 400), (field, response.status_code)
        assert field in response.context["form"].errors, field


@pytest.mark.parametrize("form", ["question_edit", "question_remove", "question_move", "speaker_remove",
                                  "speaker_move"])
def test_a_40_digit_item_of_a_session_is_a_message(login, form):
    from liaise.events.models import Event

    session = Event.objects.get(slug="liaise-2-kick-off").sessions.order_by("start").first()
    url = f"/events/liaise-2-kick-off/manage/programme/{session.pk}/"
    response = login("staff").post(url, {"form": form, "item": HUGE, "direction": "up", "text": "Q"})
    assert response.status_code in (200, 302, 400)
    follow = login("staff").post(url, {"form": form, "item": HUGE, "direction": "up", "text": "Q"}, follow=True)
    assert "This item is no longer in the list." in follow.content.decode()
