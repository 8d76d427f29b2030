"""Login throttling keyed on the account, and the client's address behind a trusted reverse proxy."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from odaq.core import audit
from odaq.core.net import client_ip
from odaq.orgs.tests.factories import UserFactory

PASSWORD = "correct horse battery"
PROXY = "10.0.0.5"


@pytest.fixture
def aigul(db):
    return UserFactory(email="aigul@example.kz", phone="+77011234567")


def _login(client, username, password=PASSWORD, **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_email_and_phone_logins_of_one_account_share_one_failure_counter(client, aigul, settings):
    logins = ["aigul@example.kz", "+77011234567", "8 701 123 45 67", "AIGUL@example.kz"]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, logins[attempt % len(logins)], "wrong password")
    assert _login(client, "+77011234567").status_code == 429
    assert _login(client, "aigul@example.kz").status_code == 429
    assert "_auth_user_id" not in client.session


def test_client_address_ignores_forwarded_header_unless_the_peer_is_a_trusted_proxy(settings):
    settings.ODAQ_TRUSTED_PROXIES = []
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
    settings.ODAQ_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(_request("198.51.100.7", "203.0.113.9")) == "198.51.100.7"  # not a proxy: header forged
    assert client_ip(_request(PROXY, "203.0.113.9")) == "203.0.113.9"
    # a client may write anything at the left; the address our proxy saw is the rightmost untrusted one
    assert client_ip(_request(PROXY, "1.2.3.4, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(_request(PROXY, "203.0.113.9, 10.0.0.7")) == "203.0.113.9"
    assert client_ip(_request(PROXY)) == PROXY
    assert client_ip(_request(PROXY, "not-an-address")) == PROXY


def test_behind_a_trusted_proxy_one_client_cannot_lock_out_another(client, aigul, settings):
    settings.ODAQ_TRUSTED_PROXIES = ["10.0.0.0/8"]
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    owner = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "aigul@example.kz", "wrong password", **attacker)
    assert _login(client, "aigul@example.kz", **attacker).status_code == 429
    response = _login(client, "aigul@example.kz", **owner)
    assert response.status_code == 302 and client.session["_auth_user_id"] == str(aigul.pk)


def test_an_untrusted_peer_cannot_escape_its_lockout_by_forging_the_header(client, aigul, settings):
    settings.ODAQ_TRUSTED_PROXIES = ["10.0.0.0/8"]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "aigul@example.kz", "wrong password",
               REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}")
    response = _login(client, "aigul@example.kz", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429


def test_audit_log_records_the_client_address_behind_the_proxy(db, settings):
    settings.ODAQ_TRUSTED_PROXIES = ["10.0.0.0/8"]
    rec = audit.record("test.event", request=_request(PROXY, "203.0.113.9"))
    assert rec.ip == "203.0.113.9"
