"""The demo's newsletter: a handful of confirmed subscribers (with their consent records) and one network-wide issue
already sent to them. Idempotent; ``reset_newsletters`` removes exactly what it made (``is_demo``)."""

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from liaise.events.rules import view_event
from liaise.network.models import Project, Topic
from liaise.outreach import newsletters
from liaise.outreach.models import Consent, Delivery, NewsletterIssue, Post, Subscriber

# (email, language, project slugs, topic slugs); example.org addresses: nobody real
SUBSCRIBERS = [
    ("newsletter.reader@example.org", "en", [], []),
    ("lectrice.bordeaux@example.org", "fr", ["liaise-2"], []),
    ("lector.madrid@example.org", "es", ["liaise-2"], ["family-support"]),
    ("leserin.augsburg@example.org", "de", [], []),
    ("lettore.torino@example.org", "it", ["liaise-2"], []),
    ("journalist@example.org", "en", [], ["multi-agency-strategies"]),
]
ISSUE_SUBJECT = "LIAISE 2 — news of the network"


def load_newsletters() -> dict[str, int]:
    now = timezone.now()
    given = now - timedelta(days=20)
    for email, language, projects, topics in SUBSCRIBERS:
        subscriber, created = Subscriber.objects.update_or_create(
            email=email, defaults={"language": language, "is_demo": True, "unsubscribed_at": None})
        if created or subscriber.confirmed_at is None:
            subscriber.confirmed_at = given
            subscriber.save(update_fields=["confirmed_at"])
        subscriber.projects.set(Project.objects.filter(slug__in=projects, visibility="public"))
        subscriber.topics.set(Topic.objects.filter(slug__in=topics))
        if not subscriber.consents.exists():
            Consent.objects.create(subscriber=subscriber, text=str(newsletters.CONSENT_TEXT), language=language,
                                   scope={"language": language, "projects": projects, "topics": topics},
                                   confirmed_at=given)
    issue = NewsletterIssue.objects.filter(subject=ISSUE_SUBJECT, is_demo=True).first()
    if issue is None:
        issue = NewsletterIssue.objects.create(
            subject=ISSUE_SUBJECT, is_demo=True, status=NewsletterIssue.Status.SENT, base_url="",
            intro="LIAISE 2 is under way: the partners met in Bordeaux, and the first trainings are open.",
            started_at=now - timedelta(days=7), finished_at=now - timedelta(days=7))
        issue.posts.set(Post.objects.filter(newsletters.live_q(AnonymousUser())).order_by("-published_at")[:5])
        issue.events.set(view_event.filter(AnonymousUser()).order_by("start")[:5])
        sent_at = now - timedelta(days=7)
        Delivery.objects.bulk_create([
            Delivery(issue=issue, subscriber=s, status=Delivery.Status.SENT, claimed_at=sent_at, sent_at=sent_at)
            for s in Subscriber.objects.filter(is_demo=True)], ignore_conflicts=True)
    return {"newsletter_subscribers": Subscriber.objects.filter(is_demo=True).count(),
            "newsletter_issues": NewsletterIssue.objects.filter(is_demo=True).count()}


def reset_newsletters(project_slugs: list[str]) -> None:
    """The demo's subscribers and issue, and any issue of the demo's projects (their project is protected)."""
    NewsletterIssue.objects.filter(is_demo=True).delete()
    NewsletterIssue.objects.filter(project__slug__in=project_slugs).delete()
    Subscriber.objects.filter(is_demo=True).delete()
