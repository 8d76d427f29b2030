import pytest
from django.urls import reverse

from odaq.core.audit_models import AuditRecord
from odaq.orgs.choices import ConsentPurpose, MembershipStatus
from odaq.orgs.models import Consent
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory


@pytest.fixture
def member(people):
    person = people.member_a.person
    person.email = "aigul@example.kz"
    person.save()
    Consent.objects.create(person=person, purpose=ConsentPurpose.MEMBERSHIP, text_version="2026-1")
    return people.member_a


def test_cabinet_requires_login(client):
    response = client.get(reverse("portal:cabinet"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_cabinet_shows_own_data_only(client, people, member, tree):
    other = people.member_b.person
    client.force_login(people.member_user)
    body = client.get(reverse("portal:cabinet")).content.decode()
    person = member.person
    assert person.full_name in body
    assert person.iin not in body and person.iin[-4:] in body
    assert "•" * 8 + person.iin[-4:] in body
    assert other.full_name not in body and other.iin[-4:] + "<" not in body
    assert people.member_a2.person.full_name not in body
    # the chain of organisations, from the central committee down
    for org in (tree.central, tree.region_a, tree.district_a, tree.school_a):
        assert org.name in body
    assert tree.region_b.name not in body


def test_pending_membership_shows_waiting_message(client, tree):
    client.cookies['django_language'] = 'en'
    user = UserFactory()
    MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=user), status=MembershipStatus.PENDING)
    client.force_login(user)
    body = client.get(reverse("portal:cabinet")).content.decode()
    assert "waiting for your chair" in body


def test_staff_without_person_gets_friendly_note(client, people):
    client.cookies['django_language'] = 'en'
    client.force_login(people.regional_admin)
    response = client.get(reverse("portal:cabinet"))
    assert response.status_code == 200 and response.context["cab"].person is None
    assert "not linked to a member" in response.content.decode()
    assert client.get(reverse("portal:cabinet_profile")).status_code == 404


def test_withdraw_and_give_again_is_recorded_and_audited(client, people, member):
    consent = member.person.consents.get()
    client.force_login(people.member_user)
    response = client.post(reverse("portal:consent_withdraw", args=[consent.pk]))
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    withdrawn = AuditRecord.objects.get(action="consent.withdrawn")
    assert withdrawn.actor_id == people.member_user.pk and withdrawn.object_id == str(consent.pk)

    client.post(reverse("portal:consent_give"), {"purpose": ConsentPurpose.MEMBERSHIP})
    fresh = member.person.consents.get(withdrawn_at__isnull=True)
    assert fresh.pk != consent.pk and fresh.text_version == "2026-1"
    assert AuditRecord.objects.get(action="consent.given").object_id == str(fresh.pk)
    # giving it twice does not create a second active consent
    client.post(reverse("portal:consent_give"), {"purpose": ConsentPurpose.MEMBERSHIP})
    assert member.person.consents.filter(withdrawn_at__isnull=True).count() == 1


def test_withdraw_requires_post(client, people, member):
    consent = member.person.consents.get()
    client.force_login(people.member_user)
    assert client.get(reverse("portal:consent_withdraw", args=[consent.pk])).status_code == 405
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_cannot_withdraw_someone_elses_consent(client, people, member):
    other = Consent.objects.create(person=people.member_b.person, purpose=ConsentPurpose.MEMBERSHIP,
                                   text_version="2026-1")
    client.force_login(people.member_user)
    assert client.post(reverse("portal:consent_withdraw", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.withdrawn_at is None
    assert not AuditRecord.objects.filter(action="consent.withdrawn").exists()


def test_unknown_purpose_is_refused(client, people, member):
    client.force_login(people.member_user)
    client.post(reverse("portal:consent_give"), {"purpose": "marketing"})
    assert member.person.consents.count() == 1


def test_member_changes_own_contacts_and_login_follows(client, people, member):
    client.force_login(people.member_user)
    response = client.post(reverse("portal:cabinet_profile"),
                           {"phone": "8 (701) 555 44 33", "email": "new@example.kz", "language": "ru"})
    assert response.status_code == 302
    person = member.person
    person.refresh_from_db()
    people.member_user.refresh_from_db()
    assert (person.phone, person.email, person.language) == ("+77015554433", "new@example.kz", "ru")
    assert (people.member_user.phone, people.member_user.email) == ("+77015554433", "new@example.kz")
    assert people.member_user.language == "ru"
    rec = AuditRecord.objects.get(action="person.contacts_changed")
    assert rec.actor_id == people.member_user.pk and rec.data["changes"]["language"]["after"] == "ru"


def test_contacts_taken_by_another_account_are_refused(client, people, member):
    client.force_login(people.member_user)
    taken = people.chair.email
    response = client.post(reverse("portal:cabinet_profile"), {"phone": "", "email": taken, "language": "kk"})
    assert response.status_code == 200 and "email" in response.context["form"].errors
    member.person.refresh_from_db()
    assert member.person.email == "aigul@example.kz"
    assert not AuditRecord.objects.filter(action="person.contacts_changed").exists()


def test_bad_phone_is_refused(client, people, member):
    client.force_login(people.member_user)
    response = client.post(reverse("portal:cabinet_profile"), {"phone": "12", "email": "", "language": "kk"})
    assert "phone" in response.context["form"].errors


def test_new_appeal_is_offered_to_an_active_member_only(client, tree):
    pending_user, active_user = UserFactory(), UserFactory()
    MembershipFactory(person=PersonFactory(user=pending_user), organisation=tree.school_a,
                      status=MembershipStatus.PENDING)
    MembershipFactory(person=PersonFactory(user=active_user), organisation=tree.school_a)
    client.force_login(pending_user)
    body = client.get(reverse("portal:cabinet")).content.decode()
    assert 'id="cab-new-appeal"' not in body
    assert client.get(reverse("appeals:new")).status_code == 403  # what the link would have led to
    client.force_login(active_user)
    assert 'id="cab-new-appeal"' in client.get(reverse("portal:cabinet")).content.decode()
