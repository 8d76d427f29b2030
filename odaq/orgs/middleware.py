from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .scopes import is_staff_member


class StaffSecondFactorMiddleware:
    """Staff must confirm a TOTP code before using any page when the setting requires it."""

    EXEMPT_PREFIXES = ("/account/", "/i18n/", "/static/", "/healthz", "/jsi18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.ODAQ_REQUIRE_STAFF_TOTP and self._needs_second_factor(request):
            return redirect(f"{reverse('two_factor')}?next={request.get_full_path()}")
        return self.get_response(request)

    def _needs_second_factor(self, request) -> bool:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(self.EXEMPT_PREFIXES):
            return False
        if not (is_staff_member(user) or user.is_staff):
            return False
        return not user.is_verified()
