"""Admin for site admins and project coordinators: every model with search and filters.

Permissions come from ``rules.py`` (object level); a coordinator's lists hold the projects they coordinate
and what belongs to them.
"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from liaise.accounts.admin_site import admin_site

from .models import Membership, Organisation, Partnership, Person, Project, ProjectRole, Topic
from .queries import visible_organisations


class RulesAdmin(ObjectPermissionsModelAdmin):
    def has_module_permission(self, request):
        return self.has_view_permission(request)


def coordinated(request, queryset, project_field: str):
    """Restrict ``queryset`` to the projects ``request.user`` coordinates unless they are a site admin."""
    user = request.user
    if user.is_staff:
        return queryset
    return queryset.filter(
        **{f"{project_field}__roles__user": user, f"{project_field}__roles__role": ProjectRole.Role.PROJECT_COORDINATOR}
    )


class PartnershipInline(admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "joined_on"]


class ProjectRoleInline(admin.TabularInline):
    model = ProjectRole
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["user", "role", "organisation"]


@admin.register(Topic, site=admin_site)
class TopicAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["name", "slug", "position"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["name", "short_name", "kind", "country", "city"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "city", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_staff else queryset.filter(pk__in=visible_organisations(request.user))


@admin.register(Person, site=admin_site)
class PersonAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["name", "title", "organisation"]
    list_filter = ["organisation__kind", "organisation__country"]
    search_fields = ["name", "title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["organisation"]


@admin.register(Project, site=admin_site)
class ProjectAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["acronym", "name", "start", "end", "visibility", "funder"]
    list_filter = ["visibility", "funder", "start"]
    search_fields = ["acronym", "name", "summary", "slug"]
    filter_horizontal = ["topics"]
    autocomplete_fields = ["predecessor"]
    inlines = [PartnershipInline, ProjectRoleInline]
    prepopulated_fields = {"slug": ["acronym"]}

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_staff:
            return queryset
        return queryset.filter(
            roles__user=request.user, roles__role=ProjectRole.Role.PROJECT_COORDINATOR
        ).distinct()


@admin.register(Partnership, site=admin_site)
class PartnershipAdmin(RulesAdmin):
    list_display = ["organisation", "project", "role", "joined_on"]
    list_filter = ["project", "role", "organisation__kind", "organisation__country"]
    search_fields = ["organisation__name", "project__acronym"]
    autocomplete_fields = ["organisation", "project"]
    list_select_related = ["organisation", "project"]

    def get_queryset(self, request):
        return coordinated(request, super().get_queryset(request), "project")


@admin.register(ProjectRole, site=admin_site)
class ProjectRoleAdmin(RulesAdmin):
    list_display = ["user", "project", "role", "organisation"]
    list_filter = ["project", "role"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["organisation", "project"]
    list_select_related = ["user", "project", "organisation"]

    def get_queryset(self, request):
        return coordinated(request, super().get_queryset(request), "project")


@admin.register(Membership, site=admin_site)
class MembershipAdmin(RulesAdmin):
    list_display = ["user", "organisation", "position", "since"]
    list_filter = ["organisation__kind", "organisation__country"]
    search_fields = ["user__email", "user__full_name", "organisation__name", "position"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["user", "organisation"]
