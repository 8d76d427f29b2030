from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    CABINET = "cabinet", _("Member cabinet chat")
    PUBLIC = "public", _("Public page")
    API = "api", _("API")
    EVAL = "eval", _("Evaluation")


class Composer(models.TextChoices):
    EXTRACTIVE = "extractive", _("Extractive (no language model)")
    LLM = "llm", _("Language model")
    CARD = "card", _("Approved answer")


class ReviewStatus(models.TextChoices):
    NONE = "none", _("Not queued")
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    CORRECTED = "corrected", _("Corrected")
    REJECTED = "rejected", _("Rejected")


class Decision(models.TextChoices):
    APPROVE = "approve", _("Approve")
    CORRECT = "correct", _("Correct")
    REJECT = "reject", _("Reject")


DECISION_STATUS = {Decision.APPROVE: ReviewStatus.APPROVED, Decision.CORRECT: ReviewStatus.CORRECTED,
                   Decision.REJECT: ReviewStatus.REJECTED}


class Flag(models.TextChoices):
    SENSITIVE = "sensitive_topic", _("Sensitive topic")
    STRIPPED = "stripped_citations", _("Citations removed by verification")
    NEGATIVE = "negative_feedback", _("Negative feedback")
    ASKED_LAWYER = "asked_lawyer", _("Member asked a lawyer to check")
    SAMPLE = "sample", _("Random sample")
    FALLBACK = "fallback", _("Language model failed; extractive answer shown")
    NO_SOURCES = "no_sources", _("No article found")
    STALE_CARD = "stale_card", _("Approved answer cites a changed article")


class Feedback(models.TextChoices):
    NONE = "", _("No feedback")
    UP = "up", _("Helpful")
    DOWN = "down", _("Not helpful")


SENSITIVE_TOPICS = frozenset({"dismissal", "discipline", "pay"})
