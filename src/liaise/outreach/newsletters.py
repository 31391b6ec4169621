"""Newsletters: double opt-in subscriptions with their consent record, issues composed from live public news and
upcoming public events, and their sending by the worker — at a bounded rate, resumable after a crash, never twice
to the same subscriber.

Subscribing
    :func:`subscribe` records the consent (when, what, the exact text shown) and queues a confirmation mail with a
    signed link (:func:`confirmation_token`, valid ``LIAISE_NEWSLETTER_CONFIRM_DAYS``); the same answer and the
    same mail whether the address is new or not, so the form tells nobody who subscribed. Only :func:`confirm`
    makes an address receive issues, with the choices of the consent it confirms. Each mail carries a one-click
    unsubscribe link (RFC 8058: ``List-Unsubscribe`` and ``List-Unsubscribe-Post``) with the subscriber's token.

Sending (exactly once, across crashes)
    :func:`start_sending` makes one :class:`Delivery` per recipient (unique per issue and subscriber) in the
    request's transaction and queues :func:`send_issue` on the ``bulk`` queue. Each run of the task writes up to
    ``LIAISE_NEWSLETTER_BATCH`` mails at ``LIAISE_NEWSLETTER_RATE`` a second and queues the next run. For each mail,
    one transaction marks the previous delivery ``sent`` and claims this one (``sending``, with the time); the mail
    is written only then. So after a crash (``kill -9``) at most one delivery per dead worker is in doubt: it is
    ``sending`` and was perhaps written. Such a row (claimed longer ago than ``LIAISE_NEWSLETTER_LEASE_SECONDS``) is
    never sent again blindly (:func:`recover`): with the file backend the mail files are read for its
    ``Message-ID``, which is the same for one issue and one subscriber every time (:func:`message_id`), and it
    becomes ``sent`` (found) or ``pending`` (not written: sent now); with any other backend it becomes
    ``unconfirmed`` and the issue page shows how many (at most once: nobody gets an issue twice). A mail server
    that receives a resent copy with the same ``Message-ID`` can also drop it as a duplicate.

    A run killed right after the worker claimed it, before it queued its successor, would end the chain: each run
    therefore keeps a *backstop* run queued one lease ahead, which picks the work up when nothing else did.
    Runs may overlap (two workers, a backstop): a delivery is claimed by one conditional update, so each is
    written by one run only.
"""

import re
import time
from datetime import timedelta
from email.utils import parseaddr
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from liaise.core.errors import Conflict, InvalidInput, LiaiseError
from liaise.core.mail import send_later
from liaise.core.tasks import background
from liaise.events.models import Event
from liaise.events.rules import view_event
from liaise.network.models import Project, ProjectRole, Topic
from liaise.network.rules import coordinate_project, view_project

from .models import Consent, Delivery, NewsletterIssue, Post, Subscriber
from .rules import live_q

CONFIRM_SALT = "liaise.outreach.newsletter.confirm"
#: The consent the subscription form shows beside its checkbox; the text shown is recorded with each consent.
CONSENT_TEXT = gettext_lazy(
    "I agree to receive Liaise newsletters at this address, about the projects and topics I chose and in the "
    "language I chose. My address is used for nothing else, and I can unsubscribe at any time with the link in "
    "every newsletter.")
NEWS_DAYS = 90  # an issue offers the news of the last 90 days
OFFERED = 30  # at most this many posts and events offered to choose from
UNSUBSCRIBE_PLACEHOLDER = "LIAISE-UNSUBSCRIBE-URL"
EMAIL_PLACEHOLDER = "LIAISE-RECIPIENT-ADDRESS"
RESEND_GUARD = timedelta(minutes=2)  # one confirmation mail per address per two minutes, however often asked


class NewsletterError(LiaiseError):
    """A refusal of the newsletter pages, with a message for a person."""


# --- subscribing ------------------------------------------------------------------------------------------------

def subscribable_projects() -> QuerySet[Project]:
    """Only public projects can be chosen (a visitor subscribes; nothing else may be named)."""
    return view_project.filter(AnonymousUser()).order_by("-start", "acronym")


def subscribable_topics() -> QuerySet[Topic]:
    return Topic.objects.order_by("position", "slug")


def normalise_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(_("Enter a valid email address."), field="email") from None
    return email


