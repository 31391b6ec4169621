"""ASGI entry point, served by uvicorn (``liaise serve`` runs it beside gunicorn): the live Q&A streams.

``/live/<code>/stream`` is answered by ``liaise.live.stream.asgi_stream`` without Django's request cycle, which
would hold a thread and a database connection per open stream; anything else goes to Django as usual."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaise.settings")
django_application = get_asgi_application()

from liaise.live.stream import STREAM_PATH, asgi_stream  # noqa: E402 - needs the apps loaded above


async def application(scope, receive, send):
    if scope["type"] == "http":
        match = STREAM_PATH.match(scope["path"])
        if match:
            return await asgi_stream(scope, receive, send, match["code"])
    return await django_application(scope, receive, send)
