import pytest
from django.core.cache import cache
from django.urls import reverse

from odaq.core.audit_models import AuditRecord
from odaq.core.models import User
from odaq.orgs.choices import ConsentPurpose, MembershipStatus
from odaq.orgs.models import Consent, Membership, Person
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, valid_iin

PASSWORD = "Kokshetau-teacher-2026"
NEUTRAL = "Your application is received."


@pytest.fixture(autouse=True)
def _fresh_rate_limit(client):
    cache.clear()
    client.cookies["django_language"] = "en"


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"]) if response.context else ""


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


def test_happy_path_creates_pending_membership_user_consent(client, tree, settings):
    response = client.post(url(tree), form_data(tree))
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session  # no automatic login: it would tell who is on the register
    person = Person.objects.get(iin=valid_iin(901))
    assert person.user.email == "dana@example.kz" and person.user.phone == "+77021112233"
    assert person.user.check_password(PASSWORD)
    membership = person.memberships.get()
    assert membership.status == MembershipStatus.PENDING and membership.organisation == tree.school_a
    consent = person.consents.get()
    assert consent.purpose == ConsentPurpose.MEMBERSHIP and consent.text_version == settings.ODAQ_CONSENT_VERSION
    assert AuditRecord.objects.filter(action="member.self_registered", actor_id=person.user.pk).exists()
    client.post(reverse("login"), {"username": "dana@example.kz", "password": PASSWORD})
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


def test_iin_of_a_current_member_creates_nothing_says_the_usual_and_tells_her(client, tree, mailoutbox,
                                                                            django_capture_on_commit_callbacks):
    MembershipFactory(person=PersonFactory(iin=valid_iin(901), email="real.dana@example.kz"),
                      organisation=tree.school_b)
    before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(tree), form_data(tree), follow=True)
    assert NEUTRAL in _messages(response)
    assert_nothing_created(before)
    assert Person.objects.filter(iin=valid_iin(901)).count() == 1
    assert not Consent.objects.exists()
    assert [m.to for m in mailoutbox] == [["real.dana@example.kz"]]


def test_taken_email_makes_no_second_account_says_the_usual_and_tells_its_owner(client, tree, people, mailoutbox,
                                                                               django_capture_on_commit_callbacks):
    before = User.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(tree), form_data(tree, email=people.chair.email.upper()), follow=True)
    assert NEUTRAL in _messages(response)
    assert_nothing_created(before)
    assert not Person.objects.filter(iin=valid_iin(901)).exists()
    assert [m.to for m in mailoutbox] == [[people.chair.email]]


def test_taken_phone_makes_no_second_account(client, tree, people):
    people.chair.phone = "+77021112233"
    people.chair.save()
    before = User.objects.count()
    response = client.post(url(tree), form_data(tree), follow=True)
    assert NEUTRAL in _messages(response)
    assert_nothing_created(before)


def test_the_answer_is_the_same_whether_or_not_the_details_are_on_the_register(client, tree, people):
    answers = []
    for data in (form_data(tree, iin=valid_iin(904), email="new2@example.kz", phone="+7 702 000 00 04"),
                 form_data(tree, iin=valid_iin(905), email=people.chair.email, phone="+7 702 000 00 05"),
                 form_data(tree, iin=people.member_a.person.iin, email="y@example.kz", phone="+7 702 000 00 06")):
        response = client.post(url(tree), data, follow=True)
        answers.append((response.redirect_chain, response.status_code, _messages(response)))
        assert "_auth_user_id" not in client.session
    assert answers[0] == answers[1] == answers[2]
    assert answers[0][0] == [(reverse("login"), 302)] and NEUTRAL in answers[0][2]


def test_registrations_are_limited_per_client_address(client, tree, settings):
    settings.ODAQ_REGISTRATION_LIMIT = 2
    for n in range(2):
        response = client.post(url(tree), form_data(tree, iin=valid_iin(910 + n), email=f"w{n}@example.kz",
                                                    phone=f"+7 702 000 10 0{n}"))
        assert response.status_code == 302
    client.cookies["django_language"] = "ru"
    response = client.post(url(tree), form_data(tree, iin=valid_iin(912), email="w2@example.kz",
                                                phone="+7 702 000 10 02"))
    assert response.status_code == 429
    assert response.context["form"].non_field_errors()
    assert not Person.objects.filter(iin=valid_iin(912)).exists()
    # another client (behind the trusted proxy) is not held back by this one
    settings.ODAQ_TRUSTED_PROXIES = ["127.0.0.0/8"]
    response = client.post(url(tree), form_data(tree, iin=valid_iin(912), email="w2@example.kz",
                                                phone="+7 702 000 10 02"), HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert response.status_code == 302


def test_error_message_is_translated(client, tree):
    client.cookies["django_language"] = "ru"
    response = client.post(url(tree), form_data(tree, iin="12345"))
    assert response.status_code == 200 and "iin" in response.context["form"].errors
    assert '<html lang="ru">' in response.content.decode()


def test_logged_in_user_is_sent_to_cabinet(client, people):
    client.force_login(people.member_user)
    response = client.get(reverse("portal:register"))
    assert response.status_code == 302 and response["Location"] == reverse("portal:cabinet")


def test_former_member_without_account_applies_and_her_record_waits_for_the_chair(client, tree):
    MembershipFactory(person=PersonFactory(iin=valid_iin(901)), organisation=tree.school_b, status="left")
    response = client.post(url(tree), form_data(tree))
    assert response.status_code == 302
    person = Person.objects.get(iin=valid_iin(901))
    assert person.user is None  # not linked before a chair confirms her against the record
    assert person.memberships.filter(status="pending").count() == 1
    assert User.objects.filter(email="dana@example.kz").exists()


def test_rejected_applicant_frees_the_iin_for_its_owner(client, tree, people):
    from odaq.orgs import services

    client.post(url(tree), form_data(tree))
    squatter = Person.objects.get(iin=valid_iin(901))
    squatter_user = squatter.user
    services.approve_membership(people.chair, squatter.memberships.get(), approve=False)
    assert not Person.objects.filter(iin=valid_iin(901)).exists()
    squatter_user.refresh_from_db()
    assert not squatter_user.is_active and squatter_user.email is None
    response = client.post(url(tree), form_data(tree))
    assert response.status_code == 302
    assert Person.objects.filter(iin=valid_iin(901)).exists()
