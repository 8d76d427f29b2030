"""Colours a member must be able to read, measured in the browser as rendered."""

import pytest

from odaq.notify.services import notify
from odaq.orgs.tests.factories import UserFactory
from tests.browser.helpers import log_in, open_menu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# WCAG relative luminance and contrast ratio of two computed CSS colours ("rgb(r, g, b)").
CONTRAST_JS = """el => {
  const rgb = s => s.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const lin = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = c => { const [r, g, b] = rgb(c).map(lin); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const style = getComputedStyle(el);
  const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_unread_badge_in_the_header_is_readable(page):
    user = UserFactory(email="reader@example.kz")
    notify(user, subject="Hello", email=False)
    log_in(page, "reader@example.kz")
    # On a phone the menu is folded: the count shows on the "Menu" button itself, and again inside the menu.
    badge = page.locator("#menu-toggle .badge")
    assert badge.inner_text().strip() == "1"
    assert badge.evaluate(CONTRAST_JS) >= 4.5
    open_menu(page)
    in_menu = page.locator(".main-nav .badge")
    assert in_menu.inner_text().strip() == "1"
    assert in_menu.evaluate(CONTRAST_JS) >= 4.5
