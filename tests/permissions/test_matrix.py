"""The permission matrix (pretix's idea): every URL and endpoint × every role → the expected status.

Something a user may not see answers 404, never 403, so its existence does not leak. Pages that need a sign-in
redirect anonymous visitors to it (302). Add every new URL here.
"""

import pytest

from tests.conftest import ROLES

A, C, S = "anonymous", "project_coordinator", "staff"
EVERYONE = dict.fromkeys(ROLES, 200)


def only(status_for_others: int, **allowed: int) -> dict[str, int]:
    return {role: allowed.get(role, status_for_others) for role in ROLES}


SIGNED_IN = {**EVERYONE, A: 302}
# LIAISE 2 partners-only: anyone with a role in the project
LIAISE2_PARTNERS = only(404, partner_member=200, partner_coordinator=200, expert=200, project_coordinator=200,
                        staff=200)
# managers of a LIAISE 2 event organised by Bordeaux: coordinators, Bordeaux's partner coordinator, site admins
BORDEAUX_MANAGERS = only(404, partner_coordinator=200, project_coordinator=200, staff=200)
LIAISE2_ORGANISERS = only(404, project_coordinator=200, staff=200)
HIDDEN = only(404, other_partner=200, staff=200)
# library drafts of Bordeaux: its partner coordinator, the project's coordinators, site admins
LIBRARY_EDITORS = only(404, partner_coordinator=200, project_coordinator=200, staff=200)
ADMIN_USERS = {**dict.fromkeys(ROLES, 302), C: 200, S: 200}

