"""Who reads and who writes news posts, each permission defined once as a query condition (see
``liaise.core.authz``). Lists, pages, feeds, the API and newsletters all get their posts through these.

A post is read when it is live (published, its time come) and ``user`` may see both its own visibility and its
project's; a network-wide post (no project) marked "partners" reaches anyone with a role in some project.
Drafts and scheduled posts are seen only by their editors."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Now

from liaise.core import authz
from liaise.network.models import Partnership, ProjectRole, Visibility
from liaise.network.rules import partner_q, role_q, visibility_q

from .models import NewsletterIssue, Post


@authz.permission("outreach.edit_post", Post, site_admins=True, signed_in=True)
def edit_post(user) -> Q:
    """Posts ``user`` writes, schedules and publishes: a project's posts by its coordinators, and by a partner
    coordinator for their own organisation's; a network-wide post by the project coordinators of its
    organisation (the lead partner's staff); site admins all."""
    network_wide = Q(project__isnull=True) & Exists(ProjectRole.objects.filter(
        user=user, organisation=OuterRef("organisation"), role=ProjectRole.Role.PROJECT_COORDINATOR))
    # a project's post speaks for one of the project's partners, never for an organisation outside it
    partner_of_project = Exists(Partnership.objects.filter(project=OuterRef("project"),
                                                           organisation=OuterRef("organisation")))
    return (Q(project__isnull=False) & partner_of_project & partner_q(user)) | network_wide


def live_q(user) -> Q:
    """Live posts ``user`` may read (lists, feeds, the API, newsletters)."""
    live = Q(status=Post.Status.PUBLISHED, published_at__lte=Now())
    if authz.site_admin(user):
        return live
    in_project = Q(project__isnull=False) & visibility_q(user, project="project") & visibility_q(
        user, project="project", field="project__visibility")
    network_wide = Q(visibility=Visibility.PUBLIC)
    if authz.active(user):
        network_wide |= Q(visibility=Visibility.PARTNERS) & Exists(ProjectRole.objects.filter(user=user))
    return live & (in_project | (Q(project__isnull=True) & network_wide))


@authz.permission("outreach.view_post", Post)
def view_post(user) -> Q:
    """What a post page may show: the live posts ``user`` reads, and whatever they edit (drafts, scheduled)."""
    if not authz.active(user):
        return live_q(user)
    return live_q(user) | edit_post.q(user)


@authz.permission("outreach.send_newsletter", NewsletterIssue, site_admins=True, signed_in=True)
def send_newsletter(user) -> Q:
    """Newsletter issues ``user`` composes, previews, test-sends and sends: a project's issues by its project
    coordinators; a network-wide issue (no project) by any project coordinator; site admins all."""
    any_coordinator = Exists(ProjectRole.objects.filter(user=user, role=ProjectRole.Role.PROJECT_COORDINATOR))
    return (Q(project__isnull=False) & role_q(user, "project", ProjectRole.Role.PROJECT_COORDINATOR)) | (
        Q(project__isnull=True) & any_coordinator)
