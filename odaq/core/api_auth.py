"""API token authentication: DRF's, with the user read by one prepared statement."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.authtoken.models import Token

from . import db
from .models import User

_FIELDS = [f.attname for f in User._meta.concrete_fields]
_SQL = (f"SELECT {', '.join('u.' + f for f in _FIELDS)} FROM {User._meta.db_table} u "
        f"JOIN {Token._meta.db_table} t ON t.user_id = u.id WHERE t.key = %s")


class TokenAuthentication(authentication.TokenAuthentication):
    """``Authorization: Token <key>``. Same answers as DRF's class; the check runs on every API call of the mobile
    app, so it is one prepared query instead of an ORM query compiled each time."""

    def authenticate_credentials(self, key):
        _count, rows = db.execute(_SQL, [key])
        if not rows:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = User.from_db("default", _FIELDS, rows[0])
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return user, Token(key=key, user=user)
