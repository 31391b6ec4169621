"""Mail leaves through the worker, never from a request: a service builds the message and calls
:func:`send_later` inside its transaction; the task delivers it, retried with back-off while the mail server is
unreachable (a registration succeeds at once, its confirmation arrives once the server is back)."""

import base64

from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection

from liaise.core.tasks import background


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
