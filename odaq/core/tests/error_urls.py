"""The site's URLs plus views that fail on purpose, for the error-page tests."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from odaq.config.urls import urlpatterns as site


def forbidden(request):
    raise PermissionDenied


def bad(request):
    raise SuspiciousOperation("bad input")


def boom(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("test-errors/403/", forbidden),
    path("test-errors/400/", bad),
    path("test-errors/500/", boom),
    *site,
]
