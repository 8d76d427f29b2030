"""API tokens and the staff second factor: a token is no way around TOTP; a new password or a closed account ends it."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from odaq.core.models import VerifiedToken

STAFF_ENDPOINTS = ["/api/v1/members/", "/api/v1/roles/"]


def _token_client(key: str) -> APIClient:
    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def _confirm_second_factor(client, user):
    client.force_login(user)
    client.get(reverse("two_factor"))  # enrols a device
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse("two_factor"), {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302


@override_settings(ODAQ_REQUIRE_STAFF_TOTP=True)
@pytest.mark.parametrize("path", STAFF_ENDPOINTS)
def test_a_staff_token_without_the_second_factor_is_refused(people, path):
    token = Token.objects.create(user=people.regional_admin)  # e.g. made in the admin or by manage.py drf_create_token
    response = _token_client(token.key).get(path)
    assert response.status_code in (401, 403)
    assert "second factor" in response.json()["detail"]


@override_settings(ODAQ_REQUIRE_STAFF_TOTP=True)
def test_an_unconfirmed_staff_session_cannot_issue_a_token(client, people):
    client.force_login(people.regional_admin)
    response = client.post(reverse("api_token"), {"action": "issue"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor"))
    assert not Token.objects.filter(user=people.regional_admin).exists()


@override_settings(ODAQ_REQUIRE_STAFF_TOTP=True)
def test_a_token_issued_from_a_confirmed_session_carries_the_second_factor(client, people):
    _confirm_second_factor(client, people.regional_admin)
    response = client.post(reverse("api_token"), {"action": "issue"})
    assert response.status_code == 200
    key = response.context["key"]
    assert VerifiedToken.objects.filter(token_id=key).exists()
    assert key in response.content.decode()
    for path in STAFF_ENDPOINTS:
        assert _token_client(key).get(path).status_code == 200


@override_settings(ODAQ_REQUIRE_STAFF_TOTP=True)
def test_members_issue_and_use_tokens_without_a_second_factor(client, people):
    client.force_login(people.member_user)
    key = client.post(reverse("api_token"), {"action": "issue"}).context["key"]
    assert _token_client(key).get("/api/v1/members/me/").status_code == 200
    client.post(reverse("api_token"), {"action": "revoke"})
    assert _token_client(key).get("/api/v1/members/me/").status_code == 403


@override_settings(ODAQ_REQUIRE_STAFF_TOTP=True)
def test_a_member_token_stops_working_when_she_becomes_staff(people, tree):
    from odaq.orgs.choices import Role
    from odaq.orgs.tests.factories import grant

    token = Token.objects.create(user=people.member_user)
    grant(people.member_user, Role.CHAIR, tree.school_a)
    assert _token_client(token.key).get("/api/v1/members/").status_code == 403


def test_a_new_password_ends_the_token(people):
    token = Token.objects.create(user=people.member_user)
    people.member_user.set_password("a brand new password 1")
    people.member_user.save()
    assert not Token.objects.filter(key=token.key).exists()
    assert _token_client(token.key).get("/api/v1/members/me/").status_code == 403


def test_a_password_reset_through_the_pages_ends_the_token(client, people, mailoutbox):
    import re

    user = people.member_user
    token = Token.objects.create(user=user)
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"/account/password/reset/\S+/\S+/", mailoutbox[-1].body).group(0)
    form = client.get(link, follow=True)
    new = "Xq7!long enough pw"
    client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert not Token.objects.filter(key=token.key).exists()


def test_deactivating_an_account_ends_its_token(people):
    token = Token.objects.create(user=people.member_user)
    people.member_user.is_active = False
    people.member_user.save(update_fields=["is_active"])
    assert not Token.objects.filter(key=token.key).exists()


def test_other_saves_keep_the_token(people):
    token = Token.objects.create(user=people.member_user)
    people.member_user.display_name = "Renamed"
    people.member_user.save()
    assert Token.objects.filter(key=token.key).exists()
