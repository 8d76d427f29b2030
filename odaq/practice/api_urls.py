"""API routes of this app, included under /api/v1/ by odaq.config.api_urls."""

from rest_framework.routers import SimpleRouter

from .api import DecisionViewSet

router = SimpleRouter()
router.register("practice/decisions", DecisionViewSet, basename="practice-decision")

urlpatterns = [*router.urls]
