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
