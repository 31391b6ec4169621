"""People of a project (issue 17): invitations sent, accepted, refused; roles changed and recorded."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from liaise.core.tasks import run_pending
from liaise.network import services
from liaise.network.models import Invitation, Membership, Organisation, ProjectRole, RoleChange
from tests.conftest import ROLE_EMAILS

PEOPLE = reverse("network:people", kwargs={"slug": "liaise-2"})
INVITE = reverse("network:invite", kwargs={"slug": "liaise-2"})
PASSWORD = "a-long-and-unusual-passphrase"


def org(slug):
    return Organisation.objects.get(slug=slug)


def user(role):
    return get_user_model().objects.get(email=ROLE_EMAILS[role])


def link_token(message) -> str:
    line = next(line for line in message.body.splitlines() if "/invitations/" in line)
    return line.rstrip("/").rsplit("/", 1)[1]


def test_invite_accept_signed_in_with_membership_and_role(login, liaise2):
    coordinator = login("project_coordinator")
    response = coordinator.post(INVITE, {"email": "New.Person@Bordeaux.example",
                                         "organisation": org("bordeaux").pk, "role": "partner_member"})
    assert response.status_code == 302
    run_pending()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@bordeaux.example"]
    token = link_token(mail.outbox[0])
    invitation = Invitation.objects.get(email="new.person@bordeaux.example")
    assert invitation.token_hash != token  # only the hash is kept
    assert invitation.state == "pending"
    assert timedelta(days=6, hours=23) < invitation.expires - invitation.created <= timedelta(days=7)

    invitee = login("anonymous")
    page = invitee.get(reverse("network:invitation", kwargs={"token": token}))
    assert page.status_code == 200
    assert "Bordeaux" in page.content.decode()
    weak = invitee.post(page.wsgi_request.path, {"full_name": "New Person", "password1": "1234",
                                                 "password2": "1234"})
    assert weak.status_code == 400
    assert get_user_model().objects.filter(email="new.person@bordeaux.example").exists() is False

    accepted = invitee.post(page.wsgi_request.path, {"full_name": "New Person", "password1": PASSWORD,
                                                     "password2": PASSWORD})
    assert accepted.status_code == 302
    assert accepted.url == reverse("web:dashboard")
    new = get_user_model().objects.get(email="new.person@bordeaux.example")
    assert new.full_name == "New Person"
    assert new.check_password(PASSWORD) is True
    assert invitee.get(reverse("web:dashboard")).wsgi_request.user == new  # signed in
    assert list(Membership.objects.filter(user=new).values_list("organisation__slug", flat=True)) == ["bordeaux"]
    role = ProjectRole.objects.get(user=new, project=liaise2)
    assert (role.role, role.organisation.slug) == ("partner_member", "bordeaux")
    invitation.refresh_from_db()
    assert (invitation.state, invitation.accepted_user) == ("accepted", new)
    change = RoleChange.objects.get(user=new)
    assert (change.old_role, change.new_role, change.actor) == ("", "partner_member", user("project_coordinator"))

    # used: a clear message, not a 500
    again = login("anonymous").get(reverse("network:invitation", kwargs={"token": token}))
    assert again.status_code == 410
    assert "already been used" in again.content.decode()


def _invitation(liaise2, token, **fields):
    return Invitation.objects.create(
        email="someone@bordeaux.example", organisation=org("bordeaux"), project=liaise2, role="partner_member",
        token_hash=services.hash_token(token), expires=fields.pop("expires", timezone.now() + timedelta(days=1)),
        **fields)


@pytest.mark.parametrize(("fields", "message"), [
    ({"expires": timezone.now() - timedelta(minutes=1)}, "has expired"),
    ({"revoked_at": timezone.now()}, "was withdrawn"),
    ({"accepted_at": timezone.now()}, "already been used"),
])
def test_expired_revoked_used_invitations_say_why(login, liaise2, fields, message):
    _invitation(liaise2, "the-token", **fields)
    url = reverse("network:invitation", kwargs={"token": "the-token"})
    for method in ("get", "post"):
        response = getattr(login("anonymous"), method)(url)
        assert response.status_code == 410
        assert message in response.content.decode()
    assert get_user_model().objects.filter(email="someone@bordeaux.example").exists() is False


def test_unknown_token_says_so(login):
    response = login("anonymous").get(reverse("network:invitation", kwargs={"token": "nope"}))
    assert response.status_code == 404
    assert "not valid" in response.content.decode()


def test_revoke_then_the_link_says_withdrawn(login, liaise2):
    invitation = _invitation(liaise2, "to-revoke")
    url = reverse("network:revoke_invitation", kwargs={"slug": "liaise-2", "pk": invitation.pk})
    assert login("partner_member").post(url).status_code == 404
    assert login("partner_coordinator").post(url).status_code == 302  # Bordeaux's own
    invitation.refresh_from_db()
    assert invitation.state == "revoked"
    response = login("anonymous").get(reverse("network:invitation", kwargs={"token": "to-revoke"}))
    assert "was withdrawn" in response.content.decode()


def test_an_address_already_in_the_network_is_refused_with_an_offer_to_grant(login, liaise2):
    coordinator = login("project_coordinator")
    data = {"email": ROLE_EMAILS["participant"], "organisation": org("bordeaux").pk, "role": "partner_member"}
    response = coordinator.post(INVITE, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "already has an account in the network: grant the role instead." in page
    assert reverse("network:grant_role", kwargs={"slug": "liaise-2"}) in page
    run_pending()
    assert mail.outbox == []
    granted = coordinator.post(reverse("network:grant_role", kwargs={"slug": "liaise-2"}), data)
    assert granted.status_code == 302
    participant = user("participant")
    assert ProjectRole.objects.get(user=participant, project=liaise2).role == "partner_member"
    assert Membership.objects.filter(user=participant, organisation__slug="bordeaux").exists() is True
    assert RoleChange.objects.filter(user=participant, new_role="partner_member").count() == 1


def test_a_partner_coordinator_invites_only_to_their_organisation_and_never_a_coordinator(login, liaise2):
    partner = login("partner_coordinator")  # Bordeaux
    assert partner.get(PEOPLE).status_code == 200
    other = liaise2.partnerships.exclude(organisation__slug="bordeaux").first().organisation
    response = partner.post(INVITE, {"email": "x@example.org", "organisation": other.pk, "role": "partner_member"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    response = partner.post(INVITE, {"email": "x@example.org", "organisation": org("bordeaux").pk,
                                     "role": "project_coordinator"})
    assert response.status_code == 400
    with pytest.raises(services.NetworkError, match="only the project's coordinators"):
        services.invite(user("partner_coordinator"), liaise2, org("bordeaux"), "x@example.org",
                        "project_coordinator")
    with pytest.raises(services.NetworkError, match="cannot bring people"):
        services.invite(user("partner_coordinator"), liaise2, other, "x@example.org", "partner_member")
    assert Invitation.objects.filter(email="x@example.org").exists() is False
    # nor change a role outside Bordeaux (404), nor raise a Bordeaux member to project coordinator
    outside = ProjectRole.objects.filter(project=liaise2).exclude(organisation__slug="bordeaux").first()
    url = reverse("network:change_role", kwargs={"slug": "liaise-2", "pk": outside.pk})
    assert partner.post(url, {"role": "partner_member"}).status_code == 404


def test_others_do_not_see_the_people_page(login):
    assert login("partner_member").get(PEOPLE).status_code == 404
    assert login("other_partner").get(PEOPLE).status_code == 404
    assert login("anonymous").get(PEOPLE).status_code == 302


def test_a_role_change_is_recorded_and_listed(login, liaise2):
    member = get_user_model().objects.create_user("m2@bordeaux.example", "x", full_name="Marie Deux")
    Membership.objects.create(user=member, organisation=org("bordeaux"))
    role = ProjectRole.objects.create(project=liaise2, user=member, role="partner_member",
                                      organisation=org("bordeaux"))
    partner = login("partner_coordinator")
    url = reverse("network:change_role", kwargs={"slug": "liaise-2", "pk": role.pk})
    partner.post(url, {"role": "project_coordinator"})
    assert ProjectRole.objects.get(pk=role.pk).role == "partner_member"  # never raised to coordinator
    assert partner.post(url, {"role": "partner_coordinator"}).status_code == 302
    assert ProjectRole.objects.get(pk=role.pk).role == "partner_coordinator"
    assert partner.post(url, {"role": ""}).status_code == 302
    assert ProjectRole.objects.filter(pk=role.pk).exists() is False
    changes = list(RoleChange.objects.filter(user=member).order_by("pk").values_list("old_role", "new_role", "actor"))
    actor = user("partner_coordinator").pk
    assert changes == [("partner_member", "partner_coordinator", actor), ("partner_coordinator", "", actor)]
    page = login("project_coordinator").get(PEOPLE).content.decode()
    assert "Marie Deux" in page


def test_nobody_changes_their_own_role(liaise2):
    coordinator = user("project_coordinator")
    own = ProjectRole.objects.get(project=liaise2, user=coordinator)
    with pytest.raises(services.NetworkError, match="your own role"):
        services.change_role(coordinator, own, "")


def test_the_project_page_links_the_people_page_for_those_who_manage_it(login):
    project = reverse("network:project", kwargs={"slug": "liaise-2"})
    assert PEOPLE in login("project_coordinator").get(project).content.decode()
    assert PEOPLE in login("partner_coordinator").get(project).content.decode()
    assert PEOPLE not in login("partner_member").get(project).content.decode()


def test_the_people_page_costs_the_same_queries_as_the_people_grow(login):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from liaise.network.models import Organisation, Project, ProjectRole, RoleChange

    client = login("project_coordinator")
    url = "/projects/liaise-2/people/"

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    before = count()
    project = Project.objects.get(slug="liaise-2")
    bordeaux = Organisation.objects.get(slug="bordeaux")
    actor = get_user_model().objects.get(email="coordinator@efus.example")
    for n in range(10):
        user = get_user_model().objects.create_user(f"grown{n}@bordeaux.example", "x" * 12, full_name=f"Grown {n}")
        ProjectRole.objects.create(project=project, user=user, organisation=bordeaux, role="partner_member")
        RoleChange.objects.create(project=project, user=user, organisation=bordeaux, old_role="",
                                  new_role="partner_member", actor=actor)
    assert count() == before