def subscribe(email: str, *, language: str, projects=(), topics=(), consent_text: str = "",
              base_url: str = "") -> Consent:
    """Record a subscription request and queue its confirmation mail. The address receives nothing until the link
    is followed. Asking again (a new or an existing address, confirmed or not) records a new consent and sends a new
    link — the answer is the same either way."""
    email = normalise_email(email)
    if language not in dict(settings.CONTENT_LANGUAGES):
        raise InvalidInput(_("Choose a language from the list."), field="language")
    project_slugs = sorted({p.slug for p in projects})
    allowed = set(subscribable_projects().filter(slug__in=project_slugs).values_list("slug", flat=True))
    if set(project_slugs) - allowed:
        raise InvalidInput(_("Only public projects can be chosen."), field="projects")
    topic_slugs = sorted({t.slug for t in topics})
    if not consent_text:
        raise InvalidInput(_("Tick the box to agree to receive the newsletter."), field="consent")
    with transaction.atomic():
        subscriber, _created = Subscriber.objects.select_for_update().get_or_create(
            email=email, defaults={"language": language})
        recent = subscriber.consents.filter(action=Consent.Action.SUBSCRIBE, confirmed_at__isnull=True,
                                            given_at__gte=timezone.now() - RESEND_GUARD).exists()
        consent = Consent.objects.create(
            subscriber=subscriber, action=Consent.Action.SUBSCRIBE, text=str(consent_text),
            scope={"language": language, "projects": project_slugs, "topics": topic_slugs},
            language=translation.get_language() or "",
        )
        if not recent:
            send_later(confirmation_message(consent, base_url))
    return consent


def confirmation_token(consent: Consent) -> str:
    return signing.dumps({"c": consent.pk}, salt=CONFIRM_SALT)


def confirmation_url(consent: Consent, base_url: str = "") -> str:
    return base_url.rstrip("/") + reverse("newsletter:confirm", args=[confirmation_token(consent)])


def confirmation_message(consent: Consent, base_url: str = "") -> EmailMultiAlternatives:
    language = consent.scope.get("language") or "en"
    with translation.override(language):
        context = {"url": confirmation_url(consent, base_url), "days": settings.LIAISE_NEWSLETTER_CONFIRM_DAYS,
                   "consent": consent}
        text = render_to_string("outreach/newsletter/email/confirm.txt", context)
        subject = _("Confirm your newsletter subscription")
    return EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [consent.subscriber.email])


