"""Load the demo's news posts (idempotent, keyed on their slugs; see ``outreach_data``). Called by
``loader.load()`` inside its transaction, after the network exists."""

from datetime import timedelta

from django.utils import timezone

from liaise.network.models import Organisation, Project, Topic
from liaise.outreach.models import Post

from . import outreach_data as data


def load_outreach() -> dict[str, int]:
    projects = {p.slug: p for p in Project.objects.filter(slug__in={row[1] for row in data.POSTS if row[1]})}
    organisations = {o.slug: o for o in Organisation.objects.filter(slug__in={row[2] for row in data.POSTS})}
    topics = {t.slug: t for t in Topic.objects.all()}
    for (slug, project, organisation, language, visibility, state, published, post_topics, title, lead,
         body) in data.POSTS:
        if state == "draft":
            status, published_at = Post.Status.DRAFT, None
        elif state == "scheduled":
            status, published_at = Post.Status.PUBLISHED, timezone.now() + timedelta(days=published)
        else:
            status, published_at = Post.Status.PUBLISHED, published
        post, _created = Post.objects.update_or_create(slug=slug, defaults={
            "project": projects.get(project), "organisation": organisations[organisation], "language": language,
            "visibility": visibility, "status": status, "published_at": published_at, "is_demo": True,
            f"title_{language}": title, f"lead_{language}": lead, f"body_{language}": body,
        })
        post.topics.set([topics[t] for t in post_topics])
    return {"posts": len(data.POSTS)}