MATRIX = [
    # public pages
    ("/", EVERYONE),
    ("/fr/", EVERYONE),
    ("/projects/", EVERYONE),
    ("/projects/liaise-2/", EVERYONE),
    ("/projects/liaise/", EVERYONE),
    ("/fr/projects/liaise-2/", EVERYONE),
    ("/partners/", EVERYONE),
    ("/partners/?country=FR&kind=city", EVERYONE),
    ("/partners/?project=liaise-2", EVERYONE),
    ("/partners/?country=ZZ", dict.fromkeys(ROLES, 400)),
    ("/organisations/efus/", EVERYONE),
    ("/organisations/swedish-defence-university/", EVERYONE),
    # a partners-only project and the organisation that only takes part in it
    ("/projects/hidden-network/", only(404, other_partner=200, staff=200)),
    ("/partners/?project=hidden-network", only(400, other_partner=200, staff=200)),
    ("/organisations/hidden-city/", only(404, other_partner=200, staff=200)),
    ("/projects/does-not-exist/", dict.fromkeys(ROLES, 404)),
    # events
    ("/events/", EVERYONE),
    ("/events/?kind=conference&when=past", EVERYONE),
    ("/events/?project=nope", dict.fromkeys(ROLES, 400)),
    ("/events/bordeaux-2016/", EVERYONE),
    ("/fr/events/bordeaux-2016/", EVERYONE),
    ("/events/bordeaux-2016.ics", EVERYONE),
    ("/events/bordeaux-2016/sessions/opening.ics", EVERYONE),
    ("/events/bordeaux-2016/register/", EVERYONE),
    ("/events/small-workshop/register/", EVERYONE),
    ("/events/bordeaux-2016/registration/forged-token/", dict.fromkeys(ROLES, 404)),
    ("/events/bordeaux-2016/manage/", BORDEAUX_MANAGERS),
    ("/events/bordeaux-2016/manage/registrations.csv", BORDEAUX_MANAGERS),
    ("/events/bordeaux-2016/manage/checkin/", BORDEAUX_MANAGERS),
    # POST only: 405 to its managers, 404 to everyone else
    ("/events/bordeaux-2016/manage/checkin/1/", only(404, partner_coordinator=405, project_coordinator=405, staff=405)),
    ("/events/liaise-2-kick-off/", LIAISE2_PARTNERS),
    ("/events/liaise-2-kick-off.ics", LIAISE2_PARTNERS),
    ("/events/liaise-2-kick-off/materials/MATERIAL/", LIAISE2_PARTNERS),
    ("/events/steering-committee/", LIAISE2_ORGANISERS),
    ("/events/draft-workshop/", LIAISE2_ORGANISERS),
    ("/events/hidden-meeting/", HIDDEN),
    ("/events/does-not-exist/", dict.fromkeys(ROLES, 404)),
    # accounts
    ("/accounts/login/", {**dict.fromkeys(ROLES, 302), A: 200}),
    ("/accounts/password/reset/", EVERYONE),
    ("/accounts/password/change/", SIGNED_IN),
    ("/accounts/tokens/", SIGNED_IN),
    # admin: site admins and project coordinators
    ("/admin/", ADMIN_USERS),
    ("/admin/network/project/", ADMIN_USERS),
    ("/admin/network/organisation/", ADMIN_USERS),
    ("/admin/network/partnership/", ADMIN_USERS),
    ("/admin/network/projectrole/", ADMIN_USERS),
    ("/admin/network/person/", ADMIN_USERS),
    ("/admin/network/topic/", ADMIN_USERS),
    ("/admin/network/membership/", ADMIN_USERS),
    ("/admin/accounts/user/", {**dict.fromkeys(ROLES, 302), C: 404, S: 200}),
    ("/admin/accounts/apitoken/", {**dict.fromkeys(ROLES, 302), C: 404, S: 200}),
    # API
    ("/api/v1/openapi.json", EVERYONE),
    ("/api/v1/docs", EVERYONE),
    ("/api/v1/projects", EVERYONE),
    ("/api/v1/projects/liaise-2", EVERYONE),
    ("/api/v1/projects/hidden-network", only(404, other_partner=200, staff=200)),
    ("/api/v1/organisations", EVERYONE),
    ("/api/v1/organisations?project=hidden-network", only(400, other_partner=200, staff=200)),
    ("/api/v1/organisations?country=zz", dict.fromkeys(ROLES, 400)),
    ("/api/v1/topics", EVERYONE),
    ("/api/v1/events", EVERYONE),
    ("/api/v1/events?kind=castle", dict.fromkeys(ROLES, 400)),
    ("/api/v1/events/bordeaux-2016", EVERYONE),
    ("/api/v1/events/bordeaux-2016/stats", EVERYONE),
    ("/api/v1/events/liaise-2-kick-off", LIAISE2_PARTNERS),
    ("/api/v1/events/liaise-2-kick-off/stats", LIAISE2_PARTNERS),
    ("/api/v1/events/steering-committee", LIAISE2_ORGANISERS),
    ("/api/v1/events/hidden-meeting", HIDDEN),
    ("/api/v1/nothing-here", dict.fromkeys(ROLES, 404)),
    ("/admin/events/event/", ADMIN_USERS),
    ("/admin/events/session/", ADMIN_USERS),
    ("/admin/events/registration/", ADMIN_USERS),
    ("/admin/events/material/", ADMIN_USERS),
    ("/admin/events/venue/", ADMIN_USERS),
    ("/admin/events/room/", ADMIN_USERS),
    # --- library (practices, resources, search) ---
    ("/library/", EVERYONE),
    ("/library/?q=family+parents&country=FR", EVERYONE),
    ("/fr/library/?q=jeunes", EVERYONE),
    ("/library/?topic=nope", dict.fromkeys(ROLES, 400)),
    ("/library/?approach=castle", dict.fromkeys(ROLES, 400)),
    ("/library/workspace/", SIGNED_IN),
    ("/library/practices/new/", LIBRARY_EDITORS),
    ("/library/practices/bordeaux-family-listening-line/", EVERYONE),
    ("/library/practices/partners-practice/", LIAISE2_PARTNERS),
    ("/library/practices/hidden-practice/", HIDDEN),
    ("/library/practices/draft-practice/", LIBRARY_EDITORS),
    ("/library/practices/draft-practice/edit/", LIBRARY_EDITORS),
    ("/library/practices/bordeaux-family-listening-line/edit/", LIAISE2_ORGANISERS),
    ("/library/practices/draft-practice/resources/new/", LIBRARY_EDITORS),
    ("/library/practices/bordeaux-family-listening-line/resources/new/", LIAISE2_ORGANISERS),
    # POST only: 405 to its editors, 404 to everyone else
    ("/library/practices/draft-practice/workflow/", only(404, partner_coordinator=405, project_coordinator=405,
                                                         staff=405)),
    ("/library/practices/nope/", dict.fromkeys(ROLES, 404)),
    ("/library/resources/", EVERYONE),
    ("/library/resources/?kind=castle", dict.fromkeys(ROLES, 400)),
    ("/library/resources/new/", LIAISE2_ORGANISERS),
    ("/library/resources/PUBLIC_RESOURCE/download/", EVERYONE),
    ("/library/resources/PARTNERS_RESOURCE/download/", LIAISE2_PARTNERS),
    ("/library/resources/PUBLIC_RESOURCE/delete/", only(404, project_coordinator=405, staff=405)),
    ("/api/v1/practices", EVERYONE),
    ("/api/v1/practices?q=family&topic=family-support&country=fr", EVERYONE),
    ("/api/v1/practices?approach=castle", dict.fromkeys(ROLES, 400)),
    ("/api/v1/practices?limit=1000", dict.fromkeys(ROLES, 422)),
    ("/api/v1/practices/bordeaux-family-listening-line", EVERYONE),
    ("/api/v1/practices/partners-practice", LIAISE2_PARTNERS),
    ("/api/v1/practices/draft-practice", LIBRARY_EDITORS),
    ("/api/v1/practices/hidden-practice", HIDDEN),
    ("/admin/library/practice/", ADMIN_USERS),
    ("/admin/library/resource/", ADMIN_USERS),
    # --- end of library ---
]


