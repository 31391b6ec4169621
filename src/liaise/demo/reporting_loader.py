"""Load LIAISE 2's grant work plan and results framework (idempotent; see ``reporting_data`` for what is
invented): reporting periods, work packages, deliverables, milestones, critical risks with their RP1 state of
play, indicators with their targets, partners' reported values with their history, and the RP1 narratives.

Called by ``loader.load()`` inside its transaction, after the network, the events, the pilots and the library
exist. Rows are keyed on their natural keys (period, WP and milestone numbers, deliverable codes, indicator codes,
(indicator, period, partner)); a reported value's history is written once, when the value has none.
"""

from datetime import datetime, time
from decimal import Decimal

from django.contrib.auth import get_user_model

from liaise.network.models import Organisation, Project
from liaise.pilots.models import Indicator as PilotIndicator
from liaise.reporting.models import (
    Deliverable,
    Indicator,
    Milestone,
    Narrative,
    ReportedValue,
    ReportedValueChange,
    ReportingPeriod,
    Risk,
    RiskReview,
    Target,
    WorkPackage,
)

from . import reporting_data as data

TZ = "Europe/Paris"
ACCOUNTS = {"coordinator": "coordinator@efus.example", "bordeaux": "partner@bordeaux.example"}


def _aware(day, hour) -> datetime:
    import zoneinfo

    return datetime.combine(day, time(hour, 0), tzinfo=zoneinfo.ZoneInfo(TZ))


def _periods(project) -> dict[int, ReportingPeriod]:
    periods = {}
    for number, first, last in data.PERIODS:
        periods[number], _ = ReportingPeriod.objects.update_or_create(
            project=project, number=number, defaults={"first_month": first, "last_month": last})
    return periods


def _work_plan(project, organisations) -> dict[int, WorkPackage]:
    wps = {}
    for number, title, lead, start, end, objectives in data.WORK_PACKAGES:
        wps[number], _ = WorkPackage.objects.update_or_create(project=project, number=number, defaults={
            "title": title, "lead": organisations[lead], "start_month": start, "end_month": end,
            "objectives": objectives})
    for code, title, type_, dissemination, lead, due, status, submitted_on in data.DELIVERABLES:
        wp, number = (int(part) for part in code[1:].split("."))
        Deliverable.objects.update_or_create(work_package=wps[wp], number=number, defaults={
            "title": title, "type": type_, "dissemination": dissemination, "lead": organisations[lead],
            "due_month": due, "status": status, "submitted_on": submitted_on,
            "link": data.DELIVERABLE_LINK.format(code=code) if submitted_on else ""})
    for number, title, wp, due, verification, achieved_on in data.MILESTONES:
        Milestone.objects.update_or_create(project=project, number=number, defaults={
            "title": title, "work_package": wps[wp], "due_month": due, "verification": verification,
            "achieved_on": achieved_on})
    return wps


def _risks(project, wps, period) -> None:
    for number, description, wp_numbers, likelihood, severity, mitigation, (materialised, state) in data.RISKS:
        risk, _ = Risk.objects.update_or_create(project=project, number=number, defaults={
            "description": description, "likelihood": likelihood, "severity": severity, "mitigation": mitigation})
        risk.work_packages.set([wps[n] for n in wp_numbers])
        RiskReview.objects.update_or_create(risk=risk, period=period, defaults={
            "materialised": materialised, "state_of_play": state})


def _indicator(project, wps, periods, position, code, title, wp, final, targets, public, definition, unit_label,
               **fields) -> Indicator:
    indicator, _ = Indicator.objects.update_or_create(project=project, code=code, defaults={
        "title": title, "definition": definition, "unit": Indicator.Unit.NUMBER, "unit_label": unit_label,
        "baseline": Decimal(0), "final_target": Decimal(final), "cumulative": True, "public": public,
        "work_package": wps[wp], "position": position, "metric": "", "metric_option": "", **fields})
    for number, value in zip(sorted(periods), targets, strict=True):
        Target.objects.update_or_create(indicator=indicator, period=periods[number],
                                        defaults={"value": Decimal(value)})
    return indicator


