"""Notifications about disputes, written in the recipient's language by ``odaq.notify``."""

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from odaq.notify.services import notify

MEMBER_SUBJECTS = {
    "opened": _("The union opened labour dispute {number} for you"),
    "stage": _("Your dispute {number} moved to a new stage"),
    "decided": _("A decision in your dispute {number}"),
    "hearing": _("A hearing in your dispute {number} on {when}"),
    "closed": _("Your dispute {number} is closed"),
}
LAWYER_SUBJECTS = {
    "assigned": _("Labour dispute {number} is yours"),
    "hearing": _("Hearing in dispute {number} on {when}"),
    "deadline": _("Time limit in dispute {number}: {when}"),
}


def _when(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "hour"):
        return formats.date_format(timezone.localtime(value), "d.m.Y H:i")
    return formats.date_format(value, "d.m.Y")


def to_member(dispute, what: str, *, when=None) -> None:
    people = [dispute.person] if dispute.person_id else []
    people += list(dispute.members.all())
    seen = set()
    for person in people:
        if person.user_id is None or person.user_id in seen:
            continue
        seen.add(person.user_id)
        notify(person.user, subject=format_lazy(MEMBER_SUBJECTS[what], number=dispute.number, when=_when(when)),
               body=format_lazy(MEMBER_SUBJECTS[what], number=dispute.number, when=_when(when)),
               url=reverse("disputes:my_detail", args=[dispute.pk]), kind=f"dispute.{what}")


def to_lawyer(dispute, what: str, *, when=None) -> None:
    if dispute.lawyer_id is None:
        return
    notify(dispute.lawyer, subject=format_lazy(LAWYER_SUBJECTS[what], number=dispute.number, when=_when(when)),
           body=format_lazy(LAWYER_SUBJECTS[what], number=dispute.number, when=_when(when)),
           url=reverse("disputes:detail", args=[dispute.pk]), kind=f"dispute.{what}")
