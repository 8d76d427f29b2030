"""Surveys, their questions, who took part and what was answered.

Anonymity: ``Participation`` (who took part) and ``Response`` (what was answered) share no key,
no timestamp and no order. A response has a random UUID primary key and no creation time; its
answers also have random keys. Only named surveys fill ``Response.person``.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.core.i18n import pick
from odaq.orgs.choices import Position
from odaq.orgs.models import Organisation, Person

from .choices import Kind, Status


def _pick(kk: str, ru: str) -> str:
    return pick({"kk": kk, "ru": ru})[0]


class Survey(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="surveys",
                                     verbose_name=_("organisation"),
                                     help_text=_("Active members of this organisation and all below it are asked."))
    title_kk = models.CharField(_("title (Kazakh)"), max_length=200)
    title_ru = models.CharField(_("title (Russian)"), max_length=200)
    intro_kk = models.TextField(_("introduction (Kazakh)"), max_length=4000, blank=True)
    intro_ru = models.TextField(_("introduction (Russian)"), max_length=4000, blank=True)
    anonymous = models.BooleanField(
        _("anonymous"), default=True,
        help_text=_("Anonymous: nobody can see who gave which answers. Named: the organisers see each member's "
                    "answers."))
    young_only = models.BooleanField(_("young specialists only"), default=False)
    positions = models.JSONField(_("positions"), default=list, blank=True,
                                 help_text=_("Leave empty to ask members of every position."))
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True,
                                    help_text=_("Leave empty to open at once when you press Open."))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(_("state"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        indexes = [models.Index(fields=["status", "closes_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return _pick(self.title_kk, self.title_ru)

    @property
    def intro(self) -> str:
        return _pick(self.intro_kk, self.intro_ru)

    @property
    def is_accepting(self) -> bool:
        now = timezone.now()
        return (self.status == Status.OPEN and (self.opens_at is None or self.opens_at <= now)
                and now < self.closes_at)

    @property
    def is_finished(self) -> bool:
        return self.status == Status.CLOSED or (self.status == Status.OPEN and timezone.now() >= self.closes_at)

    @property
    def editable(self) -> bool:
        return self.status == Status.DRAFT

    def position_labels(self) -> list[str]:
        labels = dict(Position.choices)
        return [str(labels.get(p, p)) for p in self.positions]


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    text_kk = models.CharField(_("question (Kazakh)"), max_length=500)
    text_ru = models.CharField(_("question (Russian)"), max_length=500)
    required = models.BooleanField(_("an answer is required"), default=True)
    # Choices (single, multiple) or rows (matrix), each {"kk": ..., "ru": ...}; answers refer to the index.
    options = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _pick(self.text_kk, self.text_ru)

    def labels(self) -> list[str]:
        return [_pick(o.get("kk", ""), o.get("ru", "")) for o in self.options]

    @property
    def has_choices(self) -> bool:
        return self.kind in (Kind.SINGLE, Kind.MULTIPLE)


class Participation(models.Model):
    """That a member took part (one per member and survey) — never what she answered."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="survey_participations")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    on = models.DateField(default=timezone.localdate)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "person"], name="one_response_per_member")]
        indexes = [models.Index(fields=["survey", "organisation"])]

    def __str__(self) -> str:
        return f"{self.person_id} @ {self.survey_id}"


class Response(models.Model):
    """One member's answers. No creation time and a random key, so it cannot be matched to a participation."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    organisation = models.ForeignKey(Organisation, null=True, on_delete=models.PROTECT, related_name="+")
    # Named surveys only; always empty in anonymous surveys.
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["survey", "organisation"])]

    def __str__(self) -> str:
        return str(self.pk)


class Answer(models.Model):
    """One value of a response: a choice, a scale value, a matrix row's value or a text."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = models.PositiveSmallIntegerField(null=True)  # choice index, or matrix row index
    number = models.PositiveSmallIntegerField(null=True)  # scale value 1-5
    text = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["question", "option", "number"])]

    def __str__(self) -> str:
        return str(self.pk)
