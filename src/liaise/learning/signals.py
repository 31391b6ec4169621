"""The signal through which apps above learning (pilots) add links to a training page, from a training to what
grew out of it, without learning importing them. Receivers are connected in the upper app's
``AppConfig.ready`` and answer in that order (``INSTALLED_APPS``)."""

from dataclasses import dataclass

from django.dispatch import Signal

from .models import Training


@dataclass(frozen=True)
class TrainingLink:
    kind: str  # e.g. "Pilot project", already translated
    title: str
    url: str
    note: str = ""


# Sent with sender=Training, user, trainings; a receiver returns {training_id: [TrainingLink, ...]}, what ``user``
# may see, in a fixed number of queries whatever the number of trainings.
collect_training_links = Signal()


def training_links(user, trainings) -> dict[int, list[TrainingLink]]:
    result: dict[int, list[TrainingLink]] = {}
    for _receiver, answer in collect_training_links.send(sender=Training, user=user, trainings=trainings):
        for training_id, links in answer.items():
            result.setdefault(training_id, []).extend(links)
    return result
