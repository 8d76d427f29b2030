"""One place where the API turns exceptions into answers (``REST_FRAMEWORK["EXCEPTION_HANDLER"]``), and the JSON
parser every endpoint uses.

Services raise Django's ``ValidationError`` and ``PermissionDenied`` (the pages catch them too); a missing object is
``ObjectDoesNotExist``. Viewsets let them through and this handler answers 400, 403 and 404 with the service's
translated message, so no viewset converts them by hand.
"""

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import JSONParser
from rest_framework.views import exception_handler as drf_exception_handler

MAX_JSON_DEPTH = 32


def _drf_exception(exc: Exception) -> Exception:
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({"detail": exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        message = str(exc)
        return exceptions.PermissionDenied(message) if message else exceptions.PermissionDenied()
    if isinstance(exc, ObjectDoesNotExist):
        return exceptions.NotFound()
    return exc


def exception_handler(exc, context):
    return drf_exception_handler(_drf_exception(exc), context)


def _depth_exceeds(data, limit: int) -> bool:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class BoundedJSONParser(JSONParser):
    """DRF's JSON parser with a bound on nesting: a deeply nested document is a 400, never a RecursionError."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError(_("The JSON document is nested too deeply.")) from exc
        if _depth_exceeds(data, MAX_JSON_DEPTH):
            raise exceptions.ParseError(_("The JSON document is nested too deeply."))
        return data


def not_found(request, exception=None):
    """``handler404``: under /api/ a JSON answer like the API's own; elsewhere the site's page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)
