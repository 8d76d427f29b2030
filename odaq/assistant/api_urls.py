"""API routes of this app, included under /api/v1/ by odaq.config.api_urls."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()

urlpatterns = [
    path("assistant/ask", api.AskView.as_view(), name="assistant-ask"),
    *router.urls,
]
