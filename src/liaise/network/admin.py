"""Admin for site admins (``liaise.accounts.admin_site`` lets in no one else): every model with search and
filters. Project coordinators keep their projects, partners and organisations in the organiser pages
(``manage_views.py``).

Permissions come from ``rules.py`` (object level); for a user who is not a site admin the lists would hold the
projects they coordinate and what belongs to them — a second guard.
"""

from django.contrib import admin
from django.db.models import Q
from modeltranslation.admin import TranslationAdmin
from rules.contrib.admin import ObjectPermissionsModelAdmin

from liaise.accounts.admin import StaffOnlyAdmin
from liaise.accounts.admin_site import admin_site

from . import rules
from .models import Invitation, Membership, Organisation, Partnership, Person, Project, ProjectRole, RoleChange, Topic
from .queries import visible_organisations, visible_projects


class BlankAsEmptyValuesFilter(admin.AllValuesFieldListFilter):
    """The admin's filter by each value of a field, its blank value ("") shown as the admin's empty value (not as a
    link without text: issue 18)."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            yield {**choice, "display": self.empty_value_display} if choice["display"] == "" else choice


class RulesAdmin(ObjectPermissionsModelAdmin):
    def has_module_permission(self, request):
        return self.has_view_permission(request)


def coordinated(request, queryset, project_field: str):
    """Restrict ``queryset`` to the projects ``request.user`` coordinates (``rules.coordinate_project``)."""
    return queryset.filter(**{f"{project_field}__in": coordinated_projects(request)})


def coordinated_projects(request):
    return rules.coordinate_project.filter(request.user)


def selectable_users(request):
    """Users a coordinator may give a role: members of organisations in their projects, and people who already
    have a role there. Site admins may pick anyone."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    if request.user.is_staff:
        return users
    projects = coordinated_projects(request)
    return users.filter(
        Q(memberships__organisation__partnerships__project__in=projects) | Q(project_roles__project__in=projects)
    ).distinct()


class ScopedChoicesMixin:
    """Foreign keys offer (and accept) only what the user may use: their projects, visible organisations,
    users of their projects."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project":
            kwargs["queryset"] = coordinated_projects(request)
        elif db_field.name == "predecessor":
            kwargs["queryset"] = visible_projects(request.user)
        elif db_field.name == "organisation" and not request.user.is_staff:
            kwargs["queryset"] = visible_organisations(request.user)
        elif db_field.name == "user":
            kwargs["queryset"] = selectable_users(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PartnershipInline(ScopedChoicesMixin, admin.TabularInline):
    model = Partnership
    extra = 0
    autocomplete_fields = ["organisation"]
    fields = ["organisation", "role", "joined_on"]


class ProjectRoleInline(ScopedChoicesMixin, admin.TabularInline):
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
        return rules.view_organisation.filter(request.user, super().get_queryset(request))


@admin.register(Person, site=admin_site)
class PersonAdmin(ScopedChoicesMixin, RulesAdmin, TranslationAdmin):
    list_display = ["name", "title", "organisation"]
    list_filter = ["organisation__kind", "organisation__country"]
    search_fields = ["name", "title", "organisation__name"]
    autocomplete_fields = ["organisation"]
    prepopulated_fields = {"slug": ["name"]}
    list_select_related = ["organisation"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_staff:
            return queryset
        return queryset.filter(Q(organisation__isnull=True) | Q(organisation__in=visible_organisations(request.user)))


@admin.register(Project, site=admin_site)
class ProjectAdmin(ScopedChoicesMixin, RulesAdmin, TranslationAdmin):
    list_display = ["acronym", "name", "start", "end", "visibility", "funder"]
    list_filter = ["visibility", ("funder", BlankAsEmptyValuesFilter), "start"]
    search_fields = ["acronym", "name", "summary", "slug"]
    filter_horizontal = ["topics"]
    autocomplete_fields = ["predecessor"]
    inlines = [PartnershipInline, ProjectRoleInline]
    prepopulated_fields = {"slug": ["acronym"]}

    def get_queryset(self, request):
        return rules.coordinate_project.filter(request.user, super().get_queryset(request))


@admin.register(Partnership, site=admin_site)
class PartnershipAdmin(ScopedChoicesMixin, RulesAdmin):
    list_display = ["organisation", "project", "role", "joined_on"]
    list_filter = ["project", "role", "organisation__kind", "organisation__country"]
    search_fields = ["organisation__name", "project__acronym"]
    autocomplete_fields = ["organisation", "project"]
    list_select_related = ["organisation", "project"]

    def get_queryset(self, request):
        return coordinated(request, super().get_queryset(request), "project")


@admin.register(ProjectRole, site=admin_site)
class ProjectRoleAdmin(ScopedChoicesMixin, RulesAdmin):
    list_display = ["user", "project", "role", "organisation"]
    list_filter = ["project", "role"]
    search_fields = ["user__email", "user__full_name", "organisation__name"]
    autocomplete_fields = ["organisation", "project"]
    list_select_related = ["user", "project", "organisation"]

    def get_queryset(self, request):
        return coordinated(request, super().get_queryset(request), "project")


@admin.register(Membership, site=admin_site)
class MembershipAdmin(ScopedChoicesMixin, RulesAdmin):
    list_display = ["user", "organisation", "position", "since"]
    list_filter = ["organisation__kind", "organisation__country"]
    search_fields = ["user__email", "user__full_name", "organisation__name", "position"]
    autocomplete_fields = ["organisation"]
    list_select_related = ["user", "organisation"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_staff:
            return queryset
        return queryset.filter(organisation__in=visible_organisations(request.user))


# Invitations and the record of role changes: site admins only (coordinators use the people page of a project).
@admin.register(Invitation, site=admin_site)
class InvitationAdmin(StaffOnlyAdmin):
    list_display = ["email", "project", "organisation", "role", "invited_by", "created", "expires", "accepted_at",
                    "revoked_at"]
    list_filter = ["project", "role"]
    search_fields = ["email"]
    list_select_related = ["project", "organisation", "invited_by"]
    raw_id_fields = ["invited_by", "accepted_user"]


@admin.register(RoleChange, site=admin_site)
class RoleChangeAdmin(StaffOnlyAdmin):
    list_display = ["at", "project", "user", "organisation", "old_role", "new_role", "actor"]
    list_filter = ["project"]
    list_select_related = ["project", "user", "organisation", "actor"]
    raw_id_fields = ["user", "actor"]
