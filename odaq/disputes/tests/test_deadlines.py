"""Time limits of Labour Code art. 159–160 (and the Civil Procedure Code for higher courts)."""

import datetime as dt
from types import SimpleNamespace

import pytest

from odaq.disputes.choices import ClaimKind, Outcome, StageKind
from odaq.disputes.deadlines import add_months, limits, next_limit

pytestmark = pytest.mark.django_db
D = dt.date


def dispute(**kw):
    base = {"dismissal_served_on": None, "violation_known_on": None, "no_commission": False}
    return SimpleNamespace(**{**base, **kw})


def claim(kind):
    return SimpleNamespace(kind=kind)


def stage(kind, **kw):
    base = {"skipped": False, "outcome": "", "filed_on": None, "decided_on": None, "decision_received_on": None}
    return SimpleNamespace(kind=kind, **{**base, **kw})


REINSTATE = [claim(ClaimKind.REINSTATEMENT)]
PAY = [claim(ClaimKind.UNPAID_PAY)]


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 3, 15), 12) == D(2027, 3, 15)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)


def test_reinstatement_one_month_to_the_commission_from_the_served_order():
    limit = next_limit(dispute(dismissal_served_on=D(2026, 3, 10)), [], REINSTATE)
    assert (limit.code, limit.date, limit.basis) == ("commission_reinstatement", D(2026, 4, 10),
                                                      ("K1500000414", "160"))


def test_reinstatement_without_a_commission_three_months_to_court():
    limit = next_limit(dispute(dismissal_served_on=D(2026, 3, 10), no_commission=True), [], REINSTATE)
    assert (limit.code, limit.date) == ("court_direct_reinstatement", D(2026, 6, 10))


def test_other_disputes_one_year_from_knowing_of_the_breach():
    limit = next_limit(dispute(violation_known_on=D(2026, 2, 1)), [], PAY)
    assert (limit.code, limit.date) == ("commission_other", D(2027, 2, 1))


def test_no_starting_date_no_limit():
    assert limits(dispute(), [], REINSTATE) == []


def test_commission_decides_within_fifteen_working_days():
    # Mon 2 Feb 2026 + 15 working days (no holidays in between) = Mon 23 Feb 2026
    limit = next_limit(dispute(), [stage(StageKind.CONCILIATION, filed_on=D(2026, 2, 2))], REINSTATE)
    assert (limit.code, limit.date, limit.basis[1]) == ("commission_decides", D(2026, 2, 23), "159")


def test_after_an_unsettled_commission_two_months_to_court_from_the_decision_served():
    concil = stage(StageKind.CONCILIATION, outcome=Outcome.LOST, decided_on=D(2026, 4, 1),
                   decision_received_on=D(2026, 4, 3))
    limit = next_limit(dispute(dismissal_served_on=D(2026, 3, 10)), [concil], REINSTATE)
    assert (limit.code, limit.date) == ("court_reinstatement", D(2026, 6, 3))


def test_a_won_commission_leaves_no_limit_for_the_member():
    concil = stage(StageKind.CONCILIATION, outcome=Outcome.WON, decided_on=D(2026, 4, 1))
    assert limits(dispute(dismissal_served_on=D(2026, 3, 10)), [concil], REINSTATE) == []


def test_appeal_one_month_cassation_six_months():
    first = stage(StageKind.FIRST_INSTANCE, outcome=Outcome.LOST, decided_on=D(2026, 5, 20))
    assert next_limit(dispute(), [first], PAY).date == D(2026, 6, 20)
    appeal = stage(StageKind.APPEAL, outcome=Outcome.PARTLY, decided_on=D(2026, 7, 1))
    limit = next_limit(dispute(), [first, appeal], PAY)
    assert (limit.code, limit.date) == ("cassation", D(2027, 1, 1))


def test_a_skipped_stage_does_not_count():
    skipped = stage(StageKind.CONCILIATION, skipped=True)
    limit = next_limit(dispute(dismissal_served_on=D(2026, 3, 10), no_commission=True), [skipped], REINSTATE)
    assert limit.code == "court_direct_reinstatement"
