"""Mail leaves through the worker, never from a request: a service builds the message and calls
:func:`send_later` inside its transaction; the task delivers it, retried with back-off while the mail server is
unreachable (a registration succeeds at once, its confirmation arrives once the server is back).

Every mail is written in its reader's language: a caller renders it inside :func:`written_for` (the person's
account language, else the language recorded with what they did — a registration, a subscription — else the
site's default), so a mail written later by the worker is in the same language as one written in a request."""

import base64
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.dispatch import receiver
from django.utils import translation
from django_tasks.base import TaskResultStatus
from django_tasks.signals import task_finished

from liaise.core.tasks import GAVE_UP_PATH, background


def language_for(user=None, recorded: str | None = None) -> str:
    """The language to write to a person in: the one chosen on their account (``user.language``), else
    ``recorded`` (the language a registration or a subscription was made in), else the site's default."""
    known = {code for code, _name in settings.CONTENT_LANGUAGES}
    for code in (getattr(user, "language", "") or "", recorded or ""):
        if code in known:
            return code
    return settings.LANGUAGE_CODE


@contextmanager
def written_for(user=None, recorded: str | None = None):
    """Render a mail inside this block to have it in its reader's language (:func:`language_for`)."""
    with translation.override(language_for(user, recorded)):
        yield


def to_json(message: EmailMessage) -> dict:
    """Everything needed to build ``message`` again, as JSON (the task's argument)."""
    attachments = []
    for attachment in message.attachments:
        filename, content, mimetype = attachment
        raw = content.encode() if isinstance(content, str) else content
        attachments.append([filename, base64.b64encode(raw).decode("ascii"), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(key): str(value) for key, value in message.extra_headers.items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": attachments,
    }


def from_json(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"], body=data["body"], from_email=data["from_email"], to=data["to"], cc=data["cc"],
        bcc=data["bcc"], reply_to=data["reply_to"], headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


@background(priority=10, retries=8)
def send_email(message: dict) -> None:
    """Deliver one message; raises (and is retried) while the mail server refuses or cannot be reached."""
    from_json(message).send(fail_silently=False)


def send_later(*messages: EmailMessage) -> None:
    """Queue each message for the worker (one task a message, so one bad address does not hold the others)."""
    for message in messages:
        send_email.enqueue(to_json(message))


def send_now(messages: list[EmailMessage]) -> int:
    """Deliver over one connection, for tasks that already run in the worker (a newsletter batch)."""
    with get_connection(fail_silently=False) as connection:
        return connection.send_messages(messages)


@receiver(task_finished, dispatch_uid="liaise.core.mail.forget_delivered")
def forget_delivered(sender, task_result, **kwargs) -> None:
    """Once a message is delivered (or its next attempt is queued with its own copy), its row keeps only the
    subject: a body may hold a secret link (a password reset, an invitation) and addresses are personal data, so
    neither waits in the task table for its retention. A message given up on keeps everything, for staff to
    retry it from /staff/tasks/."""
    if task_result.task.module_path != send_email.module_path:
        return
    if task_result.status == TaskResultStatus.FAILED and _gave_up(task_result):
        return
    from django_tasks_db.models import DBTaskResult

    args = task_result.args
    subject = args[0].get("subject", "") if args and isinstance(args[0], dict) else ""
    DBTaskResult.objects.filter(id=task_result.id).update(
        args_kwargs={"args": [{"subject": subject, "forgotten": True}], "kwargs": {}})


def _gave_up(task_result) -> bool:
    errors = getattr(task_result, "errors", None) or []
    return any(error.exception_class_path == GAVE_UP_PATH for error in errors)
