from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from odaq.core.choices import Language
from odaq.core.i18n import localized
from odaq.orgs.models import Organisation, Person

from .choices import OPEN, Channel, DayKind, EventKind, ExportStatus, Result, Status

SUBJECT_MAX = 200
TEXT_MAX = 10000


class Topic(models.Model):
    """A managed, trilingual list of appeal topics (codes are stable: other apps link by code)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name_kk = models.CharField(_("name (Kazakh)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("appeal topic")
        verbose_name_plural = _("appeal topics")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localized(self, "name")


class DutyLawyer(models.Model):
    """Who receives new appeals of a region."""

    region = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="duty_lawyer",
                                  verbose_name=_("region"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("lawyer on duty"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("lawyer on duty")
        verbose_name_plural = _("lawyers on duty")

    def __str__(self) -> str:
        return f"{self.region} — {self.user}"


class CalendarDay(models.Model):
    """An exception to the holiday library: a moved working day (e.g. a Saturday) or an extra day off."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=DayKind.choices)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("moved day")
        verbose_name_plural = _("moved days")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class AppealCounter(models.Model):
    """The last sequence number given in a region in a year; locked while an appeal is registered."""

    region = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="appeals_counter_region_year")]

    def __str__(self) -> str:
        return f"{self.region_id}/{self.year}: {self.last}"


class Appeal(models.Model):
    number = models.CharField(_("number"), max_length=32, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("member"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="appeals",
                                     verbose_name=_("organisation"))
    region = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("filed by"))
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="appeals", verbose_name=_("topic"))
    subject = models.CharField(_("subject"), max_length=SUBJECT_MAX)
    description = models.TextField(_("description"), max_length=TEXT_MAX)
    employer = models.CharField(_("employer"), max_length=255, blank=True)
    confidential = models.BooleanField(_("confidential"), default=False)
    answer_language = models.CharField(_("language of the answer"), max_length=2, choices=Language.choices,
                                       default=Language.KK)
    answer_channel = models.CharField(_("how to answer"), max_length=8, choices=Channel.choices,
                                      default=Channel.CABINET)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="assigned_appeals", verbose_name=_("assignee"))
    escalated = models.BooleanField(_("escalated to the central committee"), default=False)
    created_at = models.DateTimeField(_("filed"), default=timezone.now)
    due_date = models.DateField(_("answer due"), null=True, blank=True)
    extended = models.BooleanField(_("deadline extended"), default=False)
    extension_reason = models.CharField(_("reason for the extension"), max_length=500, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(_("became overdue"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    economic_effect = models.PositiveBigIntegerField(_("economic effect, tenge"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True,
                                              validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_comment = models.CharField(_("comment on the rating"), max_length=1000, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    ai_record_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        indexes = [
            models.Index(fields=["region", "due_date"], condition=Q(status__in=OPEN), name="appeals_open_due"),
            models.Index(fields=["due_date"], condition=Q(status__in=OPEN), name="appeals_open_due_all"),
            models.Index(fields=["-created_at"], name="appeals_created"),
            models.Index(fields=["region", "-created_at"], name="appeals_region_created"),
            models.Index(fields=["organisation", "-created_at"], name="appeals_org_created"),
            models.Index(fields=["assignee", "status"], name="appeals_assignee_status"),
            models.Index(fields=["person", "-created_at"], name="appeals_person_created"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                                   name="appeals_rating_1_5"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < timezone.localdate()


class AppealEvent(models.Model):
    """One step of the timeline. Internal comments are events the member does not see."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    visible_to_member = models.BooleanField(_("visible to the member"), default=True)
    text = models.TextField(_("text"), blank=True, max_length=TEXT_MAX)  # what a person wrote, never a code
    # What the event is about beyond its kind, as data (see ``details``): {"on_behalf": true} (submitted),
    # {"assignee": user id, "assignee_name": …} (assigned), {"cause": "overdue"} (escalated by the deadline),
    # {"due_date": "YYYY-MM-DD"} (extended, reminder, overdue), {"rating": 1–5} (rated). None: nothing more.
    data = models.JSONField(_("data"), null=True, blank=True)
    status = models.CharField(_("status after"), max_length=16, choices=Status.choices, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["appeal", "created_at"], name="appeals_event_appeal")]

    def __str__(self) -> str:
        return f"{self.appeal} {self.kind}"

    @property
    def details(self) -> str:
        """The event's ``data`` as one translated line for the timeline (in the active language), or ""."""
        data = self.data if isinstance(self.data, dict) else {}
        due = parse_date(str(data.get("due_date") or "")) if data.get("due_date") else None
        if self.kind == EventKind.SUBMITTED and data.get("on_behalf"):
            return gettext("Filed by the chair of the primary organisation on the member's behalf.")
        if self.kind == EventKind.ASSIGNED and data.get("assignee_name"):
            return gettext("Assigned to %(name)s") % {"name": data["assignee_name"]}
        if self.kind == EventKind.ESCALATED and data.get("cause") == "overdue":
            return gettext("Escalated automatically: the deadline has passed.")
        if self.kind == EventKind.RATED and data.get("rating"):
            return gettext("Rating: %(n)s of 5") % {"n": data["rating"]}
        if self.kind == EventKind.EXTENDED and due:
            return gettext("New deadline: %(date)s") % {"date": formats.date_format(due, "d.m.Y")}
        if self.kind in (EventKind.REMINDER, EventKind.OVERDUE) and due:
            return gettext("Deadline: %(date)s") % {"date": formats.date_format(due, "d.m.Y")}
        return ""


def attachment_path(instance, filename: str) -> str:
    now = timezone.now()
    return f"appeals/{now:%Y/%m}/{instance.sha256[:2]}/{instance.sha256}"


class Attachment(models.Model):
    """A file of an appeal, kept under MEDIA_ROOT (not served by the web server) and read through a view."""

    appeal = models.ForeignKey(Appeal, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(AppealEvent, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


def export_path(instance, filename: str) -> str:
    return f"appeal_exports/{instance.requested_by_id}/{instance.token}.{instance.kind}"


class AppealExport(models.Model):
    """A CSV or XLSX export of the staff queue, built in the background for the one who asked for it.

    The file lives under MEDIA_ROOT (never served directly) and only its requester downloads it, through a view.
    """

    KINDS = [("csv", "CSV"), ("xlsx", "XLSX")]

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token = models.CharField(max_length=32, unique=True)
    kind = models.CharField(_("format"), max_length=4, choices=KINDS)
    query = models.CharField(_("filters"), max_length=2000, blank=True)
    language = models.CharField(max_length=8, default="kk")
    status = models.CharField(_("status"), max_length=8, choices=ExportStatus.choices, default=ExportStatus.QUEUED)
    rows_total = models.PositiveIntegerField(null=True, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to=export_path, max_length=200, blank=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["requested_by", "-created_at"], name="appeals_export_requester")]

    def __str__(self) -> str:
        return f"{self.kind} export {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (ExportStatus.DONE, ExportStatus.FAILED)

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, self.rows_done * 100 // self.rows_total)

    @property
    def filename(self) -> str:
        return f"appeals-{timezone.localtime(self.created_at):%Y%m%d-%H%M}.{self.kind}"
