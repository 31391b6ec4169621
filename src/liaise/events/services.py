"""Writes for events, one function per use case, each in a transaction.

Registration never overbooks: a seat is taken by one conditional UPDATE
(``confirmed_count = confirmed_count + 1 WHERE confirmed_count < capacity``), which the database applies
atomically, and a check constraint forbids ``confirmed_count > capacity`` whatever happens. A cancellation
hands its seat to exactly one person, the next on the waiting list, in the same transaction, and that person
alone is told by email.

Every mail is queued inside the service's transaction (``send_registration_mail``, a task): the worker writes and
delivers it, so neither the check-in QR code nor a slow or unreachable mail server slows or fails a registration,
and a rolled-back one sends nothing.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from liaise.core.errors import LiaiseError
from liaise.core.mail import written_for
from liaise.core.personal_data import months_before
from liaise.core.tasks import background

from .models import NEEDS_CONSENT_TEXT, Event, Registration

TOKEN_SALT = "liaise.events.registration"


class RegistrationError(LiaiseError):
    """A refused registration, with a message for a person; ``field`` names the form field it is about; ``status``
    is 400 for what the person typed, 409 for the state of the event (closed, full, already registered)."""


@dataclass
class RegistrationData:
    name: str
    email: str
    country: str
    participant_type: str
    organisation: str = ""
    needs: str = ""
    needs_consent: bool = False
    privacy_consent: bool = False
    gender: str = ""  # declared, optional ("" = not declared); never inferred


def registration_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "e": registration.event_id}, salt=TOKEN_SALT)


def registration_from_token(event: Event, token: str) -> Registration:
    """The registration a signed link points to; raises Registration.DoesNotExist for forged links."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
    except signing.BadSignature:
        raise Registration.DoesNotExist from None
    if not isinstance(data, dict) or data.get("e") != event.pk:
        raise Registration.DoesNotExist
    return Registration.objects.select_related("event").get(pk=data.get("r"), event=event)


def registration_url(registration: Registration) -> str:
    return reverse(
        "events:registration", kwargs={"slug": registration.event.slug, "token": registration_token(registration)}
    )


def _mail(registration: Registration, template: str, base_url: str) -> None:
    """Queue mail ``template`` (confirmed, waitlisted, promoted) to ``registration`` in the caller's transaction: the
    worker writes it (in the registrant's language, with the check-in QR code) and sends it."""
    send_registration_mail.enqueue(registration.pk, template, base_url)


def _subject(template: str, event: Event) -> str:
    if template == "confirmed":
        return _("Your registration for %(event)s is confirmed") % {"event": event.title}
    if template == "waitlisted":
        return _("You are on the waiting list for %(event)s") % {"event": event.title}
    return _("A seat is free for you at %(event)s") % {"event": event.title}


@background(priority=10, retries=8)
def send_registration_mail(registration_id: int, template: str, base_url: str) -> None:
    """Write and send one registration mail; retried with back-off while the mail server is unreachable. A
    registration cancelled (or erased) meanwhile gets none."""
    from .registrant_services import checkin_url, qr_png

    registration = Registration.objects.select_related("event", "user").filter(pk=registration_id).first()
    if (registration is None or registration.status == Registration.Status.CANCELLED
            or registration.email.endswith("@" + Registration.ERASED_DOMAIN)):
        return
    with_qr = template in ("confirmed", "promoted")  # the QR code the organisers scan at the entrance
    with written_for(registration.user, registration.language):  # the account's language, else the form's
        context = {"registration": registration, "event": registration.event, "qr": with_qr,
                   "url": base_url.rstrip("/") + registration_url(registration)}
        message = EmailMessage(_subject(template, registration.event),
                               render_to_string(f"events/email/{template}.txt", context),
                               settings.DEFAULT_FROM_EMAIL, [registration.email])
        if with_qr:
            message.attach("check-in-qr.png", qr_png(checkin_url(registration, base_url)), "image/png")
    message.send(fail_silently=False)


