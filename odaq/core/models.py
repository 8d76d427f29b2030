from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .audit_models import AuditRecord  # noqa: F401  (model registration)
from .choices import Language


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email=None, password=None, phone=None, **extra):
        if not email and not phone:
            raise ValueError("A user needs an e-mail or a phone number")
        email = self.normalize_email(email) or None
        user = self.model(email=email, phone=phone or None, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email=email, password=password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """An account. Logs in by e-mail or phone; personal data live on orgs.Person."""

    email = models.EmailField(_("e-mail"), unique=True, null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=16, unique=True, null=True, blank=True)
    display_name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.KK
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("site administrator"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.email or self.phone or f"#{self.pk}"


class VerifiedToken(models.Model):
    """Marks an API token issued from a session confirmed with the second factor. When staff must use TOTP, a staff
    account's token without this mark is refused (``api_auth``): a token must not be a way around the second factor."""

    token = models.OneToOneField("authtoken.Token", primary_key=True, on_delete=models.CASCADE,
                                 related_name="second_factor")
    device = models.CharField(_("second-factor device"), max_length=255, blank=True)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)

    class Meta:
        verbose_name = _("API token confirmed by a second factor")
        verbose_name_plural = _("API tokens confirmed by a second factor")

    def __str__(self) -> str:
        return f"{self.token_id[:8]}… {self.issued_at:%Y-%m-%d}"
