"""ASGI entry point, kept for streaming endpoints (Server-Sent Events)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaise.settings")
application = get_asgi_application()
