"""``liaise worker``: runs the background tasks (mail, PDFs, text extraction) and keeps the daily schedule.

Each due task is claimed under a row lock and run by django-tasks-db's own ``Worker.run_task``; about once a
minute the worker also claims the scheduled jobs that fell due (``liaise.core.schedule``) and enqueues them.
Several workers may run side by side, on one machine or several: a task or a slot is only ever claimed once.
SIGTERM or Ctrl-C lets the running task finish, then stops."""

import logging
import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.db.utils import OperationalError

from liaise.core import schedule, tasks

SCHEDULE_EVERY = 60  # seconds
logger = logging.getLogger("liaise.worker")


def lower_priority(nice: int) -> int:
    """Run this process ``nice`` steps below the servers' CPU priority (what runs in the background can wait when
    the machine is busy — a registration burst, a conference's live stream — and pages and streams cannot).
    Returns the niceness now."""
    return os.nice(max(nice, 0))


class Command(BaseCommand):
    help = "Run the background tasks and the daily schedule (`liaise serve` starts one)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0,
                            help="seconds to wait when no task is due (default 1)")
        parser.add_argument("--batch", action="store_true",
                            help="enqueue the due scheduled jobs, run every due task, then exit (for cron)")

    def handle(self, *args, interval, batch, **options):
        logging.getLogger("django_tasks").setLevel(logging.INFO if options["verbosity"] > 1 else logging.WARNING)
        worker = tasks.make_worker(interval=interval)
        if batch:
            schedule.enqueue_due()
            tasks.recover_abandoned()
            ran = tasks.run_pending()
            self.stdout.write(f"Ran {ran} task(s).")
            return
        worker.configure_signals()
        lower_priority(settings.WORKER_NICE)
        self.stdout.write(f"Liaise worker {worker.worker_id}: running the tasks and the daily schedule.")
        self.stdout.flush()
        next_schedule = 0.0
        while worker.running:
            close_old_connections()
            if time.monotonic() >= next_schedule:
                try:
                    schedule.enqueue_due()
                    if taken := tasks.recover_abandoned():
                        logger.warning("%d task(s) left running by a stopped worker were queued again.", taken)
                except OperationalError as exc:  # SQLite busy beyond its timeout: try again in a few seconds
                    logger.warning("The schedule could not be read (%s); trying again.", exc)
                    next_schedule = time.monotonic() + 5
                else:
                    next_schedule = time.monotonic() + SCHEDULE_EVERY
            if not tasks.run_next(worker) and worker.running:
                close_old_connections()
                time.sleep(interval)
