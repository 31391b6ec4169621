"""News pages, the editors' pages, feeds and calendar subscriptions. Thin: parse → query or service → render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from liaise.core import authz
from liaise.core.cache import anonymous_page
from liaise.core.errors import add_to_form
from liaise.network.models import Organisation, Project, Topic
from liaise.network.queries import visible_projects
from liaise.network.rules import view_organisation, view_project

from . import feeds, queries, rules, services
from .forms import NewsFilterForm, PostForm
from .models import Post

# --- reading --------------------------------------------------------------------------------------------------


def _feed_links(project: str = "", topic: str = "") -> list[tuple[str, str, str]]:
    """(type, title, url) of the feeds a list page announces with <link rel="alternate">."""
    links = []
    for fmt, mime in (("atom", "application/atom+xml"), ("rss", "application/rss+xml")):
        links.append((mime, f"{feeds.site_news_title()} ({fmt.upper()})", reverse("outreach:feed", args=[fmt])))
        if project:
            links.append((mime, _("News of %(project)s (%(fmt)s)") % {"project": project, "fmt": fmt.upper()},
                          reverse("outreach:project_feed", args=[project, fmt])))
        if topic:
            links.append((mime, _("News on %(topic)s (%(fmt)s)") % {"topic": topic, "fmt": fmt.upper()},
                          reverse("outreach:topic_feed", args=[topic, fmt])))
    return links


@require_GET
@anonymous_page(params=("project", "topic", "page"))
def post_list(request):
    projects = list(visible_projects(request.user).order_by("-start"))
    topics = list(Topic.objects.order_by("position"))
    form = NewsFilterForm(request.GET or None, user=request.user, projects=projects, topics=topics)
    status = 400 if form.is_bound and not form.is_valid() else 200
    filters = form.filters()
    posts = Post.objects.none() if status == 400 else queries.live_posts(request.user, filters)
    page = Paginator(posts, queries.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "outreach/post_list.html", {
        "form": form, "page_obj": page, "feed_links": _feed_links(filters.project, filters.topic),
        "filter_query": "&".join(f"{k}={v}" for k, v in (("project", filters.project), ("topic", filters.topic))
                                 if v),
        "can_post": queries.may_post(request.user),
    }, status=status)


@require_GET
@anonymous_page
def post_detail(request, slug):
    post = authz.get_or_404(request.user, rules.view_post, queries.post_page(), slug=slug)
    return render(request, "outreach/post_detail.html", {
        "post": post, "can_edit": authz.active(request.user) and authz.allows(request.user, rules.edit_post, post),
    })


# --- editing --------------------------------------------------------------------------------------------------


def _save(request, post: Post | None):
    choices = queries.posting_choices(request.user)
    form = PostForm(request.POST or None, request.FILES or None, choices=choices, post=post,
                    initial=PostForm.initial_for(post, queries.default_organisation(request.user)))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = services.PostData(**{k: v for k, v in form.cleaned_data.items()
                                        if k in services.PostData.__dataclass_fields__})
            try:
                saved = services.save_post(post, data, request.user)
            except services.PostError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                if not saved.is_live and saved.status == Post.Status.PUBLISHED:
                    messages.success(request, _("The post is scheduled."))
                elif saved.is_live:
                    messages.success(request, _("The post is published."))
                else:
                    messages.success(request, _("The draft is saved."))
                return redirect(saved.get_absolute_url())
        else:
            status = 400
    return render(request, "outreach/post_form.html", {"form": form, "post": post}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request):
    if not queries.may_post(request.user):
        raise Http404
    return _save(request, None)


@require_http_methods(["GET", "POST"])
def post_edit(request, slug):
    return _save(request, authz.get_or_404(request.user, rules.edit_post, queries.post_page(), slug=slug))


@require_http_methods(["GET", "POST"])
def post_delete(request, slug):
    post = authz.get_or_404(request.user, rules.edit_post, queries.post_page(), slug=slug)
    if request.method == "POST":
        services.delete_post(post)
        messages.success(request, _("The post “%(title)s” is deleted.") % {"title": post.title})
        return redirect("outreach:mine")
    return render(request, "outreach/post_delete.html", {"post": post})


@login_required
@require_GET
def my_posts(request):
    page = Paginator(queries.my_posts(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "outreach/my_posts.html", {"page_obj": page, "can_post": queries.may_post(request.user)})


# --- public feeds and calendars ---------------------------------------------------------------------------------

VISITOR = AnonymousUser()


@require_GET
def feed(request, fmt):
    return feeds.news_feed(request, fmt, queries.public_posts(), feeds.site_news_title(),
                           reverse("outreach:list"))


@require_GET
def project_feed(request, slug, fmt):
    project = authz.get_or_404(VISITOR, view_project, Project.objects.all(), slug=slug)
    return feeds.news_feed(request, fmt, queries.public_posts(queries.NewsFilters(project=project.slug)),
                           _("%(project)s news") % {"project": project.acronym},
                           f"{reverse('outreach:list')}?project={project.slug}")


@require_GET
def topic_feed(request, slug, fmt):
    try:
        topic = Topic.objects.get(slug=slug)
    except Topic.DoesNotExist:
        raise Http404 from None
    return feeds.news_feed(request, fmt, queries.public_posts(queries.NewsFilters(topic=topic.slug)),
                           _("News on %(topic)s") % {"topic": topic.name},
                           f"{reverse('outreach:list')}?topic={topic.slug}")


@require_GET
def project_calendar(request, slug):
    project = authz.get_or_404(VISITOR, view_project, Project.objects.all(), slug=slug)
    return feeds.ics_response(request, queries.calendar_name(project.acronym),
                              queries.upcoming_events(VISITOR, project=project), f"{project.slug}.ics")


@require_GET
def organisation_calendar(request, slug):
    organisation = authz.get_or_404(VISITOR, view_organisation, Organisation.objects.all(), slug=slug)
    return feeds.ics_response(request, queries.calendar_name(organisation.name),
                              queries.upcoming_events(VISITOR, organisation=organisation), f"{organisation.slug}.ics")


@require_GET
def topic_calendar(request, slug):
    try:
        topic = Topic.objects.get(slug=slug)
    except Topic.DoesNotExist:
        raise Http404 from None
    return feeds.ics_response(request, queries.calendar_name(topic.name), queries.upcoming_events(VISITOR, topic=topic),
                              f"{topic.slug}.ics")


# --- private feeds (the key in the address stands for its user) ------------------------------------------------


def _key_user(key: str):
    user = queries.feed_key_user(key)
    if user is None:
        raise Http404
    return user


@require_GET
def private_feed(request, key, fmt):
    user = _key_user(key)
    return feeds.news_feed(request, fmt, queries.live_posts(user), _("Liaise news for %(name)s") % {
        "name": user.get_short_name()}, reverse("outreach:list"))


@require_GET
def private_calendar(request, key):
    user = _key_user(key)
    return feeds.ics_response(request, _("Liaise events for %(name)s") % {"name": user.get_short_name()},
                              queries.upcoming_events(user), "liaise-events.ics")


@require_GET
def my_calendar(request, key):
    user = _key_user(key)
    return feeds.ics_response(request, _("My registrations on Liaise"), queries.registered_events(user),
                              "my-events.ics")


# --- the subscriptions page -------------------------------------------------------------------------------------


@require_GET
def subscribe(request):
    """Every feed and calendar one may subscribe to; signed in, one's private addresses and the button that
    replaces them."""
    key = queries.feed_token(services.feed_key(request.user)) if authz.active(request.user) else None
    return render(request, "outreach/subscribe.html", {
        "projects": list(view_project.filter(VISITOR, Project.objects.order_by("-start"))),
        "topics": list(Topic.objects.order_by("position")),
        "organisations": list(Organisation.objects.filter(
            pk__in=queries.upcoming_events(VISITOR).values("organisers")).order_by("slug")),
        "key": key,
    })


@login_required
@require_POST
def renew_key(request):
    services.renew_feed_key(request.user)
    messages.success(request, _("Your private addresses are new: the old ones no longer work. Subscribe again "
                                "with the new ones."))
    return redirect("outreach:subscribe")