def consent_from_token(token: str) -> Consent:
    """The consent a confirmation link names; NewsletterError with a clear message for a forged, damaged or
    expired link."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT,
                             max_age=timedelta(days=settings.LIAISE_NEWSLETTER_CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise NewsletterError(_("This confirmation link has expired: subscribe again to receive a new one."),
                              status=400) from None
    except signing.BadSignature:
        raise NewsletterError(_("This confirmation link is not valid: check that it was copied whole, or "
                                "subscribe again to receive a new one."), status=400) from None
    consent = Consent.objects.select_related("subscriber").filter(
        pk=data.get("c") if isinstance(data, dict) else None, action=Consent.Action.SUBSCRIBE).first()
    if consent is None:
        raise NewsletterError(_("This confirmation link is no longer valid: subscribe again to receive a new one."),
                              status=400)
    return consent


def confirm(token: str) -> Subscriber:
    """Confirm the subscription a link names: the address receives issues from now on, with the choices (language,
    projects, topics) of that request. Following the link twice changes nothing."""
    consent = consent_from_token(token)
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=consent.subscriber_id)
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.confirmed_at is not None:
            return subscriber
        newer = subscriber.consents.filter(given_at__gt=consent.given_at, confirmed_at__isnull=False).exists()
        if newer:
            raise NewsletterError(_("A newer choice for this address has already been confirmed: this older link "
                                    "is no longer valid."), status=400)
        now = timezone.now()
        scope = consent.scope or {}
        subscriber.language = scope.get("language") or subscriber.language
        subscriber.confirmed_at = subscriber.confirmed_at or now
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["language", "confirmed_at", "unsubscribed_at"])
        subscriber.projects.set(subscribable_projects().filter(slug__in=scope.get("projects") or []))
        subscriber.topics.set(Topic.objects.filter(slug__in=scope.get("topics") or []))
        consent.confirmed_at = now
        consent.save(update_fields=["confirmed_at"])
    return subscriber


def subscriber_from_token(token: str) -> Subscriber:
    """The subscriber of an unsubscribe link; NewsletterError (404) with a clear message for a forged token."""
    subscriber = Subscriber.objects.filter(token=token).first() if token else None
    if subscriber is None:
        raise NewsletterError(_("This unsubscribe link is not valid: check that it was copied whole. If you still "
                                "receive a newsletter, use the link at the bottom of that mail."), status=404)
    return subscriber


def unsubscribe(subscriber: Subscriber, how: str = "page") -> bool:
    """Stop every newsletter to ``subscriber`` and record it (``how``: "page" or "one-click"). True when it changed
    something; an address never confirmed receives nothing already (NewsletterError says so)."""
    if subscriber.confirmed_at is None:
        raise NewsletterError(_("This address was never confirmed, so it receives no newsletter: there is nothing "
                                "to unsubscribe from."), status=400)
    with transaction.atomic():
        changed = Subscriber.objects.filter(pk=subscriber.pk, unsubscribed_at__isnull=True).update(
            unsubscribed_at=timezone.now())
        if changed:
            Consent.objects.create(subscriber=subscriber, action=Consent.Action.UNSUBSCRIBE, scope={"how": how},
                                   confirmed_at=timezone.now(), language=translation.get_language() or "")
    subscriber.refresh_from_db(fields=["unsubscribed_at"])
    return bool(changed)


# --- composing --------------------------------------------------------------------------------------------------

def composable_projects(user) -> QuerySet[Project]:
    """Projects whose newsletter ``user`` composes (``rules.send_newsletter``: their project coordinators)."""
    return coordinate_project.filter(user).order_by("-start", "acronym")


def may_compose_network_wide(user) -> bool:
    return bool(user.is_staff or ProjectRole.objects.filter(
        user=user, role=ProjectRole.Role.PROJECT_COORDINATOR).exists()) if user.is_authenticated else False


def offered_posts(project: Project | None) -> QuerySet[Post]:
    """The news an issue may carry: live and public (what a visitor reads), of the last 90 days, of the issue's
    project (a network-wide issue: of any public project or of the network)."""
    posts = Post.objects.filter(live_q(AnonymousUser()), published_at__gte=timezone.now() - timedelta(days=NEWS_DAYS))
    if project is not None:
        posts = posts.filter(project=project)
    return posts.select_related("project").order_by("-published_at", "-pk")


def offered_events(project: Project | None) -> QuerySet[Event]:
    """The events an issue may announce: public (what a visitor sees) and not over."""
    events = view_event.filter(AnonymousUser()).filter(end__gte=timezone.now()).exclude(status="cancelled")
    if project is not None:
        events = events.filter(project=project)
    return events.select_related("project").order_by("start", "pk")


def _check_draft(issue: NewsletterIssue) -> None:
    if issue.status != NewsletterIssue.Status.DRAFT:
        raise Conflict(_("This issue has been sent: it can no longer be changed."))


def _clean_text(subject: str, intro: str) -> tuple[str, str]:
    subject = " ".join((subject or "").split())
    if not subject:
        raise InvalidInput(_("Write a subject."), field="subject")
    if len(subject) > 200:
        raise InvalidInput(_("The subject is too long (at most 200 characters)."), field="subject")
    intro = (intro or "").strip()
    if len(intro) > 4000:
        raise InvalidInput(_("The introduction is too long (at most 4000 characters)."), field="intro")
    return subject, intro


def create_issue(user, project: Project | None, subject: str, intro: str = "") -> NewsletterIssue:
    """A draft issue of ``project`` (None: the whole network), with the news and events it may carry chosen at
    first (at most ten of each; the coordinator changes the choice before sending)."""
    if project is None:
        if not may_compose_network_wide(user):
            raise InvalidInput(_("Only project coordinators compose the newsletter of the whole network."),
                               field="project")
    elif not composable_projects(user).filter(pk=project.pk).exists():
        raise InvalidInput(_("You do not coordinate this project."), field="project")
    subject, intro = _clean_text(subject, intro)
    with transaction.atomic():
        issue = NewsletterIssue.objects.create(project=project, subject=subject, intro=intro, author=user)
        issue.posts.set(list(offered_posts(project)[:10]))
        issue.events.set(list(offered_events(project)[:10]))
    return issue


def purge_unconfirmed(now=None) -> int:
    """Forget the addresses never confirmed once their confirmation link has expired (a day's grace): nobody
    agreed to anything for them, and anyone may have typed them. Daily, by the worker's schedule."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.LIAISE_NEWSLETTER_CONFIRM_DAYS + 1)
    return Subscriber.objects.filter(confirmed_at__isnull=True, created__lt=cutoff).delete()[1].get(
        Subscriber._meta.label, 0)


def update_issue(issue: NewsletterIssue, *, subject: str, intro: str, posts, events) -> NewsletterIssue:
    _check_draft(issue)  # (again under a row lock below: sending may have started since the page was read)
    subject, intro = _clean_text(subject, intro)
    posts, events = list(posts), list(events)
    if {p.pk for p in posts} - set(offered_posts(issue.project).values_list("pk", flat=True)):
        raise InvalidInput(_("Only recent public news of this newsletter's project can be chosen."), field="posts")
    if {e.pk for e in events} - set(offered_events(issue.project).values_list("pk", flat=True)):
        raise InvalidInput(_("Only upcoming public events of this newsletter's project can be chosen."),
                           field="events")
    with transaction.atomic():
        _check_draft(NewsletterIssue.objects.select_for_update().get(pk=issue.pk))
        issue.subject, issue.intro = subject, intro
        issue.save(update_fields=["subject", "intro"])
        issue.posts.set(posts)
        issue.events.set(events)
    return issue


# --- recipients and rendering -----------------------------------------------------------------------------------

def issue_topic_ids(issue: NewsletterIssue) -> set[int]:
    through_posts = Post.topics.through.objects.filter(post__in=issue.posts.all()).values_list("topic_id", flat=True)
    through_events = Event.topics.through.objects.filter(event__in=issue.events.all()).values_list(
        "topic_id", flat=True)
    return set(through_posts) | set(through_events)


def recipients(issue: NewsletterIssue) -> QuerySet[Subscriber]:
    """Who receives ``issue``: confirmed, not unsubscribed subscribers who chose its project or no project, and
    who chose one of its topics (those of its news and events) or no topic."""
    subscribers = Subscriber.objects.active()
    if issue.project_id is not None:
        chosen = Subscriber.projects.through.objects.filter(subscriber=OuterRef("pk"))
        subscribers = subscribers.filter(Exists(chosen.filter(project_id=issue.project_id)) | ~Exists(chosen))
    topics = issue_topic_ids(issue)
    if topics:
        chosen = Subscriber.topics.through.objects.filter(subscriber=OuterRef("pk"))
        subscribers = subscribers.filter(Exists(chosen.filter(topic_id__in=topics)) | ~Exists(chosen))
    return subscribers


def issue_content(issue: NewsletterIssue) -> tuple[list[Post], list[Event]]:
    posts = list(issue.posts.filter(live_q(AnonymousUser())).select_related("project")
                 .order_by("-published_at", "-pk"))
    # checked again when sent: an event made internal, a draft again or cancelled since it was chosen is left out
    visible = view_event.filter(AnonymousUser()).exclude(status="cancelled").values("pk")
    events = list(issue.events.filter(pk__in=visible).select_related("project").order_by("start", "pk"))
    return posts, events


def _post_url(post: Post) -> str:
    """The post's page; its project's page (or the home page) where the news pages are not installed."""
    from django.urls import NoReverseMatch

    try:
        return post.get_absolute_url()
    except NoReverseMatch:
        return post.project.get_absolute_url() if post.project_id else reverse("web:home")


def render_issue(issue: NewsletterIssue, language: str, *, base_url: str = "", content=None,
                 unsubscribe_url: str = UNSUBSCRIBE_PLACEHOLDER, email: str = EMAIL_PLACEHOLDER) -> dict:
    """The subject, the plain text and the HTML of ``issue`` in ``language`` (the frame, and the news and events
    in their translation, falling back to English), with ``unsubscribe_url`` and ``email`` (placeholders by
    default, replaced for each recipient by :func:`personalise`)."""
    posts, events = content if content is not None else issue_content(issue)
    base = (base_url or issue.base_url or "").rstrip("/")
    with translation.override(language):
        for post in posts:  # the post's page in the subscriber's language (/fr/news/...)
            post.newsletter_url = _post_url(post)
        context = {"issue": issue, "posts": posts, "events": events, "base": base, "language": language,
                   "unsubscribe_url": unsubscribe_url, "email": email,
                   "subscribe_url": base + reverse("newsletter:subscribe")}
        return {
            "subject": issue.subject,
            "text": render_to_string("outreach/newsletter/email/issue.txt", context),
            "html": render_to_string("outreach/newsletter/email/issue.html", context),
        }


def unsubscribe_url(subscriber_token: str, base_url: str) -> str:
    return base_url.rstrip("/") + reverse("newsletter:unsubscribe", args=[subscriber_token])


def message_id(issue_id: int, subscriber_id: int) -> str:
    """The same for one issue and one subscriber every time: a copy written twice would be recognised (and the
    file backend's files are searched for it after a crash)."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "liaise.localhost"
    return f"<newsletter.{issue_id}.{subscriber_id}@{domain}>"


def personalise(rendered: dict, *, to: str, unsubscribe: str, msgid: str | None = None) -> EmailMultiAlternatives:
    text = rendered["text"].replace(UNSUBSCRIBE_PLACEHOLDER, unsubscribe).replace(EMAIL_PLACEHOLDER, to)
    html = rendered["html"].replace(UNSUBSCRIBE_PLACEHOLDER, escape(unsubscribe)).replace(EMAIL_PLACEHOLDER,
                                                                                          escape(to))
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
               "Precedence": "bulk", "Auto-Submitted": "auto-generated"}
    if msgid:
        headers["Message-ID"] = msgid
    message = EmailMultiAlternatives(rendered["subject"], text, settings.DEFAULT_FROM_EMAIL, [to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def preview(issue: NewsletterIssue, language: str, base_url: str, email: str) -> dict:
    """The issue as the coordinator's browser shows it: the links in it lead to the subscription page."""
    rendered = render_issue(issue, language, base_url=base_url)
    link = base_url.rstrip("/") + reverse("newsletter:subscribe")
    for part in ("text", "html"):
        rendered[part] = rendered[part].replace(UNSUBSCRIBE_PLACEHOLDER, link).replace(
            EMAIL_PLACEHOLDER, escape(email) if part == "html" else email)
    return rendered


def send_test(issue: NewsletterIssue, user, base_url: str) -> None:
    """Queue the issue, as subscribers will see it (in the page's language), to ``user``'s own address."""
    language = (translation.get_language() or "en")[:2]
    if language not in dict(settings.CONTENT_LANGUAGES):
        language = "en"
    rendered = render_issue(issue, language, base_url=base_url)
    with translation.override(language):
        rendered["subject"] = _("[Test] %(subject)s") % {"subject": issue.subject}
    base = base_url.rstrip("/")
    send_later(personalise(rendered, to=user.email, unsubscribe=base + reverse("newsletter:subscribe")))


# --- sending ----------------------------------------------------------------------------------------------------

def start_sending(issue: NewsletterIssue, user, base_url: str) -> int:
    """Make one delivery per recipient and queue the sending (in one transaction); returns how many. Refused for an
    issue already sent, an empty issue, or nobody to send it to."""
    with transaction.atomic():
        issue = NewsletterIssue.objects.select_for_update().get(pk=issue.pk)
        if issue.status != NewsletterIssue.Status.DRAFT:
            raise Conflict(_("This issue is already being sent or has been sent: it goes to each subscriber "
                             "once."))
        posts, events = issue_content(issue)
        if not posts and not events:
            raise InvalidInput(_("Choose at least one news post or event before sending."))
        ids = list(recipients(issue).order_by("pk").values_list("pk", flat=True))
        if not ids:
            raise InvalidInput(_("Nobody receives this newsletter yet: no confirmed subscriber chose it. Nothing "
                                 "was sent."))
        Delivery.objects.bulk_create([Delivery(issue=issue, subscriber_id=pk) for pk in ids], batch_size=500,
                                     ignore_conflicts=True)
        issue.status, issue.started_at, issue.base_url = NewsletterIssue.Status.SENDING, timezone.now(), base_url
        issue.save(update_fields=["status", "started_at", "base_url"])
        _queue(issue.pk, timezone.now())
        _queue(issue.pk, timezone.now() + _lease())
    return len(ids)


def progress(issue: NewsletterIssue) -> dict[str, int]:
    """How many deliveries are in each state, and the total (one query)."""
    counts = dict(issue.deliveries.order_by().values_list("status").annotate(n=Count("pk")))
    found = {status: counts.get(status, 0) for status in Delivery.Status.values}
    found["total"] = sum(found.values())
    found["done"] = found["total"] - found["pending"] - found["sending"]
    return found


def _lease() -> timedelta:
    return timedelta(seconds=settings.LIAISE_NEWSLETTER_LEASE_SECONDS)


@background(queue="bulk", retries=5)
def send_issue(issue_id: int) -> dict:
    """One run of an issue's sending (see the module's docstring); queues the next while work remains."""
    return run_batch(issue_id)


def _queued(issue_id: int):
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=send_issue.module_path,
                                       args_kwargs__args__0=issue_id)


