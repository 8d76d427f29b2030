"""Self-registration with the IIN of a person already on the register: no record takeover before a chair confirms."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from odaq.appeals.tests.factories import PNG, ensure_topics, file_appeal, upload
from odaq.core.models import User
from odaq.orgs import services
from odaq.orgs.choices import MembershipStatus
from odaq.orgs.models import Application, Person
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory

PASSWORD = "Kokshetau-teacher-2026"


@pytest.fixture
def former(tree):
    """A former member with a confidential appeal and an attachment, whose account is gone (her record stays)."""
    ensure_topics()
    old_account = UserFactory(display_name="Old account")
    person = PersonFactory(last_name="Ахметова", first_name="Гульнар", phone="+77011110000",
                           email="gulnar@example.kz", user=old_account)
    membership = MembershipFactory(person=person, organisation=tree.school_a)
    appeal = file_appeal(old_account, person, files=[upload("slip.png", PNG)], subject="Secret pay dispute",
                         confidential=True)
    membership.status = MembershipStatus.LEFT
    membership.save()
    Person.objects.filter(pk=person.pk).update(user=None)
    User.objects.filter(pk=old_account.pk).update(is_active=False, email=None, phone=None)
    person.refresh_from_db()
    return person, appeal


def _apply(client, tree, person):
    cache.clear()
    client.cookies["django_language"] = "en"
    data = {"organisation": tree.school_a.pk, "iin": person.iin, "last_name": "Impostor", "first_name": "Ivan",
            "middle_name": "", "phone": "+7 702 999 88 77", "email": "impostor@example.kz", "language": "ru",
            "position": "teacher", "password1": PASSWORD, "password2": PASSWORD, "consent": "on"}
    response = client.post(reverse("portal:register") + f"?region={tree.region_a.pk}", data)
    assert response.status_code == 302
    client.post(reverse("login"), {"username": "impostor@example.kz", "password": PASSWORD})
    return User.objects.get(email="impostor@example.kz")


def test_an_applicant_with_a_known_iin_sees_nothing_of_that_person_and_changes_nothing(client, tree, former):
    person, appeal = former
    applicant = _apply(client, tree, person)
    assert client.session["_auth_user_id"] == str(applicant.pk)
    person.refresh_from_db()
    assert person.user_id is None
    assert (person.last_name, person.phone, person.email) == ("Ахметова", "+77011110000", "gulnar@example.kz")
    cabinet = client.get(reverse("portal:cabinet"))
    body = cabinet.content.decode()
    assert cabinet.context["cab"].application is not None and "Ахметова" not in body
    assert "Secret pay dispute" not in body and 'id="cab-new-appeal"' not in body
    assert "Secret pay dispute" not in client.get(reverse("appeals:my_list")).content.decode()
    assert client.get(reverse("appeals:detail", args=[appeal.pk])).status_code in (403, 404)
    attachment = appeal.attachments.get()
    assert client.get(reverse("appeals:download", args=[attachment.pk])).status_code in (403, 404)
    assert client.get("/api/v1/members/me/").json().get("person") is None
    assert client.get("/api/v1/appeals/").json().get("count", 0) == 0


def test_the_chair_sees_submitted_details_next_to_the_record_and_her_approval_links_them(client, tree, people,
                                                                                          former):
    person, appeal = former
    applicant = _apply(client, tree, person)
    client.force_login(people.chair)
    page = client.get(reverse("orgs:approvals")).content.decode()
    assert "Impostor Ivan" in page and person.full_name in page
    assert "+77029998877" in page and "+77011110000" in page
    membership = person.memberships.get(status=MembershipStatus.PENDING)
    client.post(reverse("orgs:approval_decide", args=[membership.pk]), {"decision": "approve"})
    person.refresh_from_db()
    assert person.user_id == applicant.pk and person.last_name == "Impostor" and person.phone == "+77029998877"
    assert person.consents.filter(purpose="membership").exists()
    client.force_login(applicant)
    assert client.get(reverse("appeals:detail", args=[appeal.pk])).status_code == 200


def test_rejecting_the_application_closes_the_account_and_leaves_the_record_as_it_was(client, tree, people,
                                                                                      former):
    person, _appeal = former
    applicant = _apply(client, tree, person)
    services.approve_membership(people.chair, person.memberships.get(status=MembershipStatus.PENDING),
                                approve=False)
    person.refresh_from_db()
    applicant.refresh_from_db()
    assert person.user_id is None and person.last_name == "Ахметова"
    assert list(person.memberships.values_list("status", flat=True)) == [MembershipStatus.LEFT]
    assert not applicant.is_active and applicant.email is None
    assert not Application.objects.exists()


def test_a_regional_admin_may_decide_too(client, tree, people, former):
    person, _appeal = former
    applicant = _apply(client, tree, person)
    services.approve_membership(people.regional_admin, person.memberships.get(status=MembershipStatus.PENDING))
    person.refresh_from_db()
    assert person.user_id == applicant.pk
