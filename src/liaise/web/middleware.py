"""Pages: an error of the family (``liaise.core.errors``) that no view caught becomes a page with its status and
its message. Views that show a form put the message next to its field themselves (``errors.add_to_form``); the
API maps the family in ``liaise.api.api``."""

from django.shortcuts import render

from liaise.core.errors import LiaiseError, NotFound


class ErrorPageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, LiaiseError) or request.path.startswith("/api/"):
            return None
        if isinstance(exception, NotFound):
            return render(request, "web/404.html", status=404)
        return render(request, "web/error.html", {"message": exception.message}, status=exception.status)
