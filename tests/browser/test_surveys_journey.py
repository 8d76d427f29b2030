"""Surveys in a real browser: an organiser builds a survey with two questions and opens it, a member answers it
in her cabinet, the organiser sees the results."""

import datetime as dt

import pytest
from django.utils import timezone

from odaq.orgs.choices import Role
from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory, grant
from odaq.surveys.models import Answer, Participation, Response, Survey
from tests.browser.helpers import log_in, t

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organiser_runs_a_survey_that_a_member_answers(page, browser, live_server, tree):
    organiser = UserFactory(email="organiser@example.kz")
    grant(organiser, Role.REGIONAL_STAFF, tree.region_a)
    member = UserFactory(email="member@example.kz")
    MembershipFactory(organisation=tree.school_a, person=PersonFactory(user=member, last_name="Сейтова"))

    # The organiser creates a named survey for region A with two questions and opens it.
    log_in(page, "organiser@example.kz")
    page.goto("/surveys/manage/")
    page.locator("#new-survey").click()
    page.select_option("select[name=organisation]", str(tree.region_a.pk))
    page.fill("input[name=title_kk]", "Еңбек жағдайы")
    page.fill("input[name=title_ru]", "Условия труда")
    page.uncheck("input[name=anonymous]")
    closes = timezone.localtime() + dt.timedelta(days=3)
    page.fill("input[name=closes_at]", closes.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#survey-form button[type=submit]").click()
    page.wait_for_selector("#question-form")
    survey = Survey.objects.get()
    assert survey.anonymous is False

    page.select_option("select[name=kind]", "single")
    page.fill("input[name=text_kk]", "Жүктеме қалыпты ма?")
    page.fill("input[name=text_ru]", "Нагрузка нормальная?")
    page.fill("textarea[name=options_kk]", "Иә\nЖоқ")
    page.fill("textarea[name=options_ru]", "Да\nНет")
    page.locator("#add-question").click()
    page.wait_for_selector(".question-list li")
    page.select_option("select[name=kind]", "scale")
    page.fill("input[name=text_kk]", "Жалақыны бағалаңыз")
    page.fill("input[name=text_ru]", "Оцените зарплату")
    page.locator("#add-question").click()
    page.wait_for_function("document.querySelectorAll('.question-list > li').length === 2")
    page.locator("#open-survey").click()
    page.wait_for_selector("#close-survey")
    assert page.locator("#survey-state").inner_text().strip() == t("kk", "Open")
    first, second = survey.questions.all()

    # The member finds it in her cabinet, sees that it is named, and answers.
    member_context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    member_page = member_context.new_page()
    member_page.set_default_timeout(15_000)
    log_in(member_page, "member@example.kz")
    member_page.locator(f"#surveys a[href='/surveys/{survey.pk}/']").click()
    member_page.wait_for_selector("#survey-kind")
    assert member_page.locator("#survey-kind").get_attribute("data-anonymous") == "0"
    member_page.locator("#submit-answers").click()  # nothing chosen: both questions are required
    member_page.wait_for_selector("#form-errors")
    assert not Participation.objects.exists()
    member_page.check(f"input[name=q{first.pk}][value='0']")
    member_page.check(f"input[name=q{second.pk}][value='4']")
    member_page.locator("#submit-answers").click()
    member_page.wait_for_selector("#answered")
    assert t("kk", "Thank you: your answers are saved.") in member_page.locator(".messages").inner_text()
    member_context.close()
    assert Response.objects.get().person.last_name == "Сейтова"
    assert set(Answer.objects.values_list("option", "number")) == {(0, None), (None, 4)}

    # The organiser sees the results: the response rate and a chart for each question.
    page.locator("#results-link").click()
    page.wait_for_selector("#rates")
    assert page.locator("svg.chart").count() == 2
    assert page.locator(f"#r{first.pk} .bar-legend td.count").first.inner_text() == "1"
    assert page.locator(f"tr[data-org='{tree.school_a.pk}'] td").nth(2).inner_text() == "1"