def _queue(issue_id: int, when) -> None:
    send_issue.using(run_after=when).enqueue(issue_id)


def _ensure_queued(issue_id: int, *, now, soon: bool, backstop: bool, at=None) -> None:
    """Queue a run due ``at`` (default now) unless one is due by then, and a backstop run one lease ahead unless
    one is queued later than now."""
    queued = _queued(issue_id)
    if soon:
        when = at or now
        if not queued.filter(run_after__lte=when + timedelta(seconds=1)).exists():
            _queue(issue_id, when)
    if backstop and not queued.filter(run_after__gt=now + timedelta(seconds=1)).exists():
        _queue(issue_id, now + _lease())


def written_message_ids(candidates: set[str]) -> set[str] | None:
    """Which of ``candidates`` (Message-IDs) the mail backend has written, when it can tell: the file backend's
    files are read; None for any other backend (nobody can tell whether the server took a message)."""
    if settings.EMAIL_BACKEND != "django.core.mail.backends.filebased.EmailBackend" or not candidates:
        return None
    pattern = re.compile(rb"^Message-ID: (<newsletter\.[^>\s]+>)", re.MULTILINE | re.IGNORECASE)
    found: set[str] = set()
    for path in Path(settings.EMAIL_FILE_PATH).glob("*"):
        if path.is_file():
            found.update(m.decode() for m in pattern.findall(path.read_bytes()))
    return found & candidates


