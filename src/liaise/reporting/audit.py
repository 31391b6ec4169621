"""The work plan, indicators and reported values in the audit log (see ``liaise.core.audit``). A reported
value's approval history (``ReportedValueChange``) is already a record of its own."""

from liaise.core import audit

from .models import (
    Deliverable,
    Indicator,
    Milestone,
    Narrative,
    ReportedValue,
    ReportingPeriod,
    Risk,
    RiskReview,
    Target,
    WorkPackage,
)

audit.track(ReportingPeriod, project="project_id")
audit.track(WorkPackage, project="project_id")
audit.track(Deliverable, project="work_package__project_id")
audit.track(Milestone, project="project_id")
audit.track(Risk, project="project_id", m2m=("work_packages",))
audit.track(RiskReview, project="risk__project_id", exclude=("updated",))
audit.track(Indicator, project="project_id")
audit.track(Target, project="indicator__project_id")
audit.track(ReportedValue, project="indicator__project_id", exclude=("updated",))
audit.track(Narrative, project="work_package__project_id", exclude=("updated",))
