"""The appeal's state machine: every allowed move is one row of ``TRANSITIONS``; anything else is refused.

    submitted → registered → in progress ⇄ waiting for the member → answered → closed
    answered / closed → in progress (reopened by the member within REOPEN_DAYS of the answer)
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import Status

REOPEN_DAYS = 10

# action → (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "register": (frozenset({Status.SUBMITTED}), Status.REGISTERED),
    "take": (frozenset({Status.REGISTERED}), Status.IN_PROGRESS),
    "ask": (frozenset({Status.REGISTERED, Status.IN_PROGRESS}), Status.WAITING),
    "reply": (frozenset({Status.WAITING}), Status.IN_PROGRESS),
    "answer": (frozenset({Status.REGISTERED, Status.IN_PROGRESS, Status.WAITING}), Status.ANSWERED),
    "close": (frozenset({Status.ANSWERED}), Status.CLOSED),
    "reopen": (frozenset({Status.ANSWERED, Status.CLOSED}), Status.IN_PROGRESS),
}


def allowed(status: str, action: str) -> bool:
    sources, _target = TRANSITIONS[action]
    return status in sources


def target(status: str, action: str) -> str:
    """The status ``action`` leads to from ``status``; a translated ValidationError if it is not allowed."""
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown action."), code="unknown_action")
    sources, to = TRANSITIONS[action]
    if status not in sources:
        raise ValidationError(
            _("This cannot be done while the appeal is “%(status)s”."),
            code="transition_refused",
            params={"status": Status(status).label},
        )
    return to
