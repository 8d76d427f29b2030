"""API token authentication: DRF's, with the user read by one prepared statement."""

from functools import cache

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from . import db
from .models import User, VerifiedToken

_FIELDS = [f.attname for f in User._meta.concrete_fields]


@cache
def _sql() -> str:
    # Whether the account holds a current staff role is read in the same statement (no second round trip on the
    # busy member calls); roles live in ``orgs``, named here only through the app registry.
    roles = apps.get_model("orgs", "RoleAssignment")._meta.db_table
    return (f"SELECT {', '.join('u.' + f for f in _FIELDS)}, v.token_id IS NOT NULL, "
            f"EXISTS (SELECT 1 FROM {roles} r WHERE r.user_id = u.id AND r.revoked_at IS NULL) "
            f"FROM {User._meta.db_table} u JOIN {Token._meta.db_table} t ON t.user_id = u.id "
            f"LEFT JOIN {VerifiedToken._meta.db_table} v ON v.token_id = t.key WHERE t.key = %s")


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>``. Same answers as DRF's class; the check runs on every API call of the mobile
    app, so it is one prepared query instead of an ORM query compiled each time.

    When staff must confirm a second factor (``ODAQ_REQUIRE_STAFF_TOTP``), a staff account's token counts only if
    it was issued from a session confirmed with it (``tokens.issue_token``)."""

    def authenticate_credentials(self, key):
        _count, rows = db.execute(_sql(), [key])
        if not rows:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        *values, verified, holds_role = rows[0]
        user = User.from_db("default", _FIELDS, values)
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if settings.ODAQ_REQUIRE_STAFF_TOTP and not verified and (holds_role or user.is_staff):
            raise exceptions.AuthenticationFailed(_(
                "A staff account's token must be issued from a session confirmed with the second factor. "
                "Issue a new one on the \"API token\" page."
            ))
        return user, Token(key=key, user=user)
