from auditlog.models import AbstractLogEntry, LogEntryManager
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class ContentVersion(models.Model):
    """Counters that go up on content writes (``liaise.core.cache``): the row with an empty ``scope`` on every
    one — whole cached pages are keyed by it — and one row per content table, named by the table, on each write
    to that table — cached fragments keep the versions of the tables they were drawn from. Every server process
    sees an edit at once, whatever cache backend it uses."""

    scope = models.CharField(max_length=100, unique=True, default="")
    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "content version"

    def __str__(self):
        return f"content version {self.scope or 'of every page'}: {self.value}"


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


class AuditEntryManager(LogEntryManager):
    """django-auditlog's manager, made to respect our privacy rules (see ``liaise.core.audit``): each entry names
    its object without personal values and carries the id of the project it belongs to."""

    def log_create(self, instance, force_log: bool = False, **kwargs):
        from . import audit

        audit.scope(instance, kwargs)
        return super().log_create(instance, force_log=force_log, **kwargs)

    def log_m2m_changes(self, changed_queryset, instance, operation, field_name, **kwargs):
        from . import audit

        audit.scope(instance, kwargs)
        return super().log_m2m_changes(changed_queryset, instance, operation, field_name, **kwargs)


class AuditEntry(AbstractLogEntry):
    """One entry of the audit log (django-auditlog's log entry, ``AUDITLOG_LOGENTRY_MODEL``): who (``actor``,
    emptied when their account is deleted), when, what (the object's kind, id and a label without personal
    values) and the changed fields (personal values masked). ``project_id`` (a plain number, so an entry outlives
    its project until the retention job removes it) is what a coordinator's page filters on; no IP address and no
    copy of the actor's email are kept."""

    project_id = models.BigIntegerField(null=True, blank=True)
    # (record_action's details: dates and decimals welcome)
    additional_data = models.JSONField(blank=True, null=True, encoder=DjangoJSONEncoder)
    # Written on a person's behalf (in a request, or record_action with an actor): with no actor left, the entry
    # reads "a former member" rather than "the system".
    by_person = models.BooleanField(default=False)
    actor_email = None  # (auditlog copies the actor's email: we keep only the link, emptied with the account)
    remote_addr = None  # (no IP addresses: AUDITLOG_DISABLE_REMOTE_ADDR, and no column for one)
    remote_port = None

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        indexes = [
            # (the pages' order, newest first, read straight from an index: a project's, and the whole log's)
            models.Index(fields=["project_id", "-timestamp", "-id"], name="core_audit_project_time"),
            models.Index(fields=["-timestamp", "-id"], name="core_audit_time"),
        ]
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
