"""The practice library: practices (the records practitioners know from the RAN Collection) and resources
(publications, presentations, local strategies, counter-narrative material), attached to a practice or standing
alone.

A practice belongs to a project (whose roles decide who reaches a partners-only record) and to the organisation
that runs it. Its status goes draft → in review → published; "peer reviewed" is a label a project coordinator
adds to a published practice. Only published practices are in the search index (``liaise.library.search``).
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from liaise.events.models import VISIBILITY_RANK, Session
from liaise.network.models import Organisation, Project, Topic, Visibility

CONTENT_LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("de", "Deutsch"),
                     ("it", "Italiano")]


class Approach(models.TextChoices):
    """The RAN Collection's approaches."""

    TRAINING = "training", _("Training for first-line practitioners")
    EXIT = "exit", _("Exit strategies")
    PRISON = "prison", _("Prison and probation")
    EDUCATION = "education", _("Educating young people")
    FAMILY = "family", _("Family support")
    COMMUNITY = "community", _("Community engagement and empowerment")
    NARRATIVES = "narratives", _("Delivering alternative narratives")
    MULTI_AGENCY = "multi_agency", _("Multi-agency approach")


class Audience(models.TextChoices):
    FIRST_LINE = "first_line", _("First-line practitioners")
    YOUTH = "youth", _("Youth")
    FAMILIES = "families", _("Families")
    FORMERS = "formers", _("Formers")
    PRISON_STAFF = "prison_staff", _("Prison and probation staff")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    EDUCATORS = "educators", _("Educators")
    HEALTH_SOCIAL = "health_social", _("Health and social workers")
    COMMUNITY_ORGS = "community_orgs", _("Community organisations")
    VICTIMS = "victims", _("Victims")
    GENERAL_PUBLIC = "general_public", _("General public")
    ONLINE = "online", _("Online communities")


class Practice(models.Model):
    class Kind(models.TextChoices):
        """What kind of practice the record describes (the "kind" facet)."""

        PROGRAMME = "programme", _("Local programme or intervention")
        STRATEGY = "strategy", _("Local plan or strategy")
        CAMPAIGN = "campaign", _("Counter-narrative campaign")
        TRAINING = "training", _("Training programme")
        PILOT = "pilot", _("Pilot project result")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        PUBLISHED = "published", _("Published")

    class Scope(models.TextChoices):
        LOCAL = "local", _("Local")
        REGIONAL = "regional", _("Regional")
        NATIONAL = "national", _("National")
        INTERNATIONAL = "international", _("International")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"), max_length=1500, help_text=_("Two or three sentences."))
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PROGRAMME, db_index=True)
    approach = models.CharField(_("approach"), max_length=16, choices=Approach.choices, db_index=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="practices", verbose_name=_("topics"))
    deliverables = models.TextField(_("deliverables"), blank=True, help_text=_("Markdown."))
    evidence = models.TextField(_("evidence and evaluation"), blank=True, help_text=_("Markdown."))
    sustainability = models.TextField(_("sustainability and transferability"), blank=True,
                                      help_text=_("Markdown."))
    scope = models.CharField(_("geographical scope"), max_length=14, choices=Scope.choices, default=Scope.LOCAL)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="practices",
                                verbose_name=_("project"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="practices",
                                     verbose_name=_("organisation"))
    country = CountryField(_("country"), db_index=True)
    contact = models.EmailField(_("contact"), blank=True,
                                help_text=_("A functional mailbox (e.g. prevention@city.example) outlives staff "
                                            "changes: prefer it to a person's address."))
    language = models.CharField(_("main language"), max_length=2, choices=CONTENT_LANGUAGES, default="en",
                                help_text=_("The language the record is written in (used by the search)."))
    languages = models.JSONField(_("languages of the practice"), default=list, blank=True,
                                 help_text=_("Language codes, e.g. [\"fr\", \"en\"]."))
    # Where the practice came from: the pilot it grew from (and through it the trainings the pilot applied), and
    # the session where it was presented.
    origin_pilot = models.ForeignKey(
        "pilots.Pilot", on_delete=models.SET_NULL, null=True, blank=True, related_name="practices",
        verbose_name=_("grew from the pilot"),
    )
    origin_session = models.ForeignKey(
        Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="practices",
        verbose_name=_("presented at session"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    peer_reviewed = models.BooleanField(_("peer reviewed"), default=False)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices,
                                  default=Visibility.PUBLIC)
    is_demo = models.BooleanField(_("demo record"), default=False,
                                  help_text=_("Fictitious practice of the demo data set."))
    # Plain text of what the search indexes beyond title and summary (description, deliverables, evidence,
    # sustainability, organisation, attached resources' text); kept by services.refresh_search_text.
    search_text = models.TextField(editable=False, blank=True)
    # The practice's topics and target audiences in one string ("t:3 t:7 a:youth"): the search reads it with the
    # row it checks anyway and counts its facets from it, without a read of the links per match
    # (``queries.facets``); kept by ``services.refresh_facet_keys``, on every change of the links.
    facet_keys = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    published = models.DateTimeField(_("published"), null=True, blank=True)
    updated = models.DateTimeField(_("last update"), auto_now=True)

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-updated", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(peer_reviewed=False) | Q(status="published"),
                name="library_practice_peer_reviewed_only_published",
            ),
            models.CheckConstraint(
                condition=Q(published__isnull=False) | ~Q(status="published"),
                name="library_practice_published_has_date",
            ),
        ]
        # Nearly every practice is published: an index on the status only helps to find the others (drafts, the
        # review queue). On PostgreSQL a full one also lured the planner away from the search's GIN index.
        indexes = [models.Index(fields=["status"], condition=~Q(status="published"),
                                name="library_practice_unpublished")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:practice", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def audience_codes(self) -> list[str]:
        rows = getattr(self, "audience_rows", None)
        if rows is None:
            rows = list(self.audiences.all())
        return [r.audience for r in rows]

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels.get(code, code)) for code in self.audience_codes()]

    def clean(self):
        super().clean()
        from django.conf import global_settings

        known = dict(global_settings.LANGUAGES)
        if not isinstance(self.languages, list) or any(c not in known for c in self.languages):
            raise ValidationError({"languages": _("Use language codes such as en, fr, de.")})


