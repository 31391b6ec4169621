"""The admin site, for site admins only: active staff accounts (``is_staff``, the site admins of
``liaise.core.authz.site_admin``, who see and may do everything). Everybody else — project coordinators included —
works in Liaise's own pages (issue 17) and is sent to the sign-in page (or, signed in, to the home page).
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
        # (the same notion as liaise.core.authz.site_admin; accounts imports no other app)
        user = request.user
        return bool(user.is_authenticated and user.is_active and user.is_staff)

    def login(self, request, extra_context=None):
        # One sign-in page for everybody: the site's own.
        if request.user.is_authenticated and not self.has_permission(request):
            return redirect("web:home")
        return redirect_to_login(request.GET.get("next") or request.get_full_path())


admin_site = LiaiseAdminSite(name="admin")
