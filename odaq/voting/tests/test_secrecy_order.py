"""While a vote is open, the storage order of the ballot box must not reproduce the order of the voter roll.

A cast writes the roll row and the ballot together, so right after casting both tables hold them in the same
order (SQLite ``rowid``; PostgreSQL ``ctid``) and, on PostgreSQL, with the same transaction id (``xmin``). The
scheduler's tick mixes the ballots cast since the last tick (``services.mixing``): after it, ordering the ballots by
any column the database offers (key, storage position, transaction id, tracking code) does not give the roll's
order, and no ballot shares a transaction id with a roll row."""

import pytest
from django.db import connection

from odaq.voting import services
from odaq.voting.models import Ballot, Election, Status, VoterRoll

from .factories import choices, close_election, make_election, open_election

pytestmark = pytest.mark.django_db(transaction=True)
VOTERS = 24
POSTGRES = connection.vendor == "postgresql"
# Every order a reader of the tables could use: the key, the storage position and, on PostgreSQL, the transaction.
ORDERS = ["id", "ctid", "xmin::text::bigint"] if POSTGRES else ["id", "rowid"]


def _column(model, column: str, order: str, election_id: int) -> list:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE election_id = %s ORDER BY {order}",
                       [election_id])
        return [row[0] for row in cursor.fetchall()]


def _vote(tree, voters) -> tuple[Election, dict]:
    users = voters(VOTERS)
    election = open_election(make_election(tree.school_a))
    code_of = {}
    for i, user in enumerate(users):
        code_of[user.person.pk] = services.cast_ballot(user, election.pk, choices(election, i % 3))
    return election, code_of


def _assert_unlinkable(election, code_of) -> None:
    roll_orders = [[code_of[p] for p in _column(VoterRoll, "person_id", order, election.pk)] for order in ORDERS]
    for order in [*ORDERS, "tracking_code"]:
        box = _column(Ballot, "tracking_code", order, election.pk)
        assert sorted(box) == sorted(code_of.values())
        for roll in roll_orders:
            assert box != roll, f"ballots ordered by {order} give the roll's order"
            in_place = sum(a == b for a, b in zip(box, roll, strict=True))
            assert in_place < VOTERS // 2, f"ballots ordered by {order}: {in_place} of {VOTERS} in the roll's place"
    if POSTGRES:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {VoterRoll._meta.db_table} r JOIN {Ballot._meta.db_table} b "
                           "ON b.xmin = r.xmin WHERE r.election_id = %s AND b.election_id = %s",
                           [election.pk, election.pk])
            assert cursor.fetchone()[0] == 0, "a ballot shares its transaction with a roll row"


def test_after_the_tick_the_box_cannot_be_joined_to_the_roll_by_order(tree, voters):
    election, code_of = _vote(tree, voters)
    assert services.tick()["mixed"] == VOTERS
    _assert_unlinkable(election, code_of)
    assert services.tick()["mixed"] == 0  # mixed once: nothing left to mix until more ballots come


def test_mixing_keeps_every_ballot_and_the_count_verifies(tree, voters):
    election, code_of = _vote(tree, voters)
    before = {b.tracking_code: (b.choices, b.weight, b.digest) for b in Ballot.objects.filter(election=election)}
    assert services.mix_ballots(election.pk) == VOTERS
    after = {b.tracking_code: (b.choices, b.weight, b.digest) for b in Ballot.objects.filter(election=election)}
    assert after == before and VoterRoll.objects.filter(election=election).count() == VOTERS
    closed = close_election(election)  # counting checks every ballot's digest
    assert closed.status == Status.CLOSED and closed.result["ballots"] == VOTERS
    assert services.mix_ballots(election.pk) == 0  # a closed vote is not mixed again (counting rewrote it)
