"""Load the demo's practice library (idempotent), and generate synthetic practices for benchmarks.

``load_library()`` is called by ``loader.load()`` inside its transaction: the two LIAISE publications as
standalone resources (small PDF files made here, see ``pdf.py``) and the dozen demo practices of
``library_data`` (published, labelled as demo, two with their Bordeaux round-table origin), their titles and
summaries in five languages (``library_data.TRANSLATIONS``), each indexed as it is saved.

``generate_practices(n)`` (``liaise demo --practices N``) writes N synthetic practices with ``bulk_create`` in
batches and builds the search index once at the end. Their vocabulary is varied on purpose so that queries have
mixed selectivity: words every record has ("prevention", "local"), subject words a few percent share ("mentoring",
"probation"), and programme and place names that only a handful hold.
"""

import random
import sys
import time
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from liaise.core import cache
from liaise.events.models import Session
from liaise.library import search, services
from liaise.library.models import Approach, Audience, Practice, PracticeAudience, Resource
from liaise.network.models import Organisation, Project, Topic

from . import library_data as data
from .pdf import make_pdf

PROJECT = "liaise-2"
SYNTHETIC_PREFIX = "synthetic-"


def _publications(project: Project) -> int:
    for slug, title, kind, language, year, paragraphs in data.PUBLICATIONS:
        resource = Resource.objects.filter(is_demo=True, title_en=title).first()
        if resource is None:
            resource = Resource(project=project, kind=kind, title_en=title, language=language, year=year,
                                is_demo=True, visibility="public")
            content = make_pdf(title, paragraphs)
            upload = ContentFile(content, name=f"{slug}.pdf")
            text, note = services.extract_text(upload, "application/pdf")
            resource.content_type, resource.size = "application/pdf", len(content)
            resource.extracted_text, resource.extraction_note = text, note
            resource.description_en = paragraphs[1][:600]
            resource.file.save("upload", upload, save=False)
            resource.save()
    return len(data.PUBLICATIONS)


def _published_on(number: int):
    """When the ``number``-th demo practice was published (see ``library_data.PUBLISHED_FIRST``)."""
    if number < len(data.PUBLISHED_FIRST):
        return _at(*data.PUBLISHED_FIRST[number])
    year, month, day = data.PUBLISHED_THEN_MONTHLY_FROM
    month += number - len(data.PUBLISHED_FIRST)
    return _at(year + (month - 1) // 12, (month - 1) % 12 + 1, day)


def _at(year, month, day):
    import zoneinfo

    return datetime(year, month, day, 10, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))


def _practices(project: Project) -> int:
    organisations = Organisation.objects.in_bulk([p[1] for p in data.PRACTICES], field_name="slug")
    topics = Topic.objects.in_bulk(field_name="slug")
    for number, (slug, organisation, approach, kind, topic_slugs, audiences, language, languages, origin, title,
                 summary, description, deliverables, evidence, sustainability, start, contact) in enumerate(
            data.PRACTICES):
        session = None
        if origin:
            session = Session.objects.filter(event__slug=origin[0], slug=origin[1]).first()
        org = organisations[organisation]
        translated = {}
        for code, (title_tr, summary_tr) in data.TRANSLATIONS.get(slug, {}).items():
            translated.update({f"title_{code}": title_tr, f"summary_{code}": summary_tr})
        practice, _ = Practice.objects.update_or_create(slug=slug, defaults={
            **translated,
            "title_en": title, "summary_en": summary, "description_en": description, "kind": kind,
            "approach": approach, "deliverables": deliverables, "evidence": evidence,
            "sustainability": sustainability, "scope": "local" if org.kind == "city" else "regional",
            "start_date": date(start[0], start[1], 1), "project": project, "organisation": org,
            "country": org.country, "contact": contact, "language": language, "languages": languages,
            "origin_session": session, "status": Practice.Status.PUBLISHED, "published": _published_on(number),
            "is_demo": True, "visibility": "public",
        })
        practice.topics.set([topics[t] for t in topic_slugs])
        practice.audiences.exclude(audience__in=audiences).delete()
        for audience in audiences:
            PracticeAudience.objects.get_or_create(practice=practice, audience=audience)
        services.refresh_search_text(practice)
    return len(data.PRACTICES)


