"""Starter answers in a real browser: a central lawyer approves a starter card from the review queue; the next
members who ask a matching question, in Kazakh and in Russian, see it labelled as checked by that lawyer."""

import json
import re
from io import StringIO

import pytest
from django.core.management import call_command

from odaq.aigov.models import AIRecord, AnswerCard
from odaq.assistant.tests.conftest import ChatServer, _assistant_settings, law  # noqa: F401 (fixtures)
from odaq.assistant.tests.test_starter_cards import PAY, Q_KK, Q_RU, SPLIT
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant
from tests.browser.helpers import log_in, new_page, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("law")]


def ask(page, question: str) -> AIRecord:
    before = set(AIRecord.objects.values_list("pk", flat=True))
    page.locator("#cabinet-assistant").click()
    page.wait_for_url("**/assistant/")
    page.fill("textarea[name=question]", question)
    page.locator("#ask-submit").click()
    page.locator(".turn").first.wait_for()
    return AIRecord.objects.exclude(pk__in=before).get()


def test_a_lawyer_approves_a_starter_card_and_members_see_it_checked(page, browser, live_server, tree, tmp_path):
    data = tmp_path / "cards.json"
    data.write_text(json.dumps({"cards": [SPLIT, PAY]}, ensure_ascii=False), encoding="utf-8")
    call_command("starter_cards", "--file", str(data), stdout=StringIO())
    card = AnswerCard.objects.get(starter_key="leave-split")
    assert card.is_draft

    lawyer = UserFactory(email="legal@example.kz", language="kk", display_name="Айгүл Серікқызы")
    grant(lawyer, Role.LAWYER, tree.central)
    for email, lang in (("teacher.kk@example.kz", "kk"), ("teacher.ru@example.kz", "ru")):
        MembershipFactory(organisation=tree.school_a,
                          person=PersonFactory(user=UserFactory(email=email, language=lang)))

    staff, desk = new_page(browser, live_server)
    log_in(desk, "legal@example.kz")
    desk.goto("/ai/review/")
    desk.locator(f"#waiting-card-{card.pk}").click()
    desk.locator("#starter-draft-note").wait_for()
    desk.locator("#save-card").click()
    desk.wait_for_url("**/ai/cards/")
    staff.close()
    card.refresh_from_db()
    assert not card.is_draft and card.approved_by == lawyer

    for email, lang, question, words in (
            ("teacher.kk@example.kz", "kk", Q_KK, "Кәсіподақ заңгері тексерген: Айгүл Серікқызы"),
            ("teacher.ru@example.kz", "ru", Q_RU, "Проверено юристом профсоюза: Айгүл Серікқызы")):
        context, member = new_page(browser, live_server)
        log_in(member, email, lang=lang)
        record = ask(member, question)
        assert record.composer == "card" and record.card == card and record.language == lang
        label = member.locator(f"#ai-label-{record.pk}")
        assert label.get_attribute("data-reviewed") == "true"
        assert label.get_attribute("data-checked-card") == str(card.pk)
        text = " ".join(label.inner_text().split())
        assert words in text and re.search(r"\d\d\.\d\d\.\d{4}", text)
        assert t(lang, "Prepared by AI, not yet checked by a lawyer") not in text
        assert card.answer_in(lang)[:25] in member.locator(f"#turn-{record.pk}").inner_text()
        context.close()
