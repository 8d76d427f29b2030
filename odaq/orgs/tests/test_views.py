"""Staff pages: happy paths, and the scope matrix (404 outside the subtree, 403 without the capability)."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from odaq.core.audit_models import AuditRecord
from odaq.orgs.choices import MembershipStatus, Role
from odaq.orgs.models import Membership, Person, RoleAssignment
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant, valid_iin


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def as_user(client, user):
    client.force_login(user)
    return client


def new_member(org, **person) -> dict:
    return {"iin": valid_iin(8001), "last_name": "Сейтова", "first_name": "Дана", "middle_name": "",
            "phone": "8 (701) 555-00-00", "email": "dana@example.kz", "language": "ru", "position": "teacher",
            "young_specialist": "on", "organisation": org.pk, "joined_on": "2025-09-01", **person}


def person_data(person, **changes) -> dict:
    data = {"last_name": person.last_name, "first_name": person.first_name, "middle_name": person.middle_name,
            "phone": person.phone, "email": person.email, "language": person.language, "position": person.position}
    return {**data, **changes}


# Access in general -------------------------------------------------------------------------------

def test_anonymous_users_are_sent_to_log_in(client, people):
    response = client.get(reverse("orgs:dashboard"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("name", ["orgs:dashboard", "orgs:member_list", "orgs:member_add", "orgs:approvals",
                                  "orgs:role_list", "orgs:audit_log", "orgs:member_import"])
def test_members_without_a_staff_role_get_403(client, people, name):
    assert as_user(client, people.member_user).get(reverse(name)).status_code == 403


def test_dashboard_counts_members_in_scope(client, people, tree):
    MembershipFactory(organisation=tree.school_a, status=MembershipStatus.PENDING)
    MembershipFactory(organisation=tree.school_b, status=MembershipStatus.PENDING)
    response = as_user(client, people.chair).get(reverse("orgs:dashboard"))
    assert response.status_code == 200
    counts = {value: n for value, _label, n in response.context["counts"]}
    assert counts[MembershipStatus.ACTIVE] == 1 and counts[MembershipStatus.PENDING] == 1
    assert response.context["pending"] == 1
    response = as_user(client, people.regional_admin).get(reverse("orgs:dashboard"))
    assert {v: n for v, _label, n in response.context["counts"]}[MembershipStatus.ACTIVE] == 2


# Member list -------------------------------------------------------------------------------------

def listed(response) -> set[int]:
    return {m.pk for m in response.context["page"]}


def test_member_list_shows_only_the_subtree_and_masks_iins(client, people):
    response = as_user(client, people.chair).get(reverse("orgs:member_list"))
    assert listed(response) == {people.member_a.pk}
    html = response.content.decode()
    iin = people.member_a.person.iin
    assert iin not in html and iin[-4:] in html
    assert reverse("orgs:member_detail", args=[people.member_a.pk]) in html
    assert listed(as_user(client, people.lawyer).get(reverse("orgs:member_list"))) == {
        people.member_a.pk, people.member_a2.pk}


def test_member_list_filters(client, people, tree):
    suspended = MembershipFactory(organisation=tree.school_a2, status=MembershipStatus.SUSPENDED,
                                  person=PersonFactory(last_name="Бекова"))
    as_user(client, people.regional_admin)
    url = reverse("orgs:member_list")
    assert listed(client.get(url, {"organisation": tree.school_a2.pk})) == {people.member_a2.pk, suspended.pk}
    assert listed(client.get(url, {"status": "suspended"})) == {suspended.pk}
    assert listed(client.get(url, {"q": "бекова"})) == {suspended.pk}
    assert listed(client.get(url, {"q": people.member_a.person.iin[:8]})) == {people.member_a.pk}
    # an organisation outside the scope is not a valid choice: the other filters still apply, never region B
    response = client.get(url, {"organisation": tree.school_b.pk, "status": "suspended"})
    assert "organisation" in response.context["form"].errors
    assert listed(response) == {suspended.pk}


def test_member_list_is_paginated_by_50(client, people, tree):
    MembershipFactory.create_batch(50, organisation=tree.school_a)
    as_user(client, people.chair)
    first = client.get(reverse("orgs:member_list"))
    second = client.get(reverse("orgs:member_list"), {"page": 2})
    assert len(first.context["page"]) == 50 and len(second.context["page"]) == 1
    assert not listed(first) & listed(second)


# Member card -------------------------------------------------------------------------------------

def test_member_detail_shows_personal_data_and_is_audited(client, people):
    pk = people.member_a.pk
    response = as_user(client, people.chair).get(reverse("orgs:member_detail", args=[pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert people.member_a.person.iin in html and people.member_a.person.phone in html
    record = AuditRecord.objects.get(action="person.viewed")
    assert record.actor_id == people.chair.pk and record.object_id == str(people.member_a.person.pk)


@pytest.mark.parametrize("member", ["member_a2", "member_b"])
def test_chair_gets_404_for_members_outside_her_school(client, people, member):
    as_user(client, people.chair)
    pk = getattr(people, member).pk
    assert client.get(reverse("orgs:member_detail", args=[pk])).status_code == 404
    assert client.get(reverse("orgs:member_edit", args=[pk])).status_code == 404
    assert client.post(reverse("orgs:member_edit", args=[pk]),
                       person_data(getattr(people, member).person, last_name="X")).status_code == 404
    assert client.post(reverse("orgs:member_status", args=[pk]), {"status": "left"}).status_code == 404
    assert Membership.objects.get(pk=pk).status == MembershipStatus.ACTIVE
    assert not AuditRecord.objects.filter(action="person.viewed").exists()


def test_regional_staff_of_region_a_cannot_see_region_b(client, people):
    for user in (people.lawyer, people.regional_admin, people.auditor):
        assert as_user(client, user).get(reverse("orgs:member_detail", args=[people.member_b.pk])).status_code == 404


# Adding and changing -----------------------------------------------------------------------------

def test_chair_adds_a_member(client, people, tree):
    response = as_user(client, people.chair).post(reverse("orgs:member_add"), new_member(tree.school_a))
    membership = Membership.objects.get(person__iin=valid_iin(8001))
    assert response.status_code == 302 and response["Location"] == reverse("orgs:member_detail", args=[membership.pk])
    assert membership.organisation == tree.school_a and membership.status == MembershipStatus.ACTIVE
    person = membership.person
    assert person.phone == "+77015550000" and person.young_specialist and person.language == "ru"
    assert AuditRecord.objects.filter(action="member.registered", actor_id=people.chair.pk).count() == 1


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"iin": "12345"}, "iin", "exactly 12 digits"),
    ({"iin": valid_iin(8001)[:11] + str((int(valid_iin(8001)[11]) + 1) % 10)}, "iin", "check digit"),
    ({"phone": "555"}, "phone", "+7 701 234 56 78"),
    ({"last_name": ""}, "last_name", "required"),
    ({"joined_on": "2999-01-01"}, "joined_on", "future"),
])
def test_add_member_explains_bad_input(client, people, tree, change, field, message):
    response = as_user(client, people.chair).post(reverse("orgs:member_add"), new_member(tree.school_a, **change))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Person.objects.filter(last_name="Сейтова").exists()


def test_add_member_refuses_a_current_member_of_another_region(client, people, tree):
    iin = people.member_b.person.iin
    response = as_user(client, people.chair).post(reverse("orgs:member_add"), new_member(tree.school_a, iin=iin))
    assert "already a current member" in " ".join(response.context["form"].errors["iin"])
    assert Membership.objects.filter(person__iin=iin).count() == 1


def test_add_member_only_into_own_primary_organisations(client, people, tree):
    as_user(client, people.chair)
    for org in (tree.school_a2, tree.school_b, tree.district_a):
        response = client.post(reverse("orgs:member_add"), new_member(org))
        assert "organisation" in response.context["form"].errors
    assert not Person.objects.filter(iin=valid_iin(8001)).exists()


@pytest.mark.parametrize("role", ["lawyer", "auditor", "regional_staff"])
def test_read_only_roles_cannot_add_or_change(client, people, tree, role):
    as_user(client, getattr(people, role))
    pk = people.member_a.pk
    assert client.get(reverse("orgs:member_detail", args=[pk])).status_code == 200
    assert client.get(reverse("orgs:member_add")).status_code == 403
    assert client.post(reverse("orgs:member_add"), new_member(tree.school_a)).status_code == 403
    assert client.get(reverse("orgs:member_edit", args=[pk])).status_code == 403
    assert client.post(reverse("orgs:member_edit", args=[pk]),
                       person_data(people.member_a.person, last_name="Changed")).status_code == 403
    assert client.post(reverse("orgs:member_status", args=[pk]), {"status": "left"}).status_code == 403
    assert client.get(reverse("orgs:approvals")).status_code == 403
    assert not Person.objects.filter(last_name="Changed").exists()
    assert Membership.objects.get(pk=pk).status == MembershipStatus.ACTIVE


def test_chair_with_a_wider_view_role_gets_403_not_404_where_she_only_views(client, people, tree):
    grant(people.chair, Role.LAWYER, tree.region_a)
    as_user(client, people.chair)
    assert client.get(reverse("orgs:member_detail", args=[people.member_a2.pk])).status_code == 200
    assert client.get(reverse("orgs:member_edit", args=[people.member_a2.pk])).status_code == 403


def test_chair_edits_personal_data(client, people):
    person = people.member_a.person
    url = reverse("orgs:member_edit", args=[people.member_a.pk])
    as_user(client, people.chair)
    assert client.get(url).context["form"].initial["last_name"] == person.last_name
    response = client.post(url, person_data(person, last_name="Жаңаева", phone="87017778899", iin="000000000000"))
    assert response.status_code == 302
    old_iin = person.iin
    person.refresh_from_db()
    assert person.last_name == "Жаңаева" and person.phone == "+77017778899" and person.iin == old_iin
    changes = AuditRecord.objects.get(action="person.changed").data["changes"]
    assert set(changes) == {"last_name", "phone"}


def test_edit_form_errors_change_nothing(client, people):
    person = people.member_a.person
    response = as_user(client, people.chair).post(reverse("orgs:member_edit", args=[people.member_a.pk]),
                                                  person_data(person, email="bad", first_name=""))
    assert response.status_code == 200 and {"email", "first_name"} <= set(response.context["form"].errors)
    assert Person.objects.get(pk=person.pk).first_name == person.first_name


def test_status_change_is_post_only_and_audited(client, people):
    url = reverse("orgs:member_status", args=[people.member_a.pk])
    as_user(client, people.chair)
    assert client.get(url).status_code == 405
    assert client.post(url, {"status": "suspended"}).status_code == 302
    assert Membership.objects.get(pk=people.member_a.pk).status == MembershipStatus.SUSPENDED
    assert AuditRecord.objects.get(action="membership.status_changed").data == {"before": "active",
                                                                               "after": "suspended"}
    client.post(url, {"status": "pending"})  # not offered: refused
    assert Membership.objects.get(pk=people.member_a.pk).status == MembershipStatus.SUSPENDED


def test_status_change_needs_the_csrf_token(people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.chair)
    response = client.post(reverse("orgs:member_status", args=[people.member_a.pk]), {"status": "left"})
    assert response.status_code == 403
    assert Membership.objects.get(pk=people.member_a.pk).status == MembershipStatus.ACTIVE


# Approvals ---------------------------------------------------------------------------------------

@pytest.fixture
def pending(tree):
    return {"a": MembershipFactory(organisation=tree.school_a, status=MembershipStatus.PENDING),
            "a2": MembershipFactory(organisation=tree.school_a2, status=MembershipStatus.PENDING)}


def test_chair_sees_and_approves_pending_of_her_school(client, people, pending):
    as_user(client, people.chair)
    assert listed(client.get(reverse("orgs:approvals"))) == {pending["a"].pk}
    response = client.post(reverse("orgs:approval_decide", args=[pending["a"].pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert Membership.objects.get(pk=pending["a"].pk).status == MembershipStatus.ACTIVE
    assert AuditRecord.objects.filter(action="membership.approved", actor_id=people.chair.pk).count() == 1


def test_reject_closes_the_application(client, people, pending):
    as_user(client, people.regional_admin).post(reverse("orgs:approval_decide", args=[pending["a2"].pk]),
                                                {"decision": "reject"})
    assert not Membership.objects.filter(pk=pending["a2"].pk, status=MembershipStatus.PENDING).exists()
    assert AuditRecord.objects.filter(action="membership.rejected", actor_id=people.regional_admin.pk).count() == 1


def test_approvals_outside_scope_or_decided_give_404(client, people, pending):
    as_user(client, people.chair)
    assert client.post(reverse("orgs:approval_decide", args=[pending["a2"].pk]),
                       {"decision": "approve"}).status_code == 404
    assert client.post(reverse("orgs:approval_decide", args=[people.member_a.pk]),
                       {"decision": "reject"}).status_code == 404
    assert client.get(reverse("orgs:approval_decide", args=[pending["a"].pk])).status_code == 405
    assert Membership.objects.get(pk=pending["a2"].pk).status == MembershipStatus.PENDING
    assert Membership.objects.get(pk=people.member_a.pk).status == MembershipStatus.ACTIVE


# Roles -------------------------------------------------------------------------------------------

def test_role_pages_need_manage_roles(client, people):
    for user in (people.chair, people.lawyer, people.auditor, people.regional_staff):
        as_user(client, user)
        assert client.get(reverse("orgs:role_list")).status_code == 403
        assert client.post(reverse("orgs:role_grant"), {}).status_code == 403


def test_regional_admin_lists_roles_of_region_a_only(client, people, tree):
    outside = grant(UserFactory(), Role.CHAIR, tree.school_b)
    response = as_user(client, people.regional_admin).get(reverse("orgs:role_list"))
    shown = {g.pk for g, _can_revoke in response.context["rows"]}
    assert outside.pk not in shown
    assert people.chair.roles.get().pk in shown
    assert "central_admin" not in dict(response.context["form"].fields["role"].choices)


def test_grant_by_email_or_phone_is_audited(client, people, tree):
    newcomer = UserFactory(email="new.chair@example.kz", phone="+77019998877")
    as_user(client, people.regional_admin)
    response = client.post(reverse("orgs:role_grant"),
                           {"login": "NEW.chair@example.kz", "role": "chair", "organisation": tree.school_a2.pk})
    assert response.status_code == 302
    client.post(reverse("orgs:role_grant"), {"login": "8 701 999 88 77", "role": "lawyer",
                                             "organisation": tree.district_a.pk})
    assert set(newcomer.roles.values_list("role", "organisation")) == {("chair", tree.school_a2.pk),
                                                                         ("lawyer", tree.district_a.pk)}
    record = AuditRecord.objects.filter(action="role.granted").first()
    assert record.actor_id == people.regional_admin.pk and record.data["user"] == newcomer.pk


def test_grant_refusals_change_nothing(client, people, tree):
    target = UserFactory(email="target@example.kz")
    as_user(client, people.regional_admin)
    cases = [
        ({"role": "central_admin", "organisation": tree.region_a.pk}, "role"),  # never for a regional admin
        ({"role": "lawyer", "organisation": tree.region_b.pk}, "organisation"),  # outside the region
        ({"role": "chair", "organisation": tree.district_a.pk}, "organisation"),  # chair only on a school
        ({"role": "lawyer", "organisation": tree.region_a.pk, "login": "nobody@example.kz"}, "login"),
    ]
    for data, field in cases:
        response = client.post(reverse("orgs:role_grant"), {"login": "target@example.kz", **data})
        assert response.status_code == 200
        assert field in response.context["form"].errors, data
    assert not target.roles.exists()
    assert not AuditRecord.objects.filter(action="role.granted").exists()


def test_central_admin_may_grant_central_admin(client, people, tree):
    target = UserFactory(email="deputy@example.kz")
    as_user(client, people.central_admin).post(
        reverse("orgs:role_grant"), {"login": "deputy@example.kz", "role": "central_admin",
                                     "organisation": tree.central.pk})
    assert target.roles.filter(role=Role.CENTRAL_ADMIN, revoked_at__isnull=True).exists()


def test_revoke_is_audited_and_scoped(client, people, tree):
    chair_grant = people.chair.roles.get()
    region_b_grant = grant(UserFactory(), Role.CHAIR, tree.school_b)
    odd_grant = grant(UserFactory(), Role.CENTRAL_ADMIN, tree.region_a)  # visible, but not the admin's to revoke
    as_user(client, people.regional_admin)
    assert client.get(reverse("orgs:role_revoke", args=[chair_grant.pk])).status_code == 405
    assert client.post(reverse("orgs:role_revoke", args=[region_b_grant.pk])).status_code == 404
    assert client.post(reverse("orgs:role_revoke", args=[odd_grant.pk])).status_code == 403
    assert client.post(reverse("orgs:role_revoke", args=[chair_grant.pk])).status_code == 302
    assert RoleAssignment.objects.get(pk=chair_grant.pk).revoked_by == people.regional_admin
    assert RoleAssignment.objects.filter(pk__in=[region_b_grant.pk, odd_grant.pk], revoked_at__isnull=True).count() == 2
    assert list(AuditRecord.objects.filter(action="role.revoked").values_list("object_id", flat=True)) == [
        str(chair_grant.pk)]
    # the former chair has lost her staff pages at once
    assert as_user(client, people.chair).get(reverse("orgs:member_list")).status_code == 403


# Audit log ---------------------------------------------------------------------------------------

def test_audit_log_for_auditors_and_central_admins_only(client, people):
    for user in (people.chair, people.lawyer, people.regional_admin, people.regional_staff):
        assert as_user(client, user).get(reverse("orgs:audit_log")).status_code == 403
    for user in (people.auditor, people.central_admin):
        assert as_user(client, user).get(reverse("orgs:audit_log")).status_code == 200


def test_audit_log_lists_newest_first_filters_and_audits_itself(client, people):
    as_user(client, people.chair).get(reverse("orgs:member_detail", args=[people.member_a.pk]))
    client.post(reverse("orgs:member_status", args=[people.member_a.pk]), {"status": "suspended"})
    as_user(client, people.auditor)
    response = client.get(reverse("orgs:audit_log"))
    records = response.context["records"]
    assert [r.seq for r in records] == sorted((r.seq for r in records), reverse=True)
    actions = [r.action for r in records if r.action in {"membership.status_changed", "person.viewed"}]
    assert actions == ["membership.status_changed", "person.viewed"]
    response = client.get(reverse("orgs:audit_log"), {"action": "person."})
    assert [r.action for r in response.context["records"]] == ["person.viewed"]
    viewed = AuditRecord.objects.filter(action="audit.viewed", actor_id=people.auditor.pk).order_by("seq")
    assert viewed.count() == 2 and viewed.last().data == {"action": "person.", "page": 1}


def test_big_scopes_list_upper_levels_but_keep_a_chosen_school(client, people, tree, monkeypatch):
    monkeypatch.setattr("odaq.orgs.forms.FILTER_SELECT_LIMIT", 6)  # 8 organisations, 5 above schools
    response = as_user(client, people.central_admin).get(reverse("orgs:member_list"),
                                                          {"organisation": tree.school_b.pk})
    options = {value for value, _label in response.context["form"].fields["organisation"].choices if value}
    assert {int(str(v)) for v in options} == {tree.central.pk, tree.region_a.pk, tree.region_b.pk,
                                              tree.district_a.pk, tree.district_b.pk, tree.school_b.pk}
    assert listed(response) == {people.member_b.pk}
