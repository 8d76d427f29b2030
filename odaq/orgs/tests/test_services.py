"""Services behind the staff pages (writes, scope checks, audit records) and the selectors they rely on."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from odaq.core.audit_models import AuditRecord
from odaq.orgs import selectors, services
from odaq.orgs.choices import MembershipStatus, Role
from odaq.orgs.importing import ImportRow
from odaq.orgs.models import Consent, Membership, Person
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant, valid_iin


def data(n: int, **extra) -> dict:
    return {"iin": valid_iin(6000 + n), "last_name": "Нұрланова", "first_name": "Гүлнар", "middle_name": "",
            "phone": "+77015551100", "email": "", "language": "kk", "position": "teacher",
            "young_specialist": False, "joined_on": dt.date(2024, 1, 15), **extra}


# import_members ----------------------------------------------------------------------------------

def test_import_members_saves_all_rows_with_one_audit_record(people, tree):
    rows = [ImportRow(2, data(1)), ImportRow(3, data(2, position="lecturer"))]
    counts = services.import_members(people.chair, tree.school_a, rows, skipped=1, source="list.xlsx")
    assert counts == {"organisation": tree.school_a.pk, "imported": 2, "skipped": 1}
    memberships = Membership.objects.filter(person__iin__in=[valid_iin(6001), valid_iin(6002)])
    assert {m.organisation_id for m in memberships} == {tree.school_a.pk}
    assert {m.joined_on for m in memberships} == {dt.date(2024, 1, 15)}
    assert Consent.objects.filter(person__iin__in=[valid_iin(6001), valid_iin(6002)]).count() == 2
    record = AuditRecord.objects.get(action="members.imported")
    assert record.actor_id == people.chair.pk
    assert record.data == {"organisation": tree.school_a.pk, "imported": 2, "skipped": 1, "source": "list.xlsx"}
    assert not AuditRecord.objects.filter(action="member.registered").exists()


def test_import_members_is_all_or_nothing(people, tree):
    taken = people.member_b.person.iin  # became a member elsewhere after the file was checked
    rows = [ImportRow(2, data(1)), ImportRow(3, data(2, iin=taken))]
    with pytest.raises(ValidationError) as info:
        services.import_members(people.chair, tree.school_a, rows)
    assert "Row 3" in info.value.messages[0]
    assert not Person.objects.filter(iin=valid_iin(6001)).exists()
    assert not AuditRecord.objects.filter(action="members.imported").exists()


@pytest.mark.parametrize(("who", "where"), [("chair", "school_a2"), ("chair", "school_b"), ("lawyer", "school_a"),
                                            ("regional_admin", "school_b")])
def test_import_members_checks_the_scope(people, tree, who, where):
    with pytest.raises(PermissionDenied):
        services.import_members(getattr(people, who), getattr(tree, where), [ImportRow(2, data(1))])
    assert not Person.objects.filter(iin=valid_iin(6001)).exists()


def test_import_members_only_into_a_primary_organisation(people, tree):
    with pytest.raises(ValidationError):
        services.import_members(people.regional_admin, tree.district_a, [ImportRow(2, data(1))])


# register_member, status, approvals ----------------------------------------------------------------

def test_register_member_refuses_a_current_member_and_accepts_a_returning_one(people, tree):
    with pytest.raises(ValidationError) as info:
        services.register_member(people.chair, tree.school_a, data(1, iin=people.member_b.person.iin))
    assert "iin" in info.value.message_dict
    returning = MembershipFactory(organisation=tree.school_b, status=MembershipStatus.LEFT,
                                  person=PersonFactory(iin=valid_iin(6003)))
    membership = services.register_member(people.chair, tree.school_a, data(3, last_name="Жаңа"))
    assert membership.person == returning.person and membership.person.last_name == "Жаңа"
    assert returning.person.memberships.count() == 2


def test_status_change_and_approval_are_scoped(people, tree):
    with pytest.raises(PermissionDenied):
        services.set_membership_status(people.chair, people.member_a2, MembershipStatus.LEFT)
    with pytest.raises(PermissionDenied):
        services.set_membership_status(people.lawyer, people.member_a, MembershipStatus.LEFT)
    pending = MembershipFactory(organisation=tree.school_b, status=MembershipStatus.PENDING)
    with pytest.raises(PermissionDenied):
        services.approve_membership(people.regional_admin, pending)
    services.approve_membership(people.central_admin, pending)
    assert Membership.objects.get(pk=pending.pk).status == MembershipStatus.ACTIVE
    with pytest.raises(ValidationError):
        services.approve_membership(people.central_admin, pending)


def test_regional_admin_cannot_grant_central_admin_or_act_in_region_b(people, tree):
    target = UserFactory()
    with pytest.raises(PermissionDenied):
        services.grant_role(people.regional_admin, target, Role.CENTRAL_ADMIN, tree.region_a)
    with pytest.raises(PermissionDenied):
        services.grant_role(people.regional_admin, target, Role.LAWYER, tree.region_b)
    grant_b = grant(UserFactory(), Role.LAWYER, tree.region_b)
    with pytest.raises(PermissionDenied):
        services.revoke_role(people.regional_admin, grant_b)
    assert not target.roles.exists()
    assert not AuditRecord.objects.filter(action__startswith="role.").exists()


# Selectors added for the staff pages -------------------------------------------------------------

def test_member_counts_are_scoped(people, tree):
    MembershipFactory(organisation=tree.school_a, status=MembershipStatus.SUSPENDED)
    MembershipFactory(organisation=tree.school_b, status=MembershipStatus.SUSPENDED)
    counts = selectors.member_counts_for(people.chair)
    assert counts == {"pending": 0, "active": 1, "suspended": 1, "left": 0}
    assert selectors.member_counts_for(people.central_admin)["suspended"] == 2
    assert selectors.member_counts_for(people.member_user) == {"pending": 0, "active": 0, "suspended": 0, "left": 0}


def test_current_member_iins_ignores_those_who_left(people, tree):
    left = MembershipFactory(organisation=tree.school_b, status=MembershipStatus.LEFT)
    pending = MembershipFactory(organisation=tree.school_b, status=MembershipStatus.PENDING)
    asked = {people.member_b.person.iin, left.person.iin, pending.person.iin, valid_iin(6009)}
    assert selectors.current_member_iins(asked) == {people.member_b.person.iin, pending.person.iin}


def test_audit_records_need_view_audit(people):
    services.set_membership_status(people.chair, people.member_a, MembershipStatus.SUSPENDED)
    assert selectors.audit_records_for(people.auditor).filter(action="membership.status_changed").exists()
    assert not selectors.audit_records_for(people.regional_admin).exists()
    assert not selectors.audit_records_for(people.chair).exists()
