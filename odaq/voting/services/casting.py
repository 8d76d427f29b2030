"""Casting: one roll row and one ballot, written together or not at all (see ``cast_for_person``)."""

from __future__ import annotations

import datetime as dt
import json
import secrets
import uuid
from typing import NamedTuple

from django.core.mail import send_mail
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from odaq.core import db
from odaq.orgs.models import Person

from .. import verify
from ..models import Ballot, Election, Electorate, Eligible, Question, Status, VoterRoll

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 letters and digits, none easily confused


class VoteRefused(Exception):
    """A cast that is refused; ``str(exc)`` is a translated message for the voter."""

    def __init__(self, message, code: str = "refused"):
        super().__init__(message)
        self.message, self.code = message, code

    def __str__(self) -> str:
        return str(self.message)


_DEFINITIONS: dict[tuple, dict[str, tuple[set[int], int]]] = {}


def _question_limits(election_id: int, opened_at) -> dict[str, tuple[set[int], int]]:
    """{question id: (option ids, most choices)}; cached, since nothing changes once a vote is open."""
    key = (election_id, opened_at)
    cached = _DEFINITIONS.get(key)
    if cached is None:
        cached = {}
        for q in Question.objects.filter(election_id=election_id).prefetch_related("options"):
            cached[str(q.pk)] = ({o.pk for o in q.options.all()}, q.max_choices)
        if opened_at is not None:
            _DEFINITIONS[key] = cached
    return cached


def clean_choices(limits: dict[str, tuple[set[int], int]], raw) -> dict[str, list[int]]:
    """Check a ballot's choices against the vote's questions (``_question_limits``); raise VoteRefused with a clear
    message when anything is wrong."""
    if not isinstance(raw, dict):
        raise VoteRefused(_("The ballot is malformed."), "malformed")
    clean = {}
    for key, chosen in raw.items():
        key = str(key)
        if key not in limits:
            raise VoteRefused(_("The ballot answers a question that is not in this vote."), "unknown_question")
        if isinstance(chosen, (int, str)):
            chosen = [chosen]
        if not isinstance(chosen, list) or not all(isinstance(o, (int, str)) for o in chosen):
            raise VoteRefused(_("The ballot is malformed."), "malformed")
        try:
            ids = [int(o) for o in chosen]
        except ValueError as exc:
            raise VoteRefused(_("The ballot names an option that does not exist."), "unknown_option") from exc
        allowed, most = limits[key]
        if not set(ids) <= allowed:
            raise VoteRefused(_("The ballot names an option that does not exist."), "unknown_option")
        if len(set(ids)) != len(ids):
            raise VoteRefused(_("An option is chosen twice."), "repeated")
        if len(ids) > most:
            raise VoteRefused(_("Too many options are chosen for a question."), "too_many")
        if ids:
            clean[key] = sorted(ids)
    if set(clean) != set(limits):
        raise VoteRefused(_("Please answer every question."), "unanswered")
    return clean


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


def normal_code(text: str) -> str:
    raw = "".join(ch for ch in (text or "").upper() if ch.isalnum())[:16]
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


class _Place(NamedTuple):
    """A vote's state and the voter's place in its frozen electorate (person and weight are None if absent)."""

    status: str
    closes_at: object
    opened_at: object
    person_id: int | None
    weight: int | None
    electorate: str


def _open_election_and_eligibility(election_id: int, person_id: int | None, user_id: int | None) -> _Place:
    """One prepared statement: the vote's state and the voter's place in the frozen electorate. The write
    re-checks the state under a lock (``_cast_in_one_statement``)."""
    voter = "%s" if person_id is not None else f"(SELECT p.id FROM {Person._meta.db_table} p WHERE p.user_id = %s)"
    _count, rows = db.execute(
        f"SELECT e.status, e.closes_at, e.opened_at, g.person_id, g.weight, e.electorate "
        f"FROM {Election._meta.db_table} e "
        f"LEFT JOIN {Eligible._meta.db_table} g ON g.election_id = e.id AND g.person_id = {voter} WHERE e.id = %s",
        [person_id if person_id is not None else user_id, election_id])
    if not rows:
        raise VoteRefused(_("There is no such vote."), "not_found")
    place = _Place(*rows[0])
    if timezone.is_naive(place.closes_at):  # SQLite's cursor gives naive UTC
        place = place._replace(closes_at=timezone.make_aware(place.closes_at, dt.UTC))
    if place.status != Status.OPEN or timezone.now() >= place.closes_at:
        raise VoteRefused(_("This vote is not open: ballots are not accepted."), "closed")
    return place


