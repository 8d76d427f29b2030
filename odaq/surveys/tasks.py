"""Notifying members that a survey is open: in-cabinet notices, in chunks, never one huge e-mail run."""

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from odaq.core.models import User

from . import selectors
from .choices import Status
from .models import Survey

CHUNK = 1000


@shared_task
def notify_due_surveys() -> int:
    """Start the notification run of every open survey that has begun and was not announced yet."""
    now = timezone.now()
    started = 0
    for pk in Survey.objects.filter(status=Status.OPEN, notified_at__isnull=True, opens_at__lte=now,
                                    closes_at__gt=now).values_list("pk", flat=True):
        claimed = Survey.objects.filter(pk=pk, notified_at__isnull=True).update(notified_at=now)
        if claimed:  # another worker did not take it first
            notify_survey_members.delay(pk, 0)
            started += 1
    return started


@shared_task
def notify_survey_members(survey_id: int, after_user: int = 0) -> int:
    """Notify one chunk of eligible members with an account (by user id), then queue the next chunk."""
    survey = Survey.objects.select_related("organisation").filter(pk=survey_id, status=Status.OPEN).first()
    if survey is None:
        return 0
    user_ids = list(selectors.eligible_memberships(survey).filter(person__user__gt=after_user)
                    .order_by("person__user").values_list("person__user", flat=True).distinct()[:CHUNK])
    if not user_ids:
        return 0
    from odaq.notify.services import notify

    url = reverse("surveys:answer", args=[survey.pk])
    subject = format_lazy(_("A new survey: {title}"), title=_LazyTitle(survey))
    body = _("Your union asks for your opinion. Open the survey in your cabinet to answer.")
    with transaction.atomic():
        for user in User.objects.filter(pk__in=user_ids).select_related("person"):
            notify(user, subject=subject, body=body, url=url, email=False, kind="survey.opened")
    if len(user_ids) == CHUNK:
        notify_survey_members.delay(survey_id, user_ids[-1])
    return len(user_ids)


class _LazyTitle:
    """The survey's title in the language active when the notification is rendered."""

    def __init__(self, survey: Survey):
        self.survey = survey

    def __str__(self) -> str:
        return self.survey.title
