"""Admin for the library, for site admins (the admin lets in site admins only; the narrowing to a coordinator's
projects below stays as a second guard). Saves go through the same signals, so the search index follows admin
edits too."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from liaise.accounts.admin_site import admin_site
from liaise.network.admin import RulesAdmin

from . import queries, rules, services
from .models import Practice, PracticeAudience, Resource


class AudienceInline(admin.TabularInline):
    model = PracticeAudience
    extra = 0


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    fields = ["title", "kind", "visibility", "file", "content_type", "extraction_note"]
    readonly_fields = ["title", "kind", "visibility", "file", "content_type", "extraction_note"]
    can_delete = True
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # files are uploaded through the library's pages, which check them by content


@admin.register(Practice, site=admin_site)
class PracticeAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["title", "organisation", "country", "approach", "status", "peer_reviewed", "visibility",
                    "updated"]
    list_filter = ["status", "peer_reviewed", "visibility", "approach", "kind", "country", "is_demo", "project"]
    search_fields = ["title", "slug", "summary", "organisation__name"]
    list_select_related = ["organisation"]
    filter_horizontal = ["topics"]
    autocomplete_fields = []
    raw_id_fields = ["origin_session"]
    readonly_fields = ["created", "updated", "published"]
    inlines = [AudienceInline, ResourceInline]

    def get_queryset(self, request):
        return rules.review_practice.filter(request.user, super().get_queryset(request))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.refresh_search_text(form.instance)


@admin.register(Resource, site=admin_site)
class ResourceAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["title", "kind", "practice", "project", "visibility", "content_type", "size", "uploaded"]
    list_filter = ["kind", "visibility", "project", "is_demo"]
    search_fields = ["title", "description"]
    list_select_related = ["practice", "project"]
    raw_id_fields = ["practice"]
    readonly_fields = ["file", "content_type", "size", "extraction_note", "uploaded"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(project__in=queries.coordinated_projects(request.user))

    def has_add_permission(self, request):
        return False  # uploads go through the library's pages, which check files by content
