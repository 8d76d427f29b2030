"""API routes of this app, included under /api/v1/ by odaq.config.api_urls."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter()

urlpatterns = [*router.urls]