def _pilot_practices() -> int:
    """The completed demo pilots that became practices (``pilots_data.PRACTICE_PILOTS``), published, with the
    conference session where they were presented: training → pilot → practice → conference."""
    from liaise.pilots.models import Pilot

    from .pilots_data import PRACTICE_PILOTS

    session = Session.objects.filter(event__slug=data.PILOT_PRACTICES_PRESENTED_AT[0],
                                     slug=data.PILOT_PRACTICES_PRESENTED_AT[1]).first()
    made = 0
    for pilot in Pilot.objects.filter(slug__in=PRACTICE_PILOTS, status=Pilot.Status.COMPLETED):
        fields, topics, audiences = services.pilot_practice_fields(pilot)
        fields.update(status=Practice.Status.PUBLISHED, published=_at(*data.PILOT_PRACTICES_PUBLISHED), is_demo=True,
                      origin_pilot=pilot,
                      origin_session=session, country=pilot.organisation.country, title_en=fields["title"],
                      summary_en=fields["summary"], description_en=fields["description"])
        practice = Practice.objects.filter(origin_pilot=pilot).first() or Practice(slug=f"{pilot.slug}-practice")
        for name, value in fields.items():
            setattr(practice, name, value)
        practice.save()
        practice.topics.set(topics)
        for audience in audiences:
            PracticeAudience.objects.get_or_create(practice=practice, audience=audience)
        services.refresh_search_text(practice)
        made += 1
    return made


def load_library() -> dict[str, int]:
    project = Project.objects.get(slug=PROJECT)
    return {"resources": _publications(project), "practices": _practices(project) + _pilot_practices()}


def reset_library(project_slugs=("liaise", PROJECT)) -> None:
    """Remove the demo's practices and resources, and whatever else hangs from the demo projects (a project is
    protected while practices or resources point to it)."""
    for resource in Resource.objects.filter(Q(is_demo=True) | Q(project__slug__in=project_slugs)):
        resource.delete()
    Practice.objects.filter(Q(slug__in=[p[0] for p in data.PRACTICES]) | Q(project__slug__in=project_slugs)).delete()


# -- synthetic practices for benchmarks -------------------------------------------------------------------------

SUBJECTS = [
    ("youth mentoring", "education"), ("family counselling", "family"), ("parent support groups", "family"),
    ("online hate monitoring", "narratives"), ("counter-narrative videos", "narratives"),
    ("media literacy lessons", "education"), ("exit counselling", "exit"), ("disengagement coaching", "exit"),
    ("probation reintegration", "prison"), ("prison chaplaincy dialogue", "prison"),
    ("multi-agency case conferences", "multi_agency"), ("local safety audits", "multi_agency"),
    ("first-line practitioner training", "training"), ("teacher training", "training"),
    ("police community liaison", "community"), ("neighbourhood dialogue", "community"),
    ("sport and inclusion", "community"), ("critical thinking workshops", "education"),
    ("peer educators", "education"), ("helpline for relatives", "family"), ("victim support", "community"),
    ("interfaith youth exchange", "community"), ("street work", "community"), ("gaming community outreach",
                                                                                 "narratives"),
    ("conspiracy theory debunking", "narratives"), ("mental health screening", "multi_agency"),
    ("school mediation", "education"), ("returnee families support", "family"),
    ("football club prevention", "community"), ("youth parliament", "education"),
]
ADJECTIVES = ["integrated", "participatory", "municipal", "regional", "early", "voluntary", "intensive", "pilot",
              "community-based", "school-based", "online", "mobile", "confidential", "intercultural", "digital"]
SETTINGS = ["in secondary schools", "in youth centres", "in prisons", "on social media", "in sports clubs",
            "in social housing estates", "in mosques, churches and community centres", "in vocational colleges",
            "in libraries", "in health centres", "in universities", "in the city centre", "in rural areas"]
OUTCOMES = ["resilience", "trust", "belonging", "critical thinking", "early referral", "social cohesion",
            "disengagement", "media literacy", "family dialogue", "civic participation", "employability"]
METHODS = ["role play", "case studies", "peer learning", "storytelling", "video production", "home visits",
           "mentoring pairs", "street theatre", "hackathons", "escape games", "podcasts", "photo exhibitions",
           "citizen juries", "restorative circles", "outreach walks", "online chats", "radio programmes"]
SYLLABLES = ["va", "lo", "mir", "ten", "ca", "dor", "bel", "sa", "ri", "no", "ke", "than", "ul", "po", "ve",
             "gra", "sil", "ta", "mon", "ar", "le", "fi", "quo", "zen", "bra", "del", "ho", "ma", "ris", "tu"]


def _name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _progress(stream, label: str, done: int, total: int, started: float) -> None:
    if stream is None:
        return
    width = 30
    filled = int(width * done / total) if total else width
    rate = done / max(time.monotonic() - started, 1e-6)
    stream.write(f"\r{label:<9} [{'#' * filled}{'.' * (width - filled)}] {done:>9,}/{total:,} "
                 f"({rate:,.0f}/s)")
    if done >= total:
        stream.write("\n")
    stream.flush()


