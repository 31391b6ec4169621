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
