from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError

from .models import User
from .phone import looks_like_phone, normalise_phone


def find_user(login: str) -> User | None:
    login = (login or "").strip()
    if not login:
        return None
    if looks_like_phone(login):
        try:
            return User.objects.filter(phone=normalise_phone(login)).first()
        except ValidationError:
            return None
    return User.objects.filter(email__iexact=login).first()


class EmailOrPhoneBackend(ModelBackend):
    """Log in with an e-mail address or a phone number and a password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = find_user(username)
        if user is None:
            User().set_password(password)  # same work either way: no timing hint of unknown logins
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request, credentials=None) -> str:
    """The key django-axes counts failures under: one per account, however its login was typed (e-mail in
    any case, or phone in any notation), so the e-mail and phone forms share one counter. A login that
    matches no account is counted as typed (normalised)."""
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    raw = raw.strip()
    user = find_user(raw)
    if user is not None:
        return f"account:{user.pk}"
    if looks_like_phone(raw):
        try:
            return normalise_phone(raw)
        except ValidationError:
            return raw
    return raw.lower()
