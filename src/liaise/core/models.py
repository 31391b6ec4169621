from django.db import models


class ContentVersion(models.Model):
    """One row whose counter goes up on every content write; cached pages are keyed by it, so every server
    process sees an edit at once, whatever cache backend it uses."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.value}"


class ScheduledRun(models.Model):
    """One run of a scheduled job (``liaise.core.schedule``) for one slot: the unique pair (job, slot) is how a
    worker claims it, so two workers never run the same daily job twice for the same day."""

    job = models.CharField(max_length=100)
    slot = models.DateTimeField()
    claimed = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "scheduled run"
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="core_scheduled_run_once_per_slot")]

    def __str__(self):
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"