@pytest.mark.parametrize(
    ("url", "role", "expected"),
    [(url, role, expected[role]) for url, expected in MATRIX for role in ROLES],
    ids=lambda value: value if isinstance(value, str) else str(value),
)
def test_permission_matrix(login, url, role, expected):
    if "MATERIAL" in url:
        from liaise.events.models import Material

        url = url.replace("MATERIAL", str(Material.objects.get(title="Minutes of the kick-off").pk))
    if "_RESOURCE" in url:  # library resources
        from liaise.library.models import Resource

        url = url.replace("PUBLIC_RESOURCE", str(Resource.objects.filter(is_demo=True).order_by("pk").first().pk))
        url = url.replace("PARTNERS_RESOURCE", str(Resource.objects.get(title_en="Partners-only toolkit").pk))
    response = login(role).get(url)
    assert response.status_code == expected


def test_matrix_covers_every_url_pattern():
    """A new URL pattern without a row in the matrix fails here."""
    from django.urls import get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    routes = set(walk(get_resolver().url_patterns))
    covered_names = {
        "api/v1/openapi.json", "api/v1/docs", "api/v1/projects", "api/v1/projects/<slug>",
        "api/v1/organisations", "api/v1/topics", "api/v1/events", "api/v1/events/<slug>",
        "api/v1/events/<slug>/stats", "api/",
    }
    tested_prefixes = [url.split("?")[0].lstrip("/") for url, _ in MATRIX]
    # Routes that take parameters are represented by a concrete URL in the matrix with the same first segments.
    exempt = {"accounts/logout/", "accounts/tokens/<int:token_id>/revoke/"}  # POST-only: tested in accounts
    exempt |= {"api/v1/events/<slug>/registrations"}  # POST: tests/events
    exempt |= {"accounts/password/reset/sent/", "accounts/password/reset/<uidb64>/<token>/",
               "accounts/password/reset/complete/", "accounts/password/change/done/"}  # flow pages, tested there
    missing = []
    for route in routes:
        plain = route.replace("^", "").replace("$", "")
        if plain.startswith("admin/") or plain.startswith("static/") or plain.startswith("media/"):
            continue
        if plain in exempt or plain.lstrip("/") in covered_names:
            continue
        head = plain.split("<")[0]
        if not any(t.startswith(head) if head else t == "" for t in tested_prefixes):
            missing.append(route)
    assert missing == []
