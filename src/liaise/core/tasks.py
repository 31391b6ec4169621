"""Background work: Django's Tasks API (``django-tasks``) on its database backend (``django-tasks-db``).

The queue is a table in Liaise's own database, so a task enqueued inside a service's transaction exists exactly
when the service's writes do (a rolled-back registration sends no confirmation), and the embedded default needs
no other server. ``liaise worker`` runs the tasks; ``liaise serve`` starts one beside the web servers.

Write a task with :func:`background`::

    @background(retries=8, priority=10)
    def send_email(message: dict) -> None: ...

    send_email.enqueue(message)          # from a service, inside its transaction

Arguments must be JSON (ids, strings, dicts) — never a model instance: the worker reads the row again. A task must
be **idempotent**: when it raises, the attempt is recorded as failed and, while retries remain, a new attempt is
enqueued to run after a back-off (``LIAISE_TASK_RETRY_SECONDS``, then four times longer each time). The last
attempt's failure stays in the table for staff to see (:func:`failures`).

Tests run tasks for real with :func:`run_pending`, which claims and runs them through django-tasks-db's own
``Worker.run_task``: the code path of ``liaise worker``, not a mock.
"""

import functools
import socket
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task

DEFAULT_RETRIES = 5
ATTEMPT_KWARG = "_attempt"


class TaskGone(Exception):
    """A task row whose code no longer exists (renamed or removed): it cannot be queued again."""


class GaveUp(Exception):
    """The last attempt of a task failed (the original error is its message and its cause): it is not tried again,
    and staff find it on /staff/tasks/ by this class."""


GAVE_UP_PATH = f"{GaveUp.__module__}.{GaveUp.__qualname__}"


def retry_delay(attempt: int) -> timedelta:
    """How long to wait before attempt ``attempt + 1`` after attempt ``attempt`` failed: 30 s, 2 min, 8 min..."""
    return timedelta(seconds=settings.LIAISE_TASK_RETRY_SECONDS * 4 ** (attempt - 1))


def background(*, queue: str = "default", priority: int = 0, retries: int = DEFAULT_RETRIES) -> Callable:
    """Make ``func`` a task on ``queue`` (``default`` or ``bulk``), retried ``retries`` times with back-off.

    Higher ``priority`` runs first (-100 to 100): a confirmation mail (10) overtakes a newsletter batch (0)."""

    def decorate(func: Callable) -> Task:
        @functools.wraps(func)
        def attempt(*args, **kwargs):
            number = kwargs.pop(ATTEMPT_KWARG, 1)
            try:
                return func(*args, **kwargs)
            except (SystemExit, KeyboardInterrupt):
                # the worker is being stopped in the middle (a second Ctrl-C, systemd's group kill): the same
                # attempt runs again at the next start, not counted as a failure
                the_task.using(run_after=None).enqueue(*args, **kwargs, **{ATTEMPT_KWARG: number})
                raise
            except Exception as exc:
                if number > retries:
                    raise GaveUp(f"{type(exc).__name__}: {exc}") from exc
                try:
                    later = timezone.now() + retry_delay(number)
                    the_task.using(run_after=later).enqueue(*args, **kwargs, **{ATTEMPT_KWARG: number + 1})
                except Exception:  # the retry could not be queued (a database busy beyond its timeout)
                    raise GaveUp(f"{type(exc).__name__}: {exc}") from exc
                raise

        attempt.retries = retries  # read by failures(): an attempt beyond it is not tried again
        the_task = task(queue_name=queue, priority=priority)(attempt)
        return the_task

    return decorate


def worker_id() -> str:
    return f"{socket.gethostname()}-{id(object()):x}"[:64]


def make_worker(*, interval: float = 0, limit: int | None = None):
    """django-tasks-db's own ``Worker``, on every queue (``liaise worker`` and :func:`run_pending` use it)."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(queue_names=["*"], interval=interval, batch=False, backend_name="default", startup_delay=False,
                  max_tasks=limit, worker_id=worker_id(), excluded_queue_names=[])


def run_next(worker) -> bool:
    """Claim the next due task under a row lock and run it with ``worker.run_task`` (as django-tasks-db's worker
    loop does); False when none is due (or SQLite is busy: try again later)."""
    from django.db.utils import OperationalError
    from django_tasks_db.models import DBTaskResult
    from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

    ready = DBTaskResult.objects.ready().filter(backend_name=worker.backend_name)
    if not ready.exists():  # a plain read first: an idle worker never takes SQLite's write lock
        return False
    try:
        with exclusive_transaction(ready.db):
            result = ready.get_locked()
            if result is not None:
                result.claim(worker.worker_id)
    except OperationalError as exc:
        if is_locked_database_exception(exc):
            return False
        raise
    if result is None:
        return False
    worker.run_task(result)
    return True


def run_pending(*, limit: int | None = None) -> int:
    """Run the tasks that are due now, one after the other, until none is left (or ``limit`` ran); returns how
    many ran. Each is claimed under a row lock and run by django-tasks-db's ``Worker.run_task``, exactly as
    ``liaise worker`` does; a task enqueued by a task runs in the same call when it is due."""
    worker = make_worker(limit=limit)
    ran = 0
    while (limit is None or ran < limit) and run_next(worker):
        ran += 1
    return ran


def attempt_of(result) -> int:
    """Which attempt a task row is (1 for the first run)."""
    return int(result.args_kwargs.get("kwargs", {}).get(ATTEMPT_KWARG, 1))


def retries_of(result) -> int:
    """How many retries the row's task gets (0 when its code is gone)."""
    try:
        return getattr(result.task.func, "retries", 0)
    except (ImportError, SuspiciousOperation):
        return 0


