"""Admin for learning, for site admins (the admin lets in site admins only; the narrowing below stays as a
second guard): modules (project coordinators of their projects), trainings (the event's managers),
attendance and certificates (read for those who run the training). Feedback answers are not in the admin:
they are seen only as results, from 5 answers."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from liaise.accounts.admin_site import admin_site
from liaise.events.admin import managed_events
from liaise.events.models import Event
from liaise.network.admin import RulesAdmin, coordinated, coordinated_projects

from . import queries, rules
from .models import Attendance, Certificate, Module, Training


@admin.register(Module, site=admin_site)
class ModuleAdmin(RulesAdmin, TranslationAdmin):
    list_display = ["title", "topic", "project", "duration_minutes"]
    list_filter = ["project", "topic"]
    search_fields = ["title", "objectives", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    list_select_related = ["topic", "project"]

    def get_queryset(self, request):
        return coordinated(request, super().get_queryset(request), "project")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "project":
            kwargs["queryset"] = coordinated_projects(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Training, site=admin_site)
class TrainingAdmin(RulesAdmin):
    list_display = ["event", "partner", "feedback_open"]
    list_filter = ["event__project", "partner__country"]
    search_fields = ["event__title", "partner__name"]
    filter_horizontal = ["modules", "trainers"]
    list_select_related = ["event", "partner"]

    def get_queryset(self, request):
        return managed_events(request, super().get_queryset(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "event":
            kwargs["queryset"] = managed_events(request, Event.objects.filter(kind=Event.Kind.TRAINING), path="")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        projects = coordinated_projects(request)
        if db_field.name == "trainers":
            kwargs["queryset"] = queries.trainers_of_projects(projects)
        elif db_field.name == "modules":
            kwargs["queryset"] = Module.objects.filter(project__in=projects)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class RunTrainingMixin:
    def get_queryset(self, request):
        return super().get_queryset(request).filter(training__in=rules.run_training.filter(request.user))


@admin.register(Attendance, site=admin_site)
class AttendanceAdmin(RunTrainingMixin, RulesAdmin):
    list_display = ["registration", "module", "training"]
    list_filter = ["training", "module"]
    search_fields = ["registration__name", "module__title"]
    list_select_related = ["registration", "module", "training__event"]
    readonly_fields = ["training", "registration", "module"]

    def has_add_permission(self, request):
        return False  # attendance is recorded on the training's attendance page (checked by the service)


@admin.register(Certificate, site=admin_site)
class CertificateAdmin(RunTrainingMixin, RulesAdmin):
    list_display = ["name", "training", "issued", "code"]
    list_filter = ["training", "issued"]
    search_fields = ["name", "code"]
    list_select_related = ["training__event"]
    readonly_fields = ["registration", "training", "name", "issued", "code"]

    def has_add_permission(self, request):
        return False  # certificates are issued from the training's attendance page
