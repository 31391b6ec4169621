import pytest

from liaise.network import services
from liaise.network.models import Organisation, Partnership, ProjectRole
from tests.factories import MembershipFactory, OrganisationFactory, PartnershipFactory, ProjectFactory, UserFactory


def test_a_project_has_one_lead(liaise2):
    paris = Organisation.objects.get(slug="paris")
    with pytest.raises(services.NetworkError, match="already has a lead partner: European Forum"):
        services.set_partnership(liaise2, paris, Partnership.Role.LEAD)
    assert liaise2.partnerships.get(organisation=paris).role == Partnership.Role.FULL


def test_partner_roles_need_a_partner_organisation_the_user_belongs_to(db):
    project = ProjectFactory()
    organisation = OrganisationFactory()
    user = UserFactory()
    with pytest.raises(services.NetworkError, match="speaks for a partner organisation"):
        services.grant_project_role(project, user, ProjectRole.Role.PARTNER_MEMBER)
    with pytest.raises(services.NetworkError, match="is not a partner of"):
        services.grant_project_role(project, user, ProjectRole.Role.PARTNER_MEMBER, organisation)
    PartnershipFactory(project=project, organisation=organisation)
    with pytest.raises(services.NetworkError, match="is not a member of"):
        services.grant_project_role(project, user, ProjectRole.Role.PARTNER_MEMBER, organisation)
    MembershipFactory(user=user, organisation=organisation)
    role = services.grant_project_role(project, user, ProjectRole.Role.PARTNER_MEMBER, organisation)
    assert (role.role, role.organisation) == ("partner_member", organisation)
    assert ProjectRole.objects.filter(user=user).count() == 1


def test_organisation_validation_errors_are_readable(db):
    with pytest.raises(services.NetworkError, match="country"):
        services.save_organisation("bad", name_en="Bad", kind="city", country="ZZ")
    with pytest.raises(services.NetworkError, match="kind"):
        services.save_organisation("bad", name_en="Bad", kind="castle", country="FR")
    with pytest.raises(services.NetworkError, match=r"coordinates|latitude|both"):
        services.save_organisation("bad", name_en="Bad", kind="city", country="FR", latitude=45)
    assert not Organisation.objects.filter(slug="bad").exists()
