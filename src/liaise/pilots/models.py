"""Pilot projects: a partner applies a training locally. Stages diagnosis → design → implementation →
evaluation → completed (or stopped, with a reason); a logic model; aggregate indicators with dated measurements;
milestones; an update journal; comments; and the pilot-ideas board of the exchange.

Do no harm: a pilot describes target *groups* (``TargetGroup``), never individuals; indicators hold aggregate
numbers only; every free-text field says so in its help text and the forms show a notice.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from liaise.learning.models import Training
from liaise.network.models import Organisation, Project, Topic, Visibility

NO_PERSONAL_DATA = _("Describe groups and aggregate figures only: never a name or anything that identifies a person.")


class TargetGroup(models.Model):
    """A group a pilot works with (young people, families…). Never an individual; never religion or ethnicity."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["position", "slug"]

    def __str__(self):
        return self.name


class Pilot(models.Model):
    class Status(models.TextChoices):
        DIAGNOSIS = "diagnosis", _("Diagnosis")
        DESIGN = "design", _("Design")
        IMPLEMENTATION = "implementation", _("Implementation")
        EVALUATION = "evaluation", _("Evaluation")
        COMPLETED = "completed", _("Completed")
        STOPPED = "stopped", _("Stopped")

    # The stages in order; completed and stopped are final.
    STAGES = [Status.DIAGNOSIS, Status.DESIGN, Status.IMPLEMENTATION, Status.EVALUATION, Status.COMPLETED]
    LOGIC_MODEL = ["inputs", "activities", "outputs", "outcomes", "impact"]

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="pilots", verbose_name=_("project"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="pilots",
                                     verbose_name=_("owning partner"))
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True, max_length=3000,
                               help_text=_("Markdown. A few sentences for the pilot list. ") + NO_PERSONAL_DATA)
    problem = models.TextField(_("problem statement"), max_length=6000,
                               help_text=_("Markdown. What local problem the pilot addresses, from the diagnosis. ")
                               + NO_PERSONAL_DATA)
    topics = models.ManyToManyField(Topic, related_name="pilots", verbose_name=_("topics"))
    target_groups = models.ManyToManyField(TargetGroup, related_name="pilots", verbose_name=_("target groups"))
    trainings = models.ManyToManyField(Training, blank=True, related_name="pilots",
                                       verbose_name=_("trainings applied"))
    agencies = models.JSONField(_("multi-agency partners"), default=list, blank=True,
                                help_text=_("Local agencies working on the pilot, e.g. schools, youth services, "
                                            "police: one per line."))
    budget = models.DecimalField(_("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    status = models.CharField(_("stage"), max_length=16, choices=Status.choices, default=Status.DIAGNOSIS,
                              db_index=True)
    stopped_reason = models.TextField(_("why it stopped"), blank=True, max_length=2000)
    inputs = models.JSONField(_("inputs"), default=list, blank=True)
    activities = models.JSONField(_("activities"), default=list, blank=True)
    outputs = models.JSONField(_("outputs"), default=list, blank=True)
    outcomes = models.JSONField(_("outcomes"), default=list, blank=True)
    impact = models.JSONField(_("impact"), default=list, blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True, max_length=6000,
                                       help_text=_("Markdown. What worked, what did not, what others should know. ")
                                       + NO_PERSONAL_DATA)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    visibility = models.CharField(_("visibility"), max_length=12, choices=Visibility.choices,
                                  default=Visibility.PARTNERS,
                                  help_text=_("Public: everybody once you publish it. Partners: people with a role "
                                              "in the project. Organisers: its coordinators and your organisation's "
                                              "coordinator."))
    is_demo = models.BooleanField(_("demo data"), default=False, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("last update"), auto_now=True)

    class Meta:
        verbose_name = _("pilot project")
        verbose_name_plural = _("pilot projects")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=~Q(status="stopped") | ~Q(stopped_reason=""),
                                   name="pilots_pilot_stopped_has_reason"),
            models.CheckConstraint(condition=Q(budget__isnull=True) | Q(budget__gte=0),
                                   name="pilots_pilot_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="pilots_pilot_end_after_start",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pilots:detail", kwargs={"slug": self.slug})

    @property
    def next_stage(self):
        if self.status not in self.STAGES or self.status == self.Status.COMPLETED:
            return None
        return self.STAGES[self.STAGES.index(self.status) + 1]

    @property
    def is_final(self) -> bool:
        return self.status in (self.Status.COMPLETED, self.Status.STOPPED)

    def stage_steps(self):
        """(value, label, state) for each stage: "done", "current" or "todo" — for the stage bar."""
        labels = dict(self.Status.choices)
        reached = self.STAGES.index(self.status) if self.status in self.STAGES else -1
        steps = []
        for i, stage in enumerate(self.STAGES):
            state = "done" if i < reached or self.status == self.Status.COMPLETED else (
                "current" if i == reached else "todo")
            steps.append((stage, labels[stage], state))
        return steps

    def logic_model(self):
        labels = {"inputs": _("Inputs"), "activities": _("Activities"), "outputs": _("Outputs"),
                  "outcomes": _("Outcomes"), "impact": _("Impact")}
        return [(name, labels[name], getattr(self, name) or []) for name in self.LOGIC_MODEL]


