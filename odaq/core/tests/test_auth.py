import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from odaq.core.audit_models import AuditRecord
from odaq.orgs.tests.factories import UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture
def phone_user(db):
    return UserFactory(email="aigul@example.kz", phone="+77011234567")


def _login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.parametrize("login", ["aigul@example.kz", "AIGUL@example.kz", "+77011234567", "8 701 123 45 67"])
def test_login_by_email_or_phone(client, phone_user, login):
    response = _login(client, login)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(phone_user.pk)


def test_wrong_password_is_refused_with_a_clear_message(client, phone_user):
    response = _login(client, "aigul@example.kz", "wrong password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


def test_login_is_throttled_after_repeated_failures(client, phone_user, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # the same account typed differently still counts as one
        _login(client, "AIGUL@example.kz" if attempt % 2 else "aigul@example.kz", "wrong password")
    response = _login(client, "aigul@example.kz")  # even the right password is refused now
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_staff_login_is_audited_and_member_login_is_not(client, people):
    _login(client, people.member_user.email)
    assert not AuditRecord.objects.filter(action="staff.login").exists()
    client.logout()
    _login(client, people.lawyer.email)
    assert AuditRecord.objects.filter(action="staff.login", actor_id=people.lawyer.pk).count() == 1


@override_settings(ODAQ_REQUIRE_STAFF_TOTP=True)
def test_staff_must_enrol_and_confirm_totp_when_required(client, people):
    client.force_login(people.lawyer)
    response = client.get(reverse("orgs:member_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("two_factor"))
    page = client.get(reverse("two_factor"))
    assert page.context["enrolling"] and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=people.lawyer)
    bad = client.post(reverse("two_factor"), {"token": "000000"})
    assert bad.status_code == 200 and bad.context["form"].errors
    # a failed code throttles the device for a moment; a person waits, the test resets it
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    good_token = f"{totp(device.bin_key):06d}"
    response = client.post(reverse("two_factor"), {"token": good_token, "next": reverse("orgs:member_list")})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("orgs:member_list")).status_code == 200


@override_settings(ODAQ_REQUIRE_STAFF_TOTP=True)
def test_members_are_not_asked_for_a_second_factor(client, people):
    client.force_login(people.member_user)
    assert client.get(reverse("portal:cabinet")).status_code == 200


def test_demo_mode_banner_is_shown_when_totp_is_waived(client, db, settings):
    settings.ODAQ_REQUIRE_STAFF_TOTP = False
    assert "demo-banner" in client.get(reverse("portal:home")).content.decode()
    settings.ODAQ_REQUIRE_STAFF_TOTP = True
    assert "demo-banner" not in client.get(reverse("portal:home")).content.decode()


def test_password_reset_sends_mail_for_known_address(client, phone_user, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "aigul@example.kz"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and "aigul@example.kz" in mailoutbox[0].to


def test_healthz_reports_database(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok"}}


def test_default_language_is_kazakh_and_switcher_changes_it(client, db):
    assert client.get(reverse("portal:home"))["Content-Language"] == "kk"
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    assert client.get(reverse("portal:home"))["Content-Language"] == "ru"


def test_api_clients_choose_their_language_with_accept_language(client, db):
    from django.utils import translation

    url = "/api/v1/law/search?q=&lang=kk"  # a public endpoint that refuses an empty question with a message
    kk, ru = client.get(url), client.get(url, HTTP_ACCEPT_LANGUAGE="ru-KZ,ru;q=0.9,en;q=0.5")
    assert kk.status_code == ru.status_code == 400
    assert (kk["Content-Language"], ru["Content-Language"]) == ("kk", "ru")
    for response, lang in ((kk, "kk"), (ru, "ru")):
        with translation.override(lang):
            expected = translation.gettext("Give a question of 1 to 500 characters.")
        assert response.json() == {"q": expected}
    assert kk.json() != ru.json() and "Accept-Language" in ru["Vary"]  # caches keep the languages apart
    assert client.get(url, HTTP_ACCEPT_LANGUAGE="de, fr")["Content-Language"] == "kk"  # none supported
    # Pages keep Kazakh as the default whatever the browser says: the switcher decides there.
    assert client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="ru")["Content-Language"] == "kk"


def test_stylesheet_is_served_without_a_cdn(client, db):
    response = client.get("/static/odaq/odaq.css")
    assert response.status_code == 200
    assert b".site-header" in b"".join(response.streaming_content)
    page = client.get(reverse("portal:home")).content.decode()
    assert 'href="/static/odaq/odaq.css"' in page and "https://" not in page.split("</head>")[0]
