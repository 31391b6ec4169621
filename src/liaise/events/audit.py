"""The events' models in the audit log (see ``liaise.core.audit``). A registration's personal fields (its account,
name, email, organisation, gender, needs) are recorded as changed, never with their values; a message's body and its
recipients likewise. The documents drawn from registrations (badges, lists) are not audited: they are remade."""

from liaise.core import audit

from .models import Event, GuidingQuestion, Material, Message, Registration, Room, Session, SpeakerRole, Venue

audit.track(Venue)
audit.track(Room)
audit.track(Event, project="project_id", exclude=("updated", "confirmed_count"), m2m=("venues", "topics"))
audit.track(Session, project="event__project_id", m2m=("topics",))
audit.track(GuidingQuestion, project="session__event__project_id")
audit.track(SpeakerRole, project="session__event__project_id", label=audit.PRIVATE)
audit.track(Registration, project="event__project_id", label=audit.PRIVATE,
            personal=("user", "name", "email", "organisation", "gender", "needs", "needs_consent"))
audit.track(Material, project="event__project_id")
audit.track(Message, project="event__project_id", personal=("body", "recipients"))
