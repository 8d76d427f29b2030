"""On a phone (390 x 844) the main menu folds under "Menu" and the appeal queue reads as cards, not a table
wider than the screen; on a wide screen the menu is simply there. Kazakh and Russian, member and staff."""

import pytest

from odaq.appeals.tests.factories import file_appeal
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant
from tests.browser.helpers import log_in, new_page, open_menu, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_member_opens_the_folded_menu_on_a_phone(page, tree, lang):
    user = UserFactory(email="teacher@example.kz", language=lang)
    MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=user))
    log_in(page, "teacher@example.kz", lang=lang)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] < 120  # folded: one row, not a wall of links
    toggle = page.locator("#menu-toggle")
    assert toggle.is_visible() and toggle.inner_text().strip() == t(lang, "Menu")
    assert not page.locator("#nav-appeals").is_visible()

    open_menu(page)
    assert page.locator("#nav-appeals").is_visible()
    page.locator("#nav-appeals").click()
    page.wait_for_url("**/appeals/")
    assert page.locator("h1").inner_text() == t(lang, "My appeals")
    assert not page.locator("#nav-appeals").is_visible()  # a new page starts folded again
    assert _fits_the_screen(page)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_lawyer_reads_the_queue_as_cards_on_a_phone(page, tree, lang):
    lawyer = UserFactory(email="lawyer@example.kz", display_name="Regional lawyer", language=lang)
    grant(lawyer, Role.LAWYER, tree.region_a)
    member = UserFactory()
    person = PersonFactory(user=member, last_name="Серікова")
    MembershipFactory(organisation=tree.school_a, person=person)
    appeals = [file_appeal(member, person, subject=f"Pay slip {i}") for i in range(3)]

    log_in(page, "lawyer@example.kz", lang=lang)
    assert not page.locator("#nav-appeal-queue").is_visible()
    open_menu(page)
    page.locator("#nav-appeal-queue").click()
    page.wait_for_url("**/appeals/staff/")
    assert page.locator("h1").inner_text() == t(lang, "Appeals")
    assert _fits_the_screen(page)

    assert not page.locator("#queue-filters").is_visible()  # filters are folded too until asked for
    page.locator("#filters-toggle").click()
    assert page.locator("#queue-filters").is_visible()

    cards = page.locator("table.queue tbody tr")
    assert cards.count() == 3
    for i in range(3):
        box = cards.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH
    first = cards.first
    shown_labels = first.evaluate(
        "tr => [...tr.querySelectorAll('td[data-label]')].map(td => getComputedStyle(td, '::before').content)")
    assert shown_labels == [f'"{t(lang, label)}"' for label in ("Topic", "Organisation", "Status", "Answer due",
                                                                 "Assignee")]
    assert page.locator("table.queue thead").bounding_box()["width"] <= 1  # headers give way to the card labels
    number = first.locator("a.appeal-link")
    assert number.inner_text() in {a.number for a in appeals}
    number.click()
    page.wait_for_url("**/appeals/staff/*/")


def test_the_menu_is_simply_open_on_a_wide_screen(browser, live_server, tree):
    lawyer = UserFactory(email="lawyer@example.kz")
    grant(lawyer, Role.LAWYER, tree.region_a)
    context, page = new_page(browser, live_server)
    page.set_viewport_size({"width": 1280, "height": 800})
    log_in(page, "lawyer@example.kz")
    assert not page.locator("#menu-toggle").is_visible()
    assert page.locator("#nav-appeal-queue").is_visible()
    page.goto("/appeals/staff/")
    assert page.locator("#queue-filters").is_visible()
    context.close()
