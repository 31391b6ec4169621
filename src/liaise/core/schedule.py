"""The daily jobs the worker keeps: purges and retention, run in the background, never in a request.

``SCHEDULE`` lists each job once: its name, the function it runs (a dotted path, so this module imports no domain
app) and the local time of day it is due. Each day holds one **slot** per job: the latest due time that has
passed. :func:`enqueue_due` (called by ``liaise worker`` about once a minute) claims each due slot by inserting
the unique row ``ScheduledRun(job, slot)`` and enqueues the job as a task in the same transaction: however many
workers run, and however often they look, each slot runs once. A worker that was stopped over the due time runs
the missed slot when it starts again (only the latest: a purge need not run three times after three days off).
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledRun
from .tasks import background


@dataclass(frozen=True)
class Job:
    name: str
    path: str  # the function it runs, without arguments
    at: time  # local time of day (settings.TIME_ZONE)
    what: str  # for people: the staff page and the docs


SCHEDULE = [
    Job("purge_needs", "liaise.events.services.purge_needs", time(3, 0),
        "Delete the accessibility and dietary needs of registrations for events that are over."),
    Job("purge_live", "liaise.live.services.purge", time(3, 10),
        "Delete live Q&A stream entries older than two days and finished rate-limit windows."),
    Job("prune_tasks", "liaise.core.schedule.prune_task_results", time(3, 20),
        "Delete finished background tasks and scheduled runs past their retention."),
    Job("purge_documents", "liaise.events.pdfs.purge_documents", time(3, 30),
        "Delete the stored badges and attendance lists drawn more than a day ago (they hold names)."),
    Job("purge_newsletter_unconfirmed", "liaise.outreach.newsletters.purge_unconfirmed", time(3, 40),
        "Delete newsletter addresses never confirmed, once their confirmation link has expired."),
    Job("purge_throttles", "liaise.core.ratelimit.purge", time(3, 45),
        "Delete the counts of finished rate-limit windows (password-reset mails)."),
    Job("purge_login_failures", "liaise.accounts.throttle.purge", time(3, 50),
        "Delete failed sign-in records (email typed, address) whose cool-off is over."),
]
JOBS = {job.name: job for job in SCHEDULE}

# Retention of the task table: successful tasks are kept a week (to answer "was it sent?"), failures 90 days.
KEEP_SUCCESSFUL, KEEP_FAILED, KEEP_RUNS = timedelta(days=7), timedelta(days=90), timedelta(days=30)


def slot_of(job: Job, now: datetime) -> datetime:
    """The latest time ``job`` was due at or before ``now``: today's or yesterday's, in local time."""
    local = timezone.localtime(now)
    due = timezone.make_aware(datetime.combine(local.date(), job.at), local.tzinfo)
    if due > now:
        due = timezone.make_aware(datetime.combine(local.date() - timedelta(days=1), job.at), local.tzinfo)
    return due


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Claim every job's current slot that no worker claimed yet and enqueue the job; returns the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in SCHEDULE:
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(job=job.name, slot=slot_of(job, now))
                run_job.enqueue(job.name)
        except IntegrityError:
            continue  # another worker (or this one, earlier) has it
        enqueued.append(job.name)
    return enqueued


@background(queue="bulk", retries=3)
def run_job(name: str):
    """Run one scheduled job (idempotent: each is a purge of what is past its time)."""
    result = import_string(JOBS[name].path)()
    return list(result) if isinstance(result, tuple) else result


def prune_task_results(now: datetime | None = None) -> int:
    """The retention of background work itself: delete finished tasks and old scheduled runs."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    deleted = DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL,
                                          finished_at__lt=now - KEEP_SUCCESSFUL).delete()[0]
    deleted += DBTaskResult.objects.filter(status=TaskResultStatus.FAILED,
                                           finished_at__lt=now - KEEP_FAILED).delete()[0]
    ScheduledRun.objects.filter(slot__lt=now - KEEP_RUNS).delete()
    return deleted
