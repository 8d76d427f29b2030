from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SCALE = "scale", _("Scale from 1 to 5")
    TEXT = "text", _("Free text")
    MATRIX = "matrix", _("Table: rows rated from 1 to 5")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


SCALE_MIN, SCALE_MAX = 1, 5
TEXT_MAX = 2000  # characters of one free-text answer
MIN_GROUP = 5  # groups smaller than this are not shown apart in anonymous surveys
MAX_OPTIONS = 30
MAX_QUESTIONS = 60
