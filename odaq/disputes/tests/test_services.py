import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from odaq.appeals.tests.factories import PDF, PNG, upload
from odaq.disputes import services
from odaq.disputes.models import Dispute, DisputeEvent, Stage
from odaq.disputes.tests.factories import opened, with_first_instance
from odaq.law import services as law_services
from odaq.law.tests.conftest import make_act
from odaq.notify.models import Notification

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def test_opening_from_an_appeal_carries_member_employer_topic_and_confidentiality(cases):
    dispute, created = services.open_from_appeal(cases.people.lawyer, cases.secret_a)
    assert created
    assert (dispute.person, dispute.organisation, dispute.region, dispute.topic, dispute.employer,
            dispute.confidential, dispute.lawyer, dispute.appeal) == (
        cases.secret_a.person, cases.secret_a.organisation, cases.secret_a.region, cases.secret_a.topic,
        cases.secret_a.employer, True, cases.people.lawyer, cases.secret_a)
    assert dispute.number.startswith("11-TD-") and dispute.events.filter(kind="opened").exists()
    assert Notification.objects.filter(user=cases.people.member_user, kind="dispute.opened").exists()
    again, created = services.open_from_appeal(cases.people.lawyer, cases.secret_a)
    assert (again, created) == (dispute, False)


@pytest.mark.parametrize("who", ["chair", "regional_staff", "auditor"])
def test_only_handlers_open_disputes(cases, who):
    with pytest.raises(PermissionDenied):
        services.open_from_appeal(getattr(cases.people, who), cases.appeal_a)


def test_a_lawyer_of_region_b_cannot_open_one_from_an_appeal_of_region_a(cases):
    with pytest.raises(PermissionDenied):
        services.open_from_appeal(cases.lawyer_b, cases.appeal_a)
    assert not Dispute.objects.exists()


def test_a_dispute_on_its_own_collective(cases):
    dispute = services.open_dispute(cases.people.lawyer, organisation=cases.tree.school_a, subject="Collective pay",
                                    kind="collective", employer_bin="123456789012")
    assert dispute.kind == "collective" and dispute.region == cases.tree.region_a and dispute.person is None
    services.add_member(cases.people.lawyer, dispute, cases.people.member_a.person)
    assert list(dispute.members.all()) == [cases.people.member_a.person]
    from odaq.disputes.selectors import my_disputes

    assert list(my_disputes(cases.people.member_user)) == [dispute]  # a member of a collective dispute follows it
    assert not my_disputes(cases.member_b_user).exists()
    with pytest.raises(ValidationError):
        services.open_dispute(cases.people.lawyer, organisation=cases.tree.school_a, subject="x", employer_bin="12")
    with pytest.raises(PermissionDenied):
        services.open_dispute(cases.lawyer_b, organisation=cases.tree.school_a, subject="x")


def test_stages_go_in_order_and_can_be_skipped_or_repeated(cases):
    lawyer = cases.people.lawyer
    dispute = opened(cases)
    concil = services.add_stage(lawyer, dispute, kind="conciliation", filed_on=TODAY() - dt.timedelta(days=30))
    with pytest.raises(ValidationError, match="outcome of the current stage"):
        services.add_stage(lawyer, dispute, kind="first_instance")
    services.decide_stage(lawyer, concil, outcome="lost", decided_on=TODAY() - dt.timedelta(days=10))
    with pytest.raises(ValidationError):
        services.add_stage(lawyer, dispute, kind="conciliation")  # backwards without "repeat"
    services.skip_stage(lawyer, dispute, kind="first_instance")
    appeal = services.add_stage(lawyer, dispute, kind="appeal")
    services.decide_stage(lawyer, appeal, outcome="won", decided_on=TODAY())
    retrial = services.add_stage(lawyer, dispute, kind="first_instance", repeat=True)
    assert list(dispute.stages.values_list("kind", "skipped", "repeat", "sequence")) == [
        ("conciliation", False, False, 1), ("first_instance", True, False, 2), ("appeal", False, False, 3),
        ("first_instance", False, True, 4)]
    assert retrial.sequence == 4


def test_a_decision_sets_amounts_reinstatement_and_the_next_limit(cases):
    lawyer = cases.people.lawyer
    dispute = opened(cases)
    services.add_claim(lawyer, dispute, kind="reinstatement")
    services.add_claim(lawyer, dispute, kind="unpaid_pay", amount=450000)
    served = TODAY() - dt.timedelta(days=20)
    services.set_dates(lawyer, dispute, dismissal_served_on=served, violation_known_on=None, no_commission=False)
    dispute.refresh_from_db()
    assert dispute.next_deadline_code == "commission_reinstatement" and dispute.next_deadline > TODAY()
    concil = services.add_stage(lawyer, dispute, kind="conciliation", filed_on=TODAY() - dt.timedelta(days=15))
    received = TODAY() - dt.timedelta(days=2)
    services.decide_stage(lawyer, concil, outcome="lost", decided_on=received, decision_received_on=received)
    dispute.refresh_from_db()
    assert dispute.next_deadline_code == "court_reinstatement"
    first = services.add_stage(lawyer, dispute, kind="first_instance", case_number="7511-26-00-2/100")
    services.decide_stage(lawyer, first, outcome="partly", decided_on=TODAY(), awarded=300000, recovered=120000,
                          reinstated=True)
    dispute.refresh_from_db()
    assert (dispute.outcome, dispute.awarded, dispute.recovered, dispute.reinstated) == ("partly", 300000, 120000,
                                                                                          True)
    assert dispute.next_deadline_code == "appeal"
    services.record_recovery(lawyer, first, recovered=300000)
    dispute.refresh_from_db()
    assert dispute.recovered == 300000 and dispute.claimed == 450000


