"""Every page runs under the Content-Security-Policy; Swagger UI comes from the site itself, not from a CDN."""

from urllib.parse import urlparse

import pytest

from tests.browser.helpers import CSP_VIOLATIONS

pytestmark = pytest.mark.browser


def test_a_csp_violation_is_caught_by_the_shared_watcher(page, live_server):
    """The watcher the journeys rely on: a page with an inline script under our policy is reported."""
    page.route("**/csp-probe", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<!doctype html><p>x</p><script>document.title='ran'</script>",
        headers={"Content-Security-Policy": "script-src 'self'"}))
    page.goto("/csp-probe")
    page.wait_for_function("window.__odaqCspReported > 0")
    assert page.title() != "ran"
    assert CSP_VIOLATIONS and "script-src" in " ".join(CSP_VIOLATIONS)
    CSP_VIOLATIONS.clear()  # expected here; every other test must leave none


def test_api_docs_load_swagger_ui_from_the_site_without_violations(page, live_server):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "Odaq API" in page.locator(".swagger-ui .info .title").inner_text()
    assert hosts == {urlparse(live_server.url).netloc}
