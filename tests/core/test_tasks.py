from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from liaise.core.mail import send_later
from liaise.core.tasks import run_pending


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
