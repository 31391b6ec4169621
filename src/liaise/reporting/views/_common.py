"""What the reporting views share: the project fetched through a permission, and a form run through a service."""

from collections.abc import Callable

from django.contrib import messages
from django.shortcuts import redirect, render

from liaise.core import authz
from liaise.core.errors import LiaiseError, add_to_form
from liaise.network.models import Project


def project_or_404(request, slug: str, permission) -> Project:
    """The project at ``slug`` if ``request.user`` has ``permission`` on it (a reporting rule on Project)."""
    return authz.get_or_404(request.user, permission, Project.objects.all(), slug=slug)


def run_form(request, form, save: Callable, template: str, context: dict, done: str | Callable, success: str):
    """GET: the form. POST: the form's fields, then ``save()`` (a service call); its refusal goes next to its field
    (400); success redirects to ``done`` (or ``done(saved)``) with ``success`` as a message."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = save()
            except LiaiseError as exc:
                add_to_form(form, exc)
                status = 400
            else:
                messages.success(request, success)
                return redirect(done(saved) if callable(done) else done)
        else:
            status = 400
    return render(request, template, {**context, "form": form}, status=status)


def posted(request):
    """The form's data: the POST (even empty: a bound form) or None for a GET."""
    return request.POST if request.method == "POST" else None


def files(request):
    return request.FILES if request.method == "POST" else None
