"""What the voting services share: who may organise a vote, and whether it can still be changed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from odaq.orgs.scopes import Cap, can

from ..models import Election


def _check_scope(user, organisation) -> None:
    if not can(user, Cap.ORGANISE_VOTES, organisation):
        raise PermissionDenied(gettext("You may not organise votes for this organisation."))


def _check_editable(election: Election) -> None:
    if not election.editable:
        raise ValidationError(_("The vote has opened: nothing about it can be changed any more."))