class PracticeAudience(models.Model):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="audiences")
    audience = models.CharField(_("target audience"), max_length=16, choices=Audience.choices, db_index=True)

    class Meta:
        verbose_name = _("target audience")
        verbose_name_plural = _("target audiences")
        constraints = [
            models.UniqueConstraint(fields=["practice", "audience"], name="library_practiceaudience_unique"),
        ]

    def __str__(self):
        return self.get_audience_display()


def resource_path(instance, filename):
    """A name made by the server, with the extension of the checked content (never the uploader's)."""
    from liaise.core.uploads import ACCEPTED

    return f"library/{uuid.uuid4().hex}{ACCEPTED.get(instance.content_type, '.bin')}"


class Resource(models.Model):
    class Kind(models.TextChoices):
        PUBLICATION = "publication", _("Publication")
        PRESENTATION = "presentation", _("Presentation")
        STRATEGY = "strategy", _("Local strategy")
        COUNTER_NARRATIVE = "counter_narrative", _("Counter-narrative material")
        TRAINING = "training", _("Training material")
        OTHER = "other", _("Other")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="resources", verbose_name=_("practice"),
                                 help_text=_("Empty: a resource standing alone."))
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="resources",
                                verbose_name=_("project"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PUBLICATION)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    file = models.FileField(_("file"), upload_to=resource_path, max_length=200)
    content_type = models.CharField(max_length=100, editable=False, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    extracted_text = models.TextField(editable=False, blank=True)
    extraction_note = models.CharField(_("note on the file's text"), max_length=300, blank=True, editable=False)
    language = models.CharField(_("language"), max_length=2, choices=CONTENT_LANGUAGES, default="en")
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices,
                                  default=Visibility.PUBLIC,
                                  help_text=_("A resource of a practice is never wider than its practice."))
    is_demo = models.BooleanField(_("demo record"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-uploaded", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:resource_download", kwargs={"pk": self.pk})

    def effective_visibility(self) -> str:
        """The narrower of its own and its practice's visibility."""
        if self.practice_id is None:
            return self.visibility
        return max(self.visibility, self.practice.visibility, key=lambda v: VISIBILITY_RANK[v])

    def download_name(self) -> str:
        from django.utils.text import slugify

        from liaise.core.uploads import ACCEPTED

        return f"{slugify(self.title)[:60] or 'resource'}{ACCEPTED.get(self.content_type, '')}"
