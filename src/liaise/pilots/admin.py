"""Admin for pilots, for site admins (the admin lets in site admins only; the narrowing to a coordinator's
projects below stays as a second guard). Target groups are
guarded like the topic taxonomy (site admins only)."""

from django.contrib import admin
from django.db.models import Q
from modeltranslation.admin import TranslationAdmin

from liaise.accounts.admin_site import admin_site
from liaise.network.admin import RulesAdmin, coordinated, coordinated_projects

from . import rules
from .models import Comment, Idea, Indicator, Milestone, Pilot, TargetGroup


@admin.register(TargetGroup, site=admin_site)
class TargetGroupAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug"]
    list_filter = ["position"]


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0


@admin.register(Pilot, site=admin_site)
class PilotAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["title", "organisation", "project", "status", "visibility"]
    list_filter = ["project", "status", "visibility", "topics", "target_groups"]
    search_fields = ["title", "summary", "problem", "organisation__name"]
    filter_horizontal = ["topics", "target_groups", "trainings"]
    list_select_related = ["organisation", "project"]
    inlines = [IndicatorInline, MilestoneInline]

    def get_queryset(self, request):
        return rules.edit_pilot.filter(request.user, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project":
            kwargs["queryset"] = coordinated_projects(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Idea, site=admin_site)
class IdeaAdmin(RulesAdmin):
    list_display = ["title", "organisation", "project", "created"]
    list_filter = ["project", "organisation"]
    search_fields = ["title", "text"]
    list_select_related = ["organisation", "project"]

    def get_queryset(self, request):
        return coordinated(request, super().get_queryset(request), "project")


@admin.register(Comment, site=admin_site)
class CommentAdmin(RulesAdmin):
    list_display = ["author", "pilot", "idea", "created"]
    list_filter = ["created"]
    search_fields = ["text"]
    list_select_related = ["author", "pilot", "idea"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        projects = coordinated_projects(request)
        return queryset.filter(Q(pilot__project__in=projects) | Q(idea__project__in=projects))
