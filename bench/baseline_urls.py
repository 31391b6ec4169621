"""URLs for the page benchmark: the baseline view, then every Liaise URL unchanged."""

from django.shortcuts import render
from django.urls import path

import liaise.urls

ITEMS = [
    {
        "number": n,
        "title": f"Item {n} of the list",
        "summary": "A short line, as long as a summary on a list page.",
        "url": f"/items/{n}/",
    }
    for n in range(1, 33)
]


def baseline(request):
    """The fastest a Django page is served here: a ~5 KB template with a 32-item loop, no database."""
    return render(request, "bench/baseline.html", {"items": ITEMS, "heading": "Baseline"})


urlpatterns = [path("bench/baseline/", baseline, name="bench-baseline"), *liaise.urls.urlpatterns]

handler404 = liaise.urls.handler404
handler500 = liaise.urls.handler500