def recover(issue: NewsletterIssue, now=None) -> dict[str, int]:
    """Deliveries claimed longer than a lease ago and never marked belong to a worker that died while writing them:
    with the file backend, ``sent`` when their mail is in the files and ``pending`` (sent again) when it is not;
    otherwise ``unconfirmed`` (perhaps delivered: never sent twice). Returns what became of how many."""
    now = now or timezone.now()
    stale = list(issue.deliveries.filter(status=Delivery.Status.SENDING, claimed_at__lt=now - _lease())
                 .values_list("pk", "subscriber_id", "claimed_at"))
    if not stale:
        return {}
    ids = {message_id(issue.pk, subscriber): pk for pk, subscriber, _claimed in stale}
    written = written_message_ids(set(ids))
    result = {"sent": 0, "pending": 0, "unconfirmed": 0}
    with transaction.atomic():
        for msgid, pk in ids.items():
            rows = Delivery.objects.filter(pk=pk, status=Delivery.Status.SENDING)
            if written is None:
                result["unconfirmed"] += rows.update(status=Delivery.Status.UNCONFIRMED)
            elif msgid in written:
                result["sent"] += rows.update(status=Delivery.Status.SENT, sent_at=now)
            else:
                result["pending"] += rows.update(status=Delivery.Status.PENDING, claimed_at=None)
    return result