def _synthetic(rng: random.Random, i: int, organisations, project, now):
    subject, approach = SUBJECTS[min(int(rng.paretovariate(1.2)) - 1, len(SUBJECTS) - 1)] \
        if rng.random() < 0.5 else rng.choice(SUBJECTS)
    adjective, setting = rng.choice(ADJECTIVES), rng.choice(SETTINGS)
    programme = _name(rng, 3)  # a programme name: rare, almost unique
    district = _name(rng, 2)   # a district name: shared by a few dozen
    organisation = rng.choice(organisations)
    outcome, outcome2 = rng.sample(OUTCOMES, 2)
    methods = rng.sample(METHODS, 3)
    title = f"{programme}: {adjective} {subject} {setting}"
    summary = (f"A {adjective} programme of {subject} {setting} of the {district} district, run by "
               f"{organisation.name}, for local prevention of radicalisation, building {outcome} and {outcome2}.")
    description = (
        f"The {programme} programme started as a local prevention project of {organisation.name}. Practitioners "
        f"use {methods[0]}, {methods[1]} and {methods[2]} with participants {setting}. The approach focuses on "
        f"{outcome}; partners include schools, social services and associations of {district}. An evaluation "
        f"with aggregate indicators measured {outcome2} before and after the activities."
    )
    practice = Practice(
        slug=f"{SYNTHETIC_PREFIX}{i:07d}", title_en=title[:250], summary_en=summary, description_en=description,
        kind=rng.choice(Practice.Kind.values), approach=approach if rng.random() < 0.8 else rng.choice(Approach.values),
        scope=rng.choice(Practice.Scope.values), start_date=date(rng.randint(2008, 2024), rng.randint(1, 12), 1),
        project=project, organisation=organisation, country=organisation.country, language="en", languages=["en"],
        contact=f"prevention@{organisation.slug}.example", status=Practice.Status.PUBLISHED, published=now,
        visibility="public" if rng.random() < 0.9 else "partners", is_demo=True,
        search_text=f"{description} {organisation.name} {organisation.city}",
    )
    return practice


def generate_practices(n: int, *, seed: int = 2016, stream=sys.stderr, batch: int = 2000) -> int:
    """Replace the synthetic practices by ``n`` new ones (published, labelled demo), then index them all."""
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not secrets
    project = Project.objects.get(slug=PROJECT)
    organisations = list(Organisation.objects.filter(partnerships__project=project).order_by("slug"))
    topics = list(Topic.objects.order_by("position").values_list("pk", flat=True))
    audiences = Audience.values
    through = Practice.topics.through
    backend = search.backend_for(connection)
    now = timezone.now()
    with transaction.atomic():
        old = Practice.objects.filter(slug__startswith=SYNTHETIC_PREFIX)
        through.objects.filter(practice__in=old)._raw_delete(through.objects.db)
        PracticeAudience.objects.filter(practice__in=old)._raw_delete(PracticeAudience.objects.db)
        old._raw_delete(old.db)  # the index is rebuilt below
        started = time.monotonic()
        done = 0
        while done < n:
            size = min(batch, n - done)
            practices = [_synthetic(rng, done + k, organisations, project, now) for k in range(size)]
            chosen = []
            for practice in practices:
                chosen.append((rng.sample(topics, rng.randint(1, 3)), rng.sample(audiences, rng.randint(1, 3))))
                # what services.refresh_facet_keys would write (bulk_create sends no signal)
                practice.facet_keys = " ".join([*(f"t:{t}" for t in chosen[-1][0]), *(f"a:{a}" for a in chosen[-1][1])])
            practices = Practice.objects.bulk_create(practices)
            links, groups = [], []
            for practice, (practice_topics, practice_audiences) in zip(practices, chosen, strict=True):
                for topic in practice_topics:
                    links.append(through(practice_id=practice.pk, topic_id=topic))
                for audience in practice_audiences:
                    groups.append(PracticeAudience(practice_id=practice.pk, audience=audience))
            through.objects.bulk_create(links)
            PracticeAudience.objects.bulk_create(groups)
            done += size
            _progress(stream, "practices", done, n, started)
        if stream is not None:
            stream.write("indexing …")
            stream.flush()
        started = time.monotonic()
        backend.rebuild(search.PRACTICES)
        if stream is not None:
            stream.write(f" done in {time.monotonic() - started:.1f} s\n")
        transaction.on_commit(cache.bump)
    _vacuum([Practice._meta.db_table, through._meta.db_table, PracticeAudience._meta.db_table])
    return n


def _vacuum(tables: list[str]) -> None:
    """PostgreSQL, after a bulk load (outside a transaction): vacuum the rows ``rebuild`` replaced (until then the
    GIN index also points to them, and a search checks twice the rows) and analyze the new ones (the planner,
    which still thought the topic links a few hundred, joined 25,000 of them to filter a search by topic:
    150 ms). Autovacuum would come, but later."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"VACUUM (ANALYZE) {table}")
