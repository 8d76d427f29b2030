"""A labour dispute the union supports: parties, claims, legal basis, stages (conciliation commission to
cassation), hearings and documents. Amounts are whole tenge."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.appeals.models import Appeal, Topic
from odaq.orgs.models import Organisation, Person

from .choices import ClaimKind, DocumentKind, EventKind, Kind, Outcome, StageKind, Status

TEXT_MAX = 5000


class Dispute(models.Model):
    """One case file. Scoped like appeals: ``organisation`` (the member's employer node), ``region`` and
    ``confidential`` have the same meaning, so the appeals' scope rule applies unchanged.

    Other apps (the court-practice base) may link a decision to a dispute with a plain ForeignKey to this model."""

    number = models.CharField(_("number"), max_length=32, unique=True)
    appeal = models.ForeignKey(Appeal, null=True, blank=True, on_delete=models.SET_NULL, related_name="disputes",
                               verbose_name=_("appeal"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INDIVIDUAL)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="disputes",
                               verbose_name=_("member"))
    members = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name=_("other members"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="disputes",
                                     verbose_name=_("organisation"))
    region = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("topic"))
    subject = models.CharField(_("subject"), max_length=200)
    employer = models.CharField(_("employer"), max_length=255)
    employer_bin = models.CharField(_("employer BIN"), max_length=12, blank=True)
    union_represents = models.BooleanField(_("the union represents the member"), default=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    lawyer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="disputes", verbose_name=_("lawyer"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    # Starting points of the time limits of Labour Code art. 160.
    dismissal_served_on = models.DateField(_("dismissal order served on"), null=True, blank=True)
    violation_known_on = models.DateField(_("violation known since"), null=True, blank=True)
    no_commission = models.BooleanField(_("no conciliation commission (straight to court)"), default=False)
    next_deadline = models.DateField(_("next time limit"), null=True, blank=True)
    next_deadline_code = models.CharField(max_length=32, blank=True)
    deadline_reminded_for = models.DateField(null=True, blank=True, editable=False)
    # Sums over the stages (kept by the services) for reports and lists.
    awarded = models.PositiveBigIntegerField(_("awarded, tenge"), default=0)
    recovered = models.PositiveBigIntegerField(_("recovered, tenge"), default=0)
    reinstated = models.BooleanField(_("reinstated"), default=False)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("labour dispute")
        verbose_name_plural = _("labour disputes")
        indexes = [
            models.Index(fields=["lawyer", "status", "-created_at"], name="disputes_lawyer_status"),
            models.Index(fields=["region", "-created_at"], name="disputes_region_created"),
            models.Index(fields=["organisation", "-created_at"], name="disputes_org_created"),
            models.Index(fields=["next_deadline"], condition=Q(status="open"), name="disputes_open_deadline"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def claimed(self) -> int:
        return sum(c.amount or 0 for c in self.claims.all())


class Claim(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(_("claim"), max_length=16, choices=ClaimKind.choices)
    amount = models.PositiveBigIntegerField(_("amount, tenge"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.get_kind_display()


class LegalBasis(models.Model):
    """An article of the legal knowledge base the claims rest on (checked to exist when added)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="basis")
    act = models.CharField(_("act"), max_length=32)
    article = models.CharField(_("article"), max_length=16)
    title = models.CharField(_("title"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["dispute", "act", "article"], name="disputes_basis_unique")]

    def __str__(self) -> str:
        return f"{self.act} {self.article}"


class Stage(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("stage"), max_length=16, choices=StageKind.choices)
    sequence = models.PositiveSmallIntegerField(default=0)
    skipped = models.BooleanField(_("skipped"), default=False)
    repeat = models.BooleanField(_("repeated"), default=False)
    body = models.CharField(_("body"), max_length=255, blank=True)
    case_number = models.CharField(_("case number"), max_length=64, blank=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_received_on = models.DateField(_("decision received on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    awarded = models.PositiveBigIntegerField(_("awarded, tenge"), null=True, blank=True)
    recovered = models.PositiveBigIntegerField(_("recovered, tenge"), null=True, blank=True)
    reinstated = models.BooleanField(_("reinstated"), default=False)
    note = models.CharField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["sequence", "pk"]
        indexes = [models.Index(fields=["dispute", "sequence"], name="disputes_stage_seq")]

    def __str__(self) -> str:
        return self.get_kind_display()

    @property
    def is_decided(self) -> bool:
        return bool(self.outcome)


class Hearing(models.Model):
    stage = models.ForeignKey(Stage, on_delete=models.CASCADE, related_name="hearings")
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="disputes_hearing_start")]

    def __str__(self) -> str:
        return f"{self.stage} {self.starts_at:%Y-%m-%d %H:%M}"


def document_path(instance, filename: str) -> str:
    now = timezone.now()
    return f"disputes/{now:%Y/%m}/{instance.sha256[:2]}/{instance.sha256}"


class Document(models.Model):
    """A claim, decision or protocol, checked by content like appeal attachments and read through a view."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="documents")
    stage = models.ForeignKey(Stage, null=True, blank=True, on_delete=models.SET_NULL, related_name="documents")
    kind = models.CharField(_("document"), max_length=16, choices=DocumentKind.choices, default=DocumentKind.OTHER)
    shared_with_member = models.BooleanField(_("shared with the member"), default=False)
    file = models.FileField(upload_to=document_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class DisputeEvent(models.Model):
    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    data = models.JSONField(null=True, blank=True)
    visible_to_member = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.dispute} {self.kind}"
