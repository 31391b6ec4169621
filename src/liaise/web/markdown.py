"""User markdown → safe HTML: markdown-it-py renders, nh3 sanitises (scripts, event handlers and
``javascript:`` links come out inert)."""

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "em", "h2", "h3", "h4", "hr", "li", "ol", "p", "pre", "strong",
    "table", "tbody", "td", "th", "thead", "tr", "ul",
}


def render_markdown(text: str) -> str:
    # A pure function of the text: the same summary or description rendered on every request of a page is
    # rendered once per process (the most recent texts are kept; a changed text is a new key).
    return _render(str(text or ""))


@lru_cache(maxsize=2048)
def _render(text: str) -> str:
    html = _md.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
