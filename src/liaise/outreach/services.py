"""Every write of news posts and private feed keys: one function per use case, in a transaction, refusing with
``PostError`` (a message for a person, about a form field)."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from liaise.core.errors import InvalidInput
from liaise.core.slugs import unique_slug
from liaise.core.uploads import validate_upload
from liaise.network.models import Organisation, Project

from . import rules
from .models import FeedKey, Post, new_feed_key

#: Addresses under /news/ that are pages, not posts.
RESERVED_SLUGS = {"new", "mine", "subscribe", "feeds", "projects", "topics"}
TRANSLATED = ("title", "lead", "body", "image_alt")
IMAGE_TYPES = {"image/png", "image/jpeg"}


class PostError(InvalidInput):
    """A refused news operation, with a message for a person; ``field`` names the form field it is about."""


class Action:
    DRAFT = "draft"  # keep it as a draft (unpublished)
    PUBLISH = "publish"  # publish now (a post already published keeps its date)
    SCHEDULE = "schedule"  # publish at ``published_at``, which must be in the future


@dataclass
class PostData:
    organisation: Organisation
    title: str
    lead: str
    language: str
    visibility: str
    action: str
    project: Project | None = None
    body: str = ""
    image_alt: str = ""
    topics: list = field(default_factory=list)
    published_at: datetime | None = None
    image: object = None  # an uploaded file, or None to keep the current one
    remove_image: bool = False


def _unique_slug(title: str, exclude_pk=None) -> str:
    return unique_slug(Post.objects.all(), title, "news", reserved=RESERVED_SLUGS, exclude_pk=exclude_pk)


def _publication(post: Post, data: PostData, now: datetime) -> None:
    if data.action == Action.DRAFT:
        post.status, post.published_at = Post.Status.DRAFT, None
    elif data.action == Action.PUBLISH:
        if not post.is_live:  # (an edit of a live post keeps its date)
            post.published_at = now
        post.status = Post.Status.PUBLISHED
    elif data.action == Action.SCHEDULE:
        if data.published_at is None:
            raise PostError(_("Give the date and time of publication."), field="published_at")
        if data.published_at <= now:
            raise PostError(_("This time is in the past: choose a later time, or publish now."),
                            field="published_at")
        post.status, post.published_at = Post.Status.PUBLISHED, data.published_at
    else:
        raise PostError(_("Choose whether to save a draft, publish now or schedule the post."), field="action")


@transaction.atomic
def save_post(post: Post | None, data: PostData, user) -> Post:
    """Create (``post`` None) or update a post as ``user``, who must be allowed to edit it afterwards
    (``outreach.edit_post``: they may post for its project and organisation)."""
    now = timezone.now()
    title = (data.title or "").strip()
    if not title:
        raise PostError(_("Give the post a title."), field="title")
    if not (data.lead or "").strip():
        raise PostError(_("Write a lead of one or two sentences."), field="lead")
    if post is None:
        post = Post(slug=_unique_slug(title), author=user if user.is_authenticated else None)
    post.project, post.organisation = data.project, data.organisation
    post.language, post.visibility = data.language, data.visibility
    for name in TRANSLATED:
        setattr(post, f"{name}_{data.language}", (getattr(data, name) or "").strip())
    _publication(post, data, now)
    if data.remove_image and post.image:
        post.image.delete(save=False)
        post.image = ""
    if data.image is not None:
        try:
            content_type = validate_upload(data.image)
        except ValidationError as exc:
            raise PostError(" ".join(exc.messages), field="image") from None
        if content_type not in IMAGE_TYPES:
            raise PostError(_("The image must be a PNG or JPEG file."), field="image")
        post.image.save(data.image.name, data.image, save=False)
    if post.image and not getattr(post, f"image_alt_{data.language}"):
        raise PostError(_("Describe the image for people who cannot see it."), field="image_alt")
    try:
        post.full_clean(exclude=["slug", "topics"])
    except ValidationError as exc:
        name, messages = next(iter(exc.message_dict.items()))
        raise PostError(" ".join(messages), field=None if name == "__all__" else name) from None
    post.save()
    post.topics.set(data.topics)
    # The one rule decides: may ``user`` write this post, for this project and organisation?
    if not rules.edit_post.filter(user, Post.objects.filter(pk=post.pk)).exists():
        raise PostError(_("You cannot post for this organisation in this project."), field="organisation")
    return post


@transaction.atomic
def delete_post(post: Post) -> None:
    if post.image:
        image = post.image
        transaction.on_commit(lambda: image.storage.delete(image.name))
    post.delete()


# --- private feed addresses ---------------------------------------------------------------------------------


def feed_key(user) -> FeedKey:
    """``user``'s private feed key, made on first use."""
    return FeedKey.objects.get_or_create(user=user)[0]


@transaction.atomic
def renew_feed_key(user) -> FeedKey:
    """A new key for ``user``: the addresses made with the old one answer 404 from now on."""
    key, created = FeedKey.objects.select_for_update().get_or_create(user=user)
    if not created:
        key.key = new_feed_key()
        key.created = timezone.now()
        key.save(update_fields=["key", "created"])
    return key
