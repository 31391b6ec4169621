"""Data-subject rights for outreach: news posts and newsletter issues a person wrote (kept, unattributed), their
private feed key, and the newsletter subscription of their address with its record of consents."""

from liaise.core.personal_data import eraser, exporter

from .models import Consent, FeedKey, NewsletterIssue, Post, Subscriber


@exporter("outreach")
def export_outreach(user) -> dict:
    """News posts you wrote, newsletter issues you prepared, your private calendar-feed key (when it was made;
    the key itself is in your feeds page), and the newsletter subscription of your email address with every
    consent recorded (what you agreed to, when, and the text shown)."""
    subscribers = Subscriber.objects.filter(email__iexact=user.email)
    return {
        "news_posts": list(Post.objects.filter(author=user).values("slug", "title", "status", "published_at")),
        "newsletter_issues": list(NewsletterIssue.objects.filter(author=user).values("subject", "status",
                                                                                     "created")),
        "feed_key": list(FeedKey.objects.filter(user=user).values("created")),
        "newsletter_subscriptions": [
            {"email": s.email, "language": s.language, "created": s.created, "confirmed_at": s.confirmed_at,
             "unsubscribed_at": s.unsubscribed_at,
             "projects": [p.acronym for p in s.projects.all()], "topics": [t.slug for t in s.topics.all()],
             "consents": list(Consent.objects.filter(subscriber=s).order_by("given_at", "pk").values(
                 "action", "given_at", "scope", "text", "language", "confirmed_at"))}
            for s in subscribers.prefetch_related("projects", "topics")
        ],
    }


@eraser("outreach")
def erase_outreach(user) -> dict:
    """Keep posts and issues, unattributed; delete the feed key and the subscription (with its consents and
    deliveries)."""
    return {
        "news_posts": Post.objects.filter(author=user).update(author=None),
        "newsletter_issues": NewsletterIssue.objects.filter(author=user).update(author=None),
        "feed_key": FeedKey.objects.filter(user=user).delete()[0],
        "newsletter_subscriptions": Subscriber.objects.filter(email__iexact=user.email).delete()[0],
    }
