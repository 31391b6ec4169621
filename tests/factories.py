import datetime

import factory
from django.contrib.auth import get_user_model

from liaise.network.models import Membership, Organisation, Partnership, Project, ProjectRole, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Test User {n}")
    password = factory.django.Password("demo")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    slug = factory.Sequence(lambda n: f"organisation-{n}")
    name_en = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.CITY
    country = "FR"
    city = "Lyon"


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    slug = factory.Sequence(lambda n: f"project-{n}")
    acronym = factory.Sequence(lambda n: f"PRJ{n}")
    name_en = factory.Sequence(lambda n: f"Project {n}")
    start = datetime.date(2020, 1, 1)
    end = datetime.date(2021, 12, 31)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Partnership.Role.FULL


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class ProjectRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectRole

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = ProjectRole.Role.EXPERT
