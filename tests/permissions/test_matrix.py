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
# moderators of the Bordeaux round table 2 board (BDXRTB): the event's managers and its named moderator (the expert)
BDXRTB_MODERATORS = only(404, partner_coordinator=200, expert=200, project_coordinator=200, staff=200)
# learning and pilots (issue 6)
TRAINING_RUNNERS = only(404, partner_coordinator=200, expert=200, project_coordinator=200, staff=200)
BORDEAUX_PILOT_EDITORS = only(404, partner_coordinator=200, project_coordinator=200, staff=200)

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
    # live Q&A (BDXRTA, BDXRTB: the Bordeaux round tables; KICKQA: a board on the partners-only kick-off)
    ("/live/", EVERYONE),
    ("/live/?code=bdxrtb", dict.fromkeys(ROLES, 302)),
    ("/live/?code=NOPE99", dict.fromkeys(ROLES, 404)),
    ("/live/?code=KICKQA", {**only(404), **{r: 302 for r, v in LIAISE2_PARTNERS.items() if v == 200}}),
    ("/live/BDXRTA/", EVERYONE),
    ("/live/BDXRTB/", EVERYONE),
    ("/fr/live/BDXRTB/", EVERYONE),
    ("/live/NOPE99/", dict.fromkeys(ROLES, 404)),
    ("/live/KICKQA/", LIAISE2_PARTNERS),
    ("/live/BDXRTB/screen", EVERYONE),
    ("/live/KICKQA/screen", LIAISE2_PARTNERS),
    ("/live/BDXRTB/qr.svg", EVERYONE),
    ("/live/KICKQA/qr.svg", LIAISE2_PARTNERS),
    ("/live/BDXRTB/stream", EVERYONE),
    ("/live/BDXRTB/stream?moderate=1", BDXRTB_MODERATORS),
    ("/live/KICKQA/stream", LIAISE2_PARTNERS),
    ("/api/v1/live/BDXRTB/changes?after=0", EVERYONE),
    ("/api/v1/live/BDXRTB/changes?after=0&moderate=1", BDXRTB_MODERATORS),
    ("/api/v1/live/BDXRTB/changes?after=x", dict.fromkeys(ROLES, 422)),
    ("/api/v1/live/KICKQA/changes?after=0", LIAISE2_PARTNERS),
    ("/live/BDXRTB/moderate", BDXRTB_MODERATORS),
    ("/live/BDXRTA/moderate", BORDEAUX_MANAGERS),
    ("/live/BDXRTB/export.csv", BDXRTB_MODERATORS),
    ("/live/BDXRTB/export.md", BDXRTB_MODERATORS),
    ("/live/BDXRTA/export.md", BORDEAUX_MANAGERS),
    ("/live/event/bordeaux-2016/", BORDEAUX_MANAGERS),
    ("/live/event/steering-committee/", LIAISE2_ORGANISERS),
    # POST only: 405 to whoever may post there, 404 to everyone else
    ("/live/BDXRTB/questions/1/vote", dict.fromkeys(ROLES, 405)),
    ("/live/BDXRTB/questions/1/report", dict.fromkeys(ROLES, 405)),
    ("/live/KICKQA/questions/1/vote", {r: 405 if v == 200 else 404 for r, v in LIAISE2_PARTNERS.items()}),
    ("/live/BDXRTB/moderate/settings", {r: 405 if v == 200 else 404 for r, v in BDXRTB_MODERATORS.items()}),
    ("/live/BDXRTB/moderate/1/approve", {r: 405 if v == 200 else 404 for r, v in BDXRTB_MODERATORS.items()}),
    ("/api/v1/live/BDXRTB", EVERYONE),
    ("/api/v1/live/KICKQA", LIAISE2_PARTNERS),
    ("/api/v1/live/NOPE99", dict.fromkeys(ROLES, 404)),
    ("/api/v1/live/BDXRTB/questions", EVERYONE),
    ("/api/v1/live/BDXRTB/questions?sort=new", EVERYONE),
    ("/api/v1/live/BDXRTB/questions?sort=loud", dict.fromkeys(ROLES, 422)),
    # hidden and pending questions do not exist for the audience
    ("/api/v1/live/BDXRTB/questions?status=pending", BDXRTB_MODERATORS),
    ("/api/v1/live/KICKQA/questions", LIAISE2_PARTNERS),
    ("/admin/live/board/", {**dict.fromkeys(ROLES, 302), C: 404, S: 200}),
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
    # --- learning and pilots (issue 6) ---
    ("/trainings/", EVERYONE),
    ("/trainings/?project=nope", dict.fromkeys(ROLES, 400)),
    ("/trainings/curriculum/", EVERYONE),
    ("/trainings/training-bordeaux/", EVERYONE),
    ("/trainings/does-not-exist/", dict.fromkeys(ROLES, 404)),
    # run by the event's managers (Bordeaux organises its training) and its trainer (the demo expert)
    ("/trainings/training-bordeaux/attendance/", TRAINING_RUNNERS),
    ("/trainings/training-augsburg/attendance/", only(404, expert=200, project_coordinator=200, staff=200)),
    ("/trainings/training-bordeaux/feedback/results/", TRAINING_RUNNERS),
    ("/trainings/training-bordeaux/certificates/", {r: 405 if s == 200 else s for r, s in TRAINING_RUNNERS.items()}),
    # the survey: its attendees only (the demo participant attended the Bordeaux training)
    ("/trainings/training-bordeaux/feedback/", only(404, anonymous=302, participant=200)),
    ("/my/trainings/", SIGNED_IN),
    ("/certificates/CERTIFICATE/", EVERYONE),
    ("/certificates/forged-code/", dict.fromkeys(ROLES, 404)),
    ("/certificates/CERTIFICATE/pdf/", {**TRAINING_RUNNERS, "participant": 200}),
    ("/pilots/", EVERYONE),
    ("/pilots/?status=nope", dict.fromkeys(ROLES, 400)),
    ("/pilots/?project=hidden-network", only(400, other_partner=200, staff=200)),
    ("/pilots/bordeaux-young-voices-against-hate-speech/", EVERYONE),
    ("/pilots/dusseldorf-pathways-out-of-extremism/", LIAISE2_PARTNERS),
    ("/pilots/hidden-pilot/", HIDDEN),
    ("/pilots/does-not-exist/", dict.fromkeys(ROLES, 404)),
    ("/pilots/new/", only(404, anonymous=302, partner_coordinator=200, project_coordinator=200, staff=200)),
    ("/pilots/bordeaux-young-voices-against-hate-speech/edit/", BORDEAUX_PILOT_EDITORS),
    # someone else's pilot: Bordeaux's coordinator may not edit Augsburg's
    ("/pilots/augsburg-critical-thinking-in-secondary-schools/edit/", LIAISE2_ORGANISERS),
    ("/pilots/hidden-pilot/edit/", only(404, staff=200)),
    ("/pilots/bordeaux-young-voices-against-hate-speech/follow-up/", BORDEAUX_PILOT_EDITORS),
    ("/pilots/augsburg-critical-thinking-in-secondary-schools/follow-up/", LIAISE2_ORGANISERS),
    # POST only: 405 to those allowed, 404 to everyone else
    ("/pilots/bordeaux-young-voices-against-hate-speech/stage/", {r: 405 if s == 200 else s
                                                                 for r, s in BORDEAUX_PILOT_EDITORS.items()}),
    ("/pilots/bordeaux-young-voices-against-hate-speech/comments/",
     only(404, partner_coordinator=405, expert=405, project_coordinator=405, staff=405)),
    ("/pilots/ideas/", only(200, anonymous=302, participant=404)),
    ("/pilots/ideas/IDEA/", only(404, anonymous=302, partner_member=200, partner_coordinator=200, expert=200,
                                 project_coordinator=200, staff=200)),
    ("/pilots/ideas/999999/", only(404, anonymous=302)),
    ("/api/v1/trainings", EVERYONE),
    ("/api/v1/trainings?project=nope", dict.fromkeys(ROLES, 400)),
    ("/api/v1/pilots", EVERYONE),
    ("/api/v1/pilots?status=nope", dict.fromkeys(ROLES, 400)),
    ("/api/v1/pilots?project=hidden-network", only(400, other_partner=200, staff=200)),
    ("/api/v1/pilots/bordeaux-young-voices-against-hate-speech", EVERYONE),
    ("/api/v1/pilots/dusseldorf-pathways-out-of-extremism", LIAISE2_PARTNERS),
    ("/api/v1/pilots/hidden-pilot", HIDDEN),
    ("/admin/learning/module/", ADMIN_USERS),
    ("/admin/learning/training/", ADMIN_USERS),
    ("/admin/learning/attendance/", ADMIN_USERS),
    ("/admin/learning/certificate/", ADMIN_USERS),
    ("/admin/pilots/pilot/", ADMIN_USERS),
    ("/admin/pilots/targetgroup/", ADMIN_USERS),
    ("/admin/pilots/idea/", ADMIN_USERS),
    ("/admin/pilots/comment/", ADMIN_USERS),
    # --- end of learning and pilots ---
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
    # "publish as practice" (POST): the pilot's editors get 405 to a GET, everyone else 404 (or the pilot is hidden)
    ("/library/from-pilot/bordeaux-young-voices-against-hate-speech/",
     {r: 405 if v == 200 else v for r, v in EVERYONE.items()}),
    ("/library/from-pilot/hidden-pilot/", {r: 405 if v == 200 else v for r, v in HIDDEN.items()}),
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
    if "CERTIFICATE" in url or "IDEA" in url:  # learning and pilots (issue 6)
        from liaise.learning.models import Certificate
        from liaise.pilots.models import Idea

        url = url.replace("CERTIFICATE", Certificate.objects.get(registration__email="participant@example.org").code)
        url = url.replace("IDEA", str(Idea.objects.get(title="Debate clubs in vocational schools").pk))
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
        "api/v1/events/<slug>/stats", "api/", "api/v1/live/<code>", "api/v1/live/<code>/questions",
        "api/v1/trainings", "api/v1/pilots", "api/v1/pilots/<slug>",
    }
    tested_prefixes = [url.split("?")[0].lstrip("/") for url, _ in MATRIX]
    # Routes that take parameters are represented by a concrete URL in the matrix with the same first segments.
    exempt = {"accounts/logout/", "accounts/tokens/<int:token_id>/revoke/"}  # POST-only: tested in accounts
    exempt |= {"api/v1/events/<slug>/registrations"}  # POST: tests/events
    # POST (and DELETE) for the audience and moderators: tests/live/test_api.py
    exempt |= {"api/v1/live/<code>/questions/<question_id>/vote", "api/v1/live/<code>/questions/<question_id>/report",
               "api/v1/live/<code>/questions/<question_id>/moderate"}
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