def check_open(event: Event, now=None) -> None:
    now = now or timezone.now()
    if event.status == Event.Status.CANCELLED:
        raise RegistrationError(_("This event is cancelled."), status=409)
    if event.status != Event.Status.PUBLISHED or not event.registration_enabled:
        raise RegistrationError(_("Registration is not open for this event."), status=409)
    if event.end < now:
        raise RegistrationError(_("This event is over: registration is closed."), status=409)
    if event.registration_opens and now < event.registration_opens:
        opens = timezone.localtime(event.registration_opens, event.tz)
        raise RegistrationError(
            _("Registration opens on %(date)s.") % {"date": opens.strftime("%d/%m/%Y %H:%M")}, status=409
        )
    if event.registration_closes and now > event.registration_closes:
        raise RegistrationError(_("Registration is closed."), status=409)


def register(event: Event, data: RegistrationData, user=None, base_url: str = "") -> Registration:
    """Register someone: a confirmed seat while there is one, else a place on the waiting list (if the event
    has one). Raises RegistrationError with a message for a person."""
    check_open(event)
    if not data.privacy_consent:
        raise RegistrationError(_("Please accept the privacy notice to register."), field="privacy_consent")
    if data.needs.strip() and not data.needs_consent:
        raise RegistrationError(
            _("To tell us about your needs, tick the box that lets the organisers use this information."),
            field="needs_consent",
        )
    email = data.email.strip().lower()
    try:
        with transaction.atomic():
            if Registration.objects.filter(event=event, email__iexact=email).exclude(
                status=Registration.Status.CANCELLED
            ).exists():
                raise RegistrationError(
                    _("This email address is already registered for this event. Check your mailbox for the "
                      "confirmation, which has a link to your registration."),
                    field="email", status=409,
                )
            seats = Event.objects.filter(pk=event.pk)
            if event.capacity is not None:
                seats = seats.filter(confirmed_count__lt=F("capacity"))
            got_seat = seats.update(confirmed_count=F("confirmed_count") + 1) == 1
            if not got_seat and not event.waitlist_enabled:
                raise RegistrationError(_("This event is full."), status=409)
            registration = Registration.objects.create(
                event=event, user=user if user is not None and user.is_authenticated else None,
                name=data.name.strip(), email=email, organisation=data.organisation.strip(),
                country=data.country, participant_type=data.participant_type, gender=data.gender,
                needs=data.needs.strip() if data.needs_consent else "", needs_consent=bool(data.needs_consent),
                # the wording agreed to, in the language of the form (the active one, stored as language too)
                needs_consent_text=str(NEEDS_CONSENT_TEXT) if data.needs_consent else "",
                privacy_version=event.privacy_notice_version, language=translation.get_language() or "en",
                status=Registration.Status.CONFIRMED if got_seat else Registration.Status.WAITLISTED,
            )
            # Queued in this transaction: the worker writes and sends it, so a mail server that is down never turns
            # a saved registration into an error, and the confirmation leaves once the server is back.
            _mail(registration, "confirmed" if got_seat else "waitlisted", base_url)
    except IntegrityError:
        # Two identical submissions raced past the duplicate check: the unique constraint stopped the second.
        raise RegistrationError(
            _("This email address is already registered for this event."), field="email", status=409
        ) from None
    return registration


