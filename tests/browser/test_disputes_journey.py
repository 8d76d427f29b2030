"""A lawyer opens a labour dispute from an appeal in one click, records the conciliation commission (lost) and a
first-instance decision with the amount recovered; the member follows it in her cabinet. Kazakh and Russian, on a
390 px phone screen."""

import datetime as dt

import pytest
from django.utils import timezone

from odaq.appeals.tests.factories import ensure_topics, file_appeal
from odaq.disputes.models import Dispute
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant
from tests.browser.helpers import log_in, new_page, open_menu, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _decide(page, lang, outcome, day, **amounts):
    form = page.locator("#decide-form")
    form.locator("select[name=decision-outcome]").select_option(outcome)
    form.locator("input[name=decision-decided_on]").fill(day.isoformat())
    form.locator("input[name=decision-decision_received_on]").fill(day.isoformat())
    for name, value in amounts.items():
        form.locator(f"input[name=decision-{name}]").fill(str(value))
    page.locator("#decide-submit").click()
    page.wait_for_load_state()


def _start(page, kind, body, filed):
    form = page.locator("#stage-form")
    form.locator("select[name=stage-kind]").select_option(kind)
    form.locator("input[name=stage-body]").fill(body)
    form.locator("input[name=stage-filed_on]").fill(filed.isoformat())
    page.locator("#stage-submit").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_lawyer_records_a_dispute_and_the_member_follows_it(browser, live_server, tree, lang):
    ensure_topics()
    lawyer = UserFactory(email="lawyer@example.kz", display_name="Regional lawyer", language=lang)
    grant(lawyer, Role.LAWYER, tree.region_a)
    member = UserFactory(email="teacher@example.kz", language=lang)
    person = PersonFactory(user=member, last_name="Серікова")
    MembershipFactory(organisation=tree.school_a, person=person)
    appeal = file_appeal(member, person, subject="Жұмыстан заңсыз шығару", employer="№ 12 мектеп")
    today = timezone.localdate()

    context, page = new_page(browser, live_server)
    log_in(page, "lawyer@example.kz", lang=lang)
    page.goto(f"/appeals/staff/{appeal.pk}/")
    page.locator("#action-open-dispute").click()
    page.wait_for_url("**/disputes/staff/*/")
    dispute = Dispute.objects.get()
    assert page.locator("#dispute-number").inner_text() == dispute.number
    assert "№ 12 мектеп" in page.locator("#dispute-employer").inner_text()
    assert "Серікова" in page.locator("#dispute-member").inner_text()

    page.locator("details:has(#claim-form) > summary").click()
    page.locator("#claim-form select[name=claim-kind]").select_option("unpaid_pay")
    page.locator("#claim-form input[name=claim-amount]").fill("480000")
    page.locator("#claim-submit").click()
    page.wait_for_load_state()
    assert "480000" in page.locator("#dispute-claims").inner_text()

    _start(page, "conciliation", "Келісім комиссиясы", today - dt.timedelta(days=40))
    _decide(page, lang, "lost", today - dt.timedelta(days=30))
    assert t(lang, "Lost") in page.locator("#dispute-stages").inner_text()
    _start(page, "first_instance", "Сот", today - dt.timedelta(days=25))
    _decide(page, lang, "won", today - dt.timedelta(days=2), awarded=480000, recovered=480000)
    assert page.locator("#dispute-recovered").inner_text().startswith("480000")
    assert t(lang, "Won") in page.locator("#dispute-stages").inner_text()
    # The lawyer's list on a phone: rows are cards, nothing scrolls sideways.
    page.goto("/disputes/staff/")
    assert dispute.number in page.locator("table.queue").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()

    context, page = new_page(browser, live_server)
    log_in(page, "teacher@example.kz", lang=lang)
    cabinet = page.locator(".disputes-cabinet")
    assert t(lang, "My labour disputes") in cabinet.inner_text()
    cabinet.locator(f"text={dispute.number}").click()
    page.wait_for_url(f"**/disputes/{dispute.pk}/")
    current = page.locator("#member-current-stage").inner_text()
    assert t(lang, "Court of first instance") in current and t(lang, "Won") in current
    assert page.locator("#member-recovered").inner_text().startswith("480000")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    open_menu(page)
    assert page.locator("#nav-my-disputes").is_visible()
    context.close()
