"""API routes of this app, included under /api/v1/ by odaq.config.api_urls."""

from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("disputes", api.DisputeViewSet, basename="dispute")

urlpatterns = [*router.urls]
