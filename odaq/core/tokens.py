"""Issuing and revoking API tokens (the mobile app, integrations)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from . import audit
from .models import VerifiedToken


def _no_roles(user) -> bool:
    return False


_holds_staff_role = _no_roles


def set_staff_check(check) -> None:
    """The app that knows staff roles (``orgs``) says who is staff; core knows no roles itself."""
    global _holds_staff_role
    _holds_staff_role = check


def needs_second_factor(user) -> bool:
    return settings.ODAQ_REQUIRE_STAFF_TOTP and (user.is_staff or _holds_staff_role(user))


@transaction.atomic
def issue_token(user, *, request=None) -> Token:
    """A new token for the signed-in user (her previous one stops working). A staff account must have confirmed its
    second factor in this session when that is required; the token then carries that fact."""
    verified = bool(getattr(user, "is_verified", lambda: False)())
    if needs_second_factor(user) and not verified:
        raise PermissionDenied(_("Confirm your second factor first."))
    Token.objects.filter(user=user).delete()
    token = Token.objects.create(user=user)
    if verified:
        device = getattr(user, "otp_device", None)
        VerifiedToken.objects.create(token=token, device=getattr(device, "persistent_id", "")[:255])
    audit.record("api_token.issued", actor=user, obj=user, request=request, data={"second_factor": verified})
    return token


@transaction.atomic
def revoke_tokens(user, *, request=None, reason: str = "revoked") -> int:
    count, _deleted = Token.objects.filter(user=user).delete()
    if count and request is not None:
        audit.record("api_token.revoked", actor=user, obj=user, request=request, data={"reason": reason})
    return count


def has_token(user) -> bool:
    return Token.objects.filter(user=user).exists()
