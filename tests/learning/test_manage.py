"""Trainings organised in the pages (issue 17): created for an existing training event or together with a new
event, edited, their feedback survey opened and closed; bad input gets a message next to its field; other people
get 404."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model

from liaise.events.models import Event
from liaise.learning.models import Module, Training
from liaise.network.models import Organisation, Project, Topic

PARIS = ZoneInfo("Europe/Paris")


def _ids(*objects) -> list[str]:
    return [str(o.pk) for o in objects]


def _expert():
    return get_user_model().objects.get(email="expert@experts.example")


def _modules(n=2):
    return list(Module.objects.filter(project__slug="liaise-2").order_by("position")[:n])


def _training_post(partner, modules, trainers, **extra) -> dict:
    return {"partner": partner.pk, "modules": _ids(*modules), "trainers": _ids(*trainers), "feedback_open": "on",
            **extra}


def _training_event(liaise2, organiser) -> Event:
    """A training event without a training, organised by ``organiser``."""
    event = Event.objects.create(project=liaise2, kind="training", slug="training-in-spring",
                                 title_en="Training in spring", start=datetime(2017, 4, 3, 9, tzinfo=PARIS),
                                 end=datetime(2017, 4, 3, 17, tzinfo=PARIS), status="published")
    event.organisers.set([organiser])
    return event


@pytest.mark.parametrize("role", ["project_coordinator", "partner_coordinator"])
def test_create_a_training_for_an_existing_event(login, liaise2, role):
    bordeaux = Organisation.objects.get(slug="bordeaux")
    event = _training_event(liaise2, bordeaux)
    client = login(role)
    page = client.get("/trainings/new/?project=liaise-2")
    assert page.status_code == 200
    assert event in page.context["form"].fields["event"].queryset
    modules = _modules(2)
    response = client.post("/trainings/new/?project=liaise-2", {
        "project": "liaise-2", "event_source": "existing", "event": event.pk,
        "visibility": "public", "status": "draft", **_training_post(bordeaux, modules, [_expert()])})
    assert response.status_code == 302
    training = Training.objects.get(event=event)
    assert response["Location"] == f"/trainings/{event.slug}/"
    assert (training.partner, list(training.modules.order_by("position")), list(training.trainers.all()),
            training.feedback_open) == (bordeaux, modules, [_expert()], True)


@pytest.mark.parametrize("role", ["project_coordinator", "partner_coordinator"])
def test_create_a_training_together_with_its_event(login, role):
    bordeaux = Organisation.objects.get(slug="bordeaux")
    modules = _modules(1)
    response = login(role).post("/trainings/new/?project=liaise-2", {
        "project": "liaise-2", "event_source": "new", "title": "Second training in Bordeaux",
        "start": "2017-05-10T09:00", "end": "2017-05-10T17:30", "timezone": "Europe/Paris", "city": "Bordeaux",
        "visibility": "partners", "status": "published", **_training_post(bordeaux, modules, [])})
    assert response.status_code == 302
    training = Training.objects.select_related("event").get(event__title_en="Second training in Bordeaux")
    event = training.event
    assert (event.kind, event.project.slug, event.visibility, event.status, event.timezone) == (
        "training", "liaise-2", "partners", "published", "Europe/Paris")
    assert (event.local_start.isoformat(), event.local_end.isoformat()) == (
        "2017-05-10T09:00:00+02:00", "2017-05-10T17:30:00+02:00")
    assert [(v.city, v.country.code) for v in event.venues.all()] == [("Bordeaux", "FR")]
    assert list(event.organisers.values_list("slug", flat=True)) == ["bordeaux"]
    assert list(training.modules.all()) == modules
    # its creator manages it: the training page shows them the organiser's buttons
    page = login(role).get(f"/trainings/{event.slug}/")
    assert (page.context["can_edit"], page.context["can_run"]) == (True, True)
    assert "/edit/" in page.content.decode()


def test_a_partner_coordinator_creates_trainings_only_for_events_they_manage(login, liaise2):
    """Bordeaux's partner coordinator does not see, nor can post, an event organised by another partner."""
    other = Organisation.objects.filter(partnerships__project=liaise2).exclude(slug="bordeaux").order_by("slug")[0]
    event = _training_event(liaise2, other)
    client = login("partner_coordinator")
    assert event not in client.get("/trainings/new/").context["form"].fields["event"].queryset
    response = client.post("/trainings/new/?project=liaise-2", {
        "project": "liaise-2", "event_source": "existing", "event": event.pk, "visibility": "public",
        "status": "draft", **_training_post(other, _modules(1), [])})
    assert response.status_code == 400
    assert response.context["form"].errors["event"] == [
        "Choose a training event of this project that you manage and that has no training yet."]
    assert not Training.objects.filter(event=event).exists()


