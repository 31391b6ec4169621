"""WSGI entry point: pages and the API are served by gunicorn's sync workers (see ``liaise serve``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaise.settings")
application = get_wsgi_application()
