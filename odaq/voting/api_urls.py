"""API routes of this app, included under /api/v1/ by odaq.config.api_urls."""

from rest_framework.routers import SimpleRouter

from .api import VoteViewSet

router = SimpleRouter(trailing_slash=False)
router.register("votes", VoteViewSet, basename="vote")

urlpatterns = [*router.urls]
