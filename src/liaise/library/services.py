"""Writes for the library, one function per use case, each in a transaction.

The workflow: a partner coordinator (or a project coordinator) drafts a practice for an organisation, submits it
for review; a project coordinator publishes it, marks it peer reviewed, or sends it back to draft with a
comment. Every save re-indexes the practice (``signals``), so the search index follows each step.
"""

import contextlib
import re

import nh3
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt

from liaise.core import authz
from liaise.core.archives import ArchiveError, BoundedArchive, xml_text
from liaise.core.errors import InvalidInput
from liaise.core.slugs import unique_slug
from liaise.core.tasks import background
from liaise.core.uploads import validate_upload

from . import queries, rules, search
from .models import Practice, PracticeAudience, Resource

_md = MarkdownIt("commonmark", {"html": False})
MAX_EXTRACTED = 500_000
MAX_PDF_PAGES = 300
# each decompressed PDF stream and the decoding work per stream, in bytes (pypdf's defaults: 75 MB and 300 MB)
PDF_LIMITS = {"zlib_maximum_output_length": 20_000_000, "lzw_maximum_output_length": 20_000_000,
              "run_length_maximum_output_length": 20_000_000, "image_maximum_buffer_size": 20_000_000,
              "stream_decoding_work_maximum_length": 60_000_000}


class LibraryError(InvalidInput):
    """A refused write, with a message for a person; ``field`` names the form field it is about."""


def plain_text(markdown: str) -> str:
    """Markdown as plain text (for the index and its snippets)."""
    text = nh3.clean(_md.render(markdown or ""), tags=set())
    text = text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    return re.sub(r"[\x00-\x08\x0b-\x1f]", " ", re.sub(r"\s+", " ", text)).strip()


def compose_search_text(practice: Practice, resource_texts: list[str] = ()) -> str:
    parts = []
    for base in ("description", "deliverables", "evidence", "sustainability"):
        if base == "description":
            for code in ("en", "fr", "es", "de", "it"):
                parts.append(plain_text(getattr(practice, f"description_{code}", "") or ""))
        else:
            parts.append(plain_text(getattr(practice, base)))
    organisation = practice.organisation
    parts += [organisation.name, organisation.short_name, organisation.city]
    parts += list(resource_texts)
    return " ".join(p for p in parts if p)[:MAX_EXTRACTED]


def refresh_search_text(practice: Practice) -> None:
    """Recompute what the index reads beyond title and summary, and save it (which re-indexes)."""
    texts = []
    for title, text in practice.resources.values_list("title", "extracted_text"):
        texts += [title, text]
    practice.search_text = compose_search_text(practice, texts)
    Practice.objects.filter(pk=practice.pk).update(search_text=practice.search_text)
    search.backend_for(connection).sync(search.PRACTICES, [practice.pk])


def refresh_facet_keys(ids=None) -> None:
    """Recompute ``Practice.facet_keys`` (its topics and audiences as "t:3 t:7 a:youth") of the practices ``ids``
    (every practice when None) from their links: one UPDATE, which sends no signal. Called by the signals on every
    change of a practice's topic or audience links, and by the writes that bypass them (bulk creations)."""
    table, through = Practice._meta.db_table, Practice.topics.through._meta.db_table
    audiences = PracticeAudience._meta.db_table
    agg = "string_agg" if connection.vendor == "postgresql" else "group_concat"
    # Table names from the models, the ids as a parameter.
    topics = (f"(SELECT {agg}('t:' || CAST(l.topic_id AS TEXT), ' ') FROM {through} l "  # noqa: S608
              f"WHERE l.practice_id = {table}.id)")
    groups = f"(SELECT {agg}('a:' || g.audience, ' ') FROM {audiences} g WHERE g.practice_id = {table}.id)"  # noqa: S608
    sql = f"UPDATE {table} SET facet_keys = TRIM(COALESCE({topics}, '') || ' ' || COALESCE({groups}, ''))"  # noqa: S608
    params = []
    if ids is not None:
        ids = sorted({int(i) for i in ids})
        if not ids:
            return
        condition, params = search.backend_for(connection).ids_condition("id", ids)
        sql += f" WHERE {condition}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _unique_slug(title: str, exclude_pk=None) -> str:
    return unique_slug(Practice.objects.all(), title, "practice", reserved={"new"}, exclude_pk=exclude_pk)


