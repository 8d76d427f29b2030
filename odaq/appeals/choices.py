from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REGISTERED = "registered", _("Registered")
    IN_PROGRESS = "in_progress", _("In progress")
    WAITING = "waiting", _("Waiting for the member")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")


# Statuses in which the union still owes an answer: the deadline runs.
OPEN = (Status.SUBMITTED, Status.REGISTERED, Status.IN_PROGRESS, Status.WAITING)


class Result(models.TextChoices):
    RESOLVED = "resolved", _("Resolved in the member's favour")
    PARTLY = "partly", _("Partly resolved")
    NOT_RESOLVED = "not_resolved", _("Not resolved")
    REDIRECTED = "redirected", _("Redirected to another body")


class Channel(models.TextChoices):
    CABINET = "cabinet", _("In my cabinet")
    EMAIL = "email", _("By e-mail")
    PHONE = "phone", _("By phone")
    POST = "post", _("By post")


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REGISTERED = "registered", _("Registered")
    ASSIGNED = "assigned", _("Assigned")
    ESCALATED = "escalated", _("Escalated to the central committee")
    TAKEN = "taken", _("Taken into work")
    QUESTION = "question", _("Question to the member")
    REPLY = "reply", _("Message from the member")
    COMMENT = "comment", _("Internal comment")
    ANSWER = "answer", _("Answer")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
    EXTENDED = "extended", _("Deadline extended")
    RATED = "rated", _("Rated")
    REMINDER = "reminder", _("Deadline reminder")
    OVERDUE = "overdue", _("Overdue")


class DayKind(models.TextChoices):
    WORKING = "working", _("Working day")
    DAY_OFF = "day_off", _("Day off")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Being prepared")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")