def _pace(rate: int, started: float, index: int) -> None:
    if rate:
        wait = started + index / rate - time.monotonic()
        if wait > 0:
            time.sleep(wait)


def run_batch(issue_id: int, *, limit: int | None = None) -> dict:
    """Write up to ``limit`` (default ``LIAISE_NEWSLETTER_BATCH``) mails of the issue, then queue the next run or
    mark the issue sent. Returns what this run did."""
    import smtplib

    issue = NewsletterIssue.objects.filter(pk=issue_id, status=NewsletterIssue.Status.SENDING).first()
    if issue is None:
        return {"sent": 0, "done": True}
    now = timezone.now()
    with transaction.atomic():
        _ensure_queued(issue.pk, now=now, soon=False, backstop=True)
    recovered = recover(issue, now)
    # who unsubscribed while the issue was being sent receives nothing more (RFC 8058: at once)
    issue.deliveries.filter(status=Delivery.Status.PENDING, subscriber__unsubscribed_at__isnull=False).update(
        status=Delivery.Status.FAILED, error="Unsubscribed before this issue reached them.")
    limit = limit or settings.LIAISE_NEWSLETTER_BATCH
    batch = list(issue.deliveries.filter(status=Delivery.Status.PENDING).select_related("subscriber")
                 .order_by("pk")[:limit])
    sent = 0
    if batch:
        content = issue_content(issue)
        rendered: dict[str, dict] = {}
        rate = settings.LIAISE_NEWSLETTER_RATE
        previous = None
        with get_connection(fail_silently=False) as connection:
            started = time.monotonic()
            for index, delivery in enumerate(batch):
                _pace(rate, started, index)
                subscriber = delivery.subscriber
                # one commit: the previous mail is marked sent and this one claimed, before it is written
                with transaction.atomic():
                    if previous is not None:
                        Delivery.objects.filter(pk=previous, status=Delivery.Status.SENDING).update(
                            status=Delivery.Status.SENT, sent_at=timezone.now())
                    claimed = Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.PENDING,
                                                      subscriber__unsubscribed_at__isnull=True).update(
                        status=Delivery.Status.SENDING, claimed_at=timezone.now())
                previous = None
                if not claimed:
                    continue  # another run has it
                language = subscriber.language or "en"
                if language not in rendered:
                    rendered[language] = render_issue(issue, language, content=content)
                message = personalise(rendered[language], to=subscriber.email,
                                      unsubscribe=unsubscribe_url(subscriber.token, issue.base_url),
                                      msgid=message_id(issue.pk, subscriber.pk))
                try:
                    connection.send_messages([message])
                except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                    Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED,
                                                                  error=str(exc)[:300])
                    continue
                # (any other error leaves this delivery "sending": perhaps written, so never written again blindly;
                # the task fails and is retried later for the others)
                previous = delivery.pk
                sent += 1
        if previous is not None:
            Delivery.objects.filter(pk=previous, status=Delivery.Status.SENDING).update(
                status=Delivery.Status.SENT, sent_at=timezone.now())
    done = _continue_or_finish(issue)
    return {"sent": sent, "recovered": recovered, "done": done}


