"""Load the LIAISE 2 demo trainings and pilots (idempotent; see ``pilots_data`` for what is invented).

Called by ``loader.load()`` inside its transaction, after the network and the events exist.
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from liaise.core.cache import bump
from liaise.events.models import Event, Registration
from liaise.learning.models import Attendance, Certificate, FeedbackAnswer, Module, Training
from liaise.network.models import Organisation, Project, Topic
from liaise.pilots.models import Comment, Idea, Indicator, Measurement, Milestone, Pilot, TargetGroup, Update

from . import pilots_data as data

TZ = "Europe/Paris"


def pilot_slug(partner: str, title: str) -> str:
    return f"{partner}-{slugify(title)}"


def _aware(day, hour) -> datetime:
    import zoneinfo

    return datetime.combine(day, time(hour, 0), tzinfo=zoneinfo.ZoneInfo(TZ))


def _modules(project, topics) -> dict[str, Module]:
    modules = {}
    for position, (slug, _theme, topic, title, objectives, minutes) in enumerate(data.MODULES):
        modules[slug], _ = Module.objects.update_or_create(slug=slug, defaults={
            "project": project, "topic": topics[topic], "title_en": title, "objectives_en": objectives,
            "duration_minutes": minutes, "position": position,
            "materials_en": "Slides and handouts of the LIAISE 2 training (demo).",
        })
    return modules


def _training(project, organisation, theme, day, modules, expert) -> Training:
    slug = f"training-{organisation.slug}"
    event, _ = Event.objects.update_or_create(slug=slug, defaults={
        "project": project, "kind": Event.Kind.TRAINING, "status": Event.Status.PUBLISHED, "visibility": "public",
        "title_en": f"LIAISE 2 training in {organisation.name}",
        "title_fr": f"Formation LIAISE 2 à {organisation.name_fr or organisation.name}",
        "summary_en": f"A one-day LIAISE 2 training for the staff of {organisation.name} and its local partners, "
                      "before their pilot project. (Demo: date and content are fictitious.)",
        "start": _aware(day, 9), "end": _aware(day, 17), "timezone": TZ, "languages": ["en"],
        "registration_enabled": False, "privacy_notice_version": "2016-05",
    })
    event.organisers.set([organisation, Organisation.objects.get(slug="efus")])
    event.topics.set([modules[slug].topic for slug in _module_slugs(theme)])
    training, _ = Training.objects.update_or_create(event=event, defaults={"partner": organisation})
    training.modules.set([modules[slug] for slug in _module_slugs(theme)])
    training.trainers.set([expert] if expert else [])
    return training


def _module_slugs(theme) -> list[str]:
    return [slug for slug, module_theme, *_rest in data.MODULES if module_theme in (None, theme)]


def _trainees(training, organisation, participant) -> None:
    """Demo trainees (and the demo participant account on one training): confirmed, all modules attended,
    certificates issued the day of the training."""
    event = training.event
    people = [(f"Demo Trainee {organisation.name} {n:02d}", f"trainee-{organisation.slug}-{n:02d}@example.org", None)
              for n in range(1, data.TRAINEES_PER_TRAINING + 1)]
    if participant is not None and event.slug == data.TRAINEE_TRAINING:
        people.append((participant.full_name, participant.email, participant))
    modules = list(training.modules.all())
    for number, (name, email, user) in enumerate(people):
        registration, _ = Registration.objects.update_or_create(event=event, email=email, defaults={
            "name": name, "user": user, "organisation": organisation.name, "country": organisation.country,
            "participant_type": Registration.ParticipantType.LOCAL_AUTHORITY, "privacy_version": "2016-05",
            "status": Registration.Status.CONFIRMED, "created": event.start - timedelta(days=20),
            "attended": event.start + timedelta(minutes=number),
        })
        # The last generic trainee missed the afternoon module.
        attended = modules if number != data.TRAINEES_PER_TRAINING - 1 else modules[:-1]
        for module in attended:
            Attendance.objects.get_or_create(training=training, registration=registration, module=module)
        Certificate.objects.get_or_create(registration=registration, defaults={
            "training": training, "name": name, "issued": event.local_end.date()})
    Event.objects.filter(pk=event.pk).update(
        confirmed_count=event.registrations.filter(status=Registration.Status.CONFIRMED).count())


def _feedback(training) -> None:
    """Anonymous answers (created once). The demo trainees have no accounts, so there are no receipts: the demo
    participant account can still answer the survey of its training."""
    wanted = data.FEEDBACK.get(training.event.slug, 0)
    if not wanted or FeedbackAnswer.objects.filter(training=training).exists():
        return
    for i in range(wanted):
        FeedbackAnswer.objects.create(training=training, overall=[5, 4, 4, 5, 3, 4][i % 6],
                                      relevance=[4, 5, 4, 4, 3, 5][i % 6], trainers=[5, 5, 4, 4, 4, 5][i % 6],
                                      comment=["Very practical.", "", "More time for case studies, please.",
                                               "", "Useful for our school team.", ""][i % 6])


def _pilot(project, organisation, theme, stage, visibility, title, training, topics, groups, author) -> Pilot:
    topic, group_slugs = data.THEMES[theme]
    start = (training.event.local_start + timedelta(days=60)).date().replace(day=1)
    end = start + timedelta(days=420)
    stopped = stage == Pilot.Status.STOPPED
    completed = stage == Pilot.Status.COMPLETED
    lessons = ""
    if completed or stage == Pilot.Status.EVALUATION:
        lessons = ("- Involve the target groups from the diagnosis on.\n- Agree early with every agency on what is "
                   "shared, and keep figures aggregate.\n- Plan the evaluation before the first activity.")
    pilot, _ = Pilot.objects.update_or_create(slug=pilot_slug(organisation.slug, title), defaults={
        "project": project, "organisation": organisation, "title_en": title, "is_demo": True,
        "summary_en": f"{organisation.name} applies its LIAISE 2 training locally: {title.lower()}. "
                      "(Fictitious demo pilot.)",
        "problem_en": data.PROBLEMS[theme], "lessons_learned_en": lessons,
        "agencies": {"schools": ["Secondary schools", "Youth service", "Education authority"],
                     "narratives": ["Youth centres", "Local radio", "Communication department"],
                     "families": ["Social services", "Health services", "Parents' associations"],
                     "disengagement": ["Probation service", "Prison", "Employment and housing services"]}[theme],
        "budget": Decimal(15000 + 2500 * (len(title) % 7)) if theme != "disengagement" else None,
        "status": stage, "stopped_reason": data.STOP_REASON if stopped else "",
        "start": start, "end": end, "visibility": visibility,
        **data.LOGIC[theme],
    })
    pilot.topics.set([topics[topic], topics["multi-agency-strategies"]] if theme == "families" else [topics[topic]])
    pilot.target_groups.set([groups[slug] for slug in group_slugs])
    pilot.trainings.set([training])
    # Stages reached so far: measurements and milestones grow with them.
    reached = Pilot.STAGES.index(stage) if stage in Pilot.STAGES else 2
    for position, (name, unit, baseline, target, values) in enumerate(data.INDICATORS[theme]):
        indicator, _ = Indicator.objects.update_or_create(pilot=pilot, position=position, defaults={
            "name": name, "unit": unit, "baseline": baseline, "target": target})
        for i, value in enumerate(values[:max(reached - 1, 0)]):
            Measurement.objects.update_or_create(indicator=indicator, date=start + timedelta(days=120 * (i + 1)),
                                                 defaults={"value": value})
    for i, milestone in enumerate(data.MILESTONES):
        status = (Milestone.Status.DONE if i < reached else
                  Milestone.Status.DROPPED if stopped else
                  Milestone.Status.IN_PROGRESS if i == reached else Milestone.Status.PLANNED)
        Milestone.objects.update_or_create(pilot=pilot, title=milestone, defaults={
            "due": start + timedelta(days=90 * i), "status": status})
    if not pilot.updates.exists():
        labels = dict(Pilot.Status.choices)
        created = timezone.make_aware(datetime.combine(start, time(10)))
        Update.objects.create(pilot=pilot, author=author, kind=Update.Kind.STAGE, created=created,
                              stage=Pilot.Status.DIAGNOSIS, text=f"Pilot created at the {labels['diagnosis']} stage.")
        for i in range(1, reached + 1 if not stopped else 3):
            Update.objects.create(pilot=pilot, author=author, kind=Update.Kind.STAGE,
                                  created=created + timedelta(days=90 * i), stage=Pilot.STAGES[i],
                                  text=f"Stage: {labels[Pilot.STAGES[i - 1]]} → {labels[Pilot.STAGES[i]]}.")
        if stopped:
            Update.objects.create(pilot=pilot, author=author, kind=Update.Kind.STAGE,
                                  created=created + timedelta(days=300), stage=Pilot.Status.STOPPED,
                                  text=f"Stopped during the {labels['implementation']} stage: {data.STOP_REASON}")
    return pilot


def _ideas(project, organisations, topics, accounts) -> None:
    for slug, title, text, topic_slugs, comment in data.IDEAS:
        idea, created = Idea.objects.get_or_create(project=project, organisation=organisations[slug], title=title,
                                                   defaults={"text": text, "author": accounts.get(slug),
                                                             "created": _aware(data.PILOTS[0][5], 10)})
        idea.topics.set([topics[t] for t in topic_slugs])
        if created and comment:
            Comment.objects.create(idea=idea, author=accounts.get("expert"), text=comment,
                                   created=_aware(data.PILOTS[0][5], 15))


def load_pilots(with_accounts: bool) -> dict[str, int]:
    project = Project.objects.get(slug="liaise-2")
    topics = Topic.objects.in_bulk(field_name="slug")
    groups = TargetGroup.objects.in_bulk(field_name="slug")
    organisations = Organisation.objects.in_bulk([p[0] for p in data.PILOTS] + ["efus"], field_name="slug")
    User = get_user_model()
    accounts = {}
    if with_accounts:
        accounts = {"expert": User.objects.filter(email="expert@experts.example").first(),
                    "bordeaux": User.objects.filter(email="partner@bordeaux.example").first(),
                    "augsburg": User.objects.filter(email="member@augsburg.example").first()}
    participant = User.objects.filter(email="participant@example.org").first() if with_accounts else None
    modules = _modules(project, topics)
    for partner, theme, stage, visibility, title, day in data.PILOTS:
        organisation = organisations[partner]
        training = _training(project, organisation, theme, day, modules, accounts.get("expert"))
        _trainees(training, organisation, participant)
        _feedback(training)
        _pilot(project, organisation, theme, stage, visibility, title, training, topics, groups,
               accounts.get(partner) or accounts.get("expert"))
    _ideas(project, organisations, topics, accounts)
    bump()  # bulk updates above bypass the cache's signals
    demo = Pilot.objects.filter(is_demo=True)
    return {"pilots": demo.count(), "trainings": Training.objects.filter(event__slug__startswith="training-").count()}


def reset_pilots() -> None:
    """Delete the demo pilots, ideas, trainings (their events, trainees, attendance, feedback, certificates)
    and modules."""
    Pilot.objects.filter(is_demo=True).delete()
    Idea.objects.filter(title__in=[i[1] for i in data.IDEAS]).delete()
    Event.objects.filter(slug__in=[f"training-{p[0]}" for p in data.PILOTS]).delete()
    Module.objects.filter(slug__in=[m[0] for m in data.MODULES], trainings__isnull=True).delete()
