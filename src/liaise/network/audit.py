"""The network's models in the audit log (see ``liaise.core.audit``): a role granted, changed or removed is a
project role created, changed or deleted."""

from django.utils.translation import gettext_lazy as _

from liaise.core import audit

from .models import Invitation, Membership, Organisation, Partnership, Person, Project, ProjectRole, Topic

audit.track(Topic)
audit.track(Organisation, exclude=("updated",))
audit.track(Person, personal=("name", "title"), label=audit.PRIVATE)
audit.track(Project, project="id", exclude=("updated",), m2m=("topics",))
audit.track(Partnership, project="project_id")
audit.track(Membership, personal=("position",), label=audit.PRIVATE)
audit.track(ProjectRole, project="project_id", label=audit.PRIVATE,
            verbs={0: _("role granted"), 1: _("role changed"), 2: _("role removed")})
audit.track(Invitation, project="project_id", exclude=("token_hash",), label=audit.PRIVATE)
