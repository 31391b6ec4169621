"""Load the LIAISE 2 demo events (idempotent): venues and rooms, events, sessions with their speakers and
guiding questions, and the fictitious registrations of the Bordeaux conference (see ``events_data``).

Called by ``loader.load()`` inside its transaction, after the network part (projects, organisations, topics,
people) exists.
"""

from django.db import transaction

from liaise.events.models import Event, GuidingQuestion, Registration, Room, Session, SpeakerRole, Venue
from liaise.network.models import Organisation, Person, Project, Topic

from . import events_data as data


def _venues() -> dict[tuple[str, str], Room]:
    rooms = {}
    for slug, name, address, city, country, venue_rooms in data.VENUES:
        venue, _ = Venue.objects.update_or_create(
            slug=slug, defaults={"name": name, "address": address, "city": city, "country": country}
        )
        for room_name, capacity in venue_rooms:
            room, _ = Room.objects.update_or_create(venue=venue, name=room_name, defaults={"capacity": capacity})
            rooms[slug, room_name] = room
    return rooms


def _representatives() -> None:
    organisations = Organisation.objects.in_bulk([r[2] for r in data.REPRESENTATIVES], field_name="slug")
    for slug, name, organisation in data.REPRESENTATIVES:
        Person.objects.update_or_create(slug=slug, defaults={
            "name": name, "title_en": data.REPRESENTATIVE_TITLE_EN, "title_fr": data.REPRESENTATIVE_TITLE_FR,
            "organisation": organisations[organisation],
        })


def _session(event: Event, spec: dict, rooms, topics, people) -> Session:
    session, _ = Session.objects.update_or_create(event=event, slug=spec["slug"], defaults={
        "kind": spec["kind"], "title_en": spec["title_en"], "title_fr": spec["title_fr"],
        "description_en": spec["description_en"], "description_fr": spec["description_fr"],
        "start": spec["start"], "end": spec["end"], "room": rooms[spec["room"]] if spec["room"] else None,
        "visibility": "",
    })
    session.topics.set([topics[slug] for slug in spec["topics"]])
    kept = []
    for position, (person, role, affiliation) in enumerate(spec["speakers"]):
        speaker, _ = SpeakerRole.objects.update_or_create(
            session=session, person=people[person], role=role,
            defaults={"affiliation": affiliation, "position": position},
        )
        kept.append(speaker.pk)
    session.speakers.exclude(pk__in=kept).delete()
    for position, (text_en, text_fr) in enumerate(spec["questions"]):
        GuidingQuestion.objects.update_or_create(
            session=session, position=position, defaults={"text_en": text_en, "text_fr": text_fr}
        )
    session.questions.filter(position__gte=len(spec["questions"])).delete()
    return session


def _registrations(event: Event) -> None:
    """The fictitious registrants, created once each (keyed on the event and the email address)."""
    # Spread each country's registrants evenly over the registration period, then number them in that order.
    people = []
    for country, count in data.REGISTRATION_COUNTRIES:
        no_shows = data.NO_SHOWS.get(country, 0)
        for i in range(count):
            people.append(((i + 0.5) / count, country, i >= count - no_shows))
    people.sort(key=lambda p: (p[0], p[1]))
    total = len(people)
    period = data.REGISTRATIONS_UNTIL - data.REGISTRATIONS_FROM
    attending = sum(1 for p in people if not p[2])
    check_in = data.CHECK_IN_UNTIL - data.CHECK_IN_FROM
    existing = {email.lower() for email in event.registrations.values_list("email", flat=True)}
    new, arrived = [], 0
    for number, (_share, country, no_show) in enumerate(people, start=1):
        attended = None
        if not no_show:
            attended = data.CHECK_IN_FROM + check_in * arrived / max(attending - 1, 1)
            arrived += 1
        email = f"demo-participant-{number:03d}@example.org"
        if email in existing:
            continue
        new.append(Registration(
            event=event, name=f"Demo Participant {number:03d}", email=email, country=country,
            participant_type=data.PARTICIPANT_TYPES[(number - 1) % len(data.PARTICIPANT_TYPES)],
            gender=data.GENDERS[(number - 1) % len(data.GENDERS)],
            needs="", needs_consent=False, privacy_version=data.REGISTRATION_PRIVACY_VERSION,
            status=Registration.Status.CONFIRMED,
            created=data.REGISTRATIONS_FROM + period * (number - 1) / max(total - 1, 1),
            attended=attended,
        ))
    if new:
        Registration.objects.bulk_create(new, batch_size=500)
    # Registrations loaded before genders were declared get theirs (one update per value).
    for gender in sorted(set(data.GENDERS)):
        numbers = [n for n in range(1, total + 1) if data.GENDERS[(n - 1) % len(data.GENDERS)] == gender]
        event.registrations.filter(email__in=[f"demo-participant-{n:03d}@example.org" for n in numbers]).exclude(
            gender=gender).update(gender=gender)
    # The registrations bypass the registration service: set the seat counter to what they hold.
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    Event.objects.filter(pk=event.pk).update(confirmed_count=confirmed)


@transaction.atomic
def load_events() -> dict[str, int]:
    """Create or update the demo events; returns how many events, sessions and registrations they hold."""
    project = Project.objects.get(slug=data.PROJECT)
    rooms = _venues()
    venues = Venue.objects.in_bulk(data.VENUE_SLUGS, field_name="slug")
    _representatives()
    topics = Topic.objects.in_bulk(field_name="slug")
    people = Person.objects.in_bulk(field_name="slug")
    organisations = Organisation.objects.in_bulk(field_name="slug")

    for spec in data.EVENTS:
        event, _ = Event.objects.update_or_create(slug=spec["slug"], defaults={
            "project": project,
            **{field: spec[field] for field in (
                "kind", "visibility", "status", "title_en", "title_fr", "summary_en", "summary_fr", "timezone",
                "start", "end", "languages", "capacity", "registration_enabled", "registration_opens",
                "registration_closes",
            )},
            "privacy_notice_version": data.REGISTRATION_PRIVACY_VERSION,
        })
        event.venues.set([venues[slug] for slug in spec["venues"]])
        event.organisers.set([organisations[slug] for slug in spec["organisers"]])
        event.topics.set([topics[slug] for slug in spec["topics"]])
        for session in spec["sessions"]:
            _session(event, session, rooms, topics, people)
        if spec["slug"] == data.REGISTRATIONS_EVENT:
            _registrations(event)

    demo = Event.objects.filter(slug__in=data.EVENT_SLUGS)
    return {
        "events": demo.count(),
        "sessions": Session.objects.filter(event__in=demo).count(),
        "registrations": Registration.objects.filter(event__in=demo).count(),
    }


def reset_events() -> None:
    """Delete the demo events (their sessions, registrations and materials with them), then the demo venues
    and the placeholder speakers that nothing else uses."""
    Event.objects.filter(slug__in=data.EVENT_SLUGS).delete()
    Venue.objects.filter(slug__in=data.VENUE_SLUGS, events__isnull=True).delete()
    Person.objects.filter(slug__in=data.REPRESENTATIVE_SLUGS, speaker_roles__isnull=True).delete()
