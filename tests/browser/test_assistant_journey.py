"""The assistant's journey in Kazakh in a real browser: a lecturer asks at night, gets a labelled answer with
links to the articles, asks a lawyer to check; the lawyer corrects it; he sees "checked by a lawyer"."""

import pytest

from odaq.aigov.models import AIRecord
from odaq.assistant.tests.conftest import ChatServer, _assistant_settings, law  # noqa: F401 (fixtures)
from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant
from tests.browser.helpers import log_in, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("law")]
QUESTION = "Директор демалысты бөліп беруге мәжбүрлеп жатыр, заңды ма?"


def test_member_asks_in_kazakh_and_a_lawyer_corrects_the_answer(page, browser, live_server, tree):
    member = UserFactory(email="lecturer@example.kz", language="kk")
    MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=member, last_name="Сейітов"))
    lawyer = UserFactory(email="lawyer@example.kz", language="kk")
    grant(lawyer, Role.LAWYER, tree.region_a)

    log_in(page, "lecturer@example.kz")
    page.locator("#cabinet-assistant").click()
    page.wait_for_url("**/assistant/")
    page.fill("textarea[name=question]", QUESTION)
    page.locator("#ask-submit").click()
    page.locator(".turn").first.wait_for()
    record = AIRecord.objects.get()
    assert record.language == "kk" and record.channel == "cabinet"
    assert page.url.endswith("/assistant/")  # htmx: the answer came into the page
    turn = page.locator(f"#turn-{record.pk}")
    label = turn.locator(f"#ai-label-{record.pk}")
    assert label.get_attribute("data-reviewed") == "false"
    assert t("kk", "Prepared by AI, not yet checked by a lawyer") in label.inner_text()
    assert turn.locator(".ai-answer").get_attribute("lang") == "kk"
    assert "Еңбек кодексінің 96-бабы" in turn.inner_text()
    assert turn.locator('a.cite[href="/law/K1500000414/96/?lang=kk"]').count() >= 1
    appeal = turn.locator(f"#file-appeal-{record.pk}")
    if appeal.count():
        href = appeal.get_attribute("href")
        assert f"ai_record={record.pk}" in href and "topic=leave" in href

    turn.locator(f"#ask-lawyer-{record.pk}").click()
    page.locator(f"#lawyer-asked-{record.pk}").wait_for()
    record.refresh_from_db()
    assert record.review_status == "pending" and "asked_lawyer" in record.flags

    staff = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    desk = staff.new_page()
    desk.set_default_timeout(15_000)
    log_in(desk, "lawyer@example.kz")
    desk.goto("/ai/review/")
    desk.locator(f'#review-queue a[href="/ai/records/{record.pk}/"]').click()
    desk.locator("#decision-form").wait_for()
    desk.locator("input[name=decision][value=correct]").check()
    desk.fill("textarea[name=corrected_answer]",
              "Жоқ, жұмыс беруші демалысты жұмыскердің келісімінсіз бөле алмайды (Еңбек кодексінің 96-бабы).")
    desk.fill("textarea[name=articles]", "K1500000414 96")  # the lawyer's sources, shown to the member
    desk.fill("textarea[name=note]", "Келісім туралы нақтыланды")
    desk.locator("#decide").click()
    desk.wait_for_url("**/ai/review/")
    staff.close()
    record.refresh_from_db()
    assert record.review_status == "corrected" and record.reviewer == lawyer

    page.goto("/notifications/")
    assert "келісімінсіз бөле алмайды" in page.locator("main").inner_text()
    page.goto(f"/assistant/#turn-{record.pk}")
    label = page.locator(f"#ai-label-{record.pk}")
    assert label.get_attribute("data-reviewed") == "true"
    assert "келісімінсіз бөле алмайды" in page.locator(f"#turn-{record.pk}").inner_text()
    assert page.locator(f'#turn-{record.pk} a.cite[href="/law/K1500000414/96/?lang=kk"]').count() >= 1


