from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    COLLECTIVE = "collective", _("Collective")


class Status(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ClaimKind(models.TextChoices):
    REINSTATEMENT = "reinstatement", _("Reinstatement at work")
    UNPAID_PAY = "unpaid_pay", _("Unpaid pay")
    COMPENSATION = "compensation", _("Compensation")
    CANCEL_ORDER = "cancel_order", _("Cancellation of a disciplinary order")
    OTHER = "other", _("Other claim")


class StageKind(models.TextChoices):
    """In the order a dispute goes through them (Labour Code art. 159: the conciliation commission first)."""

    CONCILIATION = "conciliation", _("Conciliation commission")
    FIRST_INSTANCE = "first_instance", _("Court of first instance")
    APPEAL = "appeal", _("Appeal")
    CASSATION = "cassation", _("Cassation")


STAGE_ORDER = {kind: n for n, kind in enumerate(StageKind.values)}


class Outcome(models.TextChoices):
    WON = "won", _("Won")
    PARTLY = "partly", _("Partly won")
    LOST = "lost", _("Lost")
    SETTLED = "settled", _("Settled")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DocumentKind(models.TextChoices):
    CLAIM = "claim", _("Claim")
    DECISION = "decision", _("Decision")
    PROTOCOL = "protocol", _("Protocol")
    OTHER = "other", _("Other document")


class EventKind(models.TextChoices):
    OPENED = "opened", _("Dispute opened")
    CLAIM = "claim", _("Claim added")
    BASIS = "basis", _("Legal basis added")
    STAGE = "stage", _("Stage started")
    SKIPPED = "skipped", _("Stage skipped")
    DECIDED = "decided", _("Decision recorded")
    HEARING = "hearing", _("Hearing scheduled")
    DOCUMENT = "document", _("Document added")
    DEADLINE = "deadline", _("Time limit reminder")
    CLOSED = "closed", _("Dispute closed")
