"""Extreme numbers and dates in every form (issue 15): each page with a form is read as staff, its form sent back
with its own values but one number or date pushed to an extreme (year 9999 or 1, 30 digits, a 40-digit id).
The answer is the form with a message, or the change done — never a 500. Run on PostgreSQL too."""


from django import forms
from django.db.models import Model

from tests.core.test_bad_input import _routes

EXTREMES = {
    forms.DateTimeField: ["9999-12-31T23:59", "0001-01-01T00:00", "9999-12-31 23:59"],
    forms.DateField: ["9999-12-31", "0001-01-01"],
    forms.DecimalField: ["9" * 30, "-" + "9" * 30, "1e400"],
    forms.IntegerField: ["9" * 30, "-" + "9" * 30],
    forms.FloatField: ["1e400", "9" * 30],
    forms.ModelMultipleChoiceField: [["9" * 40]],
    forms.ModelChoiceField: ["9" * 40, "-" + "9" * 25],
}


def _slugs():
    from liaise.events.models import Event, Venue
    from liaise.learning.models import Training
    from liaise.pilots.models import Pilot

    training = Training.objects.select_related("event").first()
    return {
        "projects/": "liaise-2", "events/": "liaise-2-kick-off", "pilots/": Pilot.objects.first().slug,
        "library/practices/": "draft-practice", "organisations/": "bordeaux",
        "news/": "test-public-post", "venues/": getattr(Venue.objects.first(), "slug", "x"),
        "trainings/": training.event.slug if training else Event.objects.first().slug,
    }


def _url(route: str, slugs: dict) -> str | None:
    if "<id:" in route or "<str:" in route or "<uuid:" in route or route.startswith(("api/", "admin/")):
        return None
    slug = next((value for prefix, value in slugs.items() if route.startswith(prefix)), None)
    if "<slug:slug>" in route and slug is None:
        return None
    route = route.replace("<slug:slug>", slug or "")
    return None if "<" in route else "/" + route


def _value(bound):
    value = bound.value()
    if isinstance(value, Model):
        return str(value.pk)
    if isinstance(value, (list, tuple)):
        return [str(v.pk) if isinstance(v, Model) else str(v) for v in value]
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%dT%H:%M") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _extremes(field):
    for kind, values in EXTREMES.items():
        if isinstance(field, kind):
            return values
    return []


def test_extreme_numbers_and_dates_in_every_form_are_messages(login):
    client = login("staff")
    client.raise_request_exception = False  # a 500 is counted, not raised
    slugs = _slugs()
    tried, failures = 0, []
    for route, _converters in _routes():
        url = _url(route, slugs)
        if url is None:
            continue
        response = client.get(url)
        form = response.context.get("form") if response.status_code == 200 and response.context else None
        if not isinstance(form, forms.BaseForm) or any(isinstance(f, forms.FileField) for f in form.fields.values()):
            continue
        base = {name: _value(form[name]) for name in form.fields}
        base = {k: v for k, v in base.items() if v is not None}
        for name, field in form.fields.items():
            for extreme in _extremes(field):
                data = {**base, name: extreme}
                if form.prefix:
                    data = {f"{form.prefix}-{k}": v for k, v in data.items()}
                status = client.post(url, data).status_code
                tried += 1
                if status >= 500:
                    failures.append((url, name, extreme, status))
    assert failures == [], "\n".join(map(str, failures))
    assert tried > 50


HOSTILE_QUERY = {
    "page": "9" * 30, "after": "9" * 30, "year": "99999", "period": "9" * 40, "speaker": "9" * 40,
    "item": "9" * 40, "project": "a\x00b", "organisation": "a\x00b", "topic": "a\x00b", "q": "a\x00b",
    "lang": "a\x00b", "sort": "a\x00b", "status": "a\x00b", "from": "9999-99-99", "to": "0001-01-01",
    "start": "99999-01-01", "next": "a\x00b", "code": "a\x00b",
}


def test_extreme_values_in_every_query_string_are_4xx_or_ignored(login):
    """Each page (as staff), with one hostile query parameter at a time: a number beyond the database, a NUL byte
    (which PostgreSQL refuses in a query), an impossible date: never a 500."""
    client = login("staff")
    client.raise_request_exception = False
    slugs = _slugs()
    failures, tried = [], 0
    for route, _converters in _routes():
        url = _url(route, slugs)
        if url is None or client.get(url).status_code != 200:
            continue
        for name, value in HOSTILE_QUERY.items():
            status = client.get(url, {name: value}).status_code
            tried += 1
            if status >= 500:
                failures.append((url, name, value, status))
    assert failures == [], "\n".join(map(str, failures))
    assert tried > 500
