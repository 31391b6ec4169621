"""Organisations, public contacts, projects, partnerships, memberships and project roles, topics.

Do no harm: a Person is a *public contact* (name, public title, organisation) and nothing else; the topic
taxonomy describes fields of prevention work and never tags religion or ethnicity.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField


class Visibility(models.TextChoices):
    """One protection concept for every object (Indico's idea), inherited downward."""

    PUBLIC = "public", _("Public")
    PARTNERS = "partners", _("Partners")
    ORGANISERS = "organisers", _("Organisers")


class Topic(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CITY = "city", _("City")
        REGION = "region", _("Region")
        NATIONAL_FORUM = "national_forum", _("National forum")
        NGO = "ngo", _("NGO")
        NETWORK = "network", _("Network")
        RESEARCH = "research", _("Research")
        PUBLIC_AGENCY = "public_agency", _("Public agency")
        OTHER = "other", _("Other")

    LOCAL_AUTHORITY_KINDS = (Kind.CITY, Kind.REGION)

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True, help_text=_("e.g. Efus, CEP"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    country = CountryField(_("country"), db_index=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    updated = models.DateTimeField(_("last update"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (Q(latitude__isnull=False) & Q(longitude__isnull=False)),
                name="network_organisation_coordinates_both_or_neither",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | (Q(latitude__gte=-90) & Q(latitude__lte=90)),
                name="network_organisation_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | (Q(longitude__gte=-180) & Q(longitude__lte=180)),
                name="network_organisation_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("network:organisation", kwargs={"slug": self.slug})

    @property
    def is_local_authority(self) -> bool:
        return self.kind in self.LOCAL_AUTHORITY_KINDS


class Person(models.Model):
    """A public contact: a speaker, a trainer, a named official. Nothing private is stored."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=150)
    title = models.CharField(_("public title"), max_length=250, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="people",
        verbose_name=_("organisation"),
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["slug"]

    def __str__(self):
        return self.name


class Project(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40)
    name = models.CharField(_("name"), max_length=250)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    grant_number = models.CharField(_("grant agreement number"), max_length=60, blank=True)
    eu_funded = models.BooleanField(
        _("funded by the European Union"), default=False,
        help_text=_("Shows the EU emblem, the funding statement and the disclaimer on its pages and reports."))
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    predecessor = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="successors",
        verbose_name=_("predecessor project"),
    )
    website = models.URLField(_("website"), blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    topics = models.ManyToManyField(Topic, blank=True, related_name="projects", verbose_name=_("topics"))
    target_conferences = models.PositiveSmallIntegerField(_("conferences planned"), null=True, blank=True)
    target_trainings = models.PositiveSmallIntegerField(_("trainings planned"), null=True, blank=True)
    target_pilots = models.PositiveSmallIntegerField(_("pilot projects planned"), null=True, blank=True)
    target_participants = models.PositiveIntegerField(_("participants planned"), null=True, blank=True)
    organisations = models.ManyToManyField(
        Organisation, through="Partnership", related_name="projects", verbose_name=_("partners")
    )
    updated = models.DateTimeField(_("last update"), auto_now=True)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start", "acronym"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="network_project_end_after_start"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("id")), name="network_project_not_its_own_predecessor"
            ),
        ]

    def __str__(self):
        return self.acronym

    def get_absolute_url(self):
        return reverse("network:project", kwargs={"slug": self.slug})

    @property
    def duration_months(self) -> int:
        months = (self.end.year - self.start.year) * 12 + (self.end.month - self.start.month)
        return months + (1 if self.end.day >= self.start.day - 1 else 0)


class Partnership(models.Model):
    """An organisation's part in a project. The lead is the partnership with role ``lead`` (one per project)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead partner")
        FULL = "full", _("Full partner")
        ASSOCIATE = "associate", _("Associate partner")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="partnerships",
                                verbose_name=_("project"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="partnerships",
                                     verbose_name=_("organisation"))
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.FULL)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["project", "organisation__slug"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organisation"], name="network_partnership_unique"),
            models.UniqueConstraint(
                fields=["project"], condition=Q(role="lead"), name="network_partnership_one_lead_per_project"
            ),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.project} ({self.get_role_display()})"


class Membership(models.Model):
    """A user works for an organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
                             verbose_name=_("user"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships",
                                     verbose_name=_("organisation"))
    position = models.CharField(_("position"), max_length=150, blank=True)
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__slug"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="network_membership_unique"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation}"


class ProjectRole(models.Model):
    """What a user does in a project. Partner roles speak for one partner organisation."""

    class Role(models.TextChoices):
        PROJECT_COORDINATOR = "project_coordinator", _("Project coordinator")
        PARTNER_COORDINATOR = "partner_coordinator", _("Partner coordinator")
        PARTNER_MEMBER = "partner_member", _("Partner member")
        EXPERT = "expert", _("Expert / trainer")

    PARTNER_ROLES = (Role.PARTNER_COORDINATOR, Role.PARTNER_MEMBER)

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="roles",
                                verbose_name=_("project"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_roles",
                             verbose_name=_("user"))
    role = models.CharField(_("role"), max_length=24, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="project_roles",
        verbose_name=_("on behalf of"), help_text=_("Required for partner coordinators and partner members."),
    )

    class Meta:
        verbose_name = _("project role")
        verbose_name_plural = _("project roles")
        ordering = ["project", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="network_projectrole_one_per_project"),
            models.CheckConstraint(
                condition=~Q(role__in=["partner_coordinator", "partner_member"]) | Q(organisation__isnull=False),
                name="network_projectrole_partner_roles_need_organisation",
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} ({self.project})"

    def clean(self):
        """Partner roles speak for a partner organisation of the project that the user belongs to."""
        super().clean()
        if self.role not in self.PARTNER_ROLES or not self.project_id:
            return
        if self.organisation_id is None:
            raise ValidationError(
                {"organisation": _("A partner coordinator or member speaks for a partner organisation: choose one.")}
            )
        if not Partnership.objects.filter(project_id=self.project_id, organisation_id=self.organisation_id).exists():
            raise ValidationError({"organisation": _("This organisation is not a partner of the project.")})
        if self.user_id and not Membership.objects.filter(
            user_id=self.user_id, organisation_id=self.organisation_id
        ).exists():
            raise ValidationError({"user": _("This person is not a member of the organisation.")})


class Invitation(models.Model):
    """An invitation by email to join an organisation with a role in a project. Only the token's hash is stored;
    the raw token travels in the link of the email alone."""

    email = models.EmailField(_("email address"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="invitations",
                                     verbose_name=_("organisation"))
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="invitations",
                                verbose_name=_("project"))
    role = models.CharField(_("role"), max_length=24, choices=ProjectRole.Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="invitations_sent", verbose_name=_("invited by"))
    created = models.DateTimeField(_("created"), auto_now_add=True)
    expires = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    accepted_user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="invitations_accepted", verbose_name=_("accepted by"))

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]

    def __str__(self):
        return f"{self.email} → {self.organisation} ({self.project})"

    @property
    def state(self) -> str:
        """pending, accepted, revoked or expired."""
        from django.utils import timezone

        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires <= timezone.now():
            return "expired"
        return "pending"


class RoleChange(models.Model):
    """A record of a role given, changed or removed in a project (an empty role: none)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="role_changes",
                                verbose_name=_("project"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             related_name="role_changes", verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="role_changes", verbose_name=_("organisation"))
    old_role = models.CharField(_("old role"), max_length=24, choices=ProjectRole.Role.choices, blank=True)
    new_role = models.CharField(_("new role"), max_length=24, choices=ProjectRole.Role.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="role_changes_made", verbose_name=_("by"))
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user}: {self.old_role or '—'} → {self.new_role or '—'} ({self.project})"
