from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .admin_site import admin_site
from .models import ApiToken, User


class StaffOnlyAdmin(admin.ModelAdmin):
    """Accounts are managed by site admins only; to anybody else these pages do not exist (404)."""

    def get_urls(self):
        def guard(view):
            def wrapped(request, *args, **kwargs):
                # Signed-in admin users who are not site admins; everyone else goes to the sign-in page.
                if self.admin_site.has_permission(request) and not request.user.is_staff:
                    raise Http404
                return view(request, *args, **kwargs)

            return wrapped

        urls = super().get_urls()
        for pattern in urls:
            pattern.callback = guard(pattern.callback)
        return urls

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff

    has_change_permission = has_view_permission
    has_add_permission = has_view_permission
    has_delete_permission = has_view_permission


@admin.register(User, site=admin_site)
class UserAdmin(StaffOnlyAdmin, DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "language")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Dates"), {"fields": ("last_login", "date_joined", "erasure_due")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),)


@admin.register(ApiToken, site=admin_site)
class ApiTokenAdmin(StaffOnlyAdmin):
    list_display = ["name", "user", "created", "last_used"]
    search_fields = ["name", "user__email"]
    list_filter = ["created"]
    readonly_fields = ["created", "last_used"]
    fields = ["user", "name", "created", "last_used"]
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False  # a token's key is shown once, to its owner, on the tokens page


@admin.register(Group, site=admin_site)
class LiaiseGroupAdmin(StaffOnlyAdmin, GroupAdmin):
    pass
