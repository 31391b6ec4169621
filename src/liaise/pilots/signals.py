"""The signal through which apps above pilots (the library) add what grew out of a pilot to its page, without
pilots importing them. Receivers are connected in the upper app's ``AppConfig.ready`` and answer in that order
(``INSTALLED_APPS``)."""

from dataclasses import dataclass

from django.dispatch import Signal

from .models import Pilot


@dataclass(frozen=True)
class PilotOutcome:
    """One step after the pilot in its chain: a link (``url``) or, for its editors, an action to post to."""

    kind: str  # already translated, e.g. "Practice"
    title: str
    url: str
    post: bool = False  # a button that posts to ``url`` (e.g. "Publish as practice")
    presented_at: tuple[str, str] | None = None  # (title, url) of the conference session where it was presented


# Sent with sender=Pilot, user, pilot, can_edit; a receiver returns [PilotOutcome, ...]: what ``user`` may see or do.
collect_pilot_outcomes = Signal()


def pilot_outcomes(user, pilot, can_edit: bool) -> list[PilotOutcome]:
    answers = collect_pilot_outcomes.send(sender=Pilot, user=user, pilot=pilot, can_edit=can_edit)
    return [outcome for _receiver, outcomes in answers for outcome in outcomes]
