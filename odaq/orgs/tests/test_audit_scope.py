from django.urls import reverse

from odaq.core import audit
from odaq.orgs import selectors
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import UserFactory, grant


def test_regional_auditor_reads_only_her_subtree_of_the_audit_log(people, tree, client):
    audit.record("person.viewed", obj=people.member_a.person, scope=people.member_a.organisation)
    audit.record("person.viewed", obj=people.member_b.person, scope=people.member_b.organisation)
    audit.record("staff.login", obj=people.lawyer)
    regional = {r.scope_path for r in selectors.audit_records_for(people.auditor)}
    assert regional == {tree.school_a.path}

    central_auditor = UserFactory()
    grant(central_auditor, Role.AUDITOR, tree.central)
    seen = {r.scope_path for r in selectors.audit_records_for(central_auditor) if r.action != "audit.viewed"}
    assert seen == {tree.school_a.path, tree.school_b.path, ""}

    client.force_login(people.auditor)
    page = client.get(reverse("orgs:audit_log")).content.decode()
    assert "person.viewed" in page and "staff.login" not in page


def test_records_take_their_scope_from_the_object(people, tree):
    rec = audit.record("membership.status_changed", obj=people.member_b)
    assert rec.scope_path == tree.school_b.path
    rec = audit.record("consent.given", obj=people.member_a.person.consents.create(purpose="legal_aid",
                                                                                   text_version="1"))
    assert rec.scope_path == tree.school_a.path


def test_a_caller_may_pass_the_scope_as_a_path(people, tree):
    rec = audit.record("person.viewed", obj=people.member_a.person, scope=tree.school_b.path)
    assert rec.scope_path == tree.school_b.path


def test_audit_scope_of_a_user_is_her_membership_and_of_other_objects_empty(people, tree):
    from odaq.orgs.scopes import audit_scope

    assert audit_scope(people.member_user) == tree.school_a.path
    assert audit_scope(people.lawyer) == ""  # staff without a membership: central only
    assert audit_scope(tree.region_a) == tree.region_a.path
    assert audit_scope(people.member_a.person) == tree.school_a.path
    assert audit_scope(None) == ""


def test_a_staff_login_is_recorded_by_orgs_in_the_members_scope(people, tree, client):
    from odaq.core.audit_models import AuditRecord

    grant(people.member_user, Role.CHAIR, tree.school_a)
    client.force_login(people.member_user)
    rec = AuditRecord.objects.filter(action="staff.login").get()
    assert rec.scope_path == tree.school_a.path


def test_records_of_other_apps_keep_the_scope_of_their_organisation(people, tree):
    from odaq.law.models import Act
    from odaq.surveys.models import Survey
    from odaq.voting.models import Election

    assert audit.record("voting.opened", obj=Election(pk=1, organisation=tree.region_b)).scope_path == \
        tree.region_b.path
    assert audit.record("survey.opened", obj=Survey(pk=1, organisation=tree.school_a)).scope_path == \
        tree.school_a.path
    assert audit.record("law.imported", obj=Act(pk=1, adilet_id="K1")).scope_path == ""
    assert audit.record("role.granted", obj=people.lawyer.roles.get()).scope_path == tree.region_a.path