def test_bad_input_gets_a_message_next_to_its_field_and_nothing_is_written(login, liaise2):
    hidden = Project.objects.get(slug="hidden-network")
    foreign_module = Module.objects.create(project=hidden, slug="hidden-module", title="Hidden module",
                                           topic=Topic.objects.order_by("pk").first(), objectives="x",
                                           duration_minutes=60)
    member = get_user_model().objects.get(email="member@augsburg.example")
    bordeaux = Organisation.objects.get(slug="bordeaux")
    events_before, trainings_before = Event.objects.count(), Training.objects.count()
    response = login("project_coordinator").post("/trainings/new/?project=liaise-2", {
        "project": "liaise-2", "event_source": "new", "title": "", "start": "2017-05-10T17:00",
        "end": "2017-05-10T09:00", "timezone": "Mars/Olympus", "visibility": "public", "status": "draft",
        "partner": Organisation.objects.get(slug="hidden-city").pk,
        "modules": _ids(_modules(1)[0], foreign_module), "trainers": _ids(member)})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["partner"] == ["Choose a partner of this project: its staff is trained."]
    assert errors["modules"] == ["Choose modules of this project's curriculum."]
    assert errors["trainers"] == ["Choose trainers among the experts of this project."]
    assert errors["title"] == ["Give the event a title."]
    assert errors["timezone"] == ["“Mars/Olympus” is not a time zone such as Europe/Paris."]
    # a good training with the end before the start
    response = login("project_coordinator").post("/trainings/new/?project=liaise-2", {
        "project": "liaise-2", "event_source": "new", "title": "Backwards", "start": "2017-05-10T17:00",
        "end": "2017-05-10T09:00", "timezone": "Europe/Paris", "visibility": "public", "status": "draft",
        **_training_post(bordeaux, _modules(1), [])})
    assert response.status_code == 400
    assert response.context["form"].errors["end"] == ["The end comes before the start."]
    assert "The end comes before the start." in response.content.decode()
    assert (Event.objects.count(), Training.objects.count()) == (events_before, trainings_before)


def test_the_services_refuse_what_the_form_would_not_offer(liaise2):
    """The same checks hold for any caller of the service (not only the form's choices)."""
    from liaise.core.errors import LiaiseError
    from liaise.learning import services

    coordinator = get_user_model().objects.get(email="coordinator@efus.example")
    hidden = Project.objects.get(slug="hidden-network")
    foreign = Module.objects.create(project=hidden, slug="hidden-module-2", title="Hidden", objectives="x",
                                    topic=Topic.objects.order_by("pk").first(), duration_minutes=60)
    bordeaux = Organisation.objects.get(slug="bordeaux")
    event = _training_event(liaise2, bordeaux)
    cases = [
        (services.TrainingData(Organisation.objects.get(slug="hidden-city"), _modules(1), []), "partner"),
        (services.TrainingData(bordeaux, [foreign], []), "modules"),
        (services.TrainingData(bordeaux, _modules(1), [coordinator]), "trainers"),
    ]
    for data, field in cases:
        with pytest.raises(LiaiseError) as refused:
            services.create_training(liaise2, data, coordinator, event=event)
        assert refused.value.field == field
    assert not Training.objects.filter(event=event).exists()


