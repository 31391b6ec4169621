"""News and newsletters in the audit log (see ``liaise.core.audit``). Subscribers, their consents, deliveries and
feed keys are not audited: they are people's addresses and the mailing's own bookkeeping."""

from liaise.core import audit

from .models import NewsletterIssue, Post

audit.track(Post, project="project_id", exclude=("updated",), m2m=("topics",))
audit.track(NewsletterIssue, project="project_id", exclude=("started_at", "finished_at"))
