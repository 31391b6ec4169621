"""What the library adds to a pilot's page (a receiver of ``liaise.pilots.signals``, connected in
``LibraryConfig.ready``): the practice it became (with the conference session where it was presented), or, for a
completed pilot's editors, the button that makes one."""

from django.urls import reverse
from django.utils.translation import gettext as _

from liaise.events.queries import visible_events
from liaise.pilots.signals import PilotOutcome

from . import queries
from .models import Practice


def pilot_outcomes(sender, *, user, pilot, can_edit: bool, **kwargs) -> list[PilotOutcome]:
    practice = (queries.reachable_practices(user).filter(origin_pilot=pilot)
                .select_related("origin_session__event").first())
    if practice is not None:
        session = practice.origin_session
        presented = None
        if session is not None and visible_events(user).filter(pk=session.event_id).exists():
            presented = (f"{session.event.title} — {session.title}", session.get_absolute_url())
        label = practice.title if practice.status == Practice.Status.PUBLISHED else (
            f"{practice.title} ({practice.get_status_display().lower()})")
        return [PilotOutcome(_("Practice"), label, practice.get_absolute_url(), presented_at=presented)]
    if can_edit and pilot.status == pilot.Status.COMPLETED:
        return [PilotOutcome(_("Practice"), _("Publish as practice"),
                             reverse("library:from_pilot", kwargs={"slug": pilot.slug}), post=True)]
    return []
