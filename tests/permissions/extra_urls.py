"""The site's routes and three more, for the tests that the matrix's coverage check finds what it should."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_http_methods

from liaise.network.models import Topic
from liaise.urls import handler404, handler500
from liaise.urls import urlpatterns as site_urlpatterns

__all__ = ["handler404", "handler500", "urlpatterns"]


def export(request, slug):
    return HttpResponse("everything", content_type="text/csv")


@require_http_methods(["GET", "POST"])
def form(request, slug):
    return HttpResponse("a form")


def remover(request, slug):
    """Answers every method as GET does, but DELETE writes."""
    if request.method == "DELETE":
        Topic.objects.filter(slug="family-support").update(position=0)
    return HttpResponse("removed")


extra = [
    path("events/<slug:slug>/manage/everything.csv", export, name="everything"),
    path("events/<slug:slug>/manage/form/", form, name="form"),
    path("events/<slug:slug>/manage/remover/", remover, name="remover"),
]
urlpatterns = [path("", include((extra, "extra"))), *site_urlpatterns]
