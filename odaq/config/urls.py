from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from odaq.core import views as core_views
from odaq.portal.views.language import set_language

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", include("odaq.config.api_urls")),  # early: the busiest calls (casting a ballot) resolve first
    path("i18n/setlang/", set_language, name="set_language"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("account/", include("odaq.core.urls")),
    path("staff/", include("odaq.orgs.urls")),
    path("law/", include("odaq.law.urls")),
    path("notifications/", include("odaq.notify.urls")),
    path("appeals/", include("odaq.appeals.urls")),
    path("assistant/", include("odaq.assistant.urls")),
    path("ai/", include("odaq.aigov.urls")),
    path("votes/", include("odaq.voting.urls")),
    path("surveys/", include("odaq.surveys.urls")),
    path("disputes/", include("odaq.disputes.urls")),
    path("practice/", include("odaq.practice.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI from the pinned drf-spectacular-sidecar (no CDN), its init script a separate file (CSP).
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("django-admin/", admin.site.urls),
    path("", include("odaq.portal.urls")),
]

handler404 = "odaq.core.api_errors.not_found"

if settings.DEBUG:  # pragma: no cover - development convenience only
    from django.conf.urls.static import static

    urlpatterns += static(settings.STATIC_URL, document_root=settings.STATIC_ROOT)
