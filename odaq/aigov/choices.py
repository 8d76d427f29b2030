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


class Note(models.TextChoices):
    """Why a producer fell back (``AIRecord.notes``): shown to the member and to reviewers."""

    LLM_TIMEOUT = "llm_timeout", _("The language model did not answer in time, so this answer was assembled from "
                                   "the law articles directly.")
    LLM_HTTP_ERROR = "llm_http_error", _("The language model failed, so this answer was assembled from the law "
                                         "articles directly.")
    LLM_UNREACHABLE = "llm_unreachable", _("The language model is unreachable, so this answer was assembled from "
                                           "the law articles directly.")
    LLM_BAD_REPLY = "llm_bad_reply", _("The language model gave an unusable reply, so this answer was assembled "
                                       "from the law articles directly.")
    LLM_WRONG_LANGUAGE = "llm_wrong_language", _("The language model answered in another language, so this answer "
                                                 "was assembled from the law articles directly.")
    LLM_NO_CITATION = "llm_no_citation", _("The language model's answer cited no verified article, so this answer "
                                           "was assembled from the law articles directly.")
    LLM_NO_SOURCES = "llm_no_sources", _("No article was found for the language model to work from.")


# Topics of questions (``AIRecord.topic``), as reviewers read them.
TOPIC_LABELS = {
    "pay": _("Pay"),
    "leave": _("Leave"),
    "working_time": _("Working time and workload"),
    "dismissal": _("Dismissal"),
    "discipline": _("Disciplinary measures"),
    "certification": _("Certification and qualification category"),
    "safety": _("Labour safety"),
    "contract": _("Employment contract"),
    "social": _("Social benefits"),
    "digital": _("Digital monitoring and algorithmic decisions"),
    "harassment": _("Harassment and discrimination"),
    "disputes": _("Labour disputes"),
    "other": _("Other"),
}