def cast_ballot(user, election_id: int, raw_choices, *, email_receipt: bool = False) -> str:
    """Record one member's vote. Returns the tracking code; it is not stored anywhere near her name."""
    if not user.is_authenticated:
        raise VoteRefused(_("Only union members can vote."), "not_member")
    code = cast_for_person(None, election_id, raw_choices, user=user)
    if email_receipt and user.email:
        election = Election.objects.get(pk=election_id)
        transaction.on_commit(lambda: _email_receipt(user, election, code))
    return code


def cast_for_person(person: Person | None, election_id: int, raw_choices, *, user=None) -> str:
    """The roll row and the ballot, together or not at all; a second attempt finds her already on the roll.

    Few round trips on purpose (this is the hot path of a union-wide vote). On PostgreSQL: one read of the vote
    and her place in the electorate (frozen at opening, so it cannot change under us), then one statement that
    share-locks the vote's row while it is still open, writes the roll row (``ON CONFLICT DO NOTHING``) and the
    ballot only if the roll row was written — atomic as a single statement, so no BEGIN/COMMIT round trips.
    Closing takes the row ``FOR UPDATE``: a cast in flight either lands before the count or finds the vote closed.
    Once a process has taken a ballot for a members' vote, the next ones are that statement alone, with the
    read folded in (``_cast_for_known_vote``).
    Elsewhere (SQLite, which serialises writers) the same steps run in one transaction."""
    if connection.vendor == "postgresql":
        return _cast_in_one_statement(person, election_id, raw_choices, user=user)
    with transaction.atomic():
        person_id, weight, choices, code, digest = _prepare_cast(person, election_id, raw_choices, user=user)
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {VoterRoll._meta.db_table} (id, election_id, person_id) VALUES (%s, %s, %s) "
                           "ON CONFLICT (election_id, person_id) DO NOTHING",
                           [uuid.uuid4().hex, election_id, person_id])
            if cursor.rowcount != 1:
                raise VoteRefused(_("You have already voted in this vote: each member votes once."), "already_voted")
        Ballot.objects.create(election_id=election_id, tracking_code=code, choices=choices, weight=weight,
                              digest=digest)
    return code


def _prepare_cast(person, election_id, raw_choices, *, user):
    """Everything a cast needs before writing: her place in the electorate, the checked choices, a fresh code."""
    place = _open_election_and_eligibility(election_id, person.pk if person else None,
                                           user.pk if user is not None else None)
    if place.person_id is None:
        if person is None and not Person.objects.filter(user=user).exists():
            raise VoteRefused(_("Only union members can vote."), "not_member")
        raise VoteRefused(_("You are not in the electorate of this vote."), "not_eligible")
    limits = _question_limits(election_id, place.opened_at)
    if place.electorate == Electorate.MEMBERS:
        _KNOWN[election_id] = (place.opened_at, limits)
    choices = clean_choices(limits, raw_choices)
    code = new_tracking_code()
    return place.person_id, place.weight, choices, code, verify.ballot_digest(code, choices, place.weight)


# Open votes of a members' electorate (everyone's weight is 1) that this process has taken a ballot for:
# {election id: (opened at, question limits)}. A stale entry only costs one statement that writes nothing.
_KNOWN: dict[int, tuple] = {}


