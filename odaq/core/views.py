import logging
from base64 import b32encode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import tokens
from .forms import TokenForm

log = logging.getLogger(__name__)


@never_cache
def healthz(request):
    checks = {}
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - report any failure
        log.error("healthz database check failed", extra={"error": str(exc)})
        checks["database"] = "error"
    if settings.PRODUCTION:
        checks["broker"] = _broker_status()
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", "checks": checks}, status=200 if healthy else 503)


def _broker_status() -> str:
    from odaq.config.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:  # noqa: BLE001
        log.error("healthz broker check failed", extra={"error": str(exc)})
        return "error"


def _safe_next(request) -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return settings.LOGIN_REDIRECT_URL


@never_cache
@login_required
def two_factor(request):
    """Confirm a TOTP code; on first use, enrol a new authenticator."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Second factor confirmed."))
            return redirect(_safe_next(request))
        form.add_error("token", _("This code is not valid. Check the time on your phone and try again."))
    context = {"form": form, "enrolling": enrolling, "next": _safe_next(request)}
    if enrolling:
        context["secret"] = b32encode(device.bin_key).decode()
        context["qr_svg"] = segno.make(device.config_url).svg_inline(scale=4)
    return render(request, "registration/two_factor.html", context)


@never_cache
@login_required
def api_token(request):
    """Issue (or revoke) the signed-in user's API token for the mobile app. The key is shown once. Staff confirm
    their second factor first when it is required (this page is under /account/, so the middleware lets it be)."""
    if tokens.needs_second_factor(request.user) and not request.user.is_verified():
        return redirect(f"{reverse('two_factor')}?next={request.path}")
    key = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            tokens.revoke_tokens(request.user, request=request)
            messages.success(request, _("Your API token is revoked."))
            return redirect("api_token")
        key = tokens.issue_token(request.user, request=request).key
    has_token = key is not None or tokens.has_token(request.user)
    return render(request, "registration/api_token.html", {"key": key, "has_token": has_token})