class Indicator(models.Model):
    """An aggregate indicator (e.g. "schools taking part", "% of trained staff confident to act")."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("pilot"))
    name = models.CharField(_("indicator"), max_length=200, help_text=NO_PERSONAL_DATA)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. schools, %, sessions"))
    baseline = models.DecimalField(_("baseline"), max_digits=12, decimal_places=2)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pilot", "position", "pk"]

    def __str__(self):
        return self.name


class Measurement(models.Model):
    """One dated aggregate value of an indicator."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements",
                                  verbose_name=_("indicator"))
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=NO_PERSONAL_DATA)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["indicator", "date"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "date"], name="pilots_measurement_one_per_date"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.date})"


class Milestone(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("pilot"))
    title = models.CharField(_("milestone"), max_length=200, help_text=NO_PERSONAL_DATA)
    due = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["pilot", "due", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_late(self) -> bool:
        return self.status in (self.Status.PLANNED, self.Status.IN_PROGRESS) and self.due < timezone.localdate()


class Update(models.Model):
    """An entry of the pilot's journal: a note, or a stage change recorded by the workflow."""

    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        STAGE = "stage", _("Stage change")

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="updates", verbose_name=_("pilot"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="pilot_updates", verbose_name=_("author"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.NOTE)
    stage = models.CharField(_("stage entered"), max_length=16, choices=Pilot.Status.choices, blank=True,
                             help_text=_("For a stage change: the stage the pilot entered (its history by date)."))
    text = models.TextField(_("update"), max_length=4000, help_text=_("Markdown. ") + NO_PERSONAL_DATA)
    created = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.pilot}: {self.created:%Y-%m-%d}"


class Idea(models.Model):
    """A pilot idea on the exchange board (the kick-off workshop's board): partners-only."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="pilot_ideas",
                                verbose_name=_("project"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="pilot_ideas",
                                     verbose_name=_("partner"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="pilot_ideas", verbose_name=_("author"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("idea"), max_length=4000, help_text=_("Markdown. ") + NO_PERSONAL_DATA)
    topics = models.ManyToManyField(Topic, blank=True, related_name="pilot_ideas", verbose_name=_("topics"))
    created = models.DateTimeField(_("posted"), default=timezone.now)

    class Meta:
        verbose_name = _("pilot idea")
        verbose_name_plural = _("pilot ideas")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("pilots:idea", kwargs={"pk": self.pk})


class Comment(models.Model):
    """A comment on a pilot (experts, coordinators) or on an idea (partners and experts)."""

    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, null=True, blank=True, related_name="comments",
                              verbose_name=_("pilot"))
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, null=True, blank=True, related_name="comments",
                             verbose_name=_("idea"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="pilot_comments", verbose_name=_("author"))
    text = models.TextField(_("comment"), max_length=3000, help_text=NO_PERSONAL_DATA)
    created = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(pilot__isnull=False) & Q(idea__isnull=True)) | (Q(pilot__isnull=True)
                                                                              & Q(idea__isnull=False)),
                name="pilots_comment_on_pilot_or_idea",
            ),
        ]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"
