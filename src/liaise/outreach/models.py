"""News posts (per project or network-wide). Feeds, calendar subscriptions and newsletters are built on them.

A post is *live* when it is published and its publication time has come: drafts and posts scheduled for later
are seen only by their editors, and never reach a list, a feed, the API or a newsletter before their time.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaise.network.models import Organisation, Project, Topic, Visibility


def image_path(instance, filename):
    """A name made by the server, never the uploader's."""
    import uuid
    from pathlib import PurePath

    return f"news/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:6]}"


class PostQuerySet(models.QuerySet):
    def live(self, now=None):
        return self.filter(status=Post.Status.PUBLISHED, published_at__lte=now or timezone.now())


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    VISIBILITIES = [(Visibility.PUBLIC, Visibility.PUBLIC.label), (Visibility.PARTNERS, Visibility.PARTNERS.label)]

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, null=True, blank=True, related_name="posts",
                                verbose_name=_("project"), help_text=_("Empty for news of the whole network."))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="posts",
                                     verbose_name=_("author organisation"))
    title = models.CharField(_("title"), max_length=200)
    lead = models.TextField(_("lead"), max_length=600, help_text=_("One or two sentences shown in lists and feeds."))
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown."))
    image = models.ImageField(_("image"), upload_to=image_path, max_length=200, blank=True)
    image_alt = models.CharField(_("image description"), max_length=250, blank=True,
                                 help_text=_("What the image shows, for people who cannot see it."))
    topics = models.ManyToManyField(Topic, blank=True, related_name="posts", verbose_name=_("topics"))
    language = models.CharField(_("original language"), max_length=2, choices=settings.CONTENT_LANGUAGES,
                                default="en")
    visibility = models.CharField(_("visibility"), max_length=12, choices=VISIBILITIES, default=Visibility.PUBLIC)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(_("publication time"), null=True, blank=True, db_index=True,
                                        help_text=_("A later time schedules the post."))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("author"))
    is_demo = models.BooleanField(_("demo record"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("last update"), auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="outreach_post_published_has_time",
            ),
            models.CheckConstraint(condition=Q(visibility__in=["public", "partners"]),
                                   name="outreach_post_visibility"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("outreach:post", args=[self.slug])

    @property
    def is_live(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.published_at is not None \
            and self.published_at <= timezone.now()


def new_feed_key() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class FeedKey(models.Model):
    """The secret in a user's private feed addresses (their news and calendars with partners-only items).
    A new key replaces the old one: every address made with the old key then answers 404."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_key",
                                verbose_name=_("user"))
    key = models.CharField(_("key"), max_length=64, unique=True, default=new_feed_key)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("private feed key")
        verbose_name_plural = _("private feed keys")

    def __str__(self):
        return f"{self.user_id}"


# --- newsletters ------------------------------------------------------------------------------------------------
# (services: ``newsletters.py``; pages: ``newsletter_views.py``; the permission: ``rules.send_newsletter``)


def new_subscriber_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class SubscriberQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the only addresses an issue goes to."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscriber(models.Model):
    """An address that asked for newsletters. It receives nothing until it has confirmed (double opt-in); its
    choices (projects, topics) narrow what it receives — none chosen means all. ``token`` is the secret of its
    unsubscribe link."""

    email = models.EmailField(_("email"), max_length=254, unique=True)
    language = models.CharField(_("language"), max_length=2, choices=settings.CONTENT_LANGUAGES, default="en")
    projects = models.ManyToManyField(Project, blank=True, related_name="subscribers", verbose_name=_("projects"))
    topics = models.ManyToManyField(Topic, blank=True, related_name="subscribers", verbose_name=_("topics"))
    token = models.CharField(_("unsubscribe token"), max_length=40, unique=True, default=new_subscriber_token)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email"]

    def __str__(self):
        return self.email


class Consent(models.Model):
    """What a subscriber agreed to (or withdrew), when, and the exact text they were shown: the record kept for
    the consent. A subscription's consent counts once confirmed from the mailbox (``confirmed_at``)."""

    class Action(models.TextChoices):
        SUBSCRIBE = "subscribe", _("Subscribed")
        UNSUBSCRIBE = "unsubscribe", _("Unsubscribed")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents",
                                   verbose_name=_("subscriber"))
    action = models.CharField(_("action"), max_length=12, choices=Action.choices, default=Action.SUBSCRIBE)
    given_at = models.DateTimeField(_("when"), auto_now_add=True)
    scope = models.JSONField(_("what"), default=dict, blank=True,
                             help_text=_("The choices: language, projects and topics (slugs)."))
    text = models.TextField(_("text shown"), blank=True)
    language = models.CharField(_("language of the page"), max_length=10, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter consent")
        verbose_name_plural = _("newsletter consents")
        ordering = ["-given_at", "-id"]

    def __str__(self):
        return f"{self.get_action_display()} {self.given_at:%Y-%m-%d %H:%M}"


class NewsletterIssue(models.Model):
    """One issue of a newsletter: of a project (to the subscribers who chose it, or chose none) or of the whole
    network (to every subscriber). Composed from live public posts and upcoming public events, previewed,
    test-sent, then sent by the worker (``status`` draft → sending → sent)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    project = models.ForeignKey(Project, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="newsletter_issues", verbose_name=_("project"),
                                help_text=_("Empty for a newsletter of the whole network."))
    subject = models.CharField(_("subject"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True, max_length=4000,
                             help_text=_("A few words above the news and events (plain text)."))
    posts = models.ManyToManyField(Post, blank=True, related_name="newsletter_issues", verbose_name=_("news"))
    events = models.ManyToManyField("events.Event", blank=True, related_name="newsletter_issues",
                                    verbose_name=_("events"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("author"))
    base_url = models.CharField(_("site address"), max_length=200, blank=True,
                                help_text=_("The address links in the mails start with (set when sent)."))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)

    class Meta:
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        ordering = ["-created", "-id"]

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("newsletter:issue", args=[self.pk])


class Delivery(models.Model):
    """One issue to one subscriber: made for every recipient when the issue is sent, then claimed, written and
    marked by the worker. ``sending`` is the short window between the claim and the mark; a row found there after
    a crash was perhaps delivered, and is never sent again blindly (see ``newsletters.recover``)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        UNCONFIRMED = "unconfirmed", _("Perhaps sent (interrupted)")
        FAILED = "failed", _("Refused by the mail server")

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries",
                              verbose_name=_("issue"))
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries",
                                   verbose_name=_("subscriber"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="outreach_delivery_once_per_subscriber"),
        ]
        indexes = [models.Index(fields=["issue", "status"], name="outreach_delivery_issue_status")]

    def __str__(self):
        return f"{self.issue_id} → {self.subscriber_id}: {self.status}"
