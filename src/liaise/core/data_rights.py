"""Data-subject rights for what core holds about a person: the audit log's entries of what they did (the actor)."""

from .models import AuditEntry
from .personal_data import eraser, exporter


@exporter("core")
def export_core(user) -> dict:
    """The audit log's record of what you did on the network's records (created, changed, deleted, and actions
    such as downloading your data): when, what kind of record, and the action — never the values."""
    entries = AuditEntry.objects.filter(actor=user).select_related("content_type").order_by("timestamp")
    return {"audit_log": [{"when": entry.timestamp, "action": _action(entry), "object": entry.object_repr,
                           "kind": entry.content_type.model if entry.content_type_id else ""} for entry in entries]}


def _action(entry) -> str:
    if entry.action == AuditEntry.Action.ACCESS:
        return (entry.additional_data or {}).get("action", "")
    return str(entry.get_action_display())


@eraser("core")
def erase_core(user) -> dict:
    """The audit log keeps what was done, by "a former member": the link to the account is emptied."""
    return {"audit_entries": AuditEntry.objects.filter(actor=user).update(actor=None)}
