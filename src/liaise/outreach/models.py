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
