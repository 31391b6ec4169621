"""What pilots add to the pages of the apps below: receivers of their signals, connected in ``PilotsConfig.ready``."""

from . import queries


def training_links(sender, *, user, trainings, **kwargs):
    """A training page links to the visible pilots that apply the training."""
    return queries.pilots_applying(user, trainings)
