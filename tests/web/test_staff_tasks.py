from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from liaise.core.mail import send_later
from liaise.core.tasks import failures, run_pending


def unreachable_mail_server(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # nothing listens there


def test_a_task_that_fails_for_good_is_listed_for_staff_and_retried(login, settings):
    unreachable_mail_server(settings)
    settings.LIAISE_TASK_RETRY_SECONDS = 0  # every retry is due at once
    send_later(EmailMessage("Your seat", "Hello", None, ["ana@example.org"]))
    assert run_pending() == 9  # the first attempt and its 8 retries, all refused
    assert DBTaskResult.objects.filter(status="FAILED").count() == 9
    [failed] = failures()  # only the last one: the others were retried
    staff = login("staff")
    page = staff.get("/staff/tasks/")
    assert page.status_code == 200
    [row] = page.context["failed"]
    assert (row["result"].pk, row["about"], row["attempts"]) == (failed.pk, "ana@example.org — Your seat", 9)
    assert row["error"].startswith("ConnectionRefusedError")
    assert page.context["queues"]["default"] == {"waiting": 0, "retrying": 0, "running": 0, "failed": 9}
    html = page.content.decode()
    assert "liaise.core.mail.send_email" in html and "ana@example.org — Your seat" in html

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    response = staff.post(f"/staff/tasks/{failed.pk}/retry/")
    assert response["Location"] == "/staff/tasks/"
    assert failures() == []
    assert run_pending() == 1
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert staff.post(f"/staff/tasks/{failed.pk}/retry/").status_code == 404  # not twice


def test_waiting_retries_show_in_the_queue_counts(login, settings):
    unreachable_mail_server(settings)
    send_later(EmailMessage("A", "B", None, ["a@example.org"]))
    run_pending()  # fails; its retry waits 30 s
    page = login("staff").get("/staff/tasks/")
    assert page.context["queues"]["default"] == {"waiting": 1, "retrying": 1, "running": 0, "failed": 1}
    assert page.context["failed"] == []


def test_the_page_costs_the_same_queries_with_more_failures(login, settings):
    unreachable_mail_server(settings)
    settings.LIAISE_TASK_RETRY_SECONDS = 0
    staff = login("staff")

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert staff.get("/staff/tasks/").status_code == 200
        return len(captured.captured_queries)

    send_later(EmailMessage("A", "B", None, ["a@example.org"]))
    run_pending()
    before = count()
    send_later(*(EmailMessage("A", "B", None, [f"p{i}@example.org"]) for i in range(3)))
    run_pending()
    assert len(failures()) == 4
    assert count() == before