@transaction.atomic
def cancel(registration: Registration, base_url: str = "") -> Registration | None:
    """Cancel a registration. A confirmed seat goes to exactly one person, the next on the waiting list, who
    alone is told; returns that person's registration, or None."""
    registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        raise RegistrationError(_("This registration is already cancelled."), status=409)
    event = registration.event
    was_confirmed = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.cancelled = timezone.now()
    registration.needs = ""
    registration.attended = None
    registration.save(update_fields=["status", "cancelled", "needs", "attended"])
    if not was_confirmed:
        return None
    promoted = None
    if event.waitlist_enabled and not event.is_past:
        # The oldest waiting registration takes the seat; the conditional UPDATE makes sure that a concurrent
        # cancellation cannot promote the same person twice.
        queue = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created", "pk")
        for candidate in queue[:5]:
            now = timezone.now()
            if Registration.objects.filter(pk=candidate.pk, status=Registration.Status.WAITLISTED).update(
                status=Registration.Status.CONFIRMED, promoted=now
            ):
                candidate.status, candidate.promoted = Registration.Status.CONFIRMED, now
                promoted = candidate
                break
    if promoted is None:
        Event.objects.filter(pk=event.pk).update(confirmed_count=F("confirmed_count") - 1)
    else:
        promoted.event = event
        _mail(promoted, "promoted", base_url)
    return promoted


@transaction.atomic
def fill_from_waitlist(event: Event, base_url: str = "") -> list[Registration]:
    """Give free seats (after the capacity was raised) to the waiting list, oldest first; each is told."""
    promoted = []
    for candidate in event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created", "pk"):
        seats = Event.objects.filter(pk=event.pk)
        if event.capacity is not None:
            seats = seats.filter(confirmed_count__lt=F("capacity"))
        if seats.update(confirmed_count=F("confirmed_count") + 1) != 1:
            break
        now = timezone.now()
        Registration.objects.filter(pk=candidate.pk).update(status=Registration.Status.CONFIRMED, promoted=now)
        candidate.status, candidate.promoted, candidate.event = Registration.Status.CONFIRMED, now, event
        promoted.append(candidate)
        _mail(candidate, "promoted", base_url)
    return promoted


@transaction.atomic
def check_in(registration: Registration, undo: bool = False) -> Registration:
    if registration.status != Registration.Status.CONFIRMED:
        raise RegistrationError(_("Only confirmed participants can be checked in."), status=409)
    registration.attended = None if undo else (registration.attended or timezone.now())
    registration.save(update_fields=["attended"])
    return registration


# Anonymised registrations keep, instead of the address, this keyed fingerprint of it: the same person at several
# events keeps one fingerprint, so "different people" in the statistics stays right; it cannot be read back.
ANONYMISED_DOMAIN = "anonymised.invalid"


def email_fingerprint(email: str) -> str:
    digest = salted_hmac("liaise.events.anonymised-registration", email.strip().lower()).hexdigest()[:32]
    return f"{digest}@{ANONYMISED_DOMAIN}"


@transaction.atomic
def anonymise_registrations(now=None) -> int:
    """Anonymise the registrations (cancelled ones too) of events that ended more than
    LIAISE_RETAIN_REGISTRATIONS_MONTHS ago: name, email (replaced by its fingerprint), needs and the link to an
    account go; the row stays with its country, participant type, declared gender, status and check-in, so
    every count and statistic is unchanged. Returns how many were anonymised."""
    now = now or timezone.now()
    cutoff = months_before(now, settings.LIAISE_RETAIN_REGISTRATIONS_MONTHS)
    rows = list(Registration.objects.select_for_update().filter(event__end__lt=cutoff, anonymised__isnull=True)
                .only("pk", "email"))
    for row in rows:
        row.name, row.email, row.needs, row.user, row.anonymised = "", email_fingerprint(row.email), "", None, now
    Registration.objects.bulk_update(rows, ["name", "email", "needs", "user", "anonymised"], batch_size=500)
    return len(rows)


def apply_retention(now=None) -> dict:
    """The retention of registrations (the daily ``apply_retention`` job): needs deleted once the event is over,
    the rest anonymised LIAISE_RETAIN_REGISTRATIONS_MONTHS later."""
    return {"needs_deleted": purge_needs(now), "anonymised": anonymise_registrations(now)}


@transaction.atomic
def purge_needs(now=None) -> int:
    """Delete accessibility and dietary needs of events that are over (they can reveal health or religion)."""
    now = now or timezone.now()
    return Registration.objects.filter(event__end__lt=now).exclude(needs="").update(needs="")
