"""Casting: one roll row and one ballot; every refused cast changes nothing."""

import re

import pytest
from django.core import mail

from odaq.notify.models import Notification
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory
from odaq.voting import services
from odaq.voting.models import Ballot, Election, Kind, Status, VoterRoll

from .factories import choices, close_election, make_election, open_election


def _state():
    return (VoterRoll.objects.count(), Ballot.objects.count(),
            list(Ballot.objects.order_by("tracking_code").values_list("choices", flat=True)))


@pytest.fixture
def setup(tree, voters):
    users = voters(3)
    election = open_election(make_election(tree.school_a, questions=[
        (Kind.YES_NO, 1, "simple", 3), (Kind.UP_TO_K, 2, "simple", 4)]))
    return election, users


def test_a_cast_writes_one_roll_row_and_one_anonymous_ballot(setup):
    election, (user, *_rest) = setup
    code = services.cast_ballot(user, election.pk, choices(election, 0, [1, 3]))
    assert re.fullmatch(r"([A-Z2-9]{4}-){3}[A-Z2-9]{4}", code)
    assert VoterRoll.objects.get().person == user.person
    ballot = Ballot.objects.get()
    assert ballot.tracking_code == code and ballot.weight == 1
    assert sorted(map(len, ballot.choices.values())) == [1, 2]


@pytest.mark.parametrize("case", ["twice", "unknown_option", "too_many", "unanswered", "malformed", "repeated",
                                  "unknown_question", "not_eligible", "after_closing_time", "closed", "staff"])
def test_refused_casts_change_nothing(setup, tree, case):
    election, (user, other, _third) = setup
    services.cast_ballot(other, election.pk, choices(election, 1, [0]))
    before = _state()
    good = choices(election, 0, [0])
    q1, q2 = (str(q.pk) for q in election.questions.all())
    raw, who = good, user
    if case == "twice":
        services.cast_ballot(user, election.pk, good)
        before = _state()
    elif case == "unknown_option":
        raw = {q1: [999999], q2: good[q2]}
    elif case == "too_many":
        raw = {q1: good[q1], q2: choices(election, 0, [0, 1, 2])[q2]}
    elif case == "unanswered":
        raw = {q1: good[q1]}
    elif case == "malformed":
        raw = ["not", "a", "dict"]
    elif case == "repeated":
        raw = {q1: good[q1], q2: good[q2] * 2}
    elif case == "unknown_question":
        raw = {**good, "424242": good[q1]}
    elif case == "not_eligible":
        who = UserFactory()
        MembershipFactory(organisation=tree.school_b, person=PersonFactory(user=who))
    elif case == "after_closing_time":
        Election.objects.filter(pk=election.pk).update(closes_at=election.opens_at)
    elif case == "closed":
        close_election(election)
        before = _state()
    elif case == "staff":
        who = UserFactory()  # no member record
    with pytest.raises(services.VoteRefused) as exc:
        services.cast_ballot(who, election.pk, raw)
    assert str(exc.value)
    assert _state() == before


def test_eligibility_is_frozen_at_opening(setup, tree):
    election, _users = setup
    late = UserFactory()
    MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=late))
    with pytest.raises(services.VoteRefused) as exc:
        services.cast_ballot(late, election.pk, choices(election, 0, [0]))
    assert exc.value.code == "not_eligible"
    assert election.electorate_count == 3


def test_email_receipt_is_sent_but_the_code_is_stored_nowhere_with_her(setup, django_capture_on_commit_callbacks):
    election, (user, *_rest) = setup
    with django_capture_on_commit_callbacks(execute=True):
        code = services.cast_ballot(user, election.pk, choices(election, 0, [0]), email_receipt=True)
    assert len(mail.outbox) == 1 and code in mail.outbox[0].body and mail.outbox[0].to == [user.email]
    assert not Notification.objects.filter(body__contains=code).exists()
    assert not Notification.objects.filter(subject__contains=code).exists()


def test_draft_votes_take_no_ballots(tree, voters):
    (user,) = voters(1)
    election = make_election(tree.school_a)
    with pytest.raises(services.VoteRefused):
        services.cast_ballot(user, election.pk, choices(election, 0))
    assert election.status == Status.DRAFT and not Ballot.objects.exists()
