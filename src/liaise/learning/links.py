"""Links from a training page to what grew out of it, contributed by apps above learning (pilots) without
learning importing them: an app registers a provider at start-up (``AppConfig.ready``)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class TrainingLink:
    kind: str  # e.g. "Pilot project", already translated
    title: str
    url: str
    note: str = ""


_providers: list[Callable] = []


def register_training_links(provider: Callable) -> None:
    """``provider(user, trainings) -> dict[training_id, list[TrainingLink]]``: what ``user`` may see."""
    if provider not in _providers:
        _providers.append(provider)


def training_links(user, trainings) -> dict[int, list[TrainingLink]]:
    result: dict[int, list[TrainingLink]] = {}
    for provider in _providers:
        for training_id, links in provider(user, trainings).items():
            result.setdefault(training_id, []).extend(links)
    return result
