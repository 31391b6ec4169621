"""Atom and RSS feeds of news (Django's syndication framework) and iCalendar subscriptions of events.

The public feeds are made as a visitor would see them, whoever asks: they never hold a partners-only item.
What is internal reaches a partner only through their private addresses, which carry their feed key
(``/feeds/<key>/…``); a new key makes the old addresses answer 404."""

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from liaise.events import ical

from . import queries

FORMATS = {"atom": Atom1Feed, "rss": Rss201rev2Feed}


class NewsFeed(Feed):
    """The posts of ``posts`` (already visibility-filtered), titled ``title``, for the page at ``link``."""

    def __init__(self, fmt: str, posts, title: str, link: str, description: str = ""):
        super().__init__()
        self.feed_type = FORMATS[fmt]
        self._posts, self._title, self._link = posts, title, link
        self._description = description or title

    def title(self):
        return self._title

    def link(self):
        return self._link

    def description(self):
        return self._description

    def subtitle(self):
        return self._description

    def items(self):
        return list(self._posts[: queries.FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead  # (plain text: the feed escapes it; the whole post is one click away)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated, item.published_at)

    def item_author_name(self, item):
        return item.organisation.name

    def item_categories(self, item):
        return [t.name for t in item.topics.all()]


def news_feed(request, fmt: str, posts, title: str, link: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    response = NewsFeed(fmt, posts, title, link)(request)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def ics_response(request, name: str, events, filename: str) -> HttpResponse:
    base = request.build_absolute_uri("/").rstrip("/")
    content = ical.events_calendar(name, events, base, request.get_host())
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def site_news_title() -> str:
    return _("Liaise news")


def news_list_url() -> str:
    return reverse("outreach:list")
