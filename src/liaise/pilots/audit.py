"""Pilots and the ideas exchange in the audit log (see ``liaise.core.audit``). Comments and journal entries are
recorded without their text."""

from liaise.core import audit

from .models import Comment, Idea, Indicator, Measurement, Milestone, Pilot, TargetGroup, Update


def _comment_project(comment):
    return comment.pilot.project_id if comment.pilot_id else comment.idea.project_id if comment.idea_id else None


audit.track(TargetGroup)
audit.track(Pilot, project="project_id", exclude=("updated",), m2m=("topics", "target_groups", "trainings"))
audit.track(Indicator, project="pilot__project_id")
audit.track(Measurement, project="indicator__pilot__project_id")
audit.track(Milestone, project="pilot__project_id")
audit.track(Update, project="pilot__project_id", personal=("text",))
audit.track(Idea, project="project_id", m2m=("topics",))
audit.track(Comment, project=_comment_project, personal=("text",), label=audit.PRIVATE)
