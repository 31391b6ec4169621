import io

import pypdf
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from liaise.core.tasks import run_pending
from liaise.events.models import Registration
from liaise.learning import queries, services
from liaise.learning.certificates import request_pdf
from liaise.learning.models import Certificate, FeedbackAnswer, FeedbackReceipt, Training
from tests.factories import UserFactory


def _attendee(training: Training, n: int):
    user = UserFactory(email=f"attendee{n}@example.org", full_name=f"Attendee {n}")
    registration = Registration.objects.create(
        event=training.event, user=user, name=user.full_name, email=user.email, country="FR",
        participant_type="local_authority", privacy_version="2016-05", status="confirmed")
    services.set_attendance(training, {
        **{r: set(m) for r, m in _current(training).items()}, registration.pk: {training.modules.first().pk}})
    return user


def _current(training):
    grid = queries.attendance_grid(training, list(training.modules.all()))
    return {row.registration.pk: row.attended for row in grid if row.attended}


def test_demo_trainee_certificate_pdf_names_the_trainee_and_the_training(login):
    certificate = Certificate.objects.get(registration__email="participant@example.org")
    client = login("participant")
    url = f"/certificates/{certificate.code}/pdf/"
    waiting = client.get(url)  # the worker has not drawn it yet
    assert waiting.status_code == 202
    assert "is being prepared" in waiting.content.decode()
    assert client.get(url).status_code == 202
    assert run_pending() == 1  # queued once, however often the page is reloaded
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="certificate-training-bordeaux.pdf"'
    content = b"".join(response.streaming_content)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert "Demo Participant" in " ".join(text.split())
    assert "LIAISE 2 training in Bordeaux" in " ".join(text.split())
    assert certificate.code in text.replace("\n", "")


def test_certificate_verifies_and_a_forged_code_is_not_found(client):
    certificate = Certificate.objects.get(registration__email="participant@example.org")
    assert len(certificate.code) >= 24
    html = client.get(f"/certificates/{certificate.code}/").content.decode()
    assert "This certificate of attendance is authentic." in html
    assert "Demo Participant" in html and "LIAISE 2 training in Bordeaux" in html
    assert "participant@example.org" not in html
    last = "y" if certificate.code.endswith("x") else "x"  # the code is random: it may end with "x" itself
    forged = client.get(f"/certificates/{certificate.code[:-1]}{last}/")
    assert forged.status_code == 404
    assert "Not found" in forged.content.decode()


def test_my_trainings_lists_the_certificate(login):
    html = login("participant").get("/my/trainings/").content.decode()
    code = Certificate.objects.get(registration__email="participant@example.org").code
    assert f"/certificates/{code}/pdf/" in html


def test_feedback_below_five_answers_shows_no_results(login):
    training = Training.objects.get(event__slug="training-augsburg")
    assert FeedbackAnswer.objects.filter(training=training).count() == 3
    results = queries.feedback_results(training)
    assert (results.shown, results.overall, results.comments) == (False, None, None)
    html = login("expert").get("/trainings/training-augsburg/feedback/results/").content.decode()
    assert "Results are shown once at least 5 people have answered" in html
    assert "overall (out of 5)" not in html


def test_feedback_from_five_answers_shows_results(login):
    html = login("expert").get("/trainings/training-bordeaux/feedback/results/").content.decode()
    results = queries.feedback_results(Training.objects.get(event__slug="training-bordeaux"))
    assert (results.shown, results.answers) == (True, 6)
    assert "overall (out of 5)" in html and "More time for case studies, please." in html


def test_feedback_is_anonymous_and_once_per_attendee(login):
    training = Training.objects.get(event__slug="training-augsburg")
    user = _attendee(training, 1)
    client = login("anonymous")
    client.force_login(user)
    bad = client.post("/trainings/training-augsburg/feedback/", {"overall": "9", "relevance": "4", "trainers": "4"})
    assert bad.status_code == 400
    assert "Select a valid choice" in bad.content.decode()
    ok = client.post("/trainings/training-augsburg/feedback/",
                     {"overall": "4", "relevance": "5", "trainers": "3", "comment": "Good"})
    assert ok.status_code == 302
    answer_fields = {f.name for f in FeedbackAnswer._meta.get_fields()}
    assert answer_fields == {"id", "training", "overall", "relevance", "trainers", "comment"}
    assert FeedbackReceipt.objects.filter(training=training, user=user).count() == 1
    assert FeedbackAnswer.objects.filter(training=training).count() == 4
    again = client.post("/trainings/training-augsburg/feedback/", {"overall": "1", "relevance": "1", "trainers": "1"})
    assert "You have already answered this survey" in again.content.decode()
    assert FeedbackAnswer.objects.filter(training=training).count() == 4


