from django.contrib.auth import get_user_model

from liaise.demo import data, loader
from liaise.network.models import Organisation, Partnership, Project, ProjectRole, Topic


def test_demo_follows_the_seed(liaise2):
    assert liaise2.partnerships.count() == 28
    assert liaise2.partnerships.filter(organisation__kind__in=["city", "region"]).count() == 18
    assert liaise2.partnerships.get(role="lead").organisation.short_name == "Efus"
    assert liaise2.partnerships.get(organisation__slug="cep").role == Partnership.Role.FULL
    assert liaise2.duration_months == 24
    assert liaise2.start.isoformat() == "2016-05-01"
    assert liaise2.predecessor.slug == "liaise" and liaise2.predecessor.start.year == 2014
    assert liaise2.target_conferences == 5


def test_loading_twice_changes_nothing(liaise2):
    counts = (Organisation.objects.count(), Partnership.objects.count(), Topic.objects.count(),
              get_user_model().objects.count(), ProjectRole.objects.count())
    loader.load(with_accounts=True)
    assert counts == (Organisation.objects.count(), Partnership.objects.count(), Topic.objects.count(),
                      get_user_model().objects.count(), ProjectRole.objects.count())


def test_demo_accounts_have_the_documented_roles(liaise2):
    roles = {r.user.email: (r.role, r.organisation.slug if r.organisation else None)
             for r in ProjectRole.objects.filter(project=liaise2).select_related("user", "organisation")}
    assert roles == {
        "coordinator@efus.example": ("project_coordinator", None),
        "partner@bordeaux.example": ("partner_coordinator", "bordeaux"),
        "member@augsburg.example": ("partner_member", "augsburg"),
        "expert@experts.example": ("expert", None),
    }
    assert get_user_model().objects.get(email="participant@example.org").check_password(data.DEMO_PASSWORD)


def test_taxonomy_is_the_documented_one_and_never_tags_religion_or_ethnicity(db):
    names = list(Topic.objects.order_by("position").values_list("name_en", flat=True))
    assert names == [
        "Understanding radicalisation", "Local multi-agency strategies", "Training professionals",
        "Communication and counter-narratives", "Family support", "Resilience and preventive work with youth",
        "De-radicalisation and disengagement", "Prison and probation",
    ]
    forbidden = ("islam", "muslim", "jew", "christian", "religio", "ethnic", "arab", "roma", "race")
    assert not [n for n in names if any(word in n.lower() for word in forbidden)]


def test_reset_removes_only_the_demo(db):
    loader.reset()
    assert not Project.objects.filter(slug__in=["liaise", "liaise-2"]).exists()
    assert Project.objects.filter(slug="hidden-network").exists()
    assert not get_user_model().objects.filter(email__endswith=".example", email__startswith="coordinator").exists()
    loader.load(with_accounts=False)
    assert Project.objects.get(slug="liaise-2").partnerships.count() == 28
