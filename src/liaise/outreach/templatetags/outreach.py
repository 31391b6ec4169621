"""News where other pages show it: ``{% load outreach %}{% latest_news project %}`` (the project page)."""

from django import template

from liaise.outreach import queries

register = template.Library()


@register.inclusion_tag("outreach/_latest.html", takes_context=True)
def latest_news(context, project=None, n=queries.LATEST):
    """The newest posts the page's user reads (of ``project`` when given), with a link to the rest."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"posts": queries.latest(user, project, n), "project": project,
            "LANGUAGE_CODE": context.get("LANGUAGE_CODE")}
