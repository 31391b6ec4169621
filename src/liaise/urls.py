from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from liaise.accounts.admin_site import admin_site
from liaise.api.api import api, api_not_found
from liaise.live import stream as live_stream
from liaise.web import health

urlpatterns = [
    # Not translated: a load balancer's health check (database and cache reachable).
    path("healthz", health.healthz, name="healthz"),
    path("api/v1/", api.urls),
    # Not translated: the stream (served by the ASGI server; its polling fallback is in the API).
    path("live/<slug:code>/stream", live_stream.stream, name="live_stream"),
    # Any other /api/ address: a JSON 404, in development too (where Django would show its HTML debug page).
    re_path(r"^api/", api_not_found),
]
urlpatterns += i18n_patterns(
    path("", include("liaise.web.urls")),
    path("", include("liaise.network.urls")),
    path("", include("liaise.events.urls")),
    path("", include("liaise.live.urls")),
    path("", include("liaise.learning.urls")),
    path("", include("liaise.pilots.urls")),
    path("", include("liaise.library.urls")),
    path("", include("liaise.reporting.urls")),
    path("", include("liaise.outreach.urls")),
    path("newsletter/", include("liaise.outreach.newsletter_urls")),
    path("accounts/", include("liaise.accounts.urls")),
    path("admin/", admin_site.urls),
    prefix_default_language=False,
)

handler400 = "liaise.web.views.bad_request"
handler404 = "liaise.web.views.page_not_found"
handler500 = "liaise.web.views.server_error"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