def test_a_non_attendee_cannot_answer(db):
    training = Training.objects.get(event__slug="training-augsburg")
    user = UserFactory(email="stranger@example.org")
    try:
        services.submit_feedback(training, user, services.FeedbackData(4, 4, 4))
    except services.LearningError as exc:
        assert str(exc) == "Only people who attended this training can answer its survey."
    assert FeedbackReceipt.objects.filter(user=user).count() == 0


def test_attendance_refuses_people_and_modules_of_other_trainings(db):
    training = Training.objects.get(event__slug="training-augsburg")
    other = Training.objects.get(event__slug="training-bordeaux").event.registrations.first()
    for attended, message in [({other.pk: {training.modules.first().pk}}, "Only confirmed trainees"),
                              ({training.event.registrations.first().pk: {999999}}, "does not deliver")]:
        try:
            services.set_attendance(training, attended)
            raise AssertionError("refused expected")
        except services.LearningError as exc:
            assert message in str(exc)


def test_attendance_page_saves_and_issues_certificates(login):
    training = Training.objects.get(event__slug="training-augsburg")
    user = get_user_model().objects.get(email="participant@example.org")
    registration = Registration.objects.create(
        event=training.event, user=user, name="Late Trainee", email="late@example.org", country="DE",
        participant_type="local_authority", privacy_version="2016-05", status="confirmed")
    client = login("expert")
    data = {f"a-{r}-{m}": "on" for r, modules in _current(training).items() for m in modules}
    data[f"a-{registration.pk}-{training.modules.first().pk}"] = "on"
    assert client.post("/trainings/training-augsburg/attendance/", data).status_code == 302
    assert client.post("/trainings/training-augsburg/certificates/").status_code == 302
    assert Certificate.objects.get(registration=registration).name == "Late Trainee"


def test_training_list_query_count_is_constant(client, liaise2):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/trainings/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    from django.core.cache import cache

    base = Training.objects.get(event__slug="training-bordeaux")
    for i in range(5):
        event = base.event
        event.pk, event.id, event.slug = None, None, f"training-extra-{i}"
        event.save()
        extra = Training.objects.create(event=event, partner=base.partner)
        extra.modules.set(base.modules.all())
    cache.clear()
    assert count() == before <= 10


def test_api_trainings_list(client):
    response = client.get("/api/v1/trainings?limit=50")
    body = response.json()
    assert body["count"] == 17
    bordeaux = next(t for t in body["items"] if t["slug"] == "training-bordeaux")
    assert bordeaux["partner"]["slug"] == "bordeaux"
    assert bordeaux["url"] == "/trainings/training-bordeaux/"
    assert client.get("/api/v1/trainings?project=nope").json() == {"detail": "Unknown project “nope”.",
                                                                   "field": "project"}


def test_issuing_a_certificate_has_the_worker_draw_its_pdf(login):
    training = Training.objects.get(event__slug="training-bordeaux")
    _attendee(training, 1)
    response = login("project_coordinator").post(f"/trainings/{training.event.slug}/certificates/")
    assert response.status_code == 302
    certificate = Certificate.objects.get(registration__email="attendee1@example.org")
    assert not certificate.pdf
    run_pending()
    certificate.refresh_from_db()
    assert certificate.pdf.name.startswith("certificates/") and certificate.pdf.name.endswith(".pdf")
    assert certificate.pdf.read(5) == b"%PDF-"


def test_deleting_a_certificate_deletes_its_pdf(django_capture_on_commit_callbacks):
    certificate = Certificate.objects.get(registration__email="participant@example.org")
    request_pdf(certificate, "http://testserver/")
    run_pending()
    certificate.refresh_from_db()
    name, storage = certificate.pdf.name, certificate.pdf.storage
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        certificate.registration.delete()  # e.g. the person's data erased
    assert not storage.exists(name)
