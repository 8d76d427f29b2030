"""Two concurrent casts by one member on PostgreSQL: exactly one ballot, a clear refusal for the other."""

import threading

import pytest
from django.db import connection, connections
from django.utils import translation

from odaq.voting import services
from odaq.voting.models import Ballot, Election, Status, VoterRoll
from odaq.voting.services import casting

from .factories import choices, make_election, open_election

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="real concurrency needs PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def test_two_concurrent_casts_by_one_member_give_one_ballot(tree, voters):
    (user,) = voters(1)
    election = open_election(make_election(tree.school_a))
    barrier = threading.Barrier(4)
    outcomes = []

    def cast(pick):
        translation.activate("en")  # a new thread has no active language
        try:
            barrier.wait()
            outcomes.append(("ok", services.cast_ballot(user, election.pk, choices(election, pick))))
        except services.VoteRefused as exc:
            outcomes.append((exc.code, str(exc)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast, args=(i % 3,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(o[0] for o in outcomes) == ["already_voted"] * 3 + ["ok"]
    assert all("already voted" in text for code, text in outcomes if code == "already_voted")
    assert VoterRoll.objects.count() == 1 and Ballot.objects.count() == 1
    assert Ballot.objects.get().tracking_code == next(text for code, text in outcomes if code == "ok")


def test_closing_waits_for_casts_in_flight(tree, voters):
    users = voters(6)
    election = open_election(make_election(tree.school_a))
    barrier = threading.Barrier(len(users))

    def cast(user):
        try:
            barrier.wait()
            services.cast_ballot(user, election.pk, choices(election, 0))
        except services.VoteRefused:
            pass
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast, args=(u,)) for u in users]
    for thread in threads:
        thread.start()
    from .factories import close_election

    closed = close_election(election)
    for thread in threads:
        thread.join()
    # Every ballot that got in is counted; any later one was refused.
    assert closed.result["ballots"] == Ballot.objects.count() == VoterRoll.objects.count()


def test_a_vote_closed_between_the_read_and_the_write_takes_nothing(tree, voters, monkeypatch):
    (user,) = voters(1)
    election = open_election(make_election(tree.school_a))
    prepare = casting._prepare_cast

    def prepare_then_close(*args, **kwargs):
        prepared = prepare(*args, **kwargs)
        Election.objects.filter(pk=election.pk).update(status=Status.CLOSED)  # the closer wins the race
        return prepared

    monkeypatch.setattr(casting, "_prepare_cast", prepare_then_close)
    with pytest.raises(services.VoteRefused) as refused:
        services.cast_ballot(user, election.pk, choices(election, 0))
    assert refused.value.code == "closed"
    assert not VoterRoll.objects.exists() and not Ballot.objects.exists()
