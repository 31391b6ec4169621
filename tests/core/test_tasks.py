from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.test import override_settings
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from liaise.core.mail import send_later
from liaise.core.tasks import background, run_pending


def test_a_queued_mail_is_delivered_by_the_worker_with_its_parts_and_headers(db):
    message = EmailMultiAlternatives("Welcome", "plain text", "from@example.org", ["to@example.org"],
                                     headers={"List-Unsubscribe": "<https://example.org/u>"})
    message.attach_alternative("<p>html</p>", "text/html")
    message.attach("a.txt", b"attached", "text/plain")
    send_later(message)
    assert mail.outbox == []
    assert run_pending() == 1
    [sent] = mail.outbox
    assert (sent.subject, sent.body, sent.to, sent.extra_headers) == (
        "Welcome", "plain text", ["to@example.org"], {"List-Unsubscribe": "<https://example.org/u>"})
    assert sent.alternatives[0][:2] == ("<p>html</p>", "text/html")
    assert sent.attachments[0][:3] == ("a.txt", "attached", "text/plain")  # Django decodes text parts
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL


def test_a_mail_queued_in_a_rolled_back_transaction_is_never_sent(db):
    try:
        with transaction.atomic():
            send_later(EmailMultiAlternatives("x", "y", "a@example.org", ["b@example.org"]))
            raise RuntimeError
    except RuntimeError:
        pass
    assert run_pending() == 0
    assert mail.outbox == []


def _abandon(minutes_ago: int) -> DBTaskResult:
    """Claim the next due task as a worker that is then killed (kill -9): the row stays "running"."""
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.utils import exclusive_transaction

    ready = DBTaskResult.objects.ready()
    with exclusive_transaction(ready.db):
        result = ready.get_locked()
        result.claim("a-worker-that-died")
    DBTaskResult.objects.filter(pk=result.pk).update(started_at=timezone.now() - timedelta(minutes=minutes_ago))
    return result


def test_a_task_left_running_by_a_dead_worker_runs_again_once(db):
    from liaise.core.tasks import failures, recover_abandoned

    send_later(EmailMultiAlternatives("Your confirmation", "body", "from@example.org", ["to@example.org"]))
    abandoned = _abandon(minutes_ago=5)
    assert recover_abandoned() == 0  # within the lease: perhaps still running somewhere
    DBTaskResult.objects.filter(pk=abandoned.pk).update(started_at=abandoned.started_at.replace(year=2000))
    assert recover_abandoned() == 1
    assert recover_abandoned() == 0  # taken once, whoever calls it
    abandoned.refresh_from_db()
    assert abandoned.status == TaskResultStatus.FAILED and "stopped before it finished" in abandoned.traceback
    assert failures() == []  # it is being tried again, not given up
    assert run_pending() == 1
    assert [m.subject for m in mail.outbox] == ["Your confirmation"]


def test_a_task_abandoned_on_its_last_attempt_gives_up_for_staff_to_see(db):
    from liaise.core.mail import send_email
    from liaise.core.tasks import ATTEMPT_KWARG, error_of, failures, recover_abandoned

    message = EmailMultiAlternatives("Last try", "body", "from@example.org", ["to@example.org"])
    from liaise.core.mail import to_json

    send_email.enqueue(to_json(message), **{ATTEMPT_KWARG: 9})  # send_email is retried 8 times: this is the last
    _abandon(minutes_ago=60 * 24)
    assert recover_abandoned() == 1
    [gave_up] = failures()
    assert error_of(gave_up) == "The worker running this task stopped before it finished (killed, or its machine lost)."
    assert run_pending() == 0 and mail.outbox == []


STOPS: list[str] = []


@background(retries=2)
def stopped_midway(marker: str) -> None:
    """A task during which the worker is stopped, the first time it runs."""
    if marker not in STOPS:
        STOPS.append(marker)
        raise SystemExit(1)


def test_a_task_interrupted_by_the_workers_stop_runs_again_as_the_same_attempt(db):
    from liaise.core.tasks import ATTEMPT_KWARG, attempt_of, failures

    stopped_midway.enqueue("the-stop")
    assert run_pending() == 2  # stopped in the middle, then the same attempt again
    rows = DBTaskResult.objects.order_by("enqueued_at")
    assert [(r.status, attempt_of(r)) for r in rows] == [(TaskResultStatus.FAILED, 1), (TaskResultStatus.SUCCESSFUL, 1)]
    assert ATTEMPT_KWARG not in rows[0].args_kwargs["kwargs"] and failures() == []


def test_retrying_twice_queues_the_task_once(db):
    from liaise.core.tasks import GAVE_UP_PATH, failures, make_worker, retry, run_next

    send_later(EmailMultiAlternatives("Again", "body", "from@example.org", ["to@example.org"]))
    DBTaskResult.objects.update(status=TaskResultStatus.FAILED, exception_class_path=GAVE_UP_PATH)  # it gave up
    [failed] = failures()
    retry(failed)
    retry(failed)  # a second click, from another tab
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
    assert run_next(make_worker()) and not run_next(make_worker())
    assert [m.subject for m in mail.outbox] == ["Again"]


def test_a_delivered_message_leaves_only_its_subject_in_the_task_table(db):
    """A body may hold a secret link (password reset, invitation): once delivered, the row keeps no body and no
    address. A failed attempt's row is redacted too (its retry carries the message); a message given up on
    keeps everything for staff to retry."""
    from liaise.core.tasks import failures

    send_later(EmailMultiAlternatives("Reset your password", "https://x/reset/SECRET", "f@example.org",
                                      ["someone@example.org"]))
    assert run_pending() == 1
    row = DBTaskResult.objects.get()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert "SECRET" not in str(row.args_kwargs) and "someone@" not in str(row.args_kwargs)
    assert row.args_kwargs["args"][0]["subject"] == "Reset your password"

    DBTaskResult.objects.all().delete()
    with override_settings(EMAIL_BACKEND="tests.core.test_tasks.RefusingBackend", LIAISE_TASK_RETRY_SECONDS=0):
        send_later(EmailMultiAlternatives("Invitation", "https://x/invite/SECRET", "f@example.org",
                                          ["guest@example.org"]))
        while run_pending():
            pass
    rows = list(DBTaskResult.objects.order_by("enqueued_at", "id"))
    assert len(rows) > 1 and all(row.status == TaskResultStatus.FAILED for row in rows)
    [given_up] = failures()
    assert "SECRET" in str(given_up.args_kwargs)  # staff can retry it
    assert all("SECRET" not in str(row.args_kwargs) for row in rows if row.pk != given_up.pk)


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("the mail server refuses")

    def open(self):
        pass

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
