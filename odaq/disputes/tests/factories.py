import datetime as dt

from odaq.disputes import services


def opened(cases, user=None, appeal=None):
    dispute, _ = services.open_from_appeal(user or cases.people.lawyer, appeal or cases.appeal_a)
    return dispute


def with_first_instance(cases, user=None):
    """A dispute past the commission (lost) and in the first instance."""
    user = user or cases.people.lawyer
    dispute = opened(cases, user)
    concil = services.add_stage(user, dispute, kind="conciliation", filed_on=dt.date.today() - dt.timedelta(days=60))
    services.decide_stage(user, concil, outcome="lost", decided_on=dt.date.today() - dt.timedelta(days=50))
    services.add_stage(user, dispute, kind="first_instance", body="Court", case_number="7511-26")
    return dispute
