"""The accessibility statement (/accessibility/): the sections of the EU model, linked from every page, and a
feedback form whose messages reach every project coordinator and site admin by mail (through the worker)."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import Q

from liaise.core.tasks import run_pending


def test_the_statement_has_the_sections_of_the_eu_model_and_every_page_links_to_it(client):
    page = client.get("/accessibility/").content.decode()
    for anchor in ("status", "non-accessible", "preparation", "feedback", "enforcement"):
        assert f'id="{anchor}"' in page
    assert "partially compliant" in page and "EN 301 549" in page
    assert "7 December 2026" in page  # when it was prepared
    assert 'href="/accessibility/"' in client.get("/events/").content.decode()
    assert "Déclaration sur l" in client.get("/fr/accessibility/").content.decode()
    assert "Erklärung zur Barrierefreiheit" in client.get("/de/accessibility/").content.decode()


def test_feedback_reaches_every_coordinator_and_site_admin_with_the_sender_as_reply_to(client):
    response = client.post("/accessibility/", {"message": "The vote button is too small on my phone.",
                                               "page": "/live/BDXRTB/", "email": "visitor@example.org"})
    assert response.status_code == 302
    assert "sent to the coordinators" in client.get(response["Location"]).content.decode()
    assert run_pending() > 0
    expected = set(get_user_model().objects.filter(is_active=True).filter(
        Q(is_staff=True) | Q(project_roles__role="project_coordinator")).values_list("email", flat=True))
    assert expected and {m.to[0] for m in mail.outbox} == expected
    assert all(len(m.to) == 1 for m in mail.outbox)  # nobody sees the others' addresses
    message = mail.outbox[0]
    assert message.reply_to == ["visitor@example.org"]
    assert "The vote button is too small" in message.body and "/live/BDXRTB/" in message.body


def test_a_feedback_without_a_message_is_a_message_next_to_the_field_and_sends_nothing(client):
    response = client.post("/accessibility/", {"message": " ", "email": "not an address"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="error-summary"' in page and 'href="#id_message"' in page and 'href="#id_email"' in page
    assert run_pending() == 0 and mail.outbox == []


def test_one_address_sends_at_most_five_messages_an_hour(client):
    for _n in range(5):
        assert client.post("/accessibility/", {"message": "Too small."}).status_code == 302
    refused = client.post("/accessibility/", {"message": "Too small."})
    assert refused.status_code == 429
    assert "several messages in the last hour" in refused.content.decode()
