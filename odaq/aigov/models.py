"""AI governance: a record of every AI output, its expert review, and lawyer-approved answer cards."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import Channel, Composer, Decision, Feedback, ReviewStatus

QUESTION_MAX = 2000
ANSWER_MAX = 8000
NOTE_MAX = 2000


class AIRecord(models.Model):
    """One AI answer as it was shown: masked question, sources, composer, citations and review."""

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    language = models.CharField(_("language"), max_length=2)
    question = models.TextField(_("question (masked)"), max_length=QUESTION_MAX)
    topic = models.CharField(_("topic"), max_length=32, blank=True)
    # [{act, number, lang, article (id), edition (id)}]
    sources = models.JSONField(_("retrieved sources"), default=list, blank=True)
    composer = models.CharField(_("composer"), max_length=16, choices=Composer.choices)
    model_id = models.CharField(_("model"), max_length=200, blank=True)
    prompt_version = models.CharField(_("prompt version"), max_length=40, blank=True)
    answer = models.TextField(_("answer"), max_length=ANSWER_MAX)
    citations = models.JSONField(_("citations"), default=list, blank=True)  # [{act, number, verified, reason}]
    notes = models.JSONField(_("pipeline notes"), default=list, blank=True)
    latency_ms = models.PositiveIntegerField(_("latency, ms"), default=0)
    flags = models.JSONField(_("flags"), default=list, blank=True)
    card = models.ForeignKey("aigov.AnswerCard", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="records", verbose_name=_("approved answer"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="ai_records")
    organisation = models.ForeignKey("orgs.Organisation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="ai_records", verbose_name=_("organisation"))
    conversation = models.ForeignKey("assistant.Conversation", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="records")
    review_status = models.CharField(_("review"), max_length=16, choices=ReviewStatus.choices,
                                     default=ReviewStatus.NONE, db_index=True)
    review_requested_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("reviewer"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    review_note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    corrected_answer = models.TextField(_("corrected answer"), max_length=ANSWER_MAX, blank=True)
    # The articles the lawyer cites for the corrected answer: [{act, number, verified: true, reason: ""}]
    corrected_citations = models.JSONField(_("corrected answer's sources"), default=list, blank=True)
    feedback = models.CharField(_("feedback"), max_length=4, choices=Feedback.choices, blank=True)
    feedback_comment = models.TextField(_("feedback comment"), max_length=NOTE_MAX, blank=True)

    class Meta:
        verbose_name = _("AI record")
        verbose_name_plural = _("AI records")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["review_status", "created_at"])]

    def __str__(self) -> str:
        return f"AI#{self.pk} {self.channel} {self.language}"

    @property
    def reviewed(self) -> bool:
        return self.review_status in (ReviewStatus.APPROVED, ReviewStatus.CORRECTED)

    @property
    def shown_answer(self) -> str:
        return self.corrected_answer if self.review_status == ReviewStatus.CORRECTED else self.answer

    @property
    def checked_on(self):
        """When a lawyer checked what the member reads: the review, or the approved card's approval."""
        if self.reviewed:
            return self.reviewed_at
        if self.card_id and self.composer == Composer.CARD:
            return self.card.approved_at
        return None

    @property
    def from_checked_card(self) -> bool:
        """The member reads a lawyer-approved card (not a reviewed answer)."""
        return bool(self.card_id and self.composer == Composer.CARD and not self.reviewed
                    and self.card.approved_at)

    @property
    def card_lawyer(self) -> str:
        """The name of the lawyer who approved the card, as members may read it (never an e-mail or phone)."""
        user = self.card.approved_by if self.card_id else None
        return getattr(user, "display_name", "") or ""

    @property
    def verified_citations(self) -> list[dict]:
        return [c for c in self.citations if c.get("verified")]

    @property
    def shown_citations(self) -> list[dict]:
        """The sources of the answer as shown: the lawyer's for a corrected answer, else the verified ones."""
        if self.review_status == ReviewStatus.CORRECTED:
            return list(self.corrected_citations)
        return self.verified_citations


class AnswerCard(models.Model):
    """An answer approved by a lawyer, in both languages, matched semantically to new questions."""

    questions_kk = models.TextField(_("question variants (Kazakh), one per line"), max_length=4000)
    questions_ru = models.TextField(_("question variants (Russian), one per line"), max_length=4000)
    answer_kk = models.TextField(_("answer (Kazakh)"), max_length=ANSWER_MAX)
    answer_ru = models.TextField(_("answer (Russian)"), max_length=ANSWER_MAX)
    topic = models.CharField(_("topic"), max_length=32, blank=True)
    active = models.BooleanField(_("in use"), default=True)
    needs_review = models.BooleanField(_("needs review"), default=False)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now, null=True, blank=True)
    # A starter answer written by the Odaq team (its key in the data file); empty for cards made from a review.
    starter_key = models.CharField(_("starter answer"), max_length=64, blank=True, db_index=True)
    source_record = models.ForeignKey(AIRecord, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    cited = GenericRelation("law.Citation", content_type_field="content_type", object_id_field="object_id")

    class Meta:
        verbose_name = _("approved answer")
        verbose_name_plural = _("approved answers")
        ordering = ["-approved_at"]
        constraints = [models.UniqueConstraint(fields=["starter_key"], condition=~models.Q(starter_key=""),
                                               name="aigov_card_unique_starter_key")]

    @property
    def is_draft(self) -> bool:
        """Written in advance and never approved by a lawyer: not shown to members."""
        return self.approved_at is None

    def __str__(self) -> str:
        return (self.questions_ru or self.questions_kk).splitlines()[0][:80] if (
            self.questions_ru or self.questions_kk) else f"card {self.pk}"

    def variants(self, lang: str | None = None) -> list[str]:
        fields = [self.questions_kk, self.questions_ru] if lang is None else [getattr(self, f"questions_{lang}")]
        return [line.strip() for text in fields for line in text.splitlines() if line.strip()]

    def answer_in(self, lang: str) -> str:
        return getattr(self, f"answer_{lang}", "") or self.answer_ru or self.answer_kk