def _editable(user, practice: Practice) -> bool:
    return authz.allows(user, rules.edit_practice, practice)


def _reviewable(user, practice: Practice) -> bool:
    return authz.allows(user, rules.review_practice, practice)


def _full_clean(obj, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise LibraryError(" ".join(messages), field if field != "__all__" else None) from None


@transaction.atomic
def save_practice(user, data: dict, *, practice: Practice | None = None, topics=(), audiences=()) -> Practice:
    """Create (``practice`` None) or update a practice. ``data`` holds the model's fields (project and
    organisation as objects). A partner coordinator writes drafts only; a coordinator may edit any state."""
    creating = practice is None
    project, organisation = data.get("project"), data.get("organisation")
    if creating or project is not None:
        pairs = {(p.pk, o.pk) for p, o in queries.creatable_pairs(user)}
        if (getattr(project, "pk", None), getattr(organisation, "pk", None)) not in pairs:
            raise LibraryError(_("You cannot write practices for this organisation in this project."),
                               "organisation")
    if creating:
        practice = Practice(created_by=user if user.is_authenticated else None)
    else:
        if not _editable(user, practice):
            raise LibraryError(_("You cannot edit this practice."))
        if practice.status != Practice.Status.DRAFT and not _reviewable(user, practice):
            raise LibraryError(_("This practice is in review or published: only a project coordinator can change "
                                 "it now, or send it back to draft."))
    for name, value in data.items():
        setattr(practice, name, value)
    if not practice.country and practice.organisation_id:
        practice.country = practice.organisation.country
    if creating or not practice.slug:
        practice.slug = _unique_slug(practice.title_en or practice.title)
    _full_clean(practice, exclude=["search_text"])
    practice.save()
    practice.topics.set(topics)
    wanted = set(audiences)
    practice.audiences.exclude(audience__in=wanted).delete()
    existing = set(practice.audiences.values_list("audience", flat=True))
    PracticeAudience.objects.bulk_create(
        [PracticeAudience(practice=practice, audience=a) for a in sorted(wanted - existing)]
    )
    refresh_facet_keys([practice.pk])  # bulk_create sends no signal
    refresh_search_text(practice)
    return practice


def _set_status(practice: Practice, status: str, **fields) -> Practice:
    practice.status = status
    for name, value in fields.items():
        setattr(practice, name, value)
    practice.save()
    return practice


@transaction.atomic
def submit(user, practice: Practice) -> Practice:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not _editable(user, practice):
        raise LibraryError(_("You cannot submit this practice."))
    if practice.status != Practice.Status.DRAFT:
        raise LibraryError(_("Only a draft can be submitted for review."))
    return _set_status(practice, Practice.Status.IN_REVIEW)


@transaction.atomic
def publish(user, practice: Practice) -> Practice:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not _reviewable(user, practice):
        raise LibraryError(_("Only a coordinator of the project can publish this practice."))
    if practice.status == Practice.Status.PUBLISHED:
        raise LibraryError(_("This practice is already published."))
    return _set_status(practice, Practice.Status.PUBLISHED, published=practice.published or timezone.now(),
                       review_comment="")


@transaction.atomic
def send_back(user, practice: Practice, comment: str) -> Practice:
    """Back to draft (from review, or unpublishing), with a comment the editors see."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not _reviewable(user, practice):
        raise LibraryError(_("Only a coordinator of the project can send this practice back."))
    comment = (comment or "").strip()
    if not comment:
        raise LibraryError(_("Tell the editors what to change: the comment is required."), "comment")
    if practice.status == Practice.Status.DRAFT:
        raise LibraryError(_("This practice is already a draft."))
    return _set_status(practice, Practice.Status.DRAFT, review_comment=comment[:2000], peer_reviewed=False,
                       published=None)


@transaction.atomic
def set_peer_reviewed(user, practice: Practice, value: bool) -> Practice:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not _reviewable(user, practice):
        raise LibraryError(_("Only a coordinator of the project can label this practice."))
    if value and practice.status != Practice.Status.PUBLISHED:
        raise LibraryError(_("Only a published practice can be labelled peer reviewed."))
    practice.peer_reviewed = value
    practice.save(update_fields=["peer_reviewed", "updated"])
    return practice


@transaction.atomic
def delete_practice(user, practice: Practice) -> None:
    if not (_reviewable(user, practice) or (_editable(user, practice) and practice.status == Practice.Status.DRAFT)):
        raise LibraryError(_("You cannot delete this practice."))
    practice.delete()


# -- resources --------------------------------------------------------------------------------------------------


def _pdf_text(upload) -> str:
    import pypdf
    from pypdf import PdfReader

    # pypdf bounds each decompressed stream (75 MB by default); a tighter bound where the version allows it
    limits = getattr(pypdf, "apply_configuration", None)
    known = {k: v for k, v in PDF_LIMITS.items() if hasattr(getattr(pypdf, "Configuration", None), k)}
    bounded = limits(**known) if limits is not None else contextlib.nullcontext()
    with bounded:
        reader = PdfReader(upload)
        if reader.is_encrypted:
            reader.decrypt("")
        pages, size = [], 0
        for number, page in enumerate(reader.pages):
            if number >= MAX_PDF_PAGES or size > MAX_EXTRACTED:
                break
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
        return " ".join(pages)


def _archive_text(upload) -> str:
    """The text of a DOCX/PPTX/ODT: its main XML parts, read in bounded chunks and parsed with defusedxml."""
    with BoundedArchive(upload) as archive:
        names = [n for n in archive.names()
                 if n in ("word/document.xml", "content.xml") or re.match(r"ppt/slides/slide\d+\.xml$", n)]
        texts, size = [], 0
        for name in names:
            if size > MAX_EXTRACTED:
                break
            texts.append(xml_text(archive.chunks(name), MAX_EXTRACTED - size + 1))
            size += len(texts[-1]) + 1
        return " ".join(texts)


def extract_text(upload, content_type: str) -> tuple[str, str]:
    """(text, note): the text of a PDF (pypdf) or of a DOCX/PPTX/ODT (its XML), for the search. A file whose text
    cannot be read gives a note for its editors, never an error: the file is still worth keeping. Reading is
    bounded (pages, expanded bytes, characters kept); an archive bomb or an XML entity bomb gives a note."""
    upload.seek(0)
    try:
        if content_type == "application/pdf":
            text = _pdf_text(upload)
        elif content_type.startswith("application/vnd."):
            text = _archive_text(upload)
        else:
            return "", ""
    except ArchiveError as exc:
        return "", _("The text of this file was not read: %(reason)s") % {"reason": exc}
    except Exception:
        return "", _("The text of this file could not be read, so only its title and description are searchable.")
    finally:
        upload.seek(0)
    text = re.sub(r"\s+", " ", re.sub(r"[\x00-\x08\x0b-\x1f]", " ", text)).strip()[:MAX_EXTRACTED]
    if not text:
        return "", _("No text was found in this file (a scanned document?): only its title and description are "
                     "searchable.")
    return text, ""


def _can_add_resource(user, practice: Practice | None, project) -> bool:
    if practice is not None:
        return _editable(user, practice)
    return queries.coordinated_projects(user).filter(pk=getattr(project, "pk", None)).exists()


@transaction.atomic
def add_resource(user, data: dict, upload, *, practice: Practice | None = None) -> Resource:
    """Check the file by its content and store it under a server-made name; the worker then reads its text for
    the search (:func:`extract_resource_text`, queued in this transaction): an upload never waits for it."""
    project = practice.project if practice is not None else data.get("project")
    if not _can_add_resource(user, practice, project):
        raise LibraryError(_("You cannot add a resource here."))
    try:
        content_type = validate_upload(upload)
    except ValidationError as exc:
        raise LibraryError(" ".join(exc.messages), "file") from None
    resource = Resource(practice=practice, project=project, content_type=content_type, size=upload.size,
                        uploaded_by=user if user.is_authenticated else None)
    for name, value in data.items():
        if name != "project":
            setattr(resource, name, value)
    _full_clean(resource, exclude=["file", "extracted_text"])
    resource.file.save("upload", upload, save=False)
    resource.save()
    extract_resource_text.enqueue(resource.pk)
    return resource


@background(retries=3)
def extract_resource_text(resource_id: int) -> int:
    """Read the stored file's text into the resource (and its practice's search text); idempotent: it reads the
    file again each time. Returns the number of characters found."""
    resource = Resource.objects.select_related("practice").filter(pk=resource_id).first()
    if resource is None:
        return 0  # deleted meanwhile
    with resource.file.open("rb") as upload:
        text, note = extract_text(upload, resource.content_type)
    with transaction.atomic():
        resource.extracted_text, resource.extraction_note = text, note
        resource.save(update_fields=["extracted_text", "extraction_note"])  # re-indexes the resource
        if resource.practice is not None:
            refresh_search_text(resource.practice)
    return len(text)


@transaction.atomic
def delete_resource(user, resource: Resource) -> None:
    if not _can_add_resource(user, resource.practice, resource.project):
        raise LibraryError(_("You cannot delete this resource."))
    practice = resource.practice
    resource.delete()
    if practice is not None:
        refresh_search_text(practice)


# --- "publish as practice": a completed pilot becomes a practice draft ---------------------------------------

# What the pilot's target groups become among the library's audiences, and which approach its groups suggest.
GROUP_AUDIENCES = {
    "young-people": "youth", "pupils": "youth", "families": "families", "school-staff": "educators",
    "frontline-practitioners": "first_line", "youth-workers": "health_social", "local-officials": "first_line",
    "community": "community_orgs", "online-audiences": "online",
}
GROUP_APPROACHES = [("families", "family"), ("online-audiences", "narratives"), ("prison-probation", "prison"),
                    ("school-staff", "education"), ("pupils", "education"), ("frontline-practitioners", "training")]


def _number(value) -> str:
    return "—" if value is None else f"{float(value):g}"  # 30, 12.5 (a Decimal keeps its "30.00")


def pilot_practice_fields(pilot) -> tuple[dict, list, list[str]]:
    """What a practice made from ``pilot`` holds: (fields, topics, audiences), from ``practice_source``."""
    from liaise.pilots.models import Pilot
    from liaise.pilots.queries import practice_source

    source = practice_source(pilot)
    groups = {g.slug for g in source["target_groups"]}
    approach = next((a for group, a in GROUP_APPROACHES if group in groups), "community")
    model = source["logic_model"]
    lines = [f"## {_('The problem')}", "", source["problem"] or "", "", f"## {_('Logic model')}", ""]
    for name, items in model.items():
        if items:
            lines.append(f"- **{Pilot._meta.get_field(name).verbose_name.capitalize()}**: " + "; ".join(items))
    if source["trainings"]:
        lines += ["", f"## {_('Trainings applied')}", ""]
        lines += [f"- {t.event.title}" for t in source["trainings"]]
    evidence = [f"| {_('Indicator')} | {_('Baseline')} | {_('Target')} | {_('First measured')} | "
                f"{_('Last measured')} |", "|---|---|---|---|---|"]
    evidence += [f"| {i['name']} ({i['unit']}) | {_number(i['baseline'])} | {_number(i['target'])} | "
                 f"{_number(i['first'])} | {_number(i['last'])} |" for i in source["evaluation"]]
    fields = {
        "project": source["project"], "organisation": source["organisation"],
        "title": source["title"][:250], "summary": (source["summary"] or source["title"])[:1500],
        "description": "\n".join(lines).strip(), "kind": Practice.Kind.PILOT, "approach": approach,
        "deliverables": "\n".join(f"- {item}" for item in model.get("outputs", [])),
        "evidence": "\n".join(evidence) if source["evaluation"] else "",
        "sustainability": source["lessons_learned"] or "", "start_date": pilot.start,
        "language": "en", "visibility": pilot.visibility,
    }
    audiences = sorted({GROUP_AUDIENCES[g] for g in groups if g in GROUP_AUDIENCES})
    return fields, source["topics"], audiences


def practice_from_pilot(user, pilot) -> Practice:
    """A practice draft made from a completed pilot (its editors only), recording the pilot as its origin; the
    same practice again if one was already made. The draft then follows the library's review."""
    from liaise.pilots.models import Pilot
    from liaise.pilots.rules import edit_pilot

    if not authz.allows(user, edit_pilot, pilot):
        raise LibraryError(_("Only the pilot's editors can publish it as a practice."))
    existing = Practice.objects.filter(origin_pilot=pilot).first()
    if existing is not None:
        return existing
    if pilot.status != Pilot.Status.COMPLETED:
        raise LibraryError(_("Only a completed pilot can become a practice: finish its evaluation first."))
    fields, topics, audiences = pilot_practice_fields(pilot)
    with transaction.atomic():
        practice = save_practice(user, fields, topics=topics, audiences=audiences)
        practice.origin_pilot = pilot
        practice.save(update_fields=["origin_pilot"])
    return practice
