from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.orgs.models import Organisation


class Outcome(models.TextChoices):
    WON = "won", _("won")
    PARTLY = "partly", _("partly won")
    LOST = "lost", _("lost")
    SETTLED = "settled", _("settled")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Status(models.TextChoices):
    DRAFT = "draft", _("awaiting review")
    PUBLISHED = "published", _("published")


class Audience(models.TextChoices):
    LAWYERS = "lawyers", _("lawyers")
    MEMBERS = "members", _("members and lawyers")


class Decision(models.Model):
    """A court decision, de-identified before it was stored; published after a lawyer's review."""

    court = models.CharField(_("court"), max_length=300)
    decided_on = models.DateField(_("date of decision"))
    case_number = models.CharField(_("case number"), max_length=100)
    region = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("region"))
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    lang = models.CharField(_("language"), max_length=2, choices=[("kk", _("Kazakh")), ("ru", _("Russian"))])
    text = models.TextField(_("de-identified text"))
    redactions = models.JSONField(default=dict, blank=True)
    source_name = models.CharField(max_length=255, blank=True)
    source_sha256 = models.CharField(max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    audience = models.CharField(_("published for"), max_length=10, choices=Audience.choices,
                                default=Audience.LAWYERS)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("court decision")
        verbose_name_plural = _("court decisions")
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["status", "audience", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.court} {self.case_number} {self.decided_on:%d.%m.%Y}"


class CitedArticle(models.Model):
    """An article of the knowledge base that a decision applies (found by the citation extractor)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="cited")
    act = models.CharField(max_length=32)
    article = models.CharField(max_length=16)
    point = models.CharField(max_length=8, blank=True)
    subpoint = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [models.Index(fields=["act", "article"])]
        constraints = [models.UniqueConstraint(fields=["decision", "act", "article"], name="practice_cited_once")]

    def __str__(self) -> str:
        return f"{self.act} {self.article}"


class SavedSearch(models.Model):
    """A lawyer's search that tells her when a new published decision matches it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    q = models.CharField(_("words"), max_length=200, blank=True)
    act = models.CharField(max_length=32, blank=True)
    article = models.CharField(_("article"), max_length=16, blank=True)
    court = models.CharField(_("court"), max_length=300, blank=True)
    year = models.PositiveIntegerField(_("year"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, blank=True)
    region = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return " ".join(str(v) for v in (self.q, self.act, self.article, self.court, self.year) if v)
