"""The appeal journey in headless Chromium: a member files a confidential appeal with a photo of her pay slip,
the lawyer asks a question, she answers, the lawyer answers with the outcome and closes, she rates the help.
The chair of her school never sees it. Run in Kazakh (the site default) and in Russian."""

import pytest

from odaq.appeals.models import Appeal
from odaq.appeals.tests.factories import PNG, ensure_topics
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant
from tests.browser.helpers import log_in, new_page, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _as(browser, live_server, login, lang):
    context, page = new_page(browser, live_server)
    log_in(page, login, lang=lang, wait_for_cabinet=False)
    return context, page

@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_member_files_lawyer_answers_member_rates(browser, live_server, tree, tmp_path, lang):
    ensure_topics()
    member = UserFactory(email="teacher@example.kz", language=lang)
    MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=member, last_name="Серікова"))
    lawyer = UserFactory(email="lawyer@example.kz", display_name="Regional lawyer")
    grant(lawyer, Role.LAWYER, tree.region_a)
    grant(lawyer, Role.REGIONAL_ADMIN, tree.region_a)  # the fallback route when no lawyer is on duty
    chair = UserFactory(email="chair@example.kz")
    grant(chair, Role.CHAIR, tree.school_a)
    slip = tmp_path / "pay-slip.png"
    slip.write_bytes(PNG)

    member_ctx, page = _as(browser, live_server, "teacher@example.kz", lang)
    page.goto("/cabinet/")
    page.locator("#cab-new-appeal").click()
    page.wait_for_url("**/appeals/new/")
    page.select_option("select[name=topic]", "pay")
    page.fill("input[name=subject]", "Pay slip")
    page.fill("textarea[name=description]", "September pay is 184,000 tenge short.")
    page.set_input_files("input[name=files]", str(slip))
    page.check("input[name=confidential]")
    page.locator("#appeal-submit").click()
    page.wait_for_url("**/appeals/*/")
    appeal = Appeal.objects.get()
    assert appeal.confidential and appeal.attachments.count() == 1 and appeal.assignee == lawyer
    assert page.locator("#appeal-number").inner_text() == appeal.number
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("#appeal-status").get_attribute("data-status") == "registered"

    chair_ctx, chair_page = _as(browser, live_server, "chair@example.kz", lang)
    chair_page.goto("/appeals/staff/")
    assert appeal.number not in chair_page.locator("main").inner_text()
    chair_ctx.close()

    lawyer_ctx, staff = _as(browser, live_server, "lawyer@example.kz", lang)
    staff.goto("/appeals/staff/?overdue=&status=open")
    staff.locator("a.appeal-link", has_text=appeal.number).click()
    staff.wait_for_url(f"**/appeals/staff/{appeal.pk}/")
    assert staff.locator("a.attachment").inner_text() == "pay-slip.png"
    staff.locator("#action-take").click()
    staff.wait_for_load_state()
    staff.fill("#message-form textarea[name=text]", "Which months are short?")
    staff.locator("#message-submit").click()
    staff.wait_for_load_state()
    appeal.refresh_from_db()
    assert appeal.status == "waiting"

    page.reload()
    assert "Which months are short?" in page.locator("#timeline").inner_text()
    page.fill("#reply-form textarea[name=text]", "September and October.")
    page.locator("#reply-submit").click()
    page.wait_for_load_state()
    appeal.refresh_from_db()
    assert appeal.status == "in_progress"

    staff.reload()
    assert "September and October." in staff.locator("#timeline").inner_text()
    staff.fill("#answer-form textarea[name=text]", "The employer recalculated and paid the difference.")
    staff.select_option("#answer-form select[name=result]", "resolved")
    staff.fill("#answer-form input[name=legal_basis]", "Labour Code, article 113")
    staff.fill("#answer-form input[name=economic_effect]", "184000")
    staff.locator("#answer-submit").click()
    staff.wait_for_load_state()
    staff.locator("#action-close").click()
    staff.wait_for_load_state()
    appeal.refresh_from_db()
    assert appeal.status == "closed" and appeal.economic_effect == 184000
    lawyer_ctx.close()

    page.reload()
    assert page.locator("#appeal-result").get_attribute("data-result") == "resolved"
    assert "184000" in page.locator("#appeal-effect").inner_text()
    assert "The employer recalculated" in page.locator("#timeline").inner_text()
    assert t(lang, "Answer") in page.locator("#timeline").inner_text()
    page.locator("#rate-form input[name=rating][value='5']").check()
    page.fill("#rate-form textarea[name=comment]", "Thank you!")
    page.locator("#rate-submit").click()
    page.wait_for_load_state()
    assert page.locator("#appeal-rating").inner_text().startswith("5")
    appeal.refresh_from_db()
    assert appeal.rating == 5 and list(appeal.events.values_list("kind", flat=True)) == [
        "submitted", "registered", "assigned", "taken", "question", "reply", "answer", "closed", "rated"]
    member_ctx.close()
