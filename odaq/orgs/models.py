from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node

from odaq.core.choices import Language
from odaq.core.i18n import localized
from odaq.core.iin import validate_iin

from .choices import ConsentPurpose, EmployerKind, Level, MembershipStatus, Position, Role

bin_validator = RegexValidator(r"^\d{12}$", _("A BIN has exactly 12 digits."))


class Organisation(MP_Node):
    """A node of the union tree. ``path`` (materialised path) makes subtree queries a prefix match."""

    steplen = 4
    node_order_by = ["name_ru"]

    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=255)
    name_ru = models.CharField(_("name (Russian)"), max_length=255)
    code = models.CharField(_("code"), max_length=8, blank=True, help_text=_("Region code used in numbers"))
    employer_kind = models.CharField(_("employer kind"), max_length=16, choices=EmployerKind.choices, blank=True)
    employer_name = models.CharField(_("employer"), max_length=255, blank=True)
    employer_bin = models.CharField(_("employer BIN"), max_length=12, blank=True, validators=[bin_validator])
    address = models.CharField(_("address"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["level", "path"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")

    def subtree_q(self, prefix: str = "") -> Q:
        return Q(**{f"{prefix}path__startswith": self.path})


class Person(models.Model):
    iin = models.CharField(_("IIN"), max_length=12, unique=True, validators=[validate_iin])
    last_name = models.CharField(_("last name"), max_length=100)
    first_name = models.CharField(_("first name"), max_length=100)
    middle_name = models.CharField(_("patronymic"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    language = models.CharField(_("preferred language"), max_length=2, choices=Language.choices, default="kk")
    position = models.CharField(_("position"), max_length=32, choices=Position.choices, default=Position.TEACHER)
    young_specialist = models.BooleanField(_("young specialist"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    # Lower-cased "last first middle" for indexed name search (trigram index on PostgreSQL).
    search_name = models.CharField(max_length=310, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.last_name, self.first_name, self.middle_name) if p)

    def save(self, *args, **kwargs):
        self.search_name = build_search_name(self.last_name, self.first_name, self.middle_name)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_name"}
        super().save(*args, **kwargs)


def build_search_name(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p).lower().replace("ё", "е")


class Membership(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    joined_on = models.DateField(_("joined on"), default=timezone.localdate)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    card_number = models.CharField(_("membership card"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=~Q(status="left"),
                name="one_current_membership_per_person",
            )
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation}"


class Consent(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=32, choices=ConsentPurpose.choices)
    text_version = models.CharField(_("text version"), max_length=32)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.person} {self.purpose} {self.text_version}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class RoleAssignment(models.Model):
    """A staff role held on a node; it covers the node's whole subtree."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="roles", verbose_name=_("organisation")
    )
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="one_active_grant_per_role_node",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.organisation}"


class Application(models.Model):
    """A self-registration whose IIN matched a person already on the register (a former member).

    IINs are not secret, so the new account is kept apart from that person: it sees nothing of her history, and her
    record keeps its details, until a chair (or regional staff) compares the submitted details with the record and
    approves the pending membership. Then the account is linked and the submitted details are applied."""

    membership = models.OneToOneField(Membership, on_delete=models.CASCADE, related_name="application")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(_("submitted details"))
    created_at = models.DateTimeField(_("applied on"), default=timezone.now)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self) -> str:
        return f"{self.data.get('last_name', '')} {self.data.get('first_name', '')} → {self.membership}"
