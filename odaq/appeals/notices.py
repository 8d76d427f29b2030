"""Notifications about appeals, written in the recipient's language by ``odaq.notify``."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from odaq.notify.services import notify

from .models import Appeal

MEMBER_SUBJECTS = {
    "registered": _("Your appeal {number} is registered"),
    "question": _("A question about your appeal {number}"),
    "answered": _("Your appeal {number} is answered"),
    "extended": _("The answer to your appeal {number} will take longer"),
    "reopened": _("Your appeal {number} is reopened"),
}
STAFF_SUBJECTS = {
    "assigned": _("Appeal {number} is assigned to you"),
    "escalated": _("Appeal {number} is escalated to the central committee"),
    "reply": _("The member wrote about appeal {number}"),
    "reopened": _("The member reopened appeal {number}"),
    "reminder": _("The answer to appeal {number} is due soon"),
}


def to_member(appeal: Appeal, what: str) -> None:
    user = appeal.person.user
    if user is None:
        return
    context = {"appeal": appeal, "what": what}
    notify(
        user,
        subject=format_lazy(MEMBER_SUBJECTS[what], number=appeal.number),
        body=lambda: render_to_string("appeals/email/member.txt", context),
        url=reverse("appeals:detail", args=[appeal.pk]),
        kind=f"appeal.{what}",
    )


def to_assignee(appeal: Appeal, what: str) -> None:
    if appeal.assignee is None:
        return
    notify(
        appeal.assignee,
        subject=format_lazy(STAFF_SUBJECTS[what], number=appeal.number),
        body=lambda: render_to_string("appeals/email/staff.txt", {"appeal": appeal, "what": what}),
        url=reverse("appeals:staff_detail", args=[appeal.pk]),
        kind=f"appeal.{what}",
    )
