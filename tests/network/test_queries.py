import pytest

from liaise.core import authz
from liaise.network import queries, rules
from liaise.network.models import Project, Visibility
from tests.factories import ProjectFactory, ProjectRoleFactory, UserFactory


def test_visibility_levels(db):
    public = ProjectFactory(visibility=Visibility.PUBLIC)
    partners = ProjectFactory(visibility=Visibility.PARTNERS)
    organisers = ProjectFactory(visibility=Visibility.ORGANISERS)
    member = ProjectRoleFactory(project=partners, role="expert").user
    coordinator = ProjectRoleFactory(project=organisers, role="project_coordinator").user
    expert_of_organisers = ProjectRoleFactory(project=organisers, role="expert").user
    stranger = UserFactory()

    def visible(user):
        return set(queries.visible_projects(user).filter(pk__in=[public.pk, partners.pk, organisers.pk]))

    from django.contrib.auth.models import AnonymousUser

    assert visible(AnonymousUser()) == {public}
    assert visible(stranger) == {public}
    assert visible(member) == {public, partners}
    assert visible(coordinator) == {public, organisers}
    assert visible(expert_of_organisers) == {public}
    assert visible(UserFactory(is_staff=True)) == {public, partners, organisers}


def test_inactive_users_see_only_public(db):
    partners = ProjectFactory(visibility=Visibility.PARTNERS)
    role = ProjectRoleFactory(project=partners)
    role.user.is_active = False
    role.user.save()
    assert not queries.visible_projects(role.user).filter(pk=partners.pk).exists()


def test_directory_filters_refuse_a_project_the_user_cannot_see(db):
    from liaise.core.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        queries.directory_filters(None).parse({"project": "hidden-network"})
    assert (refused.value.field, refused.value.status) == ("project", 400)


def test_partner_figures_of_liaise2(liaise2):
    project = authz.get_or_404(None, rules.view_project, queries.project_page(None), slug="liaise-2")
    figures = queries.partner_figures(project.partner_list)
    assert (figures.total, figures.local_authorities) == (28, 18)
    assert dict((k, n) for k, _l, n in figures.by_kind) == {
        "city": 16, "region": 2, "national_forum": 4, "ngo": 3, "network": 2, "public_agency": 1,
    }
    assert dict((r, n) for r, _l, n in figures.by_role) == {"lead": 1, "full": 24, "associate": 3}
    assert project.duration_months == 24


def test_project_end_before_start_is_refused_by_the_database(db):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.create(slug="x", acronym="X", name_en="X", start="2020-01-02", end="2020-01-01")
