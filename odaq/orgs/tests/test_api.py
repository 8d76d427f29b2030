import pytest
from rest_framework.test import APIClient

from odaq.core.audit_models import AuditRecord
from odaq.orgs.choices import Role
from odaq.orgs.models import Membership, Person, RoleAssignment
from odaq.orgs.tests.factories import UserFactory, valid_iin


@pytest.fixture
def api():
    return APIClient()


def _person(iin=None, **extra):
    return {"iin": iin or valid_iin(9001), "last_name": "Сейтова", "first_name": "Дана", "middle_name": "",
            "phone": "+77015550000", "email": "dana@example.kz", "language": "kk", "position": "teacher",
            "young_specialist": True, **extra}


def test_organisations_are_public_and_filterable(api, tree):
    response = api.get("/api/v1/organisations/", {"within": tree.region_a.pk})
    assert response.status_code == 200
    names = {o["name_ru"] for o in response.json()["results"]}
    assert names == {"Region A", "District A1", "School A1a", "School A1b"}


def test_member_list_is_scoped_to_the_callers_subtree(api, people):
    api.force_authenticate(people.lawyer)
    ids = {m["id"] for m in api.get("/api/v1/members/").json()["results"]}
    assert ids == {people.member_a.pk, people.member_a2.pk}
    api.force_authenticate(people.chair)
    ids = {m["id"] for m in api.get("/api/v1/members/").json()["results"]}
    assert ids == {people.member_a.pk}


def test_member_list_masks_iins_and_phones_and_only_the_detail_read_shows_them(api, people):
    person = people.member_a.person
    person.phone = "+77015551234"
    person.save(update_fields=["phone"])
    api.force_authenticate(people.lawyer)
    response = api.get("/api/v1/members/")
    listed = {m["id"]: m["person"] for m in response.json()["results"]}[people.member_a.pk]
    assert listed["iin"] == "••••••••" + person.iin[-4:] and listed["phone"].endswith("34")
    assert person.iin not in response.content.decode() and "5551234" not in response.content.decode()
    assert "email" not in listed
    assert not AuditRecord.objects.filter(action="person.viewed").exists()
    detail = api.get(f"/api/v1/members/{people.member_a.pk}/").json()["person"]
    assert detail["iin"] == person.iin and detail["phone"] == "+77015551234"
    assert AuditRecord.objects.filter(action="person.viewed", object_id=str(person.pk)).count() == 1


def test_members_cannot_use_the_staff_endpoint(api, people):
    api.force_authenticate(people.member_user)
    assert api.get("/api/v1/members/").status_code == 403


def test_reading_a_member_is_audited(api, people):
    api.force_authenticate(people.lawyer)
    response = api.get(f"/api/v1/members/{people.member_a.pk}/")
    assert response.status_code == 200 and response.json()["person"]["iin"] == people.member_a.person.iin
    assert AuditRecord.objects.filter(action="person.viewed", actor_id=people.lawyer.pk,
                                      object_id=str(people.member_a.person.pk)).exists()
    assert api.get(f"/api/v1/members/{people.member_b.pk}/").status_code == 404


def test_chair_registers_a_member_in_her_organisation(api, people, tree):
    api.force_authenticate(people.chair)
    response = api.post("/api/v1/members/", {"person": _person(), "organisation": tree.school_a.pk},
                        format="json")
    assert response.status_code == 201, response.json()
    assert Membership.objects.filter(person__iin=valid_iin(9001), organisation=tree.school_a).exists()


@pytest.mark.parametrize("target", ["school_a2", "school_b"])
def test_chair_cannot_register_outside_her_organisation(api, people, tree, target):
    api.force_authenticate(people.chair)
    response = api.post("/api/v1/members/", {"person": _person(), "organisation": getattr(tree, target).pk},
                        format="json")
    assert response.status_code == 403
    assert not Person.objects.filter(iin=valid_iin(9001)).exists()


def test_invalid_iin_and_malformed_json_are_refused(api, people, tree):
    api.force_authenticate(people.chair)
    bad = _person(iin=valid_iin(9001)[:11] + str((int(valid_iin(9001)[11]) + 1) % 10))
    response = api.post("/api/v1/members/", {"person": bad, "organisation": tree.school_a.pk}, format="json")
    assert response.status_code == 400 and "iin" in response.json()["person"]
    response = api.post("/api/v1/members/", data='{"person": ', content_type="application/json")
    assert response.status_code == 400
    assert Person.objects.count() == 3


def test_lawyer_cannot_change_members(api, people):
    api.force_authenticate(people.lawyer)
    response = api.patch(f"/api/v1/members/{people.member_a.pk}/", {"status": "left"}, format="json")
    assert response.status_code == 404
    people.member_a.refresh_from_db()
    assert people.member_a.status == "active"


def test_regional_admin_changes_status_and_it_is_audited(api, people):
    api.force_authenticate(people.regional_admin)
    response = api.patch(f"/api/v1/members/{people.member_a2.pk}/", {"status": "suspended"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "suspended"
    record = AuditRecord.objects.get(action="membership.status_changed")
    assert record.data == {"before": "active", "after": "suspended"}


def test_me_returns_the_callers_own_record(api, people):
    api.force_authenticate(people.member_user)
    data = api.get("/api/v1/members/me/").json()
    assert data["person"]["iin"] == people.member_a.person.iin
    assert data["membership"]["id"] == people.member_a.pk


def test_roles_are_managed_by_admins_within_their_subtree(api, people, tree):
    newcomer = UserFactory()
    api.force_authenticate(people.regional_admin)
    ok = api.post("/api/v1/roles/", {"user": newcomer.pk, "role": Role.LAWYER, "organisation": tree.district_a.pk})
    assert ok.status_code == 201
    outside = api.post("/api/v1/roles/", {"user": newcomer.pk, "role": Role.LAWYER,
                                          "organisation": tree.region_b.pk})
    assert outside.status_code == 403
    too_high = api.post("/api/v1/roles/", {"user": newcomer.pk, "role": Role.CENTRAL_ADMIN,
                                           "organisation": tree.region_a.pk})
    assert too_high.status_code == 403
    assert RoleAssignment.objects.filter(user=newcomer).count() == 1
    grant_id = ok.json()["id"]
    assert api.delete(f"/api/v1/roles/{grant_id}/").status_code == 204
    assert RoleAssignment.objects.get(pk=grant_id).revoked_at is not None
    actions = list(AuditRecord.objects.filter(action__startswith="role.").values_list("action", flat=True))
    assert actions == ["role.granted", "role.revoked"]


def test_non_admin_staff_cannot_see_roles(api, people):
    for user in (people.lawyer, people.chair, people.auditor, people.regional_staff):
        api.force_authenticate(user)
        assert api.get("/api/v1/roles/").status_code == 403


def test_token_authentication_works(api, people):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=people.lawyer)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/members/").status_code == 200


def test_openapi_schema_is_served(api, db):
    response = api.get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/members/" in response.content
