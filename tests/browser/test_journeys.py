"""Key journeys in a real headless Chromium: a member in her cabinet, a chair adding a member."""

import pytest

from odaq.orgs.choices import Role
from odaq.orgs.models import Membership
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant, valid_iin
from tests.browser.helpers import log_in, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_logs_in_switches_language_and_sees_her_cabinet(page, tree):
    user = UserFactory(email="aigerim@example.kz", phone="+77015550101")
    MembershipFactory(organisation=tree.school_a,
                      person=PersonFactory(user=user, last_name="Оспанова", first_name="Әйгерім"))
    log_in(page, "+7 701 555 01 01", wait_for_cabinet=False)
    page.wait_for_url("**/cabinet/")
    assert page.locator("html").get_attribute("lang") == "kk"
    kk_title = t("kk", "My cabinet")
    assert kk_title != "My cabinet"
    assert page.locator("h1").inner_text() == kk_title
    assert "Оспанова" in page.locator("main").inner_text()

    page.locator(".lang-switch button[value=ru]").click()
    page.wait_for_function("document.documentElement.lang === 'ru'")
    assert page.locator("h1").inner_text() == t("ru", "My cabinet")
    assert t("ru", "My membership") in page.locator("main").inner_text()
    assert "School A1a" in page.locator("main").inner_text()

    page.locator(".lang-switch button[value=kk]").click()
    page.wait_for_function("document.documentElement.lang === 'kk'")
    assert page.locator("h1").inner_text() == kk_title


def test_chair_adds_a_member(page, tree):
    chair = UserFactory(email="chair@example.kz")
    grant(chair, Role.CHAIR, tree.school_a)
    log_in(page, "chair@example.kz", wait_for_cabinet=False)
    page.wait_for_url("**/cabinet/")
    page.goto("/staff/members/add/")
    iin = valid_iin(5151)
    page.fill("input[name=iin]", iin[:11] + str((int(iin[11]) + 1) % 10))  # a typo in the check digit first
    page.fill("input[name=last_name]", "Бекова")
    page.fill("input[name=first_name]", "Сәуле")
    page.fill("input[name=phone]", "8 702 333 44 55")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert t("kk", "The IIN check digit is wrong: please check the number.") in page.locator("main").inner_text()
    assert not Membership.objects.filter(person__last_name="Бекова").exists()

    page.fill("input[name=iin]", iin)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    membership = Membership.objects.get(person__iin=iin)
    assert membership.organisation == tree.school_a and membership.status == "active"
    assert membership.person.phone == "+77023334455"
    assert "Бекова" in page.locator("main").inner_text()
