"""What grew out of a pilot, contributed by apps above pilots (the library) without pilots importing them: an app
registers a provider at start-up (``AppConfig.ready``)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PilotOutcome:
    """One step after the pilot in its chain: a link (``url``) or, for its editors, an action to post to."""

    kind: str  # already translated, e.g. "Practice"
    title: str
    url: str
    post: bool = False  # a button that posts to ``url`` (e.g. "Publish as practice")
    presented_at: tuple[str, str] | None = None  # (title, url) of the conference session where it was presented


_providers: list[Callable] = []


def register_pilot_outcomes(provider: Callable) -> None:
    """``provider(user, pilot, can_edit) -> list[PilotOutcome]``: what ``user`` may see or do."""
    if provider not in _providers:
        _providers.append(provider)


def pilot_outcomes(user, pilot, can_edit: bool) -> list[PilotOutcome]:
    return [outcome for provider in _providers for outcome in provider(user, pilot, can_edit)]
