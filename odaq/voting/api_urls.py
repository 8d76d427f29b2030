"""API routes of this app, included under /api/v1/ by odaq.config.api_urls."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import BallotsView, VoteViewSet

router = SimpleRouter(trailing_slash=False)
router.register("votes", VoteViewSet, basename="vote")

urlpatterns = [path("votes/<int:pk>/ballots", BallotsView.as_view(), name="vote-ballots"), *router.urls]
