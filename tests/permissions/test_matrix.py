"""The permission matrix (pretix's idea): every route, by name, × GET and each unsafe method it accepts × every
role → the expected status.

Something a user may not see answers 404, never 403, so its existence does not leak. Pages that need a sign-in
redirect anonymous visitors to it (302). A row names its route (``"events:manage"``; an API operation by its
ninja name, ``"api:get_event"``; a route without a name by its pattern), the route's arguments (an ``Obj`` for an
id looked up when the row runs), an optional query string and a method. Unsafe methods send an empty form (the
API: a valid JSON body), so that the answer shows the permission; each role's request is rolled back.

``test_matrix_covers_every_route`` fails for any route without a row (the admin's included), and for any method a
route accepts without a row (see ``missing_methods``): add rows with every new route.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from json import dumps

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation
from django.views.static import serve

from liaise.live import devices
from tests.conftest import ROLE_EMAILS, ROLES

A, S = "anonymous", "staff"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
EVERYONE = dict.fromkeys(ROLES, 200)


def only(status_for_others: int, **allowed: int) -> dict[str, int]:
    return {role: allowed.get(role, status_for_others) for role in ROLES}


def allowed_get(group: Mapping[str, int], status: int) -> dict[str, int]:
    """``group`` with ``status`` for the roles it lets in (200), e.g. 405 to a GET of a POST-only action."""
    return {role: status if value == 200 else value for role, value in group.items()}


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


SIGNED_IN = {**EVERYONE, A: 302}
NOBODY = everyone(404)
# LIAISE 2 partners-only: anyone with a role in the project
LIAISE2_PARTNERS = only(404, partner_member=200, partner_coordinator=200, expert=200, project_coordinator=200,
                        staff=200)
# managers of a LIAISE 2 event organised by Bordeaux: coordinators, Bordeaux's partner coordinator, site admins
BORDEAUX_MANAGERS = only(404, partner_coordinator=200, project_coordinator=200, staff=200)
LIAISE2_ORGANISERS = only(404, project_coordinator=200, staff=200)
HIDDEN = only(404, other_partner=200, staff=200)
# library drafts of Bordeaux: its partner coordinator, the project's coordinators, site admins
LIBRARY_EDITORS = only(404, partner_coordinator=200, project_coordinator=200, staff=200)
# moderators of the Bordeaux round table 2 board (BDXRTB): the event's managers and its named moderator (the expert)
BDXRTB_MODERATORS = only(404, partner_coordinator=200, expert=200, project_coordinator=200, staff=200)
# learning and pilots
TRAINING_RUNNERS = only(404, partner_coordinator=200, expert=200, project_coordinator=200, staff=200)
BORDEAUX_PILOT_EDITORS = only(404, partner_coordinator=200, project_coordinator=200, staff=200)


def adm(staff: int = 200) -> dict[str, int]:
    """An admin page: for site admins (staff) only, with ``staff`` their status; everyone else — project
    coordinators included (issue 17: they work in Liaise's own pages) — goes to the sign-in page (302)."""
    return {**everyone(302), S: staff}


# the admin: site admins only
STAFF_ADMIN = adm()


class Obj:
    """A value looked up in the test database when the row runs (ids differ between databases and runs)."""

    def __init__(self, label: str, lookup: Callable[[], object]):
        self.label, self.lookup = label, lookup

    def __repr__(self) -> str:
        return self.label


def _material():
    from liaise.events.models import Material

    return Material.objects.get(title="Minutes of the kick-off").pk


def _certificate():
    from liaise.core.tasks import run_pending
    from liaise.learning.certificates import request_pdf
    from liaise.learning.models import Certificate

    certificate = Certificate.objects.get(registration__email="participant@example.org")
    if request_pdf(certificate, "http://testserver/"):  # the worker draws the PDF the download serves
        run_pending()
    return certificate.code


def _idea():
    from liaise.pilots.models import Idea

    return Idea.objects.get(title="Debate clubs in vocational schools").pk


def _public_resource():
    from liaise.library.models import Resource

    return Resource.objects.filter(is_demo=True).order_by("pk").first().pk


def _partners_resource():
    from liaise.library.models import Resource

    return Resource.objects.get(title_en="Partners-only toolkit").pk


def _failed_task():
    """A mail task that failed for good (its last attempt, after the retries)."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    message = {"subject": "Matrix", "body": "", "from_email": "a@example.org", "to": ["b@example.org"], "cc": [],
               "bcc": [], "reply_to": [], "headers": {}, "alternatives": [], "attachments": []}
    return DBTaskResult.objects.create(
        status="FAILED", task_path="liaise.core.mail.send_email", backend_name="default", queue_name="default",
        args_kwargs={"args": [message], "kwargs": {"_attempt": 9}}, run_after=timezone.now(),
        finished_at=timezone.now(), exception_class_path="liaise.core.tasks.GaveUp",
        traceback="liaise.core.tasks.GaveUp: OSError: refused").pk


FAILED_TASK = Obj("FAILED_TASK", _failed_task)
BORDEAUX_PILOT = "bordeaux-young-voices-against-hate-speech"
MATERIAL = Obj("MATERIAL", _material)
CERTIFICATE = Obj("CERTIFICATE", _certificate)
IDEA = Obj("IDEA", _idea)
PUBLIC_RESOURCE = Obj("PUBLIC_RESOURCE", _public_resource)
PARTNERS_RESOURCE = Obj("PARTNERS_RESOURCE", _partners_resource)


def _registration():
    from liaise.events.models import Registration

    return Registration.objects.filter(event__slug="bordeaux-2016", status="confirmed").order_by("pk").first()


def _registration_token():
    from liaise.events.services import registration_token

    return registration_token(_registration())


def _checkin_token():
    from liaise.events.registrant_services import checkin_token

    return checkin_token(_registration())


CHECKIN_TOKEN = Obj("CHECKIN_TOKEN", _checkin_token)


def _question(code: str, status: str):
    def lookup():
        from liaise.live.models import Question

        return Question.objects.filter(board__code=code, status=status).order_by("pk").first().pk

    return Obj(f"{code}_{status.upper()}_QUESTION", lookup)


def _participant_token():
    """An API token of the demo participant, made for the row (and rolled back with it)."""
    from liaise.accounts.services import create_api_token

    user = get_user_model().objects.get(email=ROLE_EMAILS["participant"])
    return create_api_token(user, "matrix")[0].pk


def _password_reset(part: str):
    def lookup():
        from django.contrib.auth.tokens import default_token_generator
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        user = get_user_model().objects.get(email=ROLE_EMAILS["participant"])
        if part == "uid":
            return urlsafe_base64_encode(force_bytes(user.pk))
        return default_token_generator.make_token(user)

    return Obj(f"RESET_{part.upper()}", lookup)


REGISTRATION = Obj("REGISTRATION", lambda: _registration().pk)
REGISTRATION_TOKEN = Obj("REGISTRATION_TOKEN", _registration_token)
PARTICIPANT_TOKEN = Obj("PARTICIPANT_TOKEN", _participant_token)
RESET_UID, RESET_TOKEN = _password_reset("uid"), _password_reset("token")
# events-manage: a session of the Bordeaux 2016 conference, to edit in the programme editor
def _bordeaux_session():
    from liaise.events.models import Session

    return Session.objects.filter(event__slug="bordeaux-2016").order_by("start", "pk").first().pk


BORDEAUX_SESSION = Obj("BORDEAUX_SESSION", _bordeaux_session)


def _signup_token():
    from django.core import signing

    from liaise.accounts.services import SIGNUP_SALT

    return signing.dumps({"e": "matrix-signup@example.org", "n": "Matrix"}, salt=SIGNUP_SALT, compress=True)


SIGNUP_TOKEN = Obj("SIGNUP_TOKEN", _signup_token)


def _issue(subject: str):
    def lookup():
        from liaise.outreach.models import NewsletterIssue

        return NewsletterIssue.objects.get(subject=subject).pk

    return Obj(f"ISSUE:{subject}", lookup)


NEWSLETTER_ISSUE = _issue("LIAISE 2 news")
NETWORK_ISSUE = _issue("Network news")
HIDDEN_ISSUE = _issue("Hidden news")
HIDDEN_ISSUE_NOT_STAFF = Obj("ISSUE:none", lambda: 999999)


def pk(model: str, **filters) -> Obj:
    """The primary key (as the admin writes it in its addresses) of the first ``model`` ("app.model") object
    matching ``filters``."""

    def lookup():
        from django.apps import apps

        return str(apps.get_model(model).objects.filter(**filters).order_by("pk").first().pk)

    return Obj(f"{model}:{','.join(str(v) for v in filters.values()) or 'first'}", lookup)


def _made(model: str):
    """A new object, for models the demo holds none of (made in the row's savepoint, rolled back)."""

    def lookup():
        if model == "auth.group":
            from django.contrib.auth.models import Group

            return str(Group.objects.get_or_create(name="Matrix group")[0].pk)
        return str(_participant_token())

    return Obj(f"{model}:new", lookup)


def _content_type(model: str):
    def lookup():
        from django.apps import apps
        from django.contrib.contenttypes.models import ContentType

        return str(ContentType.objects.get_for_model(apps.get_model(model)).pk)

    return Obj(f"CONTENT_TYPE_{model}", lookup)


# --- outreach: news, feeds and calendars (issue 14) ---
def _feed_token():
    from liaise.outreach.queries import feed_token
    from liaise.outreach.services import feed_key

    return feed_token(feed_key(get_user_model().objects.get(email=ROLE_EMAILS["partner_member"])))


FEED_TOKEN = Obj("FEED_TOKEN", _feed_token)
# editors of the Bordeaux draft: Bordeaux's partner coordinator, the project's coordinators, site admins
NEWS_EDITORS = only(404, partner_coordinator=200, project_coordinator=200, staff=200)
# anyone with a role in some project (network-wide partners-only news)
ANY_PARTNER = only(404, partner_member=200, partner_coordinator=200, expert=200, project_coordinator=200,
                   other_partner=200, staff=200)


def outreach_rows() -> list:
    return [
        r("outreach:list", EVERYONE),
        r("outreach:list", only(400, other_partner=200, staff=200), query="project=hidden-network"),
        r("outreach:new", {**NEWS_EDITORS, A: 302}),
        r("outreach:new", {**allowed_get(NEWS_EDITORS, 400), A: 302}, "POST"),
        r("outreach:mine", SIGNED_IN),
        r("outreach:post", EVERYONE, slug="test-public-post"),
        r("outreach:post", LIAISE2_PARTNERS, slug="test-partners-post"),
        r("outreach:post", NEWS_EDITORS, slug="test-draft-post"),
        r("outreach:post", NEWS_EDITORS, slug="test-scheduled-post"),
        r("outreach:post", ANY_PARTNER, slug="test-network-partners-post"),
        r("outreach:post", HIDDEN, slug="test-hidden-post"),
        r("outreach:post", NOBODY, slug="does-not-exist"),
        r("outreach:edit", NEWS_EDITORS, slug="test-draft-post"),
        r("outreach:edit", allowed_get(NEWS_EDITORS, 400), "POST", slug="test-draft-post"),
        r("outreach:edit", LIAISE2_ORGANISERS, slug="test-public-post"),
        r("outreach:delete", NEWS_EDITORS, slug="test-draft-post"),
        r("outreach:delete", allowed_get(NEWS_EDITORS, 302), "POST", slug="test-draft-post"),
        r("outreach:subscribe", EVERYONE),
        r("outreach:renew_key", {**everyone(405), A: 302}),
        r("outreach:renew_key", everyone(302), "POST"),
        r("outreach:feed", EVERYONE, fmt="atom"),
        r("outreach:feed", EVERYONE, fmt="rss"),
        r("outreach:feed", NOBODY, fmt="json"),
        r("outreach:project_feed", EVERYONE, slug="liaise-2", fmt="atom"),
        r("outreach:project_feed", NOBODY, slug="hidden-network", fmt="atom"),
        r("outreach:topic_feed", EVERYONE, slug="family-support", fmt="rss"),
        r("outreach:topic_feed", NOBODY, slug="nope", fmt="rss"),
        r("outreach:project_calendar", EVERYONE, slug="liaise-2"),
        r("outreach:project_calendar", NOBODY, slug="hidden-network"),
        r("outreach:organisation_calendar", EVERYONE, slug="bordeaux"),
        r("outreach:organisation_calendar", NOBODY, slug="hidden-city"),
        r("outreach:topic_calendar", EVERYONE, slug="family-support"),
        r("outreach:topic_calendar", NOBODY, slug="nope"),
        # private addresses: the key stands for its user, whoever asks; a forged one is unknown
        r("outreach:private_feed", EVERYONE, key=FEED_TOKEN, fmt="atom"),
        r("outreach:private_feed", NOBODY, key="forged:key", fmt="atom"),
        r("outreach:private_calendar", EVERYONE, key=FEED_TOKEN),
        r("outreach:private_calendar", NOBODY, key="forged:key"),
        r("outreach:my_calendar", EVERYONE, key=FEED_TOKEN),
        r("outreach:my_calendar", NOBODY, key="forged:key"),
        r("api:list_news", EVERYONE),
        r("api:list_news", only(400, other_partner=200, staff=200), query="project=hidden-network"),
        r("api:get_post", EVERYONE, slug="test-public-post"),
        r("api:get_post", LIAISE2_PARTNERS, slug="test-partners-post"),
        r("api:get_post", NEWS_EDITORS, slug="test-draft-post"),
        r("api:get_post", NOBODY, slug="does-not-exist"),
    ]



@dataclass(frozen=True)
class Row:
    route: str  # the route's name with its namespace; for a route without a name, its pattern
    expected: Mapping[str, int] = field(compare=False)
    kwargs: tuple = ()  # (name, value) pairs; a value may be an Obj
    query: str = ""
    method: str = "GET"
    lang: str = ""  # "fr": the French address (/fr/…)
    path: str = ""  # for a route without a name: its address ("{name}" for a kwarg)
    data: Mapping | None = field(default=None, compare=False)  # form body (unsafe methods; empty by default)
    json: Mapping | None = field(default=None, compare=False)  # JSON body (the API)
    bug: str = field(default="", compare=False)  # a known bug: ``expected`` is right, the site is not (yet)

    def url(self, known: dict | None = None) -> str:
        """The row's address; ``known``: Obj → value, the values already looked up in this transaction (the
        lookups made here are added to it)."""

        def value(v):
            if not isinstance(v, Obj):
                return v
            if known is None:
                return v.lookup()
            if v not in known:
                known[v] = v.lookup()
            return known[v]

        kwargs = {k: value(v) for k, v in self.kwargs}
        if self.path:
            url = self.path.format(**kwargs)
        else:
            with translation.override(self.lang or "en"):
                url = reverse(self.route, kwargs=kwargs)
        return f"{url}?{self.query}" if self.query else url

    @property
    def id(self) -> str:
        args = ",".join(f"{k}={v!r}" if isinstance(v, Obj) else f"{k}={v}" for k, v in self.kwargs)
        return (f"{self.lang + '/' if self.lang else ''}{self.route}{f'[{args}]' if args else ''}"
                f"{'?' + self.query if self.query else ''}-{self.method}")

    def request(self, client: Client, url: str = ""):
        url = url or self.url()
        if self.method == "GET":
            return client.get(url)
        if self.json is not None:
            return client.generic(self.method, url, dumps(self.json), content_type="application/json")
        if self.method == "POST":
            return client.post(url, dict(self.data or {}))
        return client.generic(self.method, url)


def r(route: str, expected: Mapping[str, int], method: str = "GET", *, query: str = "", lang: str = "",
      path: str = "", data=None, json=None, bug: str = "", **kwargs) -> Row:
    return Row(route, expected, tuple(kwargs.items()), query, method, lang, path, data, json, bug)


ASK = {"text": "A question of the permission matrix?"}
REGISTRATION_JSON = {"name": "Matrix Person", "email": "matrix@example.org", "country": "FR",
                     "participant_type": "practitioner", "privacy_consent": True}


def pages(change, delete, *, change_post=None, change_post_bug: str = "") -> dict:
    """What an object's admin pages answer: its change page (and history, which answers as it does), a POST to
    the change page (an empty form) if that answers otherwise, and its delete page (GET, and POST: an empty POST
    only asks again)."""
    return {"change": change, "change POST": change_post or change, "delete": delete, "bug": change_post_bug}


def admin_rows(model: str, changelist, add, objects: dict) -> list[Row]:
    """The admin's pages of ``model`` ("app.model"): its list and add form, each object's change, delete and
    history pages (``objects``: Obj → pages(...)), and the object's old address (a redirect to its change page)."""
    name = "admin:" + model.replace(".", "_")
    rows = [r(f"{name}_changelist", changelist), r(f"{name}_changelist", changelist, "POST"),
            r(f"{name}_add", add), r(f"{name}_add", add, "POST")]
    for obj, expected in objects.items():
        rows += [r(f"{name}_change", expected["change"], object_id=obj),
                 r(f"{name}_change", expected["change POST"], "POST", object_id=obj, bug=expected["bug"]),
                 r(f"{name}_delete", expected["delete"], object_id=obj),
                 r(f"{name}_delete", expected["delete"], "POST", object_id=obj),
                 r(f"{name}_history", expected["change"], object_id=obj)]
    first = next(iter(objects))
    rows.append(r(f"{name}_history", objects[first]["change"], "POST", object_id=first))
    old = f"admin/{model.replace('.', '/')}/<path:object_id>/"
    rows += [r(old, everyone(302), method, path=f"/{old.split('<')[0]}{{object_id}}/", object_id=first)
             for method in ("GET", "POST")]
    return rows


# --- the organisers' pages that replace the admin (issue 17, point 6) -------------------------------------------

def _bordeaux_partnership():
    from liaise.network.models import Partnership

    return Partnership.objects.get(project__slug="liaise-2", organisation__slug="bordeaux").pk


BORDEAUX_PARTNERSHIP = Obj("BORDEAUX_PARTNERSHIP", _bordeaux_partnership)


def _bordeaux_venue():
    from liaise.events.models import Event

    return Event.objects.get(slug="bordeaux-2016").venues.order_by("pk").first().slug


BORDEAUX_VENUE = Obj("BORDEAUX_VENUE", _bordeaux_venue)


def organiser_pages_rows() -> list[Row]:
    signed_in_405 = {**everyone(405), A: 302}
    coordinators = {**LIAISE2_ORGANISERS, A: 302}  # LIAISE 2's coordinators and site admins; visitors sign in
    # Bordeaux's record: the coordinators of a project it partners in, its own partner coordinator, site admins
    bordeaux_editors = {**BORDEAUX_MANAGERS, A: 302}
    return [
        r("network:project_settings", coordinators, slug="liaise-2"),
        r("network:project_settings", allowed_get(coordinators, 400), "POST", slug="liaise-2"),
        r("network:project_settings", {**only(404, staff=200), A: 302}, slug="hidden-network"),
        r("network:project_settings", {**NOBODY, A: 302}, slug="does-not-exist"),
        # the project's audit log: its coordinators and site admins (GET only)
        r("network:project_log", coordinators, slug="liaise-2"),
        r("network:project_log", coordinators, query="kind=events.event&since=2020-01-01", slug="liaise-2"),
        r("network:project_log", allowed_get(coordinators, 400), query="since=not-a-date", slug="liaise-2"),
        r("network:project_log", {**only(404, staff=200), A: 302}, slug="hidden-network"),
        r("network:project_log", {**NOBODY, A: 302}, slug="does-not-exist"),
        r("network:project_log", {**everyone(405), A: 302}, "POST", slug="liaise-2"),
        r("network:partner_add", allowed_get(coordinators, 400), "POST", slug="liaise-2"),
        r("network:partner_add", signed_in_405, slug="liaise-2"),
        r("network:partner_add", {**only(404, staff=400), A: 302}, "POST", slug="hidden-network"),
        # an empty form: "choose a role" (and back to the page); removing Bordeaux: refused with what ties it
        r("network:partner_change", allowed_get(coordinators, 302), "POST", slug="liaise-2",
          pk=BORDEAUX_PARTNERSHIP),
        r("network:partner_change", signed_in_405, slug="liaise-2", pk=BORDEAUX_PARTNERSHIP),
        r("network:partner_change", {**only(404, staff=404), A: 302}, "POST", slug="hidden-network",
          pk=BORDEAUX_PARTNERSHIP),
        r("network:partner_remove", allowed_get(coordinators, 302), "POST", slug="liaise-2",
          pk=BORDEAUX_PARTNERSHIP),
        r("network:partner_remove", signed_in_405, slug="liaise-2", pk=BORDEAUX_PARTNERSHIP),
        r("network:organisation_edit", bordeaux_editors, slug="bordeaux"),
        r("network:organisation_edit", allowed_get(bordeaux_editors, 400), "POST", slug="bordeaux"),
        r("network:organisation_edit", {**only(404, staff=200), A: 302}, slug="hidden-city"),
        r("network:organisation_edit", {**NOBODY, A: 302}, slug="does-not-exist"),
        r("network:organisation_new", coordinators),
        r("network:organisation_new", allowed_get(coordinators, 400), "POST"),
        # materials: the event's managers (an empty upload form: 400; a delete: back to the list)
        r("events:manage_materials", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
        r("events:manage_materials", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug="bordeaux-2016"),
        r("events:manage_materials", only(404, staff=200), slug="hidden-meeting"),
        r("events:material_edit", BORDEAUX_MANAGERS, slug="liaise-2-kick-off", material_id=MATERIAL),
        r("events:material_edit", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug="liaise-2-kick-off",
          material_id=MATERIAL),
        r("events:material_edit", NOBODY, slug="bordeaux-2016", material_id=MATERIAL),
        r("events:material_delete", allowed_get(BORDEAUX_MANAGERS, 302), "POST", slug="liaise-2-kick-off",
          material_id=MATERIAL),
        r("events:material_delete", allowed_get(BORDEAUX_MANAGERS, 405), slug="liaise-2-kick-off",
          material_id=MATERIAL),
        # venues: those who create events (project and partner coordinators) and site admins
        r("events:venues", bordeaux_editors),
        r("events:venues", signed_in_405, "POST"),
        r("events:venue_new", bordeaux_editors),
        r("events:venue_new", allowed_get(bordeaux_editors, 400), "POST"),
        r("events:venue_edit", bordeaux_editors, slug=BORDEAUX_VENUE),
        r("events:venue_edit", allowed_get(bordeaux_editors, 400), "POST", slug=BORDEAUX_VENUE),
        r("events:venue_edit", {**NOBODY, A: 302}, slug="does-not-exist"),
    ]


def _reporting_rows() -> dict:
    """LIAISE 2's work-plan rows for the reporting routes, made when a row runs (rolled back with it), under
    numbers and codes no demo uses: RP9, WP9 led by Bordeaux with D9.1, MS99, R99 with its RP9 state of play,
    a partners-only reported indicator MATRIX-R with a Bordeaux draft (an evidence file) and a submitted Augsburg
    value, and a public computed indicator MATRIX-P."""
    from django.core.files.base import ContentFile

    from liaise.network.models import Organisation, Project
    from liaise.reporting import models as m

    project = Project.objects.get(slug="liaise-2")
    bordeaux, augsburg = Organisation.objects.get(slug="bordeaux"), Organisation.objects.get(slug="augsburg")
    period = m.ReportingPeriod.objects.get_or_create(project=project, number=9,
                                                     defaults={"first_month": 24, "last_month": 24})[0]
    wp = m.WorkPackage.objects.get_or_create(project=project, number=9, defaults={
        "title": "Matrix WP", "lead": bordeaux, "start_month": 1, "end_month": 24})[0]
    risk = m.Risk.objects.get_or_create(project=project, number=99,
                                        defaults={"description": "Matrix risk", "mitigation": "None"})[0]
    kpi = m.Indicator.objects.get_or_create(project=project, code="MATRIX-R", defaults={
        "title": "Matrix reported", "source": "reported", "final_target": 10})[0]
    draft = m.ReportedValue.objects.filter(indicator=kpi, organisation=bordeaux).first()
    if draft is None:
        draft = m.ReportedValue(indicator=kpi, period=period, organisation=bordeaux, value=1,
                                content_type="application/pdf")
        draft.evidence_file.save("e.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
        m.ReportedValueChange.objects.create(reported_value=draft, action="created", status="draft", value=1)
    rows = {
        "period": period, "wp": wp, "risk": risk, "kpi": kpi, "draft": draft,
        "deliverable": m.Deliverable.objects.get_or_create(work_package=wp, number=1, defaults={
            "title": "Matrix deliverable", "lead": bordeaux, "due_month": 6})[0],
        "milestone": m.Milestone.objects.get_or_create(project=project, number=99, defaults={
            "title": "Matrix milestone", "work_package": wp, "due_month": 6})[0],
        "review": m.RiskReview.objects.get_or_create(risk=risk, period=period,
                                                     defaults={"state_of_play": "Quiet"})[0],
        "target": m.Target.objects.get_or_create(indicator=kpi, period=period, defaults={"value": 5})[0],
        "submitted": m.ReportedValue.objects.get_or_create(indicator=kpi, period=period, organisation=augsburg,
                                                           defaults={"value": 2, "status": "submitted",
                                                                     "evidence_link": "https://a.example/e"})[0],
        "public": m.Indicator.objects.get_or_create(project=project, code="MATRIX-P", defaults={
            "title": "Matrix public", "metric": "events_held", "final_target": 5, "public": True})[0],
        "narrative": m.Narrative.objects.get_or_create(work_package=wp, period=period)[0],
    }
    rows["change"] = draft.changes.first()
    return rows


def rep(name: str, attr: str = "pk") -> Obj:
    """A reporting row of :func:`_reporting_rows` (its pk, or another attribute: the code, the number)."""
    return Obj(f"REPORTING_{name.upper()}{'' if attr == 'pk' else '_' + attr.upper()}",
               lambda: str(getattr(_reporting_rows()[name], attr)))


REPORTING_ORGANISERS_400 = allowed_get(LIAISE2_ORGANISERS, 400)  # an empty form, refused with its messages
REPORTING_KINDS = {"periods": "period", "packages": "wp", "deliverables": "deliverable", "milestones": "milestone",
                   "risks": "risk"}


def reporting_rows() -> list[Row]:
    slug, period, wp, kpi = "liaise-2", rep("period", "number"), rep("wp", "number"), rep("kpi", "code")
    draft, submitted = rep("draft"), rep("submitted")
    rows = [r("reporting:workplan", LIAISE2_PARTNERS, slug=slug),
            r("reporting:workplan", LIAISE2_PARTNERS, "POST", slug=slug),
            r("reporting:workplan", HIDDEN, slug="hidden-network"),
            r("reporting:item_new", NOBODY, slug=slug, kind="nope")]
    for kind, name in REPORTING_KINDS.items():
        rows += [r("reporting:item_new", LIAISE2_ORGANISERS, slug=slug, kind=kind),
                 r("reporting:item_new", REPORTING_ORGANISERS_400, "POST", slug=slug, kind=kind),
                 r("reporting:item_edit", LIAISE2_ORGANISERS, slug=slug, kind=kind, pk=rep(name)),
                 r("reporting:item_edit", REPORTING_ORGANISERS_400, "POST", slug=slug, kind=kind, pk=rep(name)),
                 r("reporting:item_delete", LIAISE2_ORGANISERS, slug=slug, kind=kind, pk=rep(name)),
                 r("reporting:item_delete", allowed_get(LIAISE2_ORGANISERS, 302), "POST", slug=slug, kind=kind,
                   pk=rep(name))]
    rows += [
        r("reporting:risk_review", LIAISE2_ORGANISERS, slug=slug, pk=rep("risk"), period=period),
        r("reporting:risk_review", REPORTING_ORGANISERS_400, "POST", slug=slug, pk=rep("risk"), period=period),
        # WP9 is led by Bordeaux: its partner coordinator writes the narrative
        r("reporting:narrative", BORDEAUX_MANAGERS, slug=slug, number=wp, period=period),
        r("reporting:narrative", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug=slug, number=wp, period=period),
        r("reporting:indicator_new", LIAISE2_ORGANISERS, slug=slug),
        r("reporting:indicator_new", REPORTING_ORGANISERS_400, "POST", slug=slug),
        r("reporting:indicator", LIAISE2_PARTNERS, slug=slug, code=kpi),
        r("reporting:indicator", LIAISE2_PARTNERS, "POST", slug=slug, code=kpi),
        r("reporting:indicator", EVERYONE, slug=slug, code=rep("public", "code")),
        r("reporting:indicator", NOBODY, slug=slug, code="NOPE"),
        r("reporting:indicator_edit", LIAISE2_ORGANISERS, slug=slug, code=kpi),
        r("reporting:indicator_edit", REPORTING_ORGANISERS_400, "POST", slug=slug, code=kpi),
        # a value is reported for a partner the user acts for: coordinators (any), Bordeaux's partner coordinator
        r("reporting:value_report", BORDEAUX_MANAGERS, slug=slug, code=kpi),
        r("reporting:value_report", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug=slug, code=kpi),
        r("reporting:value_edit", BORDEAUX_MANAGERS, slug=slug, pk=draft),
        r("reporting:value_edit", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug=slug, pk=draft),
        r("reporting:value_submit", allowed_get(BORDEAUX_MANAGERS, 405), slug=slug, pk=draft),
        r("reporting:value_submit", allowed_get(BORDEAUX_MANAGERS, 302), "POST", slug=slug, pk=draft),
        r("reporting:value_approve", LIAISE2_ORGANISERS, slug=slug, pk=submitted),
        r("reporting:value_approve", allowed_get(LIAISE2_ORGANISERS, 302), "POST", slug=slug, pk=submitted),
        r("reporting:value_return", LIAISE2_ORGANISERS, slug=slug, pk=submitted),
        r("reporting:value_return", REPORTING_ORGANISERS_400, "POST", slug=slug, pk=submitted),
        # a draft is not submitted: nobody reviews it (site admins see the page, the service refuses)
        r("reporting:value_approve", only(404, staff=200), slug=slug, pk=draft),
        r("reporting:evidence", BORDEAUX_MANAGERS, slug=slug, pk=draft),
        r("reporting:evidence", BORDEAUX_MANAGERS, "POST", slug=slug, pk=draft),
    ]
    # the admin: site admins only
    for model, name in (("reportingperiod", "period"), ("workpackage", "wp"), ("deliverable", "deliverable"),
                        ("milestone", "milestone"), ("risk", "risk"), ("riskreview", "review"),
                        ("indicator", "kpi"), ("target", "target"), ("reportedvalue", "draft"),
                        ("reportedvaluechange", "change"), ("narrative", "narrative")):
        rows += admin_rows(f"reporting.{model}", STAFF_ADMIN, STAFF_ADMIN,
                           {rep(name): pages(STAFF_ADMIN, STAFF_ADMIN)})
    return rows


MATRIX: list[Row] = [
    # --- the load balancer's health check (database and cache reachable): anyone, GET and HEAD only ---
    r("healthz", EVERYONE),
    r("healthz", everyone(405), "POST"),
    # --- public pages ---
    r("web:home", EVERYONE),
    r("web:home", EVERYONE, lang="fr"),
    r("web:home", EVERYONE, "POST"),
    r("web:accessibility", EVERYONE),
    r("web:accessibility", everyone(400), "POST"),  # (an empty form: the message is required)
    r("web:privacy", EVERYONE),
    r("web:privacy", EVERYONE, lang="fr"),
    r("web:privacy", everyone(405), "POST"),
    r("web:design_system", EVERYONE),
    r("web:design_system", everyone(405), "POST"),
    r("network:projects", EVERYONE),
    r("network:projects", EVERYONE, "POST"),
    r("network:project", EVERYONE, slug="liaise-2"),
    r("network:project", EVERYONE, slug="liaise"),
    r("network:project", EVERYONE, lang="fr", slug="liaise-2"),
    r("network:directory", EVERYONE),
    r("network:directory", EVERYONE, "POST"),
    r("network:directory", EVERYONE, query="country=FR&kind=city"),
    r("network:directory", EVERYONE, query="project=liaise-2"),
    r("network:directory", everyone(400), query="country=ZZ"),
    r("network:organisation", EVERYONE, slug="efus"),
    r("network:organisation", EVERYONE, slug="swedish-defence-university"),
    # a partners-only project and the organisation that only takes part in it
    r("network:project", HIDDEN, slug="hidden-network"),
    r("network:project", HIDDEN, "POST", slug="hidden-network"),
    r("network:directory", only(400, other_partner=200, staff=200), query="project=hidden-network"),
    r("network:organisation", HIDDEN, slug="hidden-city"),
    r("network:organisation", HIDDEN, "POST", slug="hidden-city"),
    r("network:project", NOBODY, slug="does-not-exist"),
    # --- results (issue 13): the dashboard and its CSVs; visitors see public indicators, partners everything ---
    r("reporting:results", EVERYONE, slug="liaise-2"),
    r("reporting:results", HIDDEN, slug="hidden-network"),
    r("reporting:results", NOBODY, slug="does-not-exist"),
    r("reporting:indicators_csv", EVERYONE, slug="liaise-2"),
    r("reporting:indicators_csv", HIDDEN, slug="hidden-network"),
    r("reporting:timeline_csv", LIAISE2_PARTNERS, slug="liaise-2"),
    r("reporting:timeline_csv", HIDDEN, slug="hidden-network"),
    # the periodic report: anyone with a role in the project (RP1 of each project: tests/conftest.py)
    r("reporting:report", LIAISE2_PARTNERS, slug="liaise-2"),
    r("reporting:report", LIAISE2_PARTNERS, query="period=1", slug="liaise-2"),
    r("reporting:report", NOBODY, query="period=9", slug="liaise-2"),
    r("reporting:report", HIDDEN, slug="hidden-network"),
    r("reporting:report", NOBODY, slug="does-not-exist"),
    r("reporting:report_pdf", allowed_get(LIAISE2_PARTNERS, 202), slug="liaise-2", number=1),  # being drawn
    r("reporting:report_pdf", NOBODY, slug="liaise-2", number=9),
    r("reporting:report_xlsx", LIAISE2_PARTNERS, slug="liaise-2", number=1),
    r("reporting:report_xlsx", HIDDEN, slug="hidden-network", number=1),
    r("reporting:report_zip", LIAISE2_PARTNERS, slug="liaise-2", number=1),
    r("reporting:report_zip", HIDDEN, slug="hidden-network", number=1),
    r("reporting:report_csv", LIAISE2_PARTNERS, slug="liaise-2", number=1, table="deliverables"),
    r("reporting:report_csv", HIDDEN, slug="hidden-network", number=1, table="indicators"),
    r("reporting:report_csv", NOBODY, slug="liaise-2", number=1, table="nope"),
    # --- events ---
    r("events:list", EVERYONE),
    r("events:list", EVERYONE, "POST"),
    r("events:list", EVERYONE, query="kind=conference&when=past"),
    r("events:list", everyone(400), query="project=nope"),
    r("events:detail", EVERYONE, slug="bordeaux-2016"),
    r("events:detail", EVERYONE, lang="fr", slug="bordeaux-2016"),
    r("events:ics", EVERYONE, slug="bordeaux-2016"),
    r("events:session_ics", EVERYONE, slug="bordeaux-2016", session_slug="opening"),
    r("events:session_ics", EVERYONE, "POST", slug="bordeaux-2016", session_slug="opening"),
    r("events:register", EVERYONE, slug="bordeaux-2016"),
    r("events:register", EVERYONE, slug="small-workshop"),
    r("events:register", everyone(400), "POST", slug="small-workshop"),
    r("events:registration", NOBODY, slug="bordeaux-2016", token="forged-token"),
    r("events:registration", EVERYONE, slug="bordeaux-2016", token=REGISTRATION_TOKEN),
    r("events:registration", everyone(302), "POST", slug="bordeaux-2016", token=REGISTRATION_TOKEN),
    r("events:manage", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("events:export_csv", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("events:checkin", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("events:manage", BORDEAUX_MANAGERS, "POST", slug="bordeaux-2016"),
    r("events:export_csv", BORDEAUX_MANAGERS, "POST", slug="bordeaux-2016"),
    r("events:checkin", BORDEAUX_MANAGERS, "POST", slug="bordeaux-2016"),
    # POST only: 405 to its managers, 404 to everyone else
    r("events:checkin_toggle", allowed_get(BORDEAUX_MANAGERS, 405), slug="bordeaux-2016", registration_id=1),
    r("events:checkin_toggle", allowed_get(BORDEAUX_MANAGERS, 302), "POST", slug="bordeaux-2016",
      registration_id=REGISTRATION),
    # events-manage: create (coordinators and partner coordinators of a project, site admins), edit, publish,
    # duplicate, the programme editor and the registration settings (the event's managers; others 404)
    r("events:new", {**LIAISE2_ORGANISERS, "partner_coordinator": 200, A: 302}),
    r("events:new", allowed_get({**LIAISE2_ORGANISERS, "partner_coordinator": 200, A: 302}, 400), "POST"),
    r("events:manage_edit", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("events:manage_edit", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug="bordeaux-2016"),
    r("events:manage_edit", LIAISE2_ORGANISERS, slug="training-malmo"),
    r("events:manage_edit", only(404, staff=200), slug="hidden-meeting"),
    r("events:manage_status", allowed_get(BORDEAUX_MANAGERS, 405), slug="bordeaux-2016"),
    r("events:manage_status", allowed_get(BORDEAUX_MANAGERS, 302), "POST", slug="bordeaux-2016"),
    r("events:manage_status", allowed_get(LIAISE2_ORGANISERS, 302), "POST", slug="training-malmo"),
    r("events:manage_duplicate", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("events:manage_duplicate", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug="bordeaux-2016"),
    r("events:manage_duplicate", LIAISE2_ORGANISERS, slug="training-malmo"),
    r("events:registration_settings", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("events:registration_settings", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug="bordeaux-2016"),
    r("events:registration_settings", LIAISE2_ORGANISERS, slug="training-malmo"),
    r("events:manage_programme", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("events:manage_programme", BORDEAUX_MANAGERS, "POST", slug="bordeaux-2016"),
    r("events:manage_programme", LIAISE2_ORGANISERS, slug="training-malmo"),
    r("events:manage_programme", only(404, staff=200), slug="hidden-meeting"),
    r("events:session_new", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("events:session_new", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug="bordeaux-2016"),
    r("events:session_edit", BORDEAUX_MANAGERS, slug="bordeaux-2016", session_id=BORDEAUX_SESSION),
    r("events:session_edit", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug="bordeaux-2016",
      session_id=BORDEAUX_SESSION),
    r("events:session_edit", NOBODY, slug="training-malmo", session_id=BORDEAUX_SESSION),
    r("events:session_delete", allowed_get(BORDEAUX_MANAGERS, 405), slug="bordeaux-2016",
      session_id=BORDEAUX_SESSION),
    r("events:session_delete", allowed_get(BORDEAUX_MANAGERS, 302), "POST", slug="bordeaux-2016",
      session_id=BORDEAUX_SESSION),
    r("events:detail", LIAISE2_PARTNERS, slug="liaise-2-kick-off"),
    r("events:ics", LIAISE2_PARTNERS, slug="liaise-2-kick-off"),
    r("events:material", LIAISE2_PARTNERS, slug="liaise-2-kick-off", material_id=MATERIAL),
    r("events:detail", LIAISE2_PARTNERS, "POST", slug="liaise-2-kick-off"),
    r("events:ics", LIAISE2_PARTNERS, "POST", slug="liaise-2-kick-off"),
    r("events:material", LIAISE2_PARTNERS, "POST", slug="liaise-2-kick-off", material_id=MATERIAL),
    r("events:detail", LIAISE2_ORGANISERS, slug="steering-committee"),
    r("events:detail", LIAISE2_ORGANISERS, slug="draft-workshop"),
    r("events:detail", HIDDEN, slug="hidden-meeting"),
    r("events:detail", NOBODY, slug="does-not-exist"),
    # working with registrants (issue 17): messages, check-in by QR code, badges and the attendance list
    r("events:message", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("events:message", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug="bordeaux-2016"),  # (an empty form)
    r("events:message", LIAISE2_ORGANISERS, slug="small-workshop"),
    r("events:checkin_qr", BORDEAUX_MANAGERS, slug="bordeaux-2016", token=CHECKIN_TOKEN),
    r("events:checkin_qr", allowed_get(BORDEAUX_MANAGERS, 302), "POST", slug="bordeaux-2016", token=CHECKIN_TOKEN),
    r("events:checkin_qr", NOBODY, slug="bordeaux-2016", token="forged-token"),
    r("events:checkin_qr", NOBODY, slug="bordeaux-2016", token=REGISTRATION_TOKEN),
    r("events:checkin_qr", NOBODY, slug="small-workshop", token=CHECKIN_TOKEN),  # another event's registration
    # (202: the worker draws the PDF; the page says it is being prepared — issue 14)
    r("events:badges_pdf", allowed_get(BORDEAUX_MANAGERS, 202), slug="training-bordeaux"),
    r("events:badges_pdf", allowed_get(BORDEAUX_MANAGERS, 405), "POST", slug="training-bordeaux"),
    r("events:badges_pdf", allowed_get(LIAISE2_ORGANISERS, 202), slug="small-workshop"),
    r("events:attendance_pdf", allowed_get(BORDEAUX_MANAGERS, 202), slug="training-bordeaux"),
    r("events:attendance_pdf", allowed_get(BORDEAUX_MANAGERS, 405), "POST", slug="training-bordeaux"),
    r("events:badges_pdf", NOBODY, slug="does-not-exist"),
    # --- newsletters (issue 14): subscribing, the links in the mails, the coordinators' pages ---
    r("newsletter:subscribe", EVERYONE),
    r("newsletter:subscribe", everyone(400), "POST"),  # (an empty form)
    r("newsletter:confirm", everyone(400), token="forged-token"),
    r("newsletter:confirm", everyone(400), "POST", token="forged-token"),
    r("newsletter:unsubscribe", EVERYONE, token="confirmed-token"),
    r("newsletter:unsubscribe", EVERYONE, "POST", token="confirmed-token"),
    r("newsletter:unsubscribe", everyone(404), token="forged-token"),
    r("newsletter:unsubscribe", everyone(400), token="waiting-token"),  # never confirmed: says so
    r("newsletter:issues", LIAISE2_ORGANISERS),
    r("newsletter:issue_new", LIAISE2_ORGANISERS),
    r("newsletter:issue_new", allowed_get(LIAISE2_ORGANISERS, 400), "POST"),
    r("newsletter:issue", LIAISE2_ORGANISERS, pk=NEWSLETTER_ISSUE),
    r("newsletter:issue", only(404, staff=200), pk=HIDDEN_ISSUE),
    r("newsletter:issue_edit", LIAISE2_ORGANISERS, pk=NEWSLETTER_ISSUE),
    r("newsletter:issue_edit", allowed_get(LIAISE2_ORGANISERS, 400), "POST", pk=NEWSLETTER_ISSUE),
    r("newsletter:issue_preview", LIAISE2_ORGANISERS, pk=NEWSLETTER_ISSUE),
    r("newsletter:issue_preview", LIAISE2_ORGANISERS, pk=NETWORK_ISSUE),
    r("newsletter:issue_test", everyone(405), pk=NEWSLETTER_ISSUE),
    r("newsletter:issue_test", allowed_get(LIAISE2_ORGANISERS, 302), "POST", pk=NEWSLETTER_ISSUE),
    r("newsletter:issue_send", everyone(405), pk=NEWSLETTER_ISSUE),
    r("newsletter:issue_send", allowed_get(LIAISE2_ORGANISERS, 302), "POST", pk=NEWSLETTER_ISSUE),
    r("newsletter:issue_send", NOBODY, "POST", pk=HIDDEN_ISSUE_NOT_STAFF),
    r("api:list_events", EVERYONE),
    r("api:list_events", everyone(400), query="kind=castle"),
    r("api:get_event", EVERYONE, slug="bordeaux-2016"),
    r("api:event_stats", EVERYONE, slug="bordeaux-2016"),
    r("api:get_event", LIAISE2_PARTNERS, slug="liaise-2-kick-off"),
    r("api:event_stats", LIAISE2_PARTNERS, slug="liaise-2-kick-off"),
    r("api:get_event", LIAISE2_ORGANISERS, slug="steering-committee"),
    r("api:get_event", HIDDEN, slug="hidden-meeting"),
    r("api:create_registration", everyone(201), "POST", slug="small-workshop",
      json=REGISTRATION_JSON),
    r("api:create_registration", allowed_get(HIDDEN, 201), "POST", slug="hidden-meeting",
      json=REGISTRATION_JSON),
    # --- live Q&A (BDXRTA, BDXRTB: the Bordeaux round tables; KICKQA: a board on the partners-only kick-off) ---
    r("live:join", EVERYONE),
    r("live:join", allowed_get(LIAISE2_PARTNERS, 302), "POST", query="code=KICKQA"),
    r("live:join", everyone(302), query="code=bdxrtb"),
    r("live:join", NOBODY, query="code=NOPE99"),
    r("live:join", {**NOBODY, **{r_: 302 for r_, v in LIAISE2_PARTNERS.items() if v == 200}}, query="code=KICKQA"),
    r("live:board", EVERYONE, code="BDXRTA"),
    r("live:board", EVERYONE, code="BDXRTB"),
    r("live:board", EVERYONE, lang="fr", code="BDXRTB"),
    r("live:board", NOBODY, code="NOPE99"),
    r("live:board", LIAISE2_PARTNERS, code="KICKQA"),
    r("live:board", EVERYONE, "POST", code="BDXRTB"),
    r("live:board", LIAISE2_PARTNERS, "POST", code="KICKQA"),
    r("live:screen", EVERYONE, code="BDXRTB"),
    r("live:screen", LIAISE2_PARTNERS, code="KICKQA"),
    r("live:screen", LIAISE2_PARTNERS, "POST", code="KICKQA"),
    r("live:qr", EVERYONE, code="BDXRTB"),
    r("live:qr", LIAISE2_PARTNERS, code="KICKQA"),
    r("live_stream", EVERYONE, code="BDXRTB"),
    r("live_stream", BDXRTB_MODERATORS, query="moderate=1", code="BDXRTB"),
    r("live_stream", LIAISE2_PARTNERS, code="KICKQA"),
    r("live_stream", LIAISE2_PARTNERS, "POST", code="KICKQA"),
    # the stream's polling fallback (live.js), in the API
    r("api:changes", EVERYONE, query="after=0", code="BDXRTB"),
    r("api:changes", BDXRTB_MODERATORS, query="after=0&moderate=1", code="BDXRTB"),
    r("api:changes", everyone(422), query="after=x", code="BDXRTB"),
    r("api:changes", LIAISE2_PARTNERS, query="after=0", code="KICKQA"),
    r("live:moderate", BDXRTB_MODERATORS, code="BDXRTB"),
    r("live:moderate", BORDEAUX_MANAGERS, code="BDXRTA"),
    r("live:export_csv", BDXRTB_MODERATORS, code="BDXRTB"),
    r("live:export_md", BDXRTB_MODERATORS, code="BDXRTB"),
    r("live:moderate", BDXRTB_MODERATORS, "POST", code="BDXRTB"),
    r("live:export_csv", BDXRTB_MODERATORS, "POST", code="BDXRTB"),
    r("live:export_md", BDXRTB_MODERATORS, "POST", code="BDXRTB"),
    r("live:export_md", BORDEAUX_MANAGERS, code="BDXRTA"),
    r("live:event", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
    r("live:event", LIAISE2_ORGANISERS, slug="steering-committee"),
    # makes a board for a session of the event
    r("live:event", allowed_get(BORDEAUX_MANAGERS, 302), "POST", slug="bordeaux-2016", data={"session": "opening"}),
    # POST only: 405 to whoever may post there, 404 to everyone else
    r("live:vote", everyone(405), code="BDXRTB", question_id=1),
    r("live:report", everyone(405), code="BDXRTB", question_id=1),
    r("live:vote", allowed_get(LIAISE2_PARTNERS, 405), code="KICKQA", question_id=1),
    r("live:settings", allowed_get(BDXRTB_MODERATORS, 405), code="BDXRTB"),
    r("live:action", allowed_get(BDXRTB_MODERATORS, 405), code="BDXRTB", question_id=1, action="approve"),
    r("live:vote", everyone(302), "POST", code="BDXRTB", question_id=_question("BDXRTB", "visible")),
    r("live:report", everyone(302), "POST", code="BDXRTB", question_id=_question("BDXRTB", "visible")),
    r("live:settings", allowed_get(BDXRTB_MODERATORS, 302), "POST", code="BDXRTB"),
    r("live:action", allowed_get(BDXRTB_MODERATORS, 302), "POST", code="BDXRTB",
      question_id=_question("BDXRTB", "pending"), action="approve"),
    r("api:board_detail", EVERYONE, code="BDXRTB"),
    r("api:board_detail", LIAISE2_PARTNERS, code="KICKQA"),
    r("api:board_detail", NOBODY, code="NOPE99"),
    r("api:question_list", EVERYONE, code="BDXRTB"),
    r("api:question_list", EVERYONE, query="sort=new", code="BDXRTB"),
    r("api:question_list", everyone(422), query="sort=loud", code="BDXRTB"),
    # hidden and pending questions do not exist for the audience
    r("api:question_list", BDXRTB_MODERATORS, query="status=pending", code="BDXRTB"),
    r("api:question_list", LIAISE2_PARTNERS, code="KICKQA"),
    r("api:ask", everyone(201), "POST", code="BDXRTB", json=ASK),
    r("api:ask", allowed_get(LIAISE2_PARTNERS, 201), "POST", code="KICKQA", json=ASK),
    r("api:vote", everyone(201), "POST", code="BDXRTB", question_id=_question("BDXRTB", "visible"), json={}),
    r("api:unvote", everyone(409), "DELETE", code="BDXRTB", question_id=_question("BDXRTB", "visible"), json={}),
    r("api:report", everyone(201), "POST", code="BDXRTB", question_id=_question("BDXRTB", "visible"), json={}),
    r("api:moderate", BDXRTB_MODERATORS, "POST", code="BDXRTB", question_id=_question("BDXRTB", "pending"),
      json={"action": "approve"}),
    # --- accounts ---
    r("accounts:login", {**everyone(302), A: 200}),
    r("accounts:login", {**everyone(302), A: 200}, "POST"),
    r("accounts:login", {**everyone(302), A: 200}, "PUT"),
    r("accounts:logout", everyone(302), "POST"),
    r("accounts:password_reset", EVERYONE),
    r("accounts:password_reset", EVERYONE, "POST"),
    r("accounts:password_reset", EVERYONE, "PUT"),
    r("accounts:password_reset_done", EVERYONE),
    r("accounts:password_reset_confirm", everyone(302), uidb64=RESET_UID, token=RESET_TOKEN),
    r("accounts:password_reset_confirm", everyone(302), "POST", uidb64=RESET_UID, token=RESET_TOKEN),
    r("accounts:password_reset_confirm", everyone(302), "PUT", uidb64=RESET_UID, token=RESET_TOKEN),
    r("accounts:password_reset_confirm", EVERYONE, uidb64=RESET_UID, token="forged-token"),
    r("accounts:password_reset_complete", EVERYONE),
    r("accounts:password_change", SIGNED_IN),
    r("accounts:password_change", SIGNED_IN, "POST"),
    r("accounts:password_change", SIGNED_IN, "PUT"),
    r("accounts:password_change_done", SIGNED_IN),
    r("accounts:api_tokens", SIGNED_IN),
    r("accounts:api_tokens", SIGNED_IN, "POST"),
    r("accounts:revoke_api_token", everyone(302), "POST", token_id=PARTICIPANT_TOKEN),
    # --- the profile (issue 18): name and language, on the site and in the API ---
    r("accounts:profile", SIGNED_IN),
    r("accounts:profile", {**everyone(400), A: 302}, "POST"),  # an empty form: nothing is saved
    r("api:get_me", {**EVERYONE, A: 401}),
    r("api:update_me", {**EVERYONE, A: 401}, "PATCH", json={"language": "en"}),
    # --- your data (issue 15): the export and the deletion of one's own account ---
    r("accounts:your_data", SIGNED_IN),
    r("accounts:your_data", {**everyone(405), A: 302}, "POST"),
    r("accounts:data_export", SIGNED_IN),
    r("accounts:data_export", {**everyone(405), A: 302}, "POST"),
    r("accounts:delete_account", {**everyone(405), A: 302}),
    r("accounts:delete_account", {**everyone(400), A: 302}, "POST"),  # an empty form: nothing is deleted
    r("api:export_my_data", {**EVERYONE, A: 401}),
    r("api:request_erasure", {**everyone(400), A: 401}, "POST", json={"confirmation": "not-mine@example.org"}),
    # --- people (issue 17): the people page of a project, invitations, roles; the personal dashboard ---
    r("web:dashboard", SIGNED_IN),
    r("web:dashboard", {**everyone(405), A: 302}, "POST"),
    r("network:people", {**BORDEAUX_MANAGERS, A: 302}, slug="liaise-2"),
    r("network:people", {**everyone(405), A: 302}, "POST", slug="liaise-2"),
    r("network:people", {**only(404, staff=200), A: 302}, slug="hidden-network"),
    r("network:people", {**NOBODY, A: 302}, slug="does-not-exist"),
    r("network:invite", {**allowed_get(BORDEAUX_MANAGERS, 400), A: 302}, "POST", slug="liaise-2"),
    r("network:invite", {**everyone(405), A: 302}, slug="liaise-2"),
    r("network:invite", {**only(404, staff=400), A: 302}, "POST", slug="hidden-network"),
    r("network:grant_role", {**allowed_get(BORDEAUX_MANAGERS, 400), A: 302}, "POST", slug="liaise-2"),
    r("network:grant_role", {**everyone(405), A: 302}, slug="liaise-2"),
    r("network:change_role", {**allowed_get(BORDEAUX_MANAGERS, 302), A: 302}, "POST", slug="liaise-2",
      pk=pk("network.projectrole", project__slug="liaise-2", organisation__slug="bordeaux")),
    r("network:change_role", {**only(404, project_coordinator=302, staff=302), A: 302}, "POST", slug="liaise-2",
      pk=pk("network.projectrole", project__slug="liaise-2", organisation__slug="augsburg")),
    r("network:change_role", {**everyone(405), A: 302}, slug="liaise-2",
      pk=pk("network.projectrole", project__slug="liaise-2", organisation__slug="bordeaux")),
    r("network:revoke_invitation", {**allowed_get(BORDEAUX_MANAGERS, 302), A: 302}, "POST", slug="liaise-2",
      pk=pk("network.invitation", email="invited@bordeaux.example")),
    r("network:revoke_invitation", {**everyone(405), A: 302}, slug="liaise-2",
      pk=pk("network.invitation", email="invited@bordeaux.example")),
    r("network:revoke_invitation", {**only(404, staff=302), A: 302}, "POST", slug="hidden-network",
      pk=pk("network.invitation", email="invited@hidden.example")),
    r("network:invitation", EVERYONE, token="fixture-invitation"),
    r("network:invitation", everyone(400), "POST", token="fixture-invitation"),
    r("network:invitation", NOBODY, token="forged-token"),
    r("accounts:signup", EVERYONE),
    r("accounts:signup", everyone(400), "POST"),
    r("accounts:signup_confirm", EVERYONE, token=SIGNUP_TOKEN),
    r("accounts:signup_confirm", everyone(400), "POST", token=SIGNUP_TOKEN),
    r("accounts:signup_confirm", NOBODY, token="forged-token"),
    # --- API: the network, the schema, and any other address under /api/ ---
    r("api:openapi-json", EVERYONE),
    r("api:openapi-view", EVERYONE),
    r("api:api-root", NOBODY),
    r("api:openapi-json", EVERYONE, "POST"),
    r("api:openapi-view", EVERYONE, "POST"),
    r("api:api-root", NOBODY, "POST"),
    r("api:list_projects", EVERYONE),
    r("api:get_project", EVERYONE, slug="liaise-2"),
    r("api:get_project", HIDDEN, slug="hidden-network"),
    r("api:get_workplan", EVERYONE, slug="liaise-2"),
    r("api:get_workplan", HIDDEN, slug="hidden-network"),
    r("api:list_indicators", EVERYONE, slug="liaise-2"),
    r("api:list_indicators", HIDDEN, slug="hidden-network"),
    r("api:list_organisations", EVERYONE),
    r("api:list_organisations", only(400, other_partner=200, staff=200), query="project=hidden-network"),
    r("api:list_organisations", everyone(400), query="country=zz"),
    r("api:list_topics", EVERYONE),
    r("^api/", NOBODY, path="/api/v1/nothing-here"),
    r("^api/", NOBODY, "POST", path="/api/v1/nothing-here"),
    # --- learning and pilots ---
    r("learning:trainings", EVERYONE),
    r("learning:trainings", EVERYONE, "POST"),
    r("learning:trainings", everyone(400), query="project=nope"),
    r("learning:curriculum", EVERYONE),
    r("learning:curriculum", EVERYONE, "POST"),
    r("learning:training", EVERYONE, slug="training-bordeaux"),
    r("learning:training", EVERYONE, "POST", slug="training-bordeaux"),
    r("learning:training", NOBODY, slug="does-not-exist"),
    # run by the event's managers (Bordeaux organises its training) and its trainer (the demo expert)
    r("learning:attendance", TRAINING_RUNNERS, slug="training-bordeaux"),
    r("learning:attendance", only(404, expert=200, project_coordinator=200, staff=200), slug="training-augsburg"),
    r("learning:attendance", allowed_get(TRAINING_RUNNERS, 400), "POST", slug="training-bordeaux"),
    r("learning:feedback_results", TRAINING_RUNNERS, slug="training-bordeaux"),
    r("learning:feedback_results", TRAINING_RUNNERS, "POST", slug="training-bordeaux"),
    r("learning:issue_certificates", allowed_get(TRAINING_RUNNERS, 405), slug="training-bordeaux"),
    r("learning:issue_certificates", allowed_get(TRAINING_RUNNERS, 302), "POST", slug="training-bordeaux"),
    # the survey: its attendees only (the demo participant attended the Bordeaux training)
    r("learning:feedback", only(404, anonymous=302, participant=200), slug="training-bordeaux"),
    r("learning:feedback", only(404, anonymous=302, participant=400), "POST", slug="training-bordeaux"),
    r("learning:my_trainings", SIGNED_IN),
    r("learning:my_trainings", SIGNED_IN, "POST"),
    r("learning:verify", EVERYONE, code=CERTIFICATE),
    r("learning:verify", EVERYONE, "POST", code=CERTIFICATE),
    r("learning:verify", NOBODY, code="forged-code"),
    r("learning:certificate_pdf", {**TRAINING_RUNNERS, "participant": 200}, code=CERTIFICATE),
    r("learning:certificate_pdf", {**TRAINING_RUNNERS, "participant": 200}, "POST", code=CERTIFICATE),
    # --- trainings organised in the pages (issue 17): created by the project's coordinators and partner
    # coordinators (for events they manage), edited by the event's managers, feedback opened/closed by its runners
    r("learning:training_new", only(404, anonymous=302, partner_coordinator=200, project_coordinator=200,
                                    staff=200)),
    r("learning:training_new", only(404, anonymous=302, partner_coordinator=400, project_coordinator=400,
                                    staff=400), "POST"),
    r("learning:training_new", only(404, anonymous=302, partner_coordinator=200, project_coordinator=200,
                                    staff=200), query="project=liaise-2"),
    r("learning:training_new", only(404, anonymous=302, partner_coordinator=400, project_coordinator=400,
                                    staff=400), "POST", query="project=liaise-2"),
    r("learning:training_new", only(404, anonymous=302), query="project=nope"),
    r("learning:training_edit", BORDEAUX_MANAGERS, slug="training-bordeaux"),
    r("learning:training_edit", allowed_get(BORDEAUX_MANAGERS, 400), "POST", slug="training-bordeaux"),
    r("learning:training_edit", LIAISE2_ORGANISERS, slug="training-augsburg"),
    r("learning:training_edit", NOBODY, slug="does-not-exist"),
    r("learning:feedback_open", allowed_get(TRAINING_RUNNERS, 405), slug="training-bordeaux"),
    r("learning:feedback_open", allowed_get(TRAINING_RUNNERS, 302), "POST", slug="training-bordeaux"),
    r("learning:feedback_close", allowed_get(TRAINING_RUNNERS, 405), slug="training-bordeaux"),
    r("learning:feedback_close", allowed_get(TRAINING_RUNNERS, 302), "POST", slug="training-bordeaux"),
    r("learning:feedback_close", only(404, expert=302, project_coordinator=302, staff=302), "POST",
      slug="training-augsburg"),
    # --- end of trainings organised in the pages ---
    r("api:list_trainings", EVERYONE),
    r("api:list_trainings", everyone(400), query="project=nope"),
    r("pilots:list", EVERYONE),
    r("pilots:list", EVERYONE, "POST"),
    r("pilots:list", everyone(400), query="status=nope"),
    r("pilots:list", only(400, other_partner=200, staff=200), query="project=hidden-network"),
    r("pilots:detail", EVERYONE, slug=BORDEAUX_PILOT),
    r("pilots:detail", LIAISE2_PARTNERS, slug="dusseldorf-pathways-out-of-extremism"),
    r("pilots:detail", LIAISE2_PARTNERS, "POST", slug="dusseldorf-pathways-out-of-extremism"),
    r("pilots:detail", HIDDEN, slug="hidden-pilot"),
    r("pilots:detail", NOBODY, slug="does-not-exist"),
    r("pilots:new", only(404, anonymous=302, partner_coordinator=200, project_coordinator=200, staff=200)),
    r("pilots:new", only(404, anonymous=302, partner_coordinator=400, project_coordinator=400, staff=400), "POST"),
    r("pilots:edit", BORDEAUX_PILOT_EDITORS, slug=BORDEAUX_PILOT),
    r("pilots:edit", allowed_get(BORDEAUX_PILOT_EDITORS, 400), "POST", slug=BORDEAUX_PILOT),
    # someone else's pilot: Bordeaux's coordinator may not edit Augsburg's
    r("pilots:edit", LIAISE2_ORGANISERS, slug="augsburg-critical-thinking-in-secondary-schools"),
    r("pilots:edit", only(404, staff=200), slug="hidden-pilot"),
    r("pilots:follow_up", BORDEAUX_PILOT_EDITORS, slug=BORDEAUX_PILOT),
    r("pilots:follow_up", allowed_get(BORDEAUX_PILOT_EDITORS, 400), "POST", slug=BORDEAUX_PILOT),
    r("pilots:follow_up", LIAISE2_ORGANISERS, slug="augsburg-critical-thinking-in-secondary-schools"),
    # POST only: 405 to those allowed, 404 to everyone else
    r("pilots:stage", allowed_get(BORDEAUX_PILOT_EDITORS, 405), slug=BORDEAUX_PILOT),
    r("pilots:stage", allowed_get(BORDEAUX_PILOT_EDITORS, 302), "POST", slug=BORDEAUX_PILOT),
    r("pilots:comment", only(404, partner_coordinator=405, expert=405, project_coordinator=405, staff=405),
      slug=BORDEAUX_PILOT),
    r("pilots:comment", only(404, partner_coordinator=400, expert=400, project_coordinator=400, staff=400), "POST",
      slug=BORDEAUX_PILOT),
    r("pilots:ideas", only(200, anonymous=302, participant=404)),
    r("pilots:ideas", only(400, anonymous=302, participant=404), "POST"),
    r("pilots:idea", only(404, anonymous=302, partner_member=200, partner_coordinator=200, expert=200,
                          project_coordinator=200, staff=200), pk=IDEA),
    r("pilots:idea", only(404, anonymous=302, partner_member=400, partner_coordinator=400, expert=400,
                          project_coordinator=400, staff=400), "POST", pk=IDEA),
    r("pilots:idea", only(404, anonymous=302), pk=999999),
    r("api:list_pilots", EVERYONE),
    r("api:list_pilots", everyone(400), query="status=nope"),
    r("api:list_pilots", only(400, other_partner=200, staff=200), query="project=hidden-network"),
    r("api:get_pilot", EVERYONE, slug=BORDEAUX_PILOT),
    r("api:get_pilot", LIAISE2_PARTNERS, slug="dusseldorf-pathways-out-of-extremism"),
    r("api:get_pilot", HIDDEN, slug="hidden-pilot"),
    # --- library (practices, resources, search) ---
    r("library:search", EVERYONE),
    r("library:search", EVERYONE, "POST"),
    r("library:search", EVERYONE, query="q=family+parents&country=FR"),
    r("library:search", EVERYONE, query="q=jeunes", lang="fr"),
    r("library:search", everyone(400), query="topic=nope"),
    r("library:search", everyone(400), query="approach=castle"),
    r("library:workspace", SIGNED_IN),
    r("library:workspace", SIGNED_IN, "POST"),
    r("library:practice_create", LIBRARY_EDITORS),
    r("library:practice_create", allowed_get(LIBRARY_EDITORS, 400), "POST"),
    r("library:practice", EVERYONE, slug="bordeaux-family-listening-line"),
    r("library:practice", LIAISE2_PARTNERS, slug="partners-practice"),
    r("library:practice", HIDDEN, slug="hidden-practice"),
    r("library:practice", LIBRARY_EDITORS, slug="draft-practice"),
    r("library:practice", LIBRARY_EDITORS, "POST", slug="draft-practice"),
    r("library:practice", NOBODY, slug="nope"),
    r("library:practice_edit", LIBRARY_EDITORS, slug="draft-practice"),
    r("library:practice_edit", allowed_get(LIBRARY_EDITORS, 400), "POST", slug="draft-practice"),
    r("library:practice_edit", LIAISE2_ORGANISERS, slug="bordeaux-family-listening-line"),
    r("library:practice_resource_add", LIBRARY_EDITORS, slug="draft-practice"),
    r("library:practice_resource_add", allowed_get(LIBRARY_EDITORS, 400), "POST", slug="draft-practice"),
    r("library:practice_resource_add", LIAISE2_ORGANISERS, slug="bordeaux-family-listening-line"),
    # POST only: 405 to its editors, 404 to everyone else
    r("library:practice_workflow", allowed_get(LIBRARY_EDITORS, 405), slug="draft-practice"),
    r("library:practice_workflow", allowed_get(LIBRARY_EDITORS, 302), "POST", slug="draft-practice"),
    r("library:resources", EVERYONE),
    r("library:resources", EVERYONE, "POST"),
    r("library:resources", everyone(400), query="kind=castle"),
    r("library:resource_add", LIAISE2_ORGANISERS),
    r("library:resource_add", allowed_get(LIAISE2_ORGANISERS, 400), "POST"),
    r("library:resource_download", EVERYONE, pk=PUBLIC_RESOURCE),
    r("library:resource_download", LIAISE2_PARTNERS, pk=PARTNERS_RESOURCE),
    r("library:resource_download", LIAISE2_PARTNERS, "POST", pk=PARTNERS_RESOURCE),
    r("library:resource_delete", only(404, project_coordinator=405, staff=405), pk=PUBLIC_RESOURCE),
    r("library:resource_delete", allowed_get(LIAISE2_ORGANISERS, 302), "POST", pk=PUBLIC_RESOURCE),
    # "publish as practice" (POST): whoever sees the pilot gets 405 to a GET, everyone else 404; a POST by
    # someone who is not one of its editors goes back to the pilot with a message (302), as the editors' does
    r("library:from_pilot", allowed_get(EVERYONE, 405), slug=BORDEAUX_PILOT),
    r("library:from_pilot", allowed_get(HIDDEN, 405), slug="hidden-pilot"),
    r("library:from_pilot", everyone(302), "POST", slug=BORDEAUX_PILOT),
    r("api:list_practices", EVERYONE),
    r("api:list_practices", EVERYONE, query="q=family&topic=family-support&country=fr"),
    r("api:list_practices", everyone(400), query="approach=castle"),
    r("api:list_practices", everyone(422), query="limit=1000"),
    r("api:get_practice", EVERYONE, slug="bordeaux-family-listening-line"),
    r("api:get_practice", LIAISE2_PARTNERS, slug="partners-practice"),
    r("api:get_practice", LIBRARY_EDITORS, slug="draft-practice"),
    r("api:get_practice", HIDDEN, slug="hidden-practice"),
    # --- the organisers' pages that replace the admin (issue 17, point 6): a project's settings and partners,
    # an organisation's record, event materials, venues and rooms (organiser_pages_rows above) ---
    *organiser_pages_rows(),
    # --- the admin: site admins only (project coordinators use the organisers' pages above) ---
    r("admin:index", STAFF_ADMIN),
    r("admin:index", STAFF_ADMIN, "POST"),
    r("admin:login", everyone(302)),
    r("admin:login", everyone(302), "POST"),
    r("admin:login", everyone(302), "PUT"),
    r("admin:logout", adm(405)),
    r("admin:logout", everyone(302), "POST"),
    r("admin:password_change", STAFF_ADMIN),
    r("admin:password_change", STAFF_ADMIN, "POST"),
    r("admin:password_change", STAFF_ADMIN, "PUT"),
    r("admin:password_change_done", STAFF_ADMIN),
    r("admin:autocomplete", adm(403)),
    r("admin:autocomplete", STAFF_ADMIN, query="app_label=network&model_name=partnership&field_name=organisation"),
    r("admin:jsi18n", STAFF_ADMIN),
    r("admin:view_on_site", everyone(302), content_type_id=_content_type("events.event"),
      object_id=pk("events.event", slug="bordeaux-2016")),
    r("admin:view_on_site", everyone(302), content_type_id=_content_type("events.event"),
      object_id=pk("events.event", slug="hidden-meeting")),
    r("admin:view_on_site", everyone(302), "POST", content_type_id=_content_type("events.event"),
      object_id=pk("events.event", slug="bordeaux-2016")),
    r("admin:auth_user_password_change", STAFF_ADMIN, id=pk("accounts.user", email=ROLE_EMAILS["participant"])),
    r("admin:auth_user_password_change", STAFF_ADMIN, "POST", id=pk("accounts.user", email=ROLE_EMAILS["participant"])),
    *[r("admin:app_list", STAFF_ADMIN, app_label=label)
      for label in ("accounts", "auth", "network", "events", "live", "learning", "pilots", "library")],
    r("admin:app_list", STAFF_ADMIN, "POST", app_label="events"),
    r("admin/(?P<url>.*)$", adm(404), path="/admin/nothing-here/"),
    r("admin/(?P<url>.*)$", adm(404), "POST", path="/admin/nothing-here/"),
    *admin_rows("accounts.user", STAFF_ADMIN, STAFF_ADMIN, {
        pk("accounts.user", email=ROLE_EMAILS["participant"]): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    # tokens are made on the tokens page only (403: the admin's add page is off for everyone)
    *admin_rows("accounts.apitoken", STAFF_ADMIN, adm(403), {
        _made("accounts.apitoken"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("auth.group", STAFF_ADMIN, STAFF_ADMIN, {_made("auth.group"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    # the taxonomy: site admins keep it neutral
    *admin_rows("network.topic", STAFF_ADMIN, STAFF_ADMIN, {
        pk("network.topic", slug="family-support"): pages(STAFF_ADMIN, STAFF_ADMIN, change_post=STAFF_ADMIN)}),
    *admin_rows("network.organisation", STAFF_ADMIN, STAFF_ADMIN, {
        pk("network.organisation", slug="bordeaux"): pages(STAFF_ADMIN, STAFF_ADMIN),
        pk("network.organisation", slug="hidden-city"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("network.person", STAFF_ADMIN, STAFF_ADMIN, {pk("network.person"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("network.project", STAFF_ADMIN, STAFF_ADMIN, {
        pk("network.project", slug="liaise-2"): pages(STAFF_ADMIN, STAFF_ADMIN),
        pk("network.project", slug="hidden-network"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("network.partnership", STAFF_ADMIN, STAFF_ADMIN, {
        pk("network.partnership", project__slug="liaise-2", organisation__slug="bordeaux"):
            pages(STAFF_ADMIN, STAFF_ADMIN),
        pk("network.partnership", project__slug="hidden-network"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("network.projectrole", STAFF_ADMIN, STAFF_ADMIN, {
        pk("network.projectrole", user__email=ROLE_EMAILS["partner_member"]): pages(STAFF_ADMIN, STAFF_ADMIN),
        pk("network.projectrole", user__email=ROLE_EMAILS["other_partner"]): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("network.membership", STAFF_ADMIN, STAFF_ADMIN, {
        pk("network.membership", user__email=ROLE_EMAILS["partner_member"]): pages(STAFF_ADMIN, STAFF_ADMIN),
        pk("network.membership", user__email=ROLE_EMAILS["other_partner"]): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    # invitations and role changes (issue 17): coordinators use the people page
    *admin_rows("network.invitation", STAFF_ADMIN, STAFF_ADMIN, {
        pk("network.invitation", email="invited@bordeaux.example"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("network.rolechange", STAFF_ADMIN, STAFF_ADMIN, {
        pk("network.rolechange"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("events.venue", STAFF_ADMIN, STAFF_ADMIN, {pk("events.venue"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("events.room", STAFF_ADMIN, STAFF_ADMIN, {pk("events.room"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("events.event", STAFF_ADMIN, STAFF_ADMIN, {
        pk("events.event", slug="bordeaux-2016"): pages(STAFF_ADMIN, STAFF_ADMIN),
        pk("events.event", slug="hidden-meeting"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("events.session", STAFF_ADMIN, STAFF_ADMIN, {
        pk("events.session", event__slug="bordeaux-2016", slug="opening"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    # registrations go through the registration service: no adding or deleting in the admin, for anyone (403)
    *admin_rows("events.registration", STAFF_ADMIN, adm(403), {
        Obj("REGISTRATION", lambda: str(_registration().pk)): pages(STAFF_ADMIN, adm(403))}),
    *admin_rows("events.material", STAFF_ADMIN, STAFF_ADMIN, {
        Obj("MATERIAL", lambda: str(_material())): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    # boards are made on the event's Live Q&A page (403: the admin's add page is off for everyone)
    *admin_rows("live.board", STAFF_ADMIN, adm(403), {
        pk("live.board", code="BDXRTB"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("learning.module", STAFF_ADMIN, STAFF_ADMIN, {pk("learning.module"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("learning.training", STAFF_ADMIN, STAFF_ADMIN, {
        pk("learning.training", event__slug="training-bordeaux"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    # attendance is taken on the training's attendance page; an empty change form saves (302)
    *admin_rows("learning.attendance", STAFF_ADMIN, adm(403), {
        pk("learning.attendance"): pages(STAFF_ADMIN, STAFF_ADMIN, change_post=adm(302))}),
    # certificates are issued by the training's runners; site admins may change them
    *admin_rows("learning.certificate", STAFF_ADMIN, adm(403), {
        pk("learning.certificate", registration__email="participant@example.org"):
            pages(STAFF_ADMIN, STAFF_ADMIN, change_post=adm(302))}),
    *admin_rows("pilots.targetgroup", STAFF_ADMIN, STAFF_ADMIN, {
        pk("pilots.targetgroup", slug="families"): pages(STAFF_ADMIN, STAFF_ADMIN, change_post=STAFF_ADMIN)}),
    *admin_rows("pilots.pilot", STAFF_ADMIN, STAFF_ADMIN, {
        pk("pilots.pilot", slug=BORDEAUX_PILOT): pages(STAFF_ADMIN, STAFF_ADMIN),
        pk("pilots.pilot", slug="hidden-pilot"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("pilots.idea", STAFF_ADMIN, STAFF_ADMIN, {
        Obj("IDEA", lambda: str(_idea())): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("pilots.comment", STAFF_ADMIN, STAFF_ADMIN, {pk("pilots.comment"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    *admin_rows("library.practice", STAFF_ADMIN, STAFF_ADMIN, {
        pk("library.practice", slug="bordeaux-family-listening-line"): pages(STAFF_ADMIN, STAFF_ADMIN),
        pk("library.practice", slug="hidden-practice"): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    # resources are uploaded on the library's pages (403: the admin's add page is off for everyone)
    *admin_rows("library.resource", STAFF_ADMIN, adm(403), {
        Obj("PUBLIC_RESOURCE", lambda: str(_public_resource())): pages(STAFF_ADMIN, STAFF_ADMIN),
        Obj("PARTNERS_RESOURCE", lambda: str(_partners_resource())): pages(STAFF_ADMIN, STAFF_ADMIN)}),
    # --- reporting: the work plan, indicators, reported values, narratives (rows made for the matrix) ---
    *reporting_rows(),
    # --- background tasks: the staff page of failed tasks and queues, and a retry (issue 14) ---
    r("web:staff_tasks", only(404, staff=200, anonymous=302)),
    r("web:staff_tasks", {**everyone(405), A: 302}, "POST"),
    # --- the whole audit log: site admins ---
    r("web:staff_audit", only(404, staff=200, anonymous=302)),
    r("web:staff_audit", only(404, staff=400, anonymous=302), query="kind=nonsense"),
    r("web:staff_audit", {**everyone(405), A: 302}, "POST"),
    r("web:staff_task_retry", only(404, staff=302, anonymous=302), "POST", task_id=FAILED_TASK),
    r("web:staff_task_retry", {**everyone(405), A: 302}, task_id=FAILED_TASK),
    *outreach_rows(),
]


# --- running a row -------------------------------------------------------------------------------------------


DEVICE = devices.issue()


@dataclass(frozen=True)
class Visitors:
    """What each role's request starts from, made once per module: one request handler for every client (as one
    server serves every visitor: loading the middleware, WhiteNoise's scan of the static files included, once), and
    each signed-in role's session, made by a real ``force_login`` (its signals included) in a transaction rolled
    back, kept as its row of the session table (put back in each test's own transaction, rolled back with it)."""

    handler: object
    sessions: Mapping[str, object]  # role → its django_session row (unsaved)

    def client(self, role: str) -> Client:
        """A new client of ``role``: no cookie but the device's and, for a signed-in role, its session's."""
        from django.conf import settings

        client = Client(raise_request_exception=False)
        client.handler = self.handler
        client.cookies["liaise_device"] = DEVICE  # every phone in the hall has the identity the board page gave it
        if role in self.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = self.sessions[role].session_key
        return client

    def sign_in(self) -> None:
        """Put the signed-in roles' sessions in the database (in the test's transaction)."""
        from django.contrib.sessions.models import Session

        Session.objects.bulk_create(
            Session(session_key=s.session_key, session_data=s.session_data, expire_date=s.expire_date)
            for s in self.sessions.values())


@pytest.fixture(scope="module")
def visitors(django_db_setup, django_db_blocker) -> Visitors:
    from django.conf import settings
    from django.contrib.sessions.models import Session

    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db", \
        "the matrix keeps each role's session as its row of the session table"
    handler = Client(raise_request_exception=False).handler
    sessions = {}
    with django_db_blocker.unblock(), transaction.atomic():
        users = {u.email: u for u in get_user_model().objects.filter(email__in=ROLE_EMAILS.values())}
        for role, email in ROLE_EMAILS.items():
            client = Client()
            client.force_login(users[email])
            sessions[role] = Session.objects.get(session_key=client.cookies[settings.SESSION_COOKIE_NAME].value)
        transaction.set_rollback(True)
    return Visitors(handler, sessions)


def statuses(row: Row, visitors: Visitors) -> dict[str, int]:
    """The status each role gets for ``row``; each role's request in a savepoint of its own (rolled back), with an
    empty cache, so that one role's writes (a vote, a check-in) do not change what the next one sees. The row's
    address (and what its ``Obj`` make) is looked up once, before the roles' savepoints."""
    from django.core.cache import cache

    visitors.sign_in()
    url = row.url()
    found = {}
    for role in ROLES:
        client = visitors.client(role)
        cache.clear()
        with transaction.atomic():
            found[role] = row.request(client, url).status_code
            transaction.set_rollback(True)
    return found


@pytest.mark.parametrize("row", [
    pytest.param(row, id=row.id, marks=[pytest.mark.xfail(reason=row.bug, strict=True)] if row.bug else [])
    for row in MATRIX
])
def test_permission_matrix(db, visitors, row):
    assert statuses(row, visitors) == dict(row.expected)


# --- coverage: every route, and every method it accepts, has a row ------------------------------------------

# Routes without rows, each with its reason. Keep this small: a route belongs in the matrix.
EXEMPT: dict[str, str] = {}
WRITES = ("insert", "update", "delete", "replace")


@dataclass(frozen=True)
class Route:
    key: str  # "events:manage"; for a route without a name, its pattern ("^api/")
    pattern: str  # the whole pattern, e.g. "events/<slug:slug>/manage/"
    methods: frozenset | None  # the methods of an API operation; None: ask the view (see accepted_methods)
    handlers: frozenset  # PUT/PATCH/DELETE that a class-based view handles itself (FormView: PUT is a POST)


def _ninja_methods(callback, name: str) -> frozenset | None:
    """The methods of the ninja operation named ``name`` (its PathView serves all operations of one path)."""
    import inspect

    if getattr(callback, "__module__", "") != "ninja.operation":
        return None
    path_view = inspect.getclosurevars(callback).nonlocals["self"]
    for operation in path_view.operations:
        if (getattr(operation, "url_name", None) or operation.view_func.__name__) == name:
            return frozenset(operation.methods)
    raise AssertionError(f"no ninja operation named {name}")


def _class_handlers(callback) -> frozenset:
    """PUT, PATCH and DELETE that a class-based view handles with a method of its own. RedirectView's redirect
    whatever the method, as GET does."""
    from django.views.generic import RedirectView

    view_class = getattr(callback, "view_class", None)
    if view_class is None:
        return frozenset()
    return frozenset(
        method for method in ("PUT", "PATCH", "DELETE")
        if method.lower() in view_class.http_method_names and hasattr(view_class, method.lower())
        and getattr(view_class, method.lower()) is not getattr(RedirectView, method.lower())
    )


def routes(urlconf=None) -> dict[str, Route]:
    """Every route of ``urlconf`` (the site's by default), by name (with its namespace) or, for a route without
    a name, by its pattern."""
    found: dict[str, Route] = {}

    def walk(patterns, prefix: str, namespace: str):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part)
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                if pattern.callback is serve:
                    continue  # development only: uploaded files, served when DEBUG is on (a test may turn it on)
                whole = prefix + str(pattern.pattern)
                key = ":".join(part for part in (namespace, pattern.name) if part) if pattern.name else whole
                found.setdefault(key, Route(key, whole, _ninja_methods(pattern.callback, pattern.name or ""),
                                            _class_handlers(pattern.callback)))

    with translation.override("en"):
        walk(get_resolver(urlconf).url_patterns, "", "")
    return found


def missing_routes(matrix: list[Row], urlconf=None, exempt: Mapping[str, str] = EXEMPT) -> list[str]:
    """Routes without a row or exemption; rows and exemptions of no route; rows whose address is another
    route's."""
    site = routes(urlconf)
    keys = {row.route for row in matrix}
    gaps = [f"{key}: no such route (a row or exemption for a route that is gone)"
            for key in sorted((keys | set(exempt)) - set(site))]
    gaps += [f"{key} ({route.pattern}): no row" for key, route in sorted(site.items())
             if key not in keys and key not in exempt]
    known = {}  # each Obj looked up once
    with transaction.atomic():  # (an Obj may make what it names: rolled back)
        for row in matrix:
            if row.route in site:
                with translation.override(row.lang or "en"):
                    found = resolve(row.url(known).split("?")[0]).route.removeprefix(f"{row.lang}/" if row.lang else "")
                if found.replace("^", "") != site[row.route].pattern.replace("^", ""):
                    gaps.append(f"{row.id}: its address is {found}'s, not {site[row.route].pattern}'s")
        transaction.set_rollback(True)
    return gaps


def _probe(client: Client, row: Row, method: str, url: str) -> tuple[int, bool]:
    """The status ``client`` gets for ``row``'s address ``url`` with ``method``, and whether it wrote to the
    database (rolled back; the session aside)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with transaction.atomic():
        connection.queries_log.clear()  # (a full log would capture nothing)
        with CaptureQueriesContext(connection) as queries:
            status = replace(row, method=method, data=None, json=None).request(client, url).status_code
        transaction.set_rollback(True)
    return status, any(query["sql"].lstrip().lower().startswith(WRITES) and "django_session" not in query["sql"]
                       for query in queries)


def missing_methods(matrix: list[Row], urlconf=None, keys=None) -> list[str]:
    """The methods each route (of ``keys``, by default all) accepts without a row.

    An API operation accepts the methods it declares. Any other view accepts each method that does not answer
    405 to a site admin at a row's address, except PUT, PATCH and DELETE where the view handles them as a GET:
    they answer the site admin as GET does, write nothing, and are no class-based view's own handler (a
    FormView's PUT is a POST). GET and POST need a row wherever they are accepted."""
    site = routes(urlconf)
    staff = Client(raise_request_exception=False)
    staff.force_login(get_user_model().objects.get(email=ROLE_EMAILS["staff"]))
    by_route: dict[str, list[Row]] = {}
    for row in matrix:
        by_route.setdefault(row.route, []).append(row)
    gaps = []
    for key, route in sorted(site.items()):
        rows = by_route.get(key)
        if not rows or (keys is not None and key not in keys):
            continue
        have = {row.method for row in rows}
        if route.methods is not None:
            gaps += [f"{key} {method}: an operation of the API, no row" for method in sorted(route.methods - have)]
            continue
        # the address of a row the site admin may see, if any (a GET row: its site admin's status is known)
        probe = sorted(rows, key=lambda row: (row.expected[S] == 404, row.method != "GET"))[0]
        get_status = probe.expected[S] if probe.method == "GET" else None
        unrowed = [method for method in METHODS if method not in have]
        if not unrowed:
            continue
        with transaction.atomic():  # the row's address, looked up once for its probes (rolled back)
            url = probe.url()
            for method in unrowed:
                status, wrote = _probe(staff, probe, method, url)
                if status == 405:
                    continue
                if method not in ("GET", "POST") and method not in route.handlers and not wrote:
                    get_status = get_status or _probe(staff, probe, "GET", url)[0]
                    if status == get_status:
                        continue  # handled as a GET
                gaps.append(f"{key} {method}: accepted ({status} to the site admin"
                            f"{', with writes' if wrote else ''}), no row")
            transaction.set_rollback(True)
    return gaps


def test_matrix_covers_every_route(db):
    """A new route, or a method a route newly accepts, without a row in the matrix fails here."""
    assert missing_routes(MATRIX) + missing_methods(MATRIX) == []


def test_coverage_finds_a_new_route_under_a_tested_prefix(db, settings):
    settings.ROOT_URLCONF = "tests.permissions.extra_urls"
    assert missing_routes(MATRIX, settings.ROOT_URLCONF) == [
        "extra:everything (events/<slug:slug>/manage/everything.csv): no row",
        "extra:form (events/<slug:slug>/manage/form/): no row",
        "extra:remover (events/<slug:slug>/manage/remover/): no row",
    ]


def test_coverage_finds_a_method_a_route_accepts_without_a_row(db, settings):
    settings.ROOT_URLCONF = "tests.permissions.extra_urls"
    matrix = [*MATRIX, r("extra:everything", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
              r("extra:form", BORDEAUX_MANAGERS, slug="bordeaux-2016"),
              r("extra:remover", BORDEAUX_MANAGERS, slug="bordeaux-2016")]
    assert missing_routes(matrix, settings.ROOT_URLCONF) == []
    assert missing_methods(matrix, settings.ROOT_URLCONF, keys={"extra:everything", "extra:form", "extra:remover"}) == [
        "extra:everything POST: accepted (200 to the site admin), no row",
        "extra:form POST: accepted (200 to the site admin), no row",
        "extra:remover POST: accepted (200 to the site admin), no row",
        "extra:remover DELETE: accepted (200 to the site admin, with writes), no row",
    ]


def test_coverage_finds_rows_and_exemptions_of_no_route(db):
    assert missing_routes([*MATRIX, r("events:gone", NOBODY)], exempt={"events:vanished": "a test"}) == [
        "events:gone: no such route (a row or exemption for a route that is gone)",
        "events:vanished: no such route (a row or exemption for a route that is gone)",
    ]
