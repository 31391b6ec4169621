"""Data-subject rights for reporting: values a person reported, reviewed or changed, narratives they edited.
The project's report relies on them: erasure keeps them, unattributed."""

from liaise.core.personal_data import eraser, exporter

from .models import Narrative, ReportedValue, ReportedValueChange


@exporter("reporting")
def export_reporting(user) -> dict:
    """Your work on the project's reports: the indicator values you entered, the changes you made to reported
    values (submitted, approved, returned), the narratives you last edited."""
    return {
        "reported_values_created": list(ReportedValue.objects.filter(created_by=user).values(
            "indicator__code", "period__number", "organisation__slug", "value", "status", "updated")),
        "reported_value_changes": list(ReportedValueChange.objects.filter(actor=user).values(
            "reported_value__indicator__code", "action", "status", "value", "comment", "at")),
        "narratives_edited": list(Narrative.objects.filter(updated_by=user).values(
            "work_package__number", "period__number", "status", "updated")),
    }


@eraser("reporting")
def erase_reporting(user) -> dict:
    """Keep the reported values, their history and the narratives, unattributed."""
    return {
        "reported_values": ReportedValue.objects.filter(created_by=user).update(created_by=None),
        "reported_value_changes": ReportedValueChange.objects.filter(actor=user).update(actor=None),
        "narratives": Narrative.objects.filter(updated_by=user).update(updated_by=None),
    }
