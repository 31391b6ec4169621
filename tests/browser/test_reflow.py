"""Reflow (WCAG 1.4.10) and 200 % zoom (1.4.4): at 320 CSS px wide, and at 1280 px zoomed to 200 % (a 640 px
viewport at two device pixels per CSS px), the pages read down without scrolling sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.a11y import horizontal_overflow

PAGES = {
    "home": ("/", "LIAISE 2"),
    "event": ("/events/bordeaux-2016/", "European cities facing radicalisation"),
    "library": ("/library/", "Practice library"),
    "live audience": ("/live/BDXRTB/", "Building counter-narratives at the local level"),
    "form": ("/events/open-workshop/register/", "Register"),
}
SIZES = {"320 px": dict(viewport={"width": 320, "height": 640}, device_scale_factor=1),
         "1280 px at 200 %": dict(viewport={"width": 640, "height": 400}, device_scale_factor=2)}


@pytest.mark.parametrize("size", SIZES)
def test_no_sideways_scrolling(browser, live_url, size):
    context = browser.new_context(**SIZES[size])
    page = context.new_page()
    try:
        widths = {}
        for name, (path, heading) in PAGES.items():
            page.goto(live_url + path)
            expect(page.locator("h1")).to_contain_text(heading)
            widths[name] = horizontal_overflow(page)
        width = SIZES[size]["viewport"]["width"]
        assert widths == {name: (width, width, []) for name in PAGES}
    finally:
        context.close()