def failures(limit: int = 100) -> list:
    """The tasks that failed and will not be tried again (their last attempt raised :class:`GaveUp`), newest
    first: what staff look at on /staff/tasks/ (one query)."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(status=TaskResultStatus.FAILED, exception_class_path=GAVE_UP_PATH)
                .order_by("-finished_at")[:limit])


def queue_counts() -> dict[str, dict[str, int]]:
    """For each queue: tasks due or waiting to run (``waiting``), of which retries (``retrying``), ``running``
    now, and ``failed`` attempts (retried or not) — one query."""
    from django.db.models import Count, Q
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    ready = Q(status=TaskResultStatus.READY)
    rows = DBTaskResult.objects.values("queue_name").annotate(
        waiting=Count("pk", filter=ready),
        retrying=Count("pk", filter=ready & Q(**{f"args_kwargs__kwargs__{ATTEMPT_KWARG}__gt": 1})),
        running=Count("pk", filter=Q(status=TaskResultStatus.RUNNING)),
        failed=Count("pk", filter=Q(status=TaskResultStatus.FAILED)),
    ).order_by("queue_name")
    counts = {queue: {"waiting": 0, "retrying": 0, "running": 0, "failed": 0}
              for queue in settings.TASKS["default"].get("QUEUES", ["default"])}
    for row in rows:
        counts[row.pop("queue_name")] = row
    return counts


def describe(result) -> str:
    """What a task row is about, for staff: a mail's recipients and subject, else its arguments (ids, names) —
    short, and without personal data beyond an email address."""
    args = result.args_kwargs.get("args", [])
    kwargs = {k: v for k, v in result.args_kwargs.get("kwargs", {}).items() if k != ATTEMPT_KWARG}
    if result.task_path == "liaise.core.mail.send_email" and args and isinstance(args[0], dict):
        message = args[0]
        text = f"{', '.join(message.get('to', []))} — {message.get('subject', '')}"
    else:
        text = ", ".join([*(str(a) for a in args), *(f"{k}={v}" for k, v in kwargs.items())])
    return text if len(text) <= 160 else text[:159] + "…"


def error_of(result) -> str:
    """The last line of the failure's traceback: the original exception and its message."""
    lines = [line for line in (result.traceback or "").strip().splitlines() if line.strip()]
    last = lines[-1].removeprefix(GAVE_UP_PATH + ": ") if lines else result.exception_class_path
    return last[:300]


ABANDONED = "The worker running this task stopped before it finished (killed, or its machine lost)."


def recover_abandoned(now=None) -> int:
    """Tasks left "running" by a worker that died: django-tasks-db never runs such a row again, so each one that
    started more than ``LIAISE_TASK_LEASE_SECONDS`` ago is marked failed and, like any failed attempt, its next
    attempt is queued now while retries remain (tasks are idempotent), else it gave up and shows on the staff
    page. Each row is taken by one conditional UPDATE, so several workers may call this at once. Returns how many
    it took; ``liaise worker`` calls it with the schedule, about once a minute."""
    from django.db import transaction
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.LIAISE_TASK_LEASE_SECONDS)
    taken = 0
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=cutoff):
        again = attempt_of(result) <= retries_of(result)
        with transaction.atomic():
            claimed = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED, finished_at=now, return_value=None,
                exception_class_path="" if again else GAVE_UP_PATH, traceback=f"{GAVE_UP_PATH}: {ABANDONED}")
            if not claimed:
                continue
            taken += 1
            if again:
                kwargs = {**result.args_kwargs.get("kwargs", {}), ATTEMPT_KWARG: attempt_of(result) + 1}
                result.task.using(run_after=None).enqueue(*result.args_kwargs.get("args", []), **kwargs)
    return taken


def retry(result) -> None:
    """Queue a task that gave up once more, now, for one attempt (it comes back on the staff page if that fails
    too); the failed row it replaces is deleted, in the same transaction."""
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        # the failed row is taken first (one DELETE): two clicks on Retry queue it once
        if not DBTaskResult.objects.filter(pk=result.pk).delete()[0]:
            return
        try:
            the_task = result.task
        except (ImportError, SuspiciousOperation) as exc:
            raise TaskGone(result.task_path) from exc
        kwargs = {**result.args_kwargs.get("kwargs", {}), ATTEMPT_KWARG: retries_of(result) + 1}
        the_task.using(run_after=None).enqueue(*result.args_kwargs.get("args", []), **kwargs)
