"""Settings for the "before" half of bench/registration_mail.py: Liaise's own settings, with the task backend
that runs each task at once, where it is enqueued (django-tasks' ImmediateBackend) — the confirmation is sent
inside the registration request, as before issue 14. Nothing else differs from what `liaise serve` uses."""

from liaise.settings import *  # noqa: F403
from liaise.settings import TASKS as _LIAISE_TASKS

TASKS = {"default": {**_LIAISE_TASKS["default"], "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
