from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from liaise.core import schedule
from liaise.core.models import ScheduledRun
from liaise.core.tasks import run_pending
from liaise.events import services
from liaise.events.models import Event

PARIS = ZoneInfo("Europe/Paris")


def queued_jobs():
    return sorted(r.args_kwargs["args"][0] for r in DBTaskResult.objects.filter(
        task_path="liaise.core.schedule.run_job", status="READY"))


def test_the_slot_is_the_latest_due_time_in_local_time():
    job = schedule.JOBS["apply_retention"]  # 03:00 Paris
    assert schedule.slot_of(job, datetime(2026, 6, 2, 4, 0, tzinfo=PARIS)) == datetime(2026, 6, 2, 3, 0, tzinfo=PARIS)
    assert schedule.slot_of(job, datetime(2026, 6, 2, 2, 59, tzinfo=PARIS)) == datetime(2026, 6, 1, 3, tzinfo=PARIS)


def test_each_due_job_is_enqueued_once_per_slot_however_often_the_workers_look(db):
    now = datetime(2026, 6, 2, 12, 0, tzinfo=PARIS)
    names = [job.name for job in schedule.SCHEDULE]
    assert schedule.enqueue_due(now) == names
    assert schedule.enqueue_due(now) == []  # a second worker, or the same one a minute later
    assert schedule.enqueue_due(now + timedelta(hours=10)) == []  # 22:00: still the same day's slot
    assert queued_jobs() == sorted(names)
    assert ScheduledRun.objects.count() == len(names)
    assert schedule.enqueue_due(now + timedelta(days=1)) == names  # the next day's slot
    assert queued_jobs() == sorted(names * 2)


def test_the_scheduled_purge_runs_through_the_worker(db):
    small = Event.objects.get(slug="small-workshop")
    registration = services.register(small, services.RegistrationData(
        name="A", email="a@example.org", country="FR", participant_type="other", needs="gluten-free",
        needs_consent=True, privacy_consent=True))
    Event.objects.filter(pk=small.pk).update(start=timezone.now() - timedelta(days=2),
                                             end=timezone.now() - timedelta(days=1))
    assert schedule.enqueue_due() == [job.name for job in schedule.SCHEDULE]
    assert run_pending() == 1 + len(schedule.SCHEDULE)  # the confirmation mail and the jobs
    registration.refresh_from_db()
    assert registration.needs == ""
    job = DBTaskResult.objects.get(task_path="liaise.core.schedule.run_job", args_kwargs__args=["apply_retention"])
    assert job.status == "SUCCESSFUL"
    assert job.return_value["liaise.events.services.apply_retention"]["needs_deleted"] == 1


def test_a_run_queued_under_a_retired_job_name_applies_the_retention(db):
    """The daily purges were separate jobs before apply_retention: a run still queued under an old name works."""
    small = Event.objects.get(slug="small-workshop")
    registration = services.register(small, services.RegistrationData(
        name="A", email="a@example.org", country="FR", participant_type="other", needs="gluten-free",
        needs_consent=True, privacy_consent=True))
    Event.objects.filter(pk=small.pk).update(start=timezone.now() - timedelta(days=2),
                                             end=timezone.now() - timedelta(days=1))
    result = schedule.run_job.call("purge_needs")
    registration.refresh_from_db()
    assert registration.needs == ""
    assert result["liaise.events.services.apply_retention"]["needs_deleted"] == 1


def test_the_worker_command_keeps_the_schedule_and_runs_the_tasks(db):
    out = StringIO()
    call_command("worker", "--batch", stdout=out)
    assert out.getvalue() == f"Ran {len(schedule.SCHEDULE)} task(s).\n"
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == len(schedule.SCHEDULE)
    call_command("worker", "--batch", stdout=out)
    assert out.getvalue().splitlines()[-1] == "Ran 0 task(s)."


def test_retention_deletes_old_finished_tasks_and_keeps_recent_ones(db):
    schedule.enqueue_due()
    run_pending()
    later = timezone.now() + timedelta(days=8)
    assert schedule.prune_task_results(now=later) == len(schedule.SCHEDULE)
    assert DBTaskResult.objects.count() == 0


def test_the_worker_runs_below_the_servers_cpu_priority():
    import os
    import subprocess
    import sys

    code = ("import os, django; django.setup(); from liaise.core.management.commands.worker import lower_priority; "
            "before = os.nice(0); print(lower_priority(10) - before)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True,
                          env={**os.environ, "DJANGO_SETTINGS_MODULE": "liaise.settings"})
    assert int(done.stdout) == 10
