import pytest
from django.urls import reverse

from odaq.core.audit_models import AuditRecord
from odaq.core.models import User
from odaq.orgs.choices import ConsentPurpose, MembershipStatus
from odaq.orgs.models import Consent, Membership, Person
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, valid_iin

PASSWORD = "Kokshetau-teacher-2026"


def form_data(tree, **extra):
    data = {
        "organisation": tree.school_a.pk, "iin": valid_iin(901), "last_name": "Серікова",
        "first_name": "Дана", "middle_name": "", "phone": "+7 702 111 22 33", "email": "dana@example.kz",
        "language": "ru", "position": "teacher", "password1": PASSWORD, "password2": PASSWORD, "consent": "on",
    }
    data.update(extra)
    return data


def url(tree, region=None):
    return reverse("portal:register") + f"?region={(region or tree.region_a).pk}"


def assert_nothing_created(before_users):
    assert User.objects.count() == before_users
    assert not Membership.objects.filter(status=MembershipStatus.PENDING).exists()
    assert not AuditRecord.objects.filter(action="member.self_registered").exists()


def test_step_one_lists_regions_without_javascript(client, tree):
    response = client.get(reverse("portal:register"))
    body = response.content.decode()
    assert response.status_code == 200 and 'method="get"' in body
    assert "Region A" in body and "Region B" in body and "School A1a" not in body


def test_step_two_lists_primary_organisations_of_the_region_only(client, tree):
    body = client.get(url(tree)).content.decode()
    assert "School A1a" in body and "School A1b" in body and "School B1a" not in body
    assert "<optgroup" in body and "District A1" in body
    filtered = client.get(url(tree) + "&q=a1b").content.decode()
    assert "School A1b" in filtered and "School A1a" not in filtered


def test_happy_path_creates_pending_membership_user_consent_and_logs_in(client, tree, settings):
    response = client.post(url(tree), form_data(tree))
    assert response.status_code == 302 and response["Location"] == reverse("portal:cabinet")
    person = Person.objects.get(iin=valid_iin(901))
    assert person.user.email == "dana@example.kz" and person.user.phone == "+77021112233"
    assert person.user.check_password(PASSWORD)
    membership = person.memberships.get()
    assert membership.status == MembershipStatus.PENDING and membership.organisation == tree.school_a
    consent = person.consents.get()
    assert consent.purpose == ConsentPurpose.MEMBERSHIP and consent.text_version == settings.ODAQ_CONSENT_VERSION
    assert AuditRecord.objects.filter(action="member.self_registered", actor_id=person.user.pk).exists()
    cabinet = client.get(reverse("portal:cabinet"))
    assert cabinet.context["user"] == person.user
    assert cabinet.context["cab"].pending


def test_consent_text_and_version_are_shown(client, tree, settings):
    client.cookies['django_language'] = 'en'
    settings.ODAQ_CONSENT_VERSION = "2026-test"
    body = client.get(url(tree)).content.decode()
    assert "2026-test" in body and "membership register" in body


@pytest.mark.parametrize("change, field", [
    ({"iin": "123456789012"}, "iin"),
    ({"iin": valid_iin(901)[:11] + str((int(valid_iin(901)[11]) + 1) % 10)}, "iin"),
    ({"consent": ""}, "consent"),
    ({"password1": "12345678", "password2": "12345678"}, "password1"),
    ({"password2": "Something-else-2026"}, "password2"),
    ({"phone": "123"}, "phone"),
    ({"organisation": "999999"}, "organisation"),
])
def test_bad_input_shows_error_and_creates_nothing(client, tree, change, field):
    before = User.objects.count()
    data = form_data(tree, **change)
    if change.get("consent") == "":
        del data["consent"]
    response = client.post(url(tree), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert_nothing_created(before)
    assert not Person.objects.filter(iin=valid_iin(901)).exists()
    assert "_auth_user_id" not in client.session


def test_school_of_another_region_is_refused(client, tree):
    before = User.objects.count()
    response = client.post(url(tree), form_data(tree, organisation=tree.school_b.pk))
    assert "organisation" in response.context["form"].errors
    assert_nothing_created(before)


def test_duplicate_iin_is_refused(client, tree):
    MembershipFactory(person=PersonFactory(iin=valid_iin(901)), organisation=tree.school_b)
    before = User.objects.count()
    response = client.post(url(tree), form_data(tree))
    assert response.status_code == 200 and "iin" in response.context["form"].errors
    assert_nothing_created(before)
    assert Person.objects.filter(iin=valid_iin(901)).count() == 1
    assert not Consent.objects.exists()


def test_duplicate_email_is_refused(client, tree, people):
    before = User.objects.count()
    response = client.post(url(tree), form_data(tree, email=people.chair.email.upper()))
    assert "email" in response.context["form"].errors
    assert_nothing_created(before)
    assert not Person.objects.filter(iin=valid_iin(901)).exists()


def test_error_message_is_translated(client, tree):
    client.cookies["django_language"] = "ru"
    response = client.post(url(tree), form_data(tree, iin="12345"))
    assert response.status_code == 200 and "iin" in response.context["form"].errors
    assert '<html lang="ru">' in response.content.decode()


def test_logged_in_user_is_sent_to_cabinet(client, people):
    client.force_login(people.member_user)
    response = client.get(reverse("portal:register"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:cabinet")


def test_former_member_without_account_can_register_again(client, tree):
    MembershipFactory(person=PersonFactory(iin=valid_iin(901)), organisation=tree.school_b, status="left")
    response = client.post(url(tree), form_data(tree))
    assert response.status_code == 302
    person = Person.objects.get(iin=valid_iin(901))
    assert person.user is not None
    assert person.memberships.filter(status="pending").count() == 1


def test_rejected_applicant_frees_the_iin_for_its_owner(client, tree, people):
    from odaq.orgs import services

    client.post(url(tree), form_data(tree))
    squatter = Person.objects.get(iin=valid_iin(901))
    squatter_user = squatter.user
    services.approve_membership(people.chair, squatter.memberships.get(), approve=False)
    assert not Person.objects.filter(iin=valid_iin(901)).exists()
    squatter_user.refresh_from_db()
    assert not squatter_user.is_active and squatter_user.email is None
    client.logout()
    response = client.post(url(tree), form_data(tree))
    assert response.status_code == 302
    assert Person.objects.filter(iin=valid_iin(901)).exists()
