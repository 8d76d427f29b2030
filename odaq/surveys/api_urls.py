"""API routes of this app, included under /api/v1/ by odaq.config.api_urls."""

from rest_framework.routers import SimpleRouter

from .api import SurveyViewSet

router = SimpleRouter()
router.register("surveys", SurveyViewSet, basename="survey")

urlpatterns = [*router.urls]
