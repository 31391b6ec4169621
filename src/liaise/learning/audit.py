"""Trainings in the audit log (see ``liaise.core.audit``). A certificate's code (which proves it) is not logged.
Feedback is never audited: its answers are anonymous, and an entry naming who wrote one would undo that."""

from liaise.core import audit

from .models import Attendance, Certificate, Module, Training

audit.track(Module, project="project_id")
audit.track(Training, project="event__project_id", m2m=("modules",))
audit.track(Attendance, project="training__event__project_id", label=audit.PRIVATE)
audit.track(Certificate, project="training__event__project_id", personal=("name",),
            exclude=("code", "pdf", "pdf_requested"), label=audit.PRIVATE)