def test_edit_a_training(login):
    training = Training.objects.get(event__slug="training-bordeaux")
    modules = list(training.modules.order_by("position"))
    client = login("partner_coordinator")
    page = client.get("/trainings/training-bordeaux/edit/")
    assert page.status_code == 200
    assert page.context["form"].initial["partner"] == training.partner
    # a module with recorded attendance cannot be dropped
    response = client.post("/trainings/training-bordeaux/edit/", _training_post(training.partner, modules[1:], []))
    assert response.status_code == 400
    assert response.context["form"].errors["modules"] == [
        f"Attendance is recorded for “{modules[0].title}”: untick it on the attendance page before removing the "
        "module."]
    extra = Module.objects.filter(project__slug="liaise-2").exclude(pk__in=[m.pk for m in modules]).first()
    response = client.post("/trainings/training-bordeaux/edit/",
                           {**_training_post(training.partner, [*modules, extra], [_expert()]), "feedback_open": ""})
    assert response.status_code == 302
    training.refresh_from_db()
    assert (set(training.modules.all()), list(training.trainers.all()), training.feedback_open) == (
        {*modules, extra}, [_expert()], False)


def test_feedback_closed_refuses_answers_with_a_message_and_reopens(login):
    training = Training.objects.get(event__slug="training-bordeaux")
    answers = training.feedback_answers.count()
    assert login("expert").post("/trainings/training-bordeaux/feedback/close/").status_code == 302
    training.refresh_from_db()
    assert training.feedback_open is False
    participant = login("participant")
    message = "The feedback survey of this training is closed: answers are no longer taken."
    page = participant.get("/trainings/training-bordeaux/feedback/")
    assert (page.status_code, message in page.content.decode()) == (200, True)
    response = participant.post("/trainings/training-bordeaux/feedback/",
                                {"overall": 5, "relevance": 5, "trainers": 5, "comment": ""})
    assert (response.status_code, message in response.content.decode()) == (409, True)
    assert training.feedback_answers.count() == answers
    assert "Give your anonymous feedback" not in participant.get("/trainings/training-bordeaux/").content.decode()
    assert login("project_coordinator").post("/trainings/training-bordeaux/feedback/open/").status_code == 302
    response = participant.post("/trainings/training-bordeaux/feedback/",
                                {"overall": 5, "relevance": 4, "trainers": 5, "comment": ""})
    assert response.status_code == 302
    assert training.feedback_answers.count() == answers + 1


def test_the_service_refuses_answers_when_closed():
    from liaise.learning import services

    training = Training.objects.get(event__slug="training-bordeaux")
    services.set_feedback_open(training, False)
    participant = get_user_model().objects.get(email="participant@example.org")
    with pytest.raises(services.LearningError) as refused:
        services.submit_feedback(training, participant, services.FeedbackData(5, 5, 5))
    assert (refused.value.status, str(refused.value)) == (
        409, "The feedback survey of this training is closed: answers are no longer taken.")


@pytest.mark.parametrize("role", ["participant", "partner_member", "expert", "other_partner"])
def test_others_get_404(login, role):
    client = login(role)
    assert client.get("/trainings/new/").status_code == 404
    assert client.get("/trainings/new/?project=liaise-2").status_code == 404
    assert client.get("/trainings/training-bordeaux/edit/").status_code == 404
    assert client.post("/trainings/training-bordeaux/edit/", {}).status_code == 404


def test_a_partner_coordinator_cannot_edit_another_partners_training(login):
    assert login("partner_coordinator").get("/trainings/training-augsburg/edit/").status_code == 404
    assert login("partner_coordinator").post("/trainings/training-augsburg/feedback/close/").status_code == 404
    assert login("project_coordinator").get("/trainings/training-augsburg/edit/").status_code == 200


def test_a_project_the_user_cannot_create_trainings_in_is_404(login):
    assert login("partner_coordinator").get("/trainings/new/?project=hidden-network").status_code == 404
    assert login("project_coordinator").get("/trainings/new/?project=nope").status_code == 404
