"""The admin site, for site admins (staff) and project coordinators.

Who may enter is the permission ``liaise.use_admin`` (django-rules): staff always; other apps add their roles
to it (network adds project coordinators). Each ModelAdmin then asks rules for object-level permissions.
"""

from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _


class LiaiseAdminSite(AdminSite):
    site_header = _("Liaise administration")
    site_title = _("Liaise administration")
    index_title = _("Manage the network, projects and people")

    def has_permission(self, request):
        user = request.user
        return user.is_active and (user.is_staff or user.has_perm("liaise.use_admin"))

    def login(self, request, extra_context=None):
        # One sign-in page for everybody: the site's own.
        if request.user.is_authenticated and not self.has_permission(request):
            return redirect("web:home")
        return redirect_to_login(request.GET.get("next") or request.get_full_path())


admin_site = LiaiseAdminSite(name="admin")
