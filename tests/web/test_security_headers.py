"""The Content-Security-Policy on the pages (django-csp and liaise.web.middleware): no inline script or style in
what Liaise draws, the live stream server's origin in connect-src, inline style only where pygal's charts are."""

import re

from django.urls import reverse


def policy(response) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {part[0]: part[1:] for part in parts}


def test_pages_have_a_strict_policy_and_no_inline_style_or_script(login):
    response = login("anonymous").get("/")
    assert response.status_code == 200
    csp = policy(response)
    assert csp["default-src"] == csp["script-src"] == csp["style-src"] == ["'self'"]
    assert (csp["object-src"], csp["frame-ancestors"]) == (["'none'"], ["'none'"])
    assert csp["form-action"] == csp["base-uri"] == ["'self'"]
    html = response.content.decode()
    assert 'class="bar w-' in html  # the country chart: a class per length, no style attribute
    assert not re.search(r"\sstyle=|<style|<script(?![^>]*\bsrc=)", html)


def test_connect_src_allows_the_live_stream_server(login, settings):
    settings.LIVE_STREAM_PORT = 8123
    settings.LIVE_STREAM_SAME_ORIGIN = False
    assert policy(login("anonymous").get("/"))["connect-src"] == ["'self'", "http://testserver:8123"]
    settings.LIVE_STREAM_SAME_ORIGIN = True
    assert policy(login("anonymous").get("/"))["connect-src"] == ["'self'"]


def test_only_the_results_page_allows_inline_style_for_its_charts(login):
    response = login("project_coordinator").get(reverse("reporting:results", kwargs={"slug": "liaise-2"}))
    assert response.status_code == 200
    assert policy(response)["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy(response)["script-src"] == ["'self'"]
    html = response.content.decode()
    assert "<svg" in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # pygal's inline script is removed
