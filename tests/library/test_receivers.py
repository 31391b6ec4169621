"""The library answers the signal a pilot page sends (connected in ``LibraryConfig.ready``): the practice the
pilot became, or the button that makes one, without pilots importing the library."""

from django.contrib.auth.models import AnonymousUser

from liaise.library import receivers
from liaise.pilots import signals
from liaise.pilots.models import Pilot
from liaise.pilots.signals import PilotOutcome


def test_a_pilot_shows_the_practice_it_became_and_where_it_was_presented(db):
    pilot = Pilot.objects.get(slug="bordeaux-young-voices-against-hate-speech")
    expected = [PilotOutcome(
        "Practice", "Young voices against hate speech",
        "/library/practices/bordeaux-young-voices-against-hate-speech-practice/",
        presented_at=("Polarisation and radicalisation: a global approach covering all forms of extremism — "
                      "Local responses to polarisation", "/events/rimini-2017/#session-local-responses"))]

    answers = signals.collect_pilot_outcomes.send(sender=Pilot, user=AnonymousUser(), pilot=pilot, can_edit=False)

    assert answers == [(receivers.pilot_outcomes, expected)]
    assert signals.pilot_outcomes(AnonymousUser(), pilot, False) == expected


def test_a_completed_pilot_offers_its_editors_to_publish_it(db):
    pilot = Pilot.objects.get(slug="augsburg-critical-thinking-in-secondary-schools")
    assert signals.pilot_outcomes(AnonymousUser(), pilot, True) == []
    pilot.status = Pilot.Status.COMPLETED
    assert signals.pilot_outcomes(AnonymousUser(), pilot, True) == [PilotOutcome(
        "Practice", "Publish as practice",
        "/library/from-pilot/augsburg-critical-thinking-in-secondary-schools/", post=True)]
    assert signals.pilot_outcomes(AnonymousUser(), pilot, False) == []
