"""Data-subject rights for events: registrations (made signed in, or with the account's address), and the
messages a person sent to registrants.

Erasure anonymises a registration rather than deleting it: what the statistics count (status, country,
participant type, gender, attendance) stays, so an event's figures are the same before and after; the name, the
address, the organisation typed and the needs are gone. The badges and attendance lists drawn for those events
(PDFs with names) are deleted; the next download draws them again."""

from django.db.models import Q

from liaise.core.personal_data import eraser, exporter

from .models import EventDocument, Message, Registration

REGISTRATION_FIELDS = ("event__slug", "event__title", "event__start", "name", "email", "organisation", "country",
                       "participant_type", "gender", "needs", "needs_consent", "privacy_version", "language",
                       "status", "created", "promoted", "cancelled", "attended")


def registrations_of(user):
    """The registrations made by the account, or with its address without signing in."""
    return Registration.objects.filter(Q(user=user) | Q(email__iexact=user.email))


@exporter("events")
def export_events(user) -> dict:
    """Your event registrations (made while signed in, or with your email address): the details you gave
    (name, address, organisation, country, participant type, gender if you declared it, accessibility or dietary
    needs while they are kept — they are deleted after the event), their status, and when you were checked in.
    Also the messages you sent to an event's registrants, if you organised one."""
    return {
        "registrations": list(registrations_of(user).order_by("created", "pk").values(*REGISTRATION_FIELDS)),
        "messages_sent": list(Message.objects.filter(sender=user).values(
            "event__slug", "audience", "subject", "body", "sent_at", "recipients")),
    }


@eraser("events")
def erase_events(user) -> dict:
    """Anonymise the registrations (counted in the statistics, so kept); unattribute the messages sent."""
    registrations = list(registrations_of(user).only("pk", "event_id"))
    for registration in registrations:
        Registration.objects.filter(pk=registration.pk).update(
            user=None, name=Registration.ERASED_NAME, email=f"erased-{registration.pk}@{Registration.ERASED_DOMAIN}",
            organisation="", needs="", needs_consent=False)
    documents = EventDocument.objects.filter(event_id__in={r.event_id for r in registrations})
    return {
        "registrations": len(registrations),
        "event_documents": documents.delete()[0],  # the files go once the erasure commits (events.pdfs)
        "messages_sent": Message.objects.filter(sender=user).update(sender=None),
    }
