"""Writes for working with an event's registrants: messages from the organisers, check-in by QR code, and the
reads the badges and the attendance list are drawn from. (A module beside ``services.py``, whose registration
flow it uses.)

Mail: ``send_message`` queues one message per recipient in its transaction (``liaise.core.mail.send_later``); the
worker delivers them, retrying while the mail server is unreachable.
"""

import io
from functools import lru_cache

import segno
from django.conf import settings
from django.core import mail, signing
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from liaise.core.errors import InvalidInput
from liaise.core.mail import send_later, written_for

from .models import Event, Message, Registration
from .services import registration_url

CHECKIN_SALT = "liaise.events.checkin"
MAX_SUBJECT, MAX_BODY = 200, 10000


# --- messages to registrants ------------------------------------------------------------------------------------

def audience(event: Event, group: str):
    """The registrations a message to ``group`` (a ``Message.Audience``) goes to."""
    registrations = event.registrations.exclude(email__endswith="@" + Registration.ERASED_DOMAIN)
    if group == Message.Audience.CONFIRMED:
        return registrations.filter(status=Registration.Status.CONFIRMED)
    if group == Message.Audience.WAITLISTED:
        return registrations.filter(status=Registration.Status.WAITLISTED)
    if group == Message.Audience.CHECKED_IN:
        return registrations.filter(status=Registration.Status.CONFIRMED, attended__isnull=False)
    raise InvalidInput(_("Choose who receives the message."), field="audience")


def audience_counts(event: Event) -> dict[str, int]:
    """How many registrants each group holds (one query)."""
    from django.db.models import Count, Q

    confirmed = Q(status=Registration.Status.CONFIRMED)
    counts = event.registrations.aggregate(
        confirmed=Count("pk", filter=confirmed),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        checked_in=Count("pk", filter=confirmed & Q(attended__isnull=False)),
    )
    return {group: counts[group] for group in Message.Audience.values}


def send_message(event: Event, group: str, subject: str, body: str, sender, base_url: str = "") -> Message:
    """Send ``subject`` and ``body`` (plain text) to every registrant of ``group``, one message each (nobody sees
    another's address), framed in the registrant's language; keep a record of it. Raises InvalidInput for an
    empty subject, message or audience."""
    subject, body = " ".join(subject.split()), body.strip()
    if not subject:
        raise InvalidInput(_("Write a subject."), field="subject")
    if len(subject) > MAX_SUBJECT:
        raise InvalidInput(_("The subject is too long (at most %(n)d characters).") % {"n": MAX_SUBJECT},
                           field="subject")
    if not body:
        raise InvalidInput(_("Write a message."), field="body")
    if len(body) > MAX_BODY:
        raise InvalidInput(_("The message is too long (at most %(n)d characters).") % {"n": MAX_BODY},
                           field="body")
    recipients = list(audience(event, group).select_related("user")
                      .only("pk", "event_id", "name", "email", "language", "user__language").order_by("pk"))
    if not recipients:
        raise InvalidInput(_("Nobody is in this group yet: the message was not sent."), field="audience")
    base = base_url.rstrip("/")
    emails = []
    for registration in recipients:
        registration.event = event
        with written_for(registration.user, registration.language):
            text = render_to_string("events/email/message.txt", {
                "registration": registration, "event": event, "body": body,
                "url": base + registration_url(registration),
            })
        emails.append(mail.EmailMessage(subject, text, settings.DEFAULT_FROM_EMAIL, [registration.email]))
    with transaction.atomic():
        record = Message.objects.create(event=event, audience=group, subject=subject, body=body,
                                        sender=sender if getattr(sender, "is_authenticated", False) else None,
                                        recipients=len(recipients))
        send_later(*emails)  # one task a message: the worker delivers them, retrying while the server is down
    return record


def messages_sent(event: Event):
    return event.messages.select_related("sender").order_by("-sent_at", "-pk")


# --- check-in by QR code ----------------------------------------------------------------------------------------

def checkin_token(registration: Registration) -> str:
    """A signed token for the organisers' check-in page of ``registration`` (its own salt: a registration's
    private link does not open the check-in page, nor the reverse)."""
    return signing.dumps({"r": registration.pk, "e": registration.event_id}, salt=CHECKIN_SALT)


def registration_from_checkin_token(event: Event, token: str) -> Registration:
    """The registration of ``event`` a check-in token names; Registration.DoesNotExist for a forged token or one of
    another event."""
    try:
        data = signing.loads(token, salt=CHECKIN_SALT)
    except signing.BadSignature:
        raise Registration.DoesNotExist from None
    if not isinstance(data, dict) or data.get("e") != event.pk or not isinstance(data.get("r"), int):
        raise Registration.DoesNotExist
    return event.registrations.get(pk=data["r"])


def checkin_url(registration: Registration, base_url: str = "") -> str:
    path = reverse("events:checkin_qr", kwargs={"slug": registration.event.slug,
                                                "token": checkin_token(registration)})
    return base_url.rstrip("/") + path


@lru_cache(maxsize=256)
def qr_svg(url: str) -> str:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=5, border=2, dark="#111", xmldecl=False, svgns=True)
    return out.getvalue().decode()


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6, border=2)
    return out.getvalue()


# --- badges and the attendance list -----------------------------------------------------------------------------

def badge_rows(event: Event) -> list[dict]:
    """Confirmed registrants for the badges and the attendance list, by name (one query)."""
    return list(
        event.registrations.filter(status=Registration.Status.CONFIRMED)
        .order_by(Lower("name"), "pk").values("name", "organisation", "country")
    )