@pytest.mark.parametrize("bad", [{"awarded": -1}, {"recovered": "many"}, {"decided_on": None},
                                 {"outcome": "maybe"}, {"decision_received_on": dt.date(2000, 1, 1)}])
def test_bad_decisions_change_nothing(cases, bad):
    dispute = with_first_instance(cases)
    stage = dispute.stages.get(kind="first_instance")
    data = {"outcome": "won", "decided_on": TODAY(), **bad}
    with pytest.raises(ValidationError):
        services.decide_stage(cases.people.lawyer, stage, **data)
    stage.refresh_from_db()
    assert stage.outcome == "" and stage.awarded is None


def test_legal_basis_only_articles_that_exist(cases):
    law_services.import_edition(make_act("ru"), raw="ru", source="test")
    dispute = opened(cases)
    basis = services.add_basis(cases.people.lawyer, dispute, act="K1500000414", article="52")
    assert basis.title.startswith("Расторжение")
    for act, article in (("K1500000414", "999"), ("K1500000414", "53"), ("K0000000000", "52")):
        with pytest.raises(ValidationError, match="no such article"):
            services.add_basis(cases.people.lawyer, dispute, act=act, article=article)
    with pytest.raises(ValidationError):
        services.add_basis(cases.people.lawyer, dispute, act="K1500000414", article="52")


def test_documents_are_checked_by_content(cases):
    dispute = opened(cases)
    docs = services.add_documents(cases.people.lawyer, dispute, [upload("claim.pdf", PDF)], kind="claim",
                                  shared=True)
    assert docs[0].content_type == "application/pdf" and docs[0].shared_with_member
    with pytest.raises(ValidationError, match="checked by its content"):
        services.add_documents(cases.people.lawyer, dispute, [upload("decision.pdf", b"<html>not a pdf</html>")])
    with pytest.raises(PermissionDenied):
        services.add_documents(cases.lawyer_b, dispute, [upload("x.png", PNG)])
    assert dispute.documents.count() == 1


def test_tick_warns_of_a_time_limit_once_and_reminds_of_hearings(cases):
    lawyer, member = cases.people.lawyer, cases.people.member_user
    dispute = opened(cases)
    services.add_claim(lawyer, dispute, kind="reinstatement")
    # served a month ago less two days: the limit (one month) falls in two days
    served = TODAY() - dt.timedelta(days=29)
    services.set_dates(lawyer, dispute, dismissal_served_on=served, violation_known_on=None, no_commission=False)
    concil_at = timezone.now() + dt.timedelta(days=1)
    assert services.tick()["deadlines"] == 1
    assert services.tick()["deadlines"] == 0
    assert Notification.objects.filter(user=lawyer, kind="dispute.deadline").count() == 1
    assert DisputeEvent.objects.filter(dispute=dispute, kind="deadline", visible_to_member=False).exists()
    stage = services.add_stage(lawyer, dispute, kind="conciliation", filed_on=TODAY())
    services.add_hearing(lawyer, stage, starts_at=concil_at, place="Room 2")
    far = services.add_hearing(lawyer, stage, starts_at=concil_at + dt.timedelta(days=10))
    assert services.tick()["hearings"] == 1
    assert services.tick()["hearings"] == 0
    assert Notification.objects.filter(user=lawyer, kind="dispute.hearing").count() == 1
    assert Notification.objects.filter(user=member, kind="dispute.hearing").count() == 3  # two scheduled, one reminder
    far.refresh_from_db()
    assert far.reminded_at is None


def test_closing_keeps_the_outcome_and_stops_the_limits(cases):
    dispute = with_first_instance(cases)
    stage = Stage.objects.get(dispute=dispute, kind="first_instance")
    services.decide_stage(cases.people.lawyer, stage, outcome="won", decided_on=TODAY(), awarded=10, recovered=10)
    services.close(cases.people.lawyer, dispute)
    dispute.refresh_from_db()
    assert (dispute.status, dispute.outcome, dispute.next_deadline) == ("closed", "won", None)
    with pytest.raises(ValidationError):
        services.add_stage(cases.people.lawyer, dispute, kind="appeal")
