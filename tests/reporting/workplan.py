"""A small work plan and results framework for LIAISE 2, built in a test (whatever the demo holds: the demo's own
reporting rows of LIAISE 2 are removed first, inside the test's transaction)."""

import datetime
from decimal import Decimal

from liaise.network.models import Organisation, Project
from liaise.pilots.models import Indicator as PilotIndicator
from liaise.pilots.models import Measurement
from liaise.reporting import metrics
from liaise.reporting.models import (
    Deliverable,
    Indicator,
    Milestone,
    Narrative,
    ReportedValue,
    ReportingPeriod,
    Risk,
    RiskReview,
    Target,
    WorkPackage,
)


def build_workplan(project: Project) -> dict:
    """Two periods, three work packages, five deliverables, three milestones, two risks, an indicator per computed
    metric, a reported one (approved, submitted and draft values) and a pilot roll-up; narratives for RP1."""
    for model, lookup in ((Indicator, "project"), (Risk, "project"), (Milestone, "project"),
                          (Deliverable, "work_package__project"), (WorkPackage, "project"),
                          (ReportingPeriod, "project")):
        model.objects.filter(**{lookup: project}).delete()
    project.grant_number = "723586"
    project.eu_funded = True
    project.funder = "European Union"
    project.programme = "Internal Security Fund — Police (ISF-P)"
    project.save()
    efus, bordeaux = Organisation.objects.get(slug="efus"), Organisation.objects.get(slug="bordeaux")
    rp1 = ReportingPeriod.objects.create(project=project, number=1, first_month=1, last_month=12)
    rp2 = ReportingPeriod.objects.create(project=project, number=2, first_month=13, last_month=24)
    wp1 = WorkPackage.objects.create(project=project, number=1, title="Management and coordination", lead=efus,
                                     start_month=1, end_month=24)
    wp2 = WorkPackage.objects.create(project=project, number=2, title="European conferences", lead=efus,
                                     start_month=1, end_month=24)
    wp3 = WorkPackage.objects.create(project=project, number=3, title="Trainings and pilot projects",
                                     lead=bordeaux, start_month=3, end_month=22)
    deliverables = [
        Deliverable.objects.create(work_package=wp1, number=1, title="Project handbook", lead=efus, due_month=2,
                                   status="accepted", submitted_on=datetime.date(2016, 6, 20)),
        Deliverable.objects.create(work_package=wp1, number=2, title="Data management plan", lead=efus,
                                   due_month=6, status="submitted", submitted_on=datetime.date(2016, 11, 15)),
        Deliverable.objects.create(work_package=wp2, number=1, title="Conference report Bordeaux", lead=efus,
                                   due_month=8, type="DEC"),
        Deliverable.objects.create(work_package=wp3, number=1, title="Training curriculum", lead=bordeaux,
                                   due_month=10, dissemination="SEN"),
        Deliverable.objects.create(work_package=wp3, number=2, title="Pilot evaluation <report>", lead=bordeaux,
                                   due_month=22, type="R"),
    ]
    Milestone.objects.create(project=project, number=1, title="Kick-off held", work_package=wp1, due_month=1,
                             verification="Minutes", achieved_on=datetime.date(2016, 5, 20))
    Milestone.objects.create(project=project, number=2, title="First conference", work_package=wp2, due_month=7,
                             verification="Programme and attendance list")
    Milestone.objects.create(project=project, number=3, title="Pilots started", work_package=wp3, due_month=12)
    risk1 = Risk.objects.create(project=project, number=1, description="Low attendance at the conferences",
                                likelihood="medium", severity="high", mitigation="Early dissemination")
    risk1.work_packages.set([wp2])
    Risk.objects.create(project=project, number=2, description="A partner leaves", mitigation="Replace it")
    RiskReview.objects.create(risk=risk1, period=rp1, materialised=False,
                              state_of_play="Attendance above the target at both conferences.")
    indicators = []
    for position, name in enumerate(metrics.METRICS, start=1):
        indicator = Indicator.objects.create(project=project, code=f"KPI{position}", title=str(
            metrics.METRICS[name].label), metric=name, final_target=Decimal(100), position=position,
            work_package=wp2)
        Target.objects.create(indicator=indicator, period=rp1, value=Decimal(10))
        indicators.append(indicator)
    reported = Indicator.objects.create(project=project, code="REP1", title="Local action plans adopted",
                                        source="reported", final_target=Decimal(12), position=50)
    for org, status, value in ((efus, "approved", Decimal(3)), (bordeaux, "submitted", Decimal(40))):
        ReportedValue.objects.create(indicator=reported, period=rp1, organisation=org, value=value, status=status)
    rollup = Indicator.objects.create(project=project, code="PIL1", title="Schools reached by pilots",
                                      source="pilots", final_target=Decimal(50), position=51)
    pilot_indicator = PilotIndicator.objects.filter(pilot__project=project).order_by("pk").first()
    if pilot_indicator is not None:
        rollup.pilot_indicators.set([pilot_indicator])
        Measurement.objects.get_or_create(indicator=pilot_indicator, date=datetime.date(2017, 3, 1),
                                          defaults={"value": Decimal(7)})
    Narrative.objects.create(work_package=wp1, period=rp1, status="final",
                             text="The consortium met **twice**. <script>alert(1)</script>",
                             deviations="None worth a *mention*.")
    Narrative.objects.create(work_package=wp2, period=rp1, status="draft", text="Two conferences held.")
    return {"periods": [rp1, rp2], "deliverables": deliverables, "indicators": indicators, "reported": reported,
            "rollup": rollup}
