from django.contrib.auth import get_user_model

from liaise.demo import data, loader
from liaise.events.models import Registration
from liaise.network.models import Organisation, Partnership, Project, ProjectRole, Topic
from liaise.reporting.models import (
    Deliverable,
    Indicator,
    Milestone,
    Narrative,
    ReportedValue,
    ReportedValueChange,
    Risk,
    RiskReview,
    Target,
    WorkPackage,
)


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


def _work_plan_counts(project):
    return {
        "periods": project.reporting_periods.count(), "work_packages": project.work_packages.count(),
        "deliverables": Deliverable.objects.filter(work_package__project=project).count(),
        "milestones": Milestone.objects.filter(project=project).count(),
        "risks": Risk.objects.filter(project=project).count(),
        "risk_reviews": RiskReview.objects.filter(risk__project=project).count(),
        "indicators": project.indicators.count(),
        "targets": Target.objects.filter(indicator__project=project).count(),
        "reported_values": ReportedValue.objects.filter(indicator__project=project).count(),
        "changes": ReportedValueChange.objects.filter(reported_value__indicator__project=project).count(),
        "narratives": Narrative.objects.filter(work_package__project=project).count(),
    }


def test_demo_holds_liaise_2s_work_plan(liaise2):
    assert (liaise2.eu_funded, liaise2.programme) == (True, "Internal Security Fund – Police (ISFP)")
    assert liaise2.grant_number != ""
    assert [(p.number, p.first_month, p.last_month) for p in liaise2.reporting_periods.all()] == [(1, 1, 12),
                                                                                                  (2, 13, 24)]
    assert _work_plan_counts(liaise2) == {
        "periods": 2, "work_packages": 6, "deliverables": 21, "milestones": 8, "risks": 5, "risk_reviews": 5,
        "indicators": 13, "targets": 26, "reported_values": 9, "changes": 22, "narratives": 6,
    }
    assert liaise2.work_packages.get(number=1).lead.slug == "efus"
    deliverables = Deliverable.objects.filter(work_package__project=liaise2).select_related("work_package__project")
    assert {d.status for d in deliverables} == {"planned", "submitted", "accepted"}
    assert {d.type for d in deliverables} == {"R", "DEM", "DEC", "DATA", "OTHER"}
    late = [d.code for d in deliverables if d.is_late]
    assert {"D2.2", "D3.2", "D4.3"} <= set(late)  # submitted after their due month
    assert all(d.submitted_on and d.link for d in deliverables if d.status != "planned")
    milestones = liaise2.grant_milestones.all()
    assert [m.code for m in milestones if m.achieved_on and m.is_late] == ["MS4"]
    # every indicator has a target for both periods; the computed ones name their metric
    indicators = Indicator.objects.filter(project=liaise2).prefetch_related("targets")
    assert all(len(i.targets.all()) == 2 for i in indicators)
    assert {i.source for i in indicators} == {"computed", "reported", "pilots"}
    assert Indicator.objects.get(project=liaise2, metric="events_held").metric_option == "conference"
    assert Indicator.objects.get(project=liaise2, metric="trainings_delivered").final_target == 17
    assert Indicator.objects.get(project=liaise2, source="pilots").pilot_indicators.count() == 3
    assert indicators.filter(public=True).count() >= 5
    # reported values in every workflow state, each with its history; a returned one says why
    values = ReportedValue.objects.filter(indicator__project=liaise2)
    assert set(values.values_list("status", flat=True)) == {"draft", "submitted", "approved", "returned"}
    assert all(v.changes.exists() and v.changes.last().status == v.status for v in values)
    assert all(v.review_comment for v in values.filter(status="returned"))
    assert values.filter(changes__actor__email="coordinator@efus.example").exists()
    assert Narrative.objects.filter(work_package__project=liaise2, period__number=1).count() == 6
    assert set(Narrative.objects.filter(work_package__project=liaise2).values_list("status", flat=True)) == {
        "draft", "final"}


def test_loading_the_work_plan_twice_changes_nothing(liaise2):
    before = _work_plan_counts(liaise2)
    figures = loader.load(with_accounts=True)
    assert _work_plan_counts(liaise2) == before
    assert (figures["work_packages"], figures["deliverables"], figures["risks"]) == (6, 21, 5)


def test_reset_removes_the_work_plan(db):
    loader.reset()
    assert not WorkPackage.objects.exists() and not Deliverable.objects.exists()
    assert not Indicator.objects.exists() and not ReportedValue.objects.exists()
    loader.load(with_accounts=False)
    liaise2 = Project.objects.get(slug="liaise-2")
    counts = _work_plan_counts(liaise2)
    assert (counts["work_packages"], counts["reported_values"]) == (6, 9)
    # without accounts, nobody is named in the history
    assert not ReportedValueChange.objects.filter(actor__isnull=False).exists()


def test_demo_registrants_declare_a_gender_sometimes_never_inferred(db):
    bordeaux = Registration.objects.filter(event__slug="bordeaux-2016", email__startswith="demo-participant-")
    declared = bordeaux.exclude(gender="")
    assert round(100 * declared.count() / bordeaux.count()) == 60
    assert set(declared.values_list("gender", flat=True)) == {"woman", "man", "self", "undisclosed"}
    assert bordeaux.filter(attended__isnull=False).count() == 255
