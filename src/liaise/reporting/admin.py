"""The admin of the work plan and the results framework: site admins only; to coordinators these pages do not
exist (404): they work in the pages."""

from django.contrib import admin

from liaise.accounts.admin import StaffOnlyAdmin
from liaise.accounts.admin_site import admin_site

from .models import (
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


@admin.register(ReportingPeriod, site=admin_site)
class ReportingPeriodAdmin(StaffOnlyAdmin):
    list_display = ["project", "number", "first_month", "last_month"]
    list_filter = ["project"]


@admin.register(WorkPackage, site=admin_site)
class WorkPackageAdmin(StaffOnlyAdmin):
    list_display = ["project", "number", "title", "lead", "start_month", "end_month"]
    list_filter = ["project"]
    search_fields = ["title"]
    list_select_related = ["project", "lead"]


@admin.register(Deliverable, site=admin_site)
class DeliverableAdmin(StaffOnlyAdmin):
    list_display = ["code", "title", "type", "dissemination", "lead", "due_month", "status"]
    list_filter = ["work_package__project", "status", "type", "dissemination"]
    search_fields = ["title"]
    list_select_related = ["work_package", "lead"]


@admin.register(Milestone, site=admin_site)
class MilestoneAdmin(StaffOnlyAdmin):
    list_display = ["code", "title", "project", "work_package", "due_month", "achieved_on"]
    list_filter = ["project"]
    list_select_related = ["project", "work_package"]


class RiskReviewInline(admin.TabularInline):
    model = RiskReview
    extra = 0


@admin.register(Risk, site=admin_site)
class RiskAdmin(StaffOnlyAdmin):
    list_display = ["code", "project", "likelihood", "severity"]
    list_filter = ["project", "likelihood", "severity"]
    inlines = [RiskReviewInline]


@admin.register(RiskReview, site=admin_site)
class RiskReviewAdmin(StaffOnlyAdmin):
    list_display = ["risk", "period", "materialised", "updated"]
    list_filter = ["materialised"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


@admin.register(Indicator, site=admin_site)
class IndicatorAdmin(StaffOnlyAdmin):
    list_display = ["code", "title", "project", "source", "metric", "unit", "final_target", "public"]
    list_filter = ["project", "source", "public"]
    search_fields = ["code", "title"]
    filter_horizontal = ["pilot_indicators"]
    inlines = [TargetInline]


@admin.register(Target, site=admin_site)
class TargetAdmin(StaffOnlyAdmin):
    list_display = ["indicator", "period", "value"]


class ReportedValueChangeInline(admin.TabularInline):
    model = ReportedValueChange
    extra = 0
    readonly_fields = ["actor", "at", "action", "status", "value", "comment"]


@admin.register(ReportedValue, site=admin_site)
class ReportedValueAdmin(StaffOnlyAdmin):
    list_display = ["indicator", "period", "organisation", "value", "status", "updated"]
    list_filter = ["status", "indicator__project"]
    list_select_related = ["indicator", "period", "organisation"]
    inlines = [ReportedValueChangeInline]


@admin.register(ReportedValueChange, site=admin_site)
class ReportedValueChangeAdmin(StaffOnlyAdmin):
    list_display = ["reported_value", "action", "status", "value", "actor", "at"]


@admin.register(Narrative, site=admin_site)
class NarrativeAdmin(StaffOnlyAdmin):
    list_display = ["work_package", "period", "status", "updated_by", "updated"]
    list_filter = ["status"]
