"""A vote's life after organising: opening (the electorate frozen), closing and counting, the scheduler's tick."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from odaq.core import audit
from odaq.orgs.choices import MembershipStatus
from odaq.orgs.models import Membership

from ..announcements import announce_election
from ..models import Delegate, Election, Electorate, Eligible, Status, VoterRoll
from .common import _check_scope
from .counting import count_election
from .mixing import mix_ballots
from .organising import readiness_problems

logger = logging.getLogger(__name__)


def open_election(election: Election, *, user=None, request=None, announce: bool = True) -> Election:
    """Scheduled → open. Freezes the electorate. Staff may open early ("open now")."""
    if user is not None:
        _check_scope(user, election.organisation)
    problems = readiness_problems(election)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        if election.status != Status.SCHEDULED:
            raise ValidationError(_("Only a scheduled vote can be opened."))
        _freeze_electorate(election)
        agg = Eligible.objects.filter(election=election).values_list("weight", flat=True)
        election.electorate_count = agg.count()
        election.electorate_weight = sum(agg) if election.electorate == Electorate.DELEGATES else \
            election.electorate_count
        election.status, election.opened_at = Status.OPEN, now
        if election.opens_at > now:
            election.opens_at = now
        election.save()
        audit.record("voting.opened", actor=user, obj=election, request=request,
                     data={"electorate_count": election.electorate_count,
                           "electorate_weight": election.electorate_weight})
        if announce:  # a task module of its own: services never import ``tasks`` (tasks import services)
            pk = election.pk
            transaction.on_commit(lambda: announce_election.delay(pk))
    return election


def _freeze_electorate(election: Election) -> None:
    Eligible.objects.filter(election=election).delete()
    if election.electorate == Electorate.DELEGATES:
        rows = Delegate.objects.filter(election=election).values_list("person_id", "weight")
        members = dict(Membership.objects.filter(person_id__in=[p for p, _w in rows]).exclude(
            status=MembershipStatus.LEFT).values_list("person_id", "organisation_id"))
        Eligible.objects.bulk_create([Eligible(election=election, person_id=p, weight=w,
                                               organisation_id=members.get(p)) for p, w in rows])
        return
    # Active members of the subtree, in one INSERT … SELECT (hundreds of thousands of rows).
    eligible, membership = Eligible._meta.db_table, Membership._meta.db_table
    org = election.organisation._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {eligible} (election_id, person_id, organisation_id, weight) "
            f"SELECT %s, m.person_id, m.organisation_id, 1 FROM {membership} m "
            f"JOIN {org} o ON o.id = m.organisation_id WHERE m.status = %s AND o.path LIKE %s",
            [election.pk, MembershipStatus.ACTIVE, election.organisation.path + "%"],
        )


def close_election(election: Election, *, user=None, request=None) -> Election:
    """Open → closed (only once the closing time has come), then count."""
    if user is not None:
        _check_scope(user, election.organisation)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)  # waits for casts in flight
        if election.status != Status.OPEN:
            raise ValidationError(_("Only an open vote can be closed."))
        if timezone.now() < election.closes_at:
            raise ValidationError(_("The vote closes at its closing time; it cannot be closed earlier."))
        election.status, election.closed_at = Status.CLOSED, timezone.now()
        election.save(update_fields=["status", "closed_at"])
        audit.record("voting.closed", actor=user, obj=election, request=request,
                     data={"voters": VoterRoll.objects.filter(election=election).count()})
    return count_election(election)


def tick(now=None) -> dict[str, int]:
    """Open scheduled votes whose time has come, mix the ballots of open votes (``mixing``), close and count those
    whose time is over."""
    now = now or timezone.now()
    done = {"opened": 0, "mixed": 0, "closed": 0, "counted": 0}
    for election in Election.objects.filter(status=Status.SCHEDULED, opens_at__lte=now, closes_at__gt=now):
        try:
            open_election(election)
            done["opened"] += 1
        except ValidationError:
            continue
    for election_id in Election.objects.filter(status=Status.OPEN, closes_at__gt=now).values_list("pk", flat=True):
        done["mixed"] += mix_ballots(election_id)
    for election in Election.objects.filter(status=Status.OPEN, closes_at__lte=now):
        try:
            close_election(election)
        except RuntimeError:  # a ballot failed its integrity check: audited, needs a person to look at it
            logger.exception("vote %s could not be counted", election.pk)
        done["closed"] += 1
    for election in Election.objects.filter(status=Status.CLOSED, result__isnull=True):
        try:
            count_election(election)
            done["counted"] += 1
        except RuntimeError:
            logger.exception("vote %s could not be counted", election.pk)
    return done