def _cast_for_known_vote(user_id: int, election_id: int, raw_choices) -> str | None:
    """The steady state of a busy vote, in one statement: the same checks and writes as the two-step path (the
    vote open and unchanged since opening, her place in its electorate, the roll row, then the ballot). None
    when anything is off — bad choices, not eligible, closed, already voted — and the two-step path then says
    exactly what."""
    opened_at, limits = _KNOWN[election_id]
    try:
        choices = clean_choices(limits, raw_choices)
    except VoteRefused:
        return None
    code = new_tracking_code()
    voter = (f"SELECT g.election_id, g.person_id FROM (SELECT id FROM {Election._meta.db_table} WHERE id = %s "
             "AND status = %s AND closes_at > %s AND opened_at = %s FOR SHARE) e "
             f"JOIN {Eligible._meta.db_table} g ON g.election_id = e.id WHERE g.weight = 1 "
             f"AND g.person_id = (SELECT p.id FROM {Person._meta.db_table} p WHERE p.user_id = %s)")
    params = [election_id, str(Status.OPEN), timezone.now(), opened_at, user_id]
    digest = verify.ballot_digest(code, choices, 1)
    return code if _write_roll_and_ballot(voter, params, election_id, code, choices, 1, digest) else None


def _write_roll_and_ballot(voter: str, params: list, election_id: int, code, choices, weight, digest) -> bool:
    """One statement: the roll row for the voter that the query ``voter`` gives as (election_id, person_id)
    (``ON CONFLICT DO NOTHING``), then the ballot only if that row was written. False when nothing was written."""
    written, _rows = db.execute(
        f"WITH v AS ({voter}), "
        f"r AS (INSERT INTO {VoterRoll._meta.db_table} (id, election_id, person_id) "
        "SELECT %s, v.election_id, v.person_id FROM v ON CONFLICT (election_id, person_id) DO NOTHING RETURNING 1) "
        f"INSERT INTO {Ballot._meta.db_table} (id, election_id, tracking_code, choices, weight, digest, prev_hash, "
        "hash) SELECT %s, %s, %s, %s::jsonb, %s, %s, '', '' WHERE EXISTS (SELECT 1 FROM r)",
        [*params, uuid.uuid4(), uuid.uuid4(), election_id, code, json.dumps(choices), weight, digest])
    return written == 1


def _cast_in_one_statement(person, election_id, raw_choices, *, user) -> str:
    if person is None and election_id in _KNOWN:
        code = _cast_for_known_vote(user.pk, election_id, raw_choices)
        if code is not None:
            return code
    try:
        person_id, weight, choices, code, digest = _prepare_cast(person, election_id, raw_choices, user=user)
    except VoteRefused as refused:
        if refused.code in ("closed", "not_found"):
            _KNOWN.pop(election_id, None)  # a vote that has closed is not tried in one statement again
        raise
    voter = (f"SELECT id AS election_id, %s::bigint AS person_id FROM {Election._meta.db_table} "
             "WHERE id = %s AND status = %s AND closes_at > %s FOR SHARE")
    if _write_roll_and_ballot(voter, [person_id, election_id, str(Status.OPEN), timezone.now()],
                              election_id, code, choices, weight, digest):
        return code
    # Nothing was written: the vote closed in the meantime, or she is already on the roll.
    if not Election.objects.filter(pk=election_id, status=Status.OPEN, closes_at__gt=timezone.now()).exists():
        raise VoteRefused(_("This vote is not open: ballots are not accepted."), "closed")
    raise VoteRefused(_("You have already voted in this vote: each member votes once."), "already_voted")


def _email_receipt(user, election: Election, code: str) -> None:
    """Sent straight away, never stored: an in-cabinet copy would tie the code to the member."""
    from odaq.notify.services import language_of

    with translation.override(language_of(user)):
        subject = gettext("Your tracking code for “%(title)s”") % {"title": election.title}
        body = render_to_string("voting/email/receipt.txt", {"election": election, "code": code})
    send_mail(subject, body, None, [user.email], fail_silently=True)
