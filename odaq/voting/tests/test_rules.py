"""Quorum and decision rules on their edges: exact half, exactly two thirds, weighted delegates, ties."""

import pytest

from odaq.voting import verify


def q(kind="yes_no_abstain", rule="simple", n=3, k=1):
    return {"kind": kind, "rule": rule, "k": k, "options": [{"id": i} for i in range(1, n + 1)]}


@pytest.mark.parametrize(("quorum", "turnout", "electorate", "reached"), [
    ("half", 50, 100, False),   # exactly half is not "more than half"
    ("half", 51, 100, True),
    ("half", 5, 9, True),
    ("two_thirds", 66, 99, True),  # exactly two thirds is enough
    ("two_thirds", 65, 99, False),
    ("two_thirds", 2, 3, True),
    ("none", 0, 100, True),
])
def test_quorum(quorum, turnout, electorate, reached):
    assert verify.quorum_reached(quorum, turnout, electorate) is reached


@pytest.mark.parametrize(("rule", "yes", "cast", "electorate", "adopted"), [
    ("simple", 5, 10, 100, False),      # exact half of votes cast: not adopted
    ("simple", 6, 10, 100, True),
    ("two_thirds", 20, 30, 100, True),  # exactly two thirds: adopted
    ("two_thirds", 19, 30, 100, False),
    ("absolute", 50, 60, 100, False),   # exact half of the electorate: not adopted
    ("absolute", 51, 60, 100, True),
])
def test_yes_no_rules(rule, yes, cast, electorate, adopted):
    counts = {"1": yes, "2": cast - yes, "3": 0}
    outcome = verify.decide(q(rule=rule), counts, cast, electorate, True)
    assert outcome["outcome"] == ("adopted" if adopted else "rejected")


def test_abstentions_count_as_votes_cast():
    assert verify.decide(q(), {"1": 5, "2": 3, "3": 2}, 10, 10, True)["outcome"] == "rejected"


def test_no_quorum_decides_nothing():
    assert verify.decide(q(), {"1": 10, "2": 0, "3": 0}, 10, 100, False) == {"outcome": "no_quorum", "decided": []}


def test_one_of_n_needs_a_majority_and_ties_decide_nothing():
    question = q(kind="one_of_n", n=3)
    assert verify.decide(question, {"1": 6, "2": 3, "3": 1}, 10, 10, True) == {"outcome": "decided",
                                                                                 "decided": ["1"]}
    assert verify.decide(question, {"1": 5, "2": 4, "3": 1}, 10, 10, True)["outcome"] == "none"


def test_seats_tie_for_the_last_seat_leaves_it_open():
    question = q(kind="candidates_k_seats", n=4, k=2)
    counts = {"1": 9, "2": 7, "3": 7, "4": 1}
    assert verify.decide(question, counts, 10, 10, True) == {"outcome": "tie", "decided": ["1"]}
    counts = {"1": 9, "2": 8, "3": 7, "4": 1}
    assert verify.decide(question, counts, 10, 10, True) == {"outcome": "decided", "decided": ["1", "2"]}


def test_weighted_delegates_tally():
    election = {"electorate_weight": 10, "electorate_count": 3, "quorum": "half",
                "questions": [{"id": 1, **q()}]}
    ballots = [{"weight": 5, "choices": {"1": [1]}}, {"weight": 1, "choices": {"1": [2]}}]
    result = verify.tally(election, ballots)
    assert result["turnout_weight"] == 6 and result["quorum_reached"]  # 6 of 10 weight, 2 of 3 delegates
    assert result["questions"][0]["counts"] == {"1": 5, "2": 1, "3": 0}
    assert result["questions"][0]["outcome"] == "adopted"  # 5 of 6: one delegate outweighs the other
    result = verify.tally({**election, "electorate_weight": 12}, ballots)
    assert not result["quorum_reached"]  # 6 of 12 weight is exactly half
