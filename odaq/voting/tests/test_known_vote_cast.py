"""Casting in one statement once a process knows the vote (PostgreSQL's hot path): the same ballots, the same
refusals, nothing written when refused."""

import pytest
from django.db import connection
from django.utils import translation

from odaq.core import db
from odaq.voting import services, verify
from odaq.voting.models import Ballot, Election, Status, VoterRoll
from odaq.voting.services import casting

from .factories import choices, close_election, make_election, open_election

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="the one-statement cast is PostgreSQL's; SQLite casts in one transaction")


@pytest.fixture
def statements(monkeypatch):
    """Counts the statements run through ``odaq.core.db`` (every statement of a cast)."""
    seen = []
    real = db.execute

    def counting(sql, params):
        seen.append(sql)
        return real(sql, params)

    monkeypatch.setattr(db, "execute", counting)
    return seen


@pytest.fixture
def known_vote(tree, voters):
    users = voters(8)
    election = open_election(make_election(tree.school_a))
    services.cast_ballot(users[0], election.pk, choices(election, 0))  # the process now knows the vote
    assert election.pk in casting._KNOWN
    return election, users


def test_a_known_vote_takes_a_ballot_in_one_statement(known_vote, statements):
    election, users = known_vote
    code = services.cast_ballot(users[1], election.pk, choices(election, 1))
    assert len(statements) == 1
    ballot = Ballot.objects.get(tracking_code=code)
    assert ballot.weight == 1 and ballot.digest == verify.ballot_digest(code, ballot.choices, 1)
    assert VoterRoll.objects.filter(election=election, person=users[1].person).exists()
    for user in users[2:]:
        services.cast_ballot(user, election.pk, choices(election, 2))
    counted = close_election(election)
    assert counted.result["ballots"] == 8 == Ballot.objects.filter(election=election).count()


@pytest.mark.parametrize("case, code", [
    ("again", "already_voted"), ("bad_option", "unknown_option"), ("unanswered", "unanswered"),
    ("outsider", "not_eligible"), ("closed", "closed"),
])
def test_refusals_on_a_known_vote_say_why_and_write_nothing(known_vote, voters, tree, case, code):
    election, users = known_vote
    translation.activate("en")
    voter, ballot = users[1], choices(election, 0)
    if case == "again":
        voter = users[0]
    elif case == "bad_option":
        ballot = {next(iter(ballot)): [999_999]}
    elif case == "unanswered":
        ballot = {}
    elif case == "outsider":
        (voter,) = voters(1, tree.school_b)
    elif case == "closed":
        Election.objects.filter(pk=election.pk).update(status=Status.CLOSED)
    rolls, boxes = VoterRoll.objects.count(), Ballot.objects.count()
    with pytest.raises(services.VoteRefused) as refused:
        services.cast_ballot(voter, election.pk, ballot)
    assert refused.value.code == code
    assert (VoterRoll.objects.count(), Ballot.objects.count()) == (rolls, boxes)
    assert (election.pk in casting._KNOWN) == (case != "closed")  # a closed vote is forgotten


def test_a_stale_entry_costs_one_statement_and_is_replaced(known_vote, statements):
    election, users = known_vote
    opened_at, limits = casting._KNOWN[election.pk]
    casting._KNOWN[election.pk] = (opened_at.replace(year=2000), limits)  # e.g. another database's vote 1
    code = services.cast_ballot(users[1], election.pk, choices(election, 0))
    assert Ballot.objects.filter(tracking_code=code).exists()
    assert len(statements) == 3  # the one-statement try wrote nothing, then the read and the write
    assert casting._KNOWN[election.pk][0] == opened_at


def test_delegate_votes_with_weights_never_take_the_one_statement_path(tree, voters, people):
    users = voters(2)
    election = make_election(tree.school_a, electorate="delegates")
    content = "\n".join(f"{u.person.iin},{w}" for u, w in zip(users, (3, 1), strict=True)).encode()
    services.import_delegates(people.chair, election, content)
    election = open_election(election)
    for user in users:
        services.cast_ballot(user, election.pk, choices(election, 0))
    assert election.pk not in casting._KNOWN
    assert sorted(Ballot.objects.filter(election=election).values_list("weight", flat=True)) == [1, 3]