def test_visitor_asks_in_russian_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/assistant/ask/")
    page.fill("textarea[name=question]", "Можно ли разделить ежегодный отпуск на части?")
    page.locator("#ask-submit").click()
    page.wait_for_load_state()
    record = AIRecord.objects.get()
    assert record.language == "ru" and record.user is None
    answer = page.locator(f"#answer-{record.pk}")
    assert answer.get_attribute("lang") == "ru" and "статьи 96 трудового кодекса рк" in answer.inner_text().lower()
    assert page.locator(f"#ai-label-{record.pk}").get_attribute("data-ai-generated") == "true"
    page.locator(f"#ask-lawyer-{record.pk}").click()
    page.wait_for_load_state()
    record.refresh_from_db()
    assert record.review_status == "pending"
    # no account, no notification: the page says so and gives the answer's private address
    private = page.locator("#private-answer-link").get_attribute("href")
    assert f"/assistant/answers/{record.pk}/?key=" in private
    context.close()


@pytest.fixture
def model_server(settings):
    server = ChatServer()
    settings.ODAQ_LLM_BASE_URL, settings.ODAQ_LLM_MODEL = server.url, "test-model"
    settings.ODAQ_LLM_TIMEOUT, settings.ODAQ_LLM_RETRIES = 5.0, 0
    yield server
    server.close()


def test_member_asks_in_russian_with_a_model_endpoint(page, tree, model_server):
    """With ODAQ_LLM_BASE_URL set the model writes the answer; its one invented citation never shows."""
    model_server.replies = ["Да, по соглашению сторон отпуск можно разделить на части (статья 96 Трудового кодекса "
                           "РК). Директор вправе решить сам по статье 777 ТК РК."]
    member = UserFactory(email="teacher@example.kz", language="ru")
    MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=member, language="ru"))
    log_in(page, "teacher@example.kz")
    page.goto("/assistant/")
    page.fill("textarea[name=question]", "Можно ли разделить ежегодный отпуск на части? Мой телефон 87011234567")
    page.locator("#ask-submit").click()
    page.locator(".turn").first.wait_for()
    record = AIRecord.objects.get()
    assert record.composer == "llm" and record.model_id == "test-model-1" and "stripped_citations" in record.flags
    answer = page.locator(f"#answer-{record.pk}")
    assert "777" not in answer.inner_text() and "87011234567" not in page.content()
    assert answer.locator('a.cite[href="/law/K1500000414/96/?lang=ru"]').count() == 1
    assert answer.locator(f"#ai-label-{record.pk}").get_attribute("data-reviewed") == "false"
    assert "87011234567" not in model_server.all_bodies


@pytest.mark.parametrize(("lang", "question", "opening"), [
    ("ru", "В какой срок работодатель обязан выплачивать заработную плату?",
     "Пункт 1 статьи 113 Трудового кодекса РК (Сроки выплаты заработной платы): «1. Заработная плата выплачивается"),
    ("kk", "Жалақы қандай мерзімде төленуі тиіс?",
     "Еңбек кодексінің 113-бабының 1-тармағы (Жалақы төлеу мерзімдері): «1. Жалақы жұмыскерге айына"),
])
def test_the_answer_opens_with_the_rule_and_its_citation(browser, live_server, lang, question, opening):
    """Issue 15: salary late — the answer opens with the sentence of art. 113 and its citation, in kk and ru."""
    context = browser.new_context(base_url=live_server.url, locale=lang)
    page = context.new_page()
    page.goto("/assistant/ask/")
    page.fill("textarea[name=question]", question)
    page.locator("#ask-submit").click()
    answer = page.locator(".ai-answer .ai-text").first
    answer.wait_for()
    assert answer.inner_text().strip().startswith(opening)  # the rule first: no canned lead before it
    assert answer.locator('a.cite[href^="/law/K1500000414/113/"]').count() >= 1
    context.close()
