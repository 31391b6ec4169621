"""The design-system page (/design-system/): every token and component with its class names, public, kept out of
search engines; and the messages include every page draws Django's messages with."""

import re

from django.contrib import messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory

from liaise.web import design_tokens


def test_the_page_shows_every_token_and_pair_and_is_not_indexed(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/design-system/")
    assert (response.status_code, response["X-Robots-Tag"]) == (200, "noindex")
    page = response.content.decode()
    assert '<meta name="robots" content="noindex">' in page
    for name in design_tokens.tokens():
        assert f"<code>{name}</code>" in page
    ratios = re.findall(r"(\d+\.\d+):1 <span class=\"badge badge-(success|danger)\">", page)
    assert len(ratios) == len(design_tokens.PAIRS)
    assert {verdict for _ratio, verdict in ratios} == {"success"}


def test_the_page_shows_each_component_with_its_classes(client):
    page = client.get("/design-system/").content.decode()
    for cls in ("button button-secondary", "button button-danger", "button button-small", "button button-large",
                "link-button", "field field-error", "error-summary", "data-table", "bar-chart", "notice notice-success",
                "notice notice-warning", "notice notice-error", "badge badge-info", "empty-state", "tabs",
                "breadcrumb", "pagination"):
        assert f'class="{cls}' in page, cls
    # the sample form is drawn by the include every form uses, with its labels
    assert '<label for="sample-name">Name</label>' in page
    assert 'id="sample-name_helptext"' in page
    assert "data-print hidden" in page and "liaise/print.js" in page


def test_the_page_speaks_the_visitors_language(client):
    page = client.get("/fr/design-system/").content.decode()
    assert '<html lang="fr">' in page


def _render_messages(*added):
    request = RequestFactory().get("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    for level, text in added:
        messages.add_message(request, level, text)
    return render_to_string("web/_messages.html", {"messages": messages.get_messages(request)}).strip()


def test_messages_are_drawn_as_notices_of_their_level_in_a_status_region():
    html = _render_messages((messages.SUCCESS, "Saved."), (messages.ERROR, "Refused."), (messages.INFO, "Note."))
    assert html.startswith('<div class="wrap messages" role="status">')
    assert '<p class="notice notice-success">Saved.</p>' in html
    assert '<p class="notice notice-error"><span class="visually-hidden">Error: </span>Refused.</p>' in html
    assert '<p class="notice notice-info">Note.</p>' in html
    assert _render_messages() == ""
