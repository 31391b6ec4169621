"""Pilots answer the signal a training page sends (connected in ``PilotsConfig.ready``): the training links to
the visible pilots that apply it, without learning importing pilots."""

from django.contrib.auth.models import AnonymousUser

from liaise.learning import signals
from liaise.learning.models import Training
from liaise.learning.signals import TrainingLink
from liaise.pilots import receivers


def test_a_training_links_to_the_pilots_that_apply_it(db):
    bordeaux = Training.objects.get(event__slug="training-bordeaux")
    augsburg = Training.objects.get(event__slug="training-augsburg")
    expected = {
        bordeaux.pk: [TrainingLink("Pilot project", "Young voices against hate speech",
                                   "/pilots/bordeaux-young-voices-against-hate-speech/", "Bordeaux · Completed")],
        augsburg.pk: [TrainingLink("Pilot project", "Critical thinking in secondary schools",
                                   "/pilots/augsburg-critical-thinking-in-secondary-schools/",
                                   "Augsburg · Evaluation")],
    }

    answers = signals.collect_training_links.send(sender=Training, user=AnonymousUser(),
                                                  trainings=[bordeaux, augsburg])

    assert answers == [(receivers.training_links, expected)]
    assert signals.training_links(AnonymousUser(), [bordeaux, augsburg]) == expected
    assert signals.training_links(AnonymousUser(), []) == {}
