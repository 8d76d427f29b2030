"""Publishing a counted vote: the result becomes public and the ballot list is written once."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.core import audit

from .. import ballot_list
from ..models import Election, Status
from .common import _check_scope
from .counting import election_definition


def publish_election(user, election: Election, *, request=None) -> Election:
    """Closed and counted → published: the result becomes public and the ballot list is written (once)."""
    _check_scope(user, election.organisation)
    written: list[str] = []
    try:
        with transaction.atomic():
            election = Election.objects.select_for_update().get(pk=election.pk)
            if election.status != Status.CLOSED or election.result is None:
                raise ValidationError(_("Only a closed and counted vote can be published."))
            election.status, election.published_at = Status.PUBLISHED, timezone.now()
            if not election.result.get("suppressed", True):
                written.append(_store_ballot_list(election))
            election.save(update_fields=["status", "published_at", "ballot_list", "ballot_list_sha256"])
            audit.record("voting.published", actor=user, obj=election, request=request,
                         data={"chain_head": election.chain_head, "ballot_list_sha256": election.ballot_list_sha256})
    except BaseException:
        _forget_files(written)
        raise
    return election


def ensure_ballot_list(election: Election) -> Election:
    """The published vote with its ballot list, written now if it is missing (a vote published before lists were
    stored, or a file lost from storage). Http404 when the result is suppressed (too few voters)."""
    if election.status != Status.PUBLISHED or (election.result or {}).get("suppressed", True):
        raise Http404
    if ballot_list.stored(election):
        return election
    written: list[str] = []
    try:
        with transaction.atomic():
            election = Election.objects.select_for_update().get(pk=election.pk)
            if not ballot_list.stored(election):
                written.append(_store_ballot_list(election))
                election.save(update_fields=["ballot_list", "ballot_list_sha256"])
                audit.record("voting.ballot_list_written", obj=election,
                             data={"ballot_list_sha256": election.ballot_list_sha256})
    except BaseException:
        _forget_files(written)
        raise
    return election


def _store_ballot_list(election: Election) -> str:
    name, sha = ballot_list.write(election, election_definition(election))
    election.ballot_list.name, election.ballot_list_sha256 = name, sha
    return name


def _forget_files(names: list[str]) -> None:
    """A list written by a transaction that did not commit."""
    for name in names:
        default_storage.delete(name)