def _indicators(project, wps, periods) -> dict[str, Indicator]:
    indicators = {}
    position = 0
    for code, title, wp, metric, option, unit_label, final, rp1, rp2, public, definition in (
        data.COMPUTED_INDICATORS
    ):
        position += 1
        indicators[code] = _indicator(project, wps, periods, position, code, title, wp, final, (rp1, rp2), public,
                                      definition, unit_label, source=Indicator.Source.COMPUTED, metric=metric,
                                      metric_option=option)
    for code, title, wp, unit_label, final, rp1, rp2, public, definition in data.REPORTED_INDICATORS:
        position += 1
        indicators[code] = _indicator(project, wps, periods, position, code, title, wp, final, (rp1, rp2), public,
                                      definition, unit_label, source=Indicator.Source.REPORTED)
    code, title, wp, unit_label, final, rp1, rp2, public, definition = data.PILOT_INDICATOR
    indicator = _indicator(project, wps, periods, position + 1, code, title, wp, final, (rp1, rp2), public,
                           definition, unit_label, source=Indicator.Source.PILOTS)
    indicator.pilot_indicators.set(PilotIndicator.objects.filter(pilot__slug__in=data.ROLLED_UP_PILOTS,
                                                                 position=data.ROLLED_UP_POSITION))
    indicators[code] = indicator
    return indicators


def _reported_values(indicators, periods, organisations, accounts) -> int:
    for code, period, partner, value, status, note, link, comment, history in data.REPORTED_VALUES:
        returned = [h for h in history if h[0] == "returned"]
        reported, _ = ReportedValue.objects.update_or_create(
            indicator=indicators[code], period=periods[period], organisation=organisations[partner], defaults={
                "value": Decimal(value), "note": note, "evidence_link": link, "status": status,
                "review_comment": returned[-1][6] if returned else comment,
                "created_by": accounts.get(history[0][5])})
        if not reported.changes.exists():
            ReportedValueChange.objects.bulk_create([
                ReportedValueChange(reported_value=reported, action=action, status=step_status,
                                    value=Decimal(step_value), at=_aware(day, hour), actor=accounts.get(actor),
                                    comment=step_comment)
                for action, step_status, step_value, day, hour, actor, step_comment in history])
    return len(data.REPORTED_VALUES)


def _narratives(wps, period, accounts) -> None:
    for number, (status, editor, text, deviations) in data.NARRATIVES.items():
        Narrative.objects.update_or_create(work_package=wps[number], period=period, defaults={
            "status": status, "text": text, "deviations": deviations, "updated_by": accounts.get(editor)})


def load_reporting(with_accounts: bool) -> dict[str, int]:
    project = Project.objects.get(slug=data.PROJECT)
    slugs = {wp[2] for wp in data.WORK_PACKAGES} | {d[4] for d in data.DELIVERABLES} | {
        v[2] for v in data.REPORTED_VALUES}
    organisations = Organisation.objects.in_bulk(list(slugs), field_name="slug")
    accounts = {}
    if with_accounts:
        users = get_user_model().objects.in_bulk(list(ACCOUNTS.values()), field_name="email")
        accounts = {key: users.get(email) for key, email in ACCOUNTS.items()}
    periods = _periods(project)
    wps = _work_plan(project, organisations)
    _risks(project, wps, periods[1])
    indicators = _indicators(project, wps, periods)
    _reported_values(indicators, periods, organisations, accounts)
    _narratives(wps, periods[1], accounts)
    return {
        "work_packages": project.work_packages.count(),
        "deliverables": Deliverable.objects.filter(work_package__project=project).count(),
        "grant_milestones": project.grant_milestones.count(),
        "risks": project.risks.count(),
        "indicators": project.indicators.count(),
        "reported_values": ReportedValue.objects.filter(indicator__project=project).count(),
    }


def reset_reporting(project_slugs=("liaise", data.PROJECT)) -> None:
    """Delete the demo projects' work plans and results (reported values, deliverables and work packages protect
    the organisations they name, so they go before the organisations)."""
    projects = Project.objects.filter(slug__in=project_slugs)
    ReportedValue.objects.filter(indicator__project__in=projects).delete()
    Indicator.objects.filter(project__in=projects).delete()
    ReportingPeriod.objects.filter(project__in=projects).delete()
    Risk.objects.filter(project__in=projects).delete()
    WorkPackage.objects.filter(project__in=projects).delete()
