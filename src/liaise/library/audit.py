"""The practice library in the audit log (see ``liaise.core.audit``): a practice's contact is personal; the
search text and a resource's extracted text are derived, not audited."""

from liaise.core import audit

from .models import Practice, PracticeAudience, Resource


def _resource_project(resource):
    return resource.project_id or (resource.practice.project_id if resource.practice_id else None)


audit.track(Practice, project="project_id", personal=("contact",), exclude=("search_text", "updated"),
            m2m=("topics",))
audit.track(PracticeAudience, project="practice__project_id")
audit.track(Resource, project=_resource_project, exclude=("extracted_text", "extraction_note"))
