"""Admin for events, for site admins. (The admin lets in site admins only — ``liaise.accounts.admin_site``;
the narrowing to a coordinator's events below stays as a second guard.)"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from liaise.accounts.admin_site import admin_site
from liaise.network.admin import RulesAdmin
from liaise.network.models import Project, ProjectRole
from liaise.network.queries import visible_organisations

from . import rules, services
from .models import Event, GuidingQuestion, Material, Registration, Room, Session, SpeakerRole, Venue


def managed_events(request, queryset, path="event"):
    """``queryset`` narrowed to the events ``request.user`` manages (``rules.manage_event``), or to what hangs
    from them at ``path``."""
    events = rules.manage_event.filter(request.user)
    return queryset.filter(**{f"{path}__in": events}) if path else queryset.filter(pk__in=events)


class ManagedEventMixin:
    """Lists hold the events the user manages (and what hangs from them); the event field offers only those."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":
            kwargs["queryset"] = managed_events(request, Event.objects.all(), path="")
        elif db_field.name == "session":
            kwargs["queryset"] = Session.objects.filter(event__in=managed_events(request, Event.objects.all(), path=""))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RoomInline(admin.TabularInline):
    model = Room
    extra = 0


@admin.register(Venue, site=admin_site)
class VenueAdmin(RulesAdmin):
    list_display = ["name", "city", "country"]
    list_filter = ["country"]
    search_fields = ["name", "city", "address"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoomInline]


@admin.register(Room, site=admin_site)
class RoomAdmin(RulesAdmin):
    list_display = ["name", "venue", "capacity"]
    list_filter = ["venue__country"]
    search_fields = ["name", "venue__name"]
    list_select_related = ["venue"]


class GuidingQuestionInline(TranslationTabularInline):
    model = GuidingQuestion
    extra = 0


class SpeakerRoleInline(admin.TabularInline):
    model = SpeakerRole
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Event, site=admin_site)
class EventAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["title", "kind", "project", "start", "status", "visibility", "capacity", "confirmed_count"]
    list_filter = ["project", "kind", "status", "visibility", "venues__country"]
    search_fields = ["title", "slug", "summary"]
    filter_horizontal = ["venues", "organisers", "topics"]
    prepopulated_fields = {"slug": ["title_en"]}
    readonly_fields = ["confirmed_count"]
    date_hierarchy = "start"
    list_select_related = ["project"]

    def get_queryset(self, request):
        return managed_events(request, super().get_queryset(request), path="")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "organisers" and not request.user.is_staff:
            kwargs["queryset"] = visible_organisations(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "capacity" in form.changed_data:
            promoted = services.fill_from_waitlist(obj, request.build_absolute_uri("/"))
            if promoted:
                self.message_user(request, f"{len(promoted)} person(s) moved from the waiting list to a seat.")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project" and not request.user.is_staff:
            kwargs["queryset"] = Project.objects.filter(
                roles__user=request.user, roles__role=ProjectRole.Role.PROJECT_COORDINATOR
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Session, site=admin_site)
class SessionAdmin(ManagedEventMixin, RulesAdmin, TranslationAdmin):
    list_display = ["title", "event", "kind", "start", "end", "room"]
    list_filter = ["event", "kind"]
    search_fields = ["title", "description", "event__title"]
    filter_horizontal = ["topics"]
    inlines = [GuidingQuestionInline, SpeakerRoleInline]
    list_select_related = ["event", "room"]


@admin.register(Registration, site=admin_site)
class RegistrationAdmin(ManagedEventMixin, RulesAdmin):
    list_display = ["name", "email", "event", "country", "participant_type", "status", "created", "attended"]
    list_filter = ["event", "status", "participant_type", "country"]
    search_fields = ["name", "email", "organisation"]
    list_select_related = ["event"]
    readonly_fields = ["event", "status", "created", "promoted", "cancelled", "privacy_version", "user",
                       "needs_consent_text", "anonymised"]

    def has_add_permission(self, request):
        return False  # registrations go through the registration service (capacity, waiting list, mails)

    def has_delete_permission(self, request, obj=None):
        return False  # a registration is cancelled (its link), so that its seat goes to the waiting list


@admin.register(Material, site=admin_site)
class MaterialAdmin(ManagedEventMixin, RulesAdmin):
    list_display = ["title", "event", "session", "kind", "visibility", "uploaded"]
    list_filter = ["event", "kind", "visibility"]
    search_fields = ["title"]
    list_select_related = ["event", "session"]
