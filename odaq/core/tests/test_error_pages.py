"""Error pages are the site's own, in the visitor's language, with a way back (DEBUG is off in tests)."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from odaq.orgs.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("odaq.core.tests.error_urls")]


def _t(lang: str, text: str) -> str:
    with translation.override(lang):
        return translation.gettext(text)


def _client(lang: str) -> Client:
    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("url, status, title", [
    ("/no-such-page/", 404, "Page not found"),
    ("/test-errors/403/", 403, "Access denied"),
    ("/test-errors/400/", 400, "Bad request"),
    ("/test-errors/500/", 500, "Something went wrong"),
])
def test_error_pages_are_translated_and_lead_home(lang, url, status, title):
    assert not settings.DEBUG
    assert _t(lang, title) != title  # the catalogue has it
    response = _client(lang).get(url)
    assert response.status_code == status
    page = response.content.decode()
    assert f'<html lang="{lang}">' in page
    assert f"<h1>{_t(lang, title)}</h1>" in page
    assert 'href="/"' in page and _t(lang, "To the home page") in page
    assert "odaq/odaq.css" in page  # the site's layout, not Django's bare page


def test_a_signed_in_member_is_offered_her_cabinet_on_404():
    client = _client("ru")
    client.force_login(UserFactory())
    page = client.get("/no-such-page/").content.decode()
    assert _t("ru", "My cabinet") in page and 'href="/cabinet/"' in page


def test_500_page_needs_no_database(monkeypatch):
    """The 500 page renders even when the database is what failed: no context processor, no query."""
    from django.db import connection

    def refuse(*args, **kwargs):
        raise AssertionError("the 500 page must not query the database")

    client = _client("kk")
    with connection.execute_wrapper(refuse):
        response = client.get("/test-errors/500/")
    assert response.status_code == 500 and _t("kk", "Something went wrong") in response.content.decode()


def test_failed_csrf_check_is_translated():
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    response = client.post("/account/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    page = response.content.decode()
    assert _t("ru", "The form has expired") in page and 'href="/"' in page
