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


class RateCount(models.Model):
    """Hits of one key in one window (``liaise.core.ratelimit``). The key is an HMAC of what is counted (an
    address, an account's email), never the thing itself; a row is deleted once its window is over."""

    key = models.CharField(max_length=80)
    window = models.DateTimeField()
    expires = models.DateTimeField(db_index=True)
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "rate count"
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="core_ratecount_once_per_window")]

    def __str__(self):
        return f"{self.hits} hits from {self.window:%H:%M}"