def _continue_or_finish(issue: NewsletterIssue) -> bool:
    now = timezone.now()
    with transaction.atomic():
        left = dict(issue.deliveries.filter(status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING])
                    .order_by().values_list("status").annotate(n=Count("pk")))
        if left.get(Delivery.Status.PENDING):
            _ensure_queued(issue.pk, now=now, soon=True, backstop=True)
            return False
        if left.get(Delivery.Status.SENDING):
            # in another run's hands, or a dead worker's: look again once its lease is over
            oldest = issue.deliveries.filter(status=Delivery.Status.SENDING).order_by("claimed_at").values_list(
                "claimed_at", flat=True).first() or now
            _ensure_queued(issue.pk, now=now, soon=True, backstop=False,
                           at=max(now, oldest + _lease() + timedelta(seconds=1)))
            return False
        NewsletterIssue.objects.filter(pk=issue.pk, status=NewsletterIssue.Status.SENDING).update(
            status=NewsletterIssue.Status.SENT, finished_at=now)
        return True


def issues_for(user) -> QuerySet[NewsletterIssue]:
    """The issues ``user`` composes and sends, newest first."""
    from .rules import send_newsletter

    return send_newsletter.filter(user).select_related("project", "author").order_by("-created", "-pk")


def subscriber_counts() -> dict[str, int]:
    """Confirmed and waiting subscribers (for the coordinators' page)."""
    return Subscriber.objects.aggregate(
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False, unsubscribed_at__isnull=True)),
        waiting=Count("pk", filter=Q(confirmed_at__isnull=True)),
        unsubscribed=Count("pk", filter=Q(unsubscribed_at__isnull=False)))
