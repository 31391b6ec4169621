"""Done when (issue 14): with the SMTP server unreachable, a registration still succeeds at once and its
confirmation is delivered once the server is back — over real SMTP, through the worker's code path."""

import socket

from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from liaise.core.tasks import run_pending
from tests.smtpsink import SMTPSink


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_registration_succeeds_while_the_mail_server_is_down_and_its_confirmation_leaves_once_it_is_back(
        db, settings):
    port = free_port()  # closed: nothing listens there yet
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    response = Client().post("/events/small-workshop/register/", {
        "name": "Ana Demo", "email": "ana@example.org", "country": "PT", "participant_type": "local_authority",
        "privacy_consent": "on"})
    assert response.status_code == 302  # saved, confirmed: the request never talks to the mail server
    assert DBTaskResult.objects.get().status == "READY"  # the confirmation waits for the worker

    assert run_pending() == 1  # the worker tries: refused
    [first] = DBTaskResult.objects.filter(status="FAILED")
    [retry] = DBTaskResult.objects.filter(status="READY")
    assert retry.args_kwargs["kwargs"] == {"_attempt": 2}
    assert retry.run_after > timezone.now() + timezone.timedelta(seconds=20)  # back-off: 30 s
    assert run_pending() == 0  # not due yet

    with SMTPSink(port) as sink:  # the server is back
        DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())  # ... and the back-off is over
        assert run_pending() == 1
        assert run_pending() == 0
    [(sender, recipients, message)] = sink.messages
    assert sender == "<noreply@liaise.localhost>"
    assert recipients == ["ana@example.org"]
    assert "is confirmed" in message["Subject"]
    assert message.get_content_type() == "multipart/mixed"  # the text and the check-in QR code
    assert DBTaskResult.objects.get(pk=retry.pk).status == "SUCCESSFUL"
    assert first.exception_class_path == "builtins.ConnectionRefusedError"
