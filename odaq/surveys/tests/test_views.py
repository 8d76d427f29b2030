"""Pages: the builder, answering, results and exports."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from odaq.core.audit_models import AuditRecord
from odaq.surveys import services
from odaq.surveys.choices import Kind, Status
from odaq.surveys.models import Answer, Participation, Question, Response, Survey

from .factories import full_survey, good_answers


@pytest.fixture
def en(client):
    client.cookies["django_language"] = "en"
    return client


def test_organiser_builds_and_opens_a_survey_through_the_pages(en, people, tree):
    en.force_login(people.regional_staff)
    closes = (timezone.localtime() + dt.timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    response = en.post(reverse("surveys:create"), {
        "organisation": tree.region_a.pk, "title_kk": "Жас мамандар", "title_ru": "Молодые специалисты",
        "anonymous": "on", "young_only": "on", "positions": ["teacher"], "closes_at": closes})
    survey = Survey.objects.get()
    assert response.status_code == 302 and response.url == reverse("surveys:edit", args=[survey.pk])
    assert survey.young_only and survey.positions == ["teacher"] and survey.anonymous
    add = reverse("surveys:question_add", args=[survey.pk])
    response = en.post(add, {"kind": "single", "text_kk": "Сұрақ", "text_ru": "Вопрос", "required": "on",
                             "options_kk": "Иә\nЖоқ\n", "options_ru": "Да\nНет"})
    assert response.status_code == 302
    response = en.post(add, {"kind": "multiple", "text_kk": "Сұрақ 2", "text_ru": "Вопрос 2",
                             "options_kk": "Иә\nЖоқ\nБілмеймін", "options_ru": "Да\nНет"})
    assert response.status_code == 400
    assert "same number of lines" in response.content.decode()
    en.post(add, {"kind": "text", "text_kk": "Пікір", "text_ru": "Мнение"})
    questions = list(survey.questions.all())
    assert [q.kind for q in questions] == ["single", "text"]
    assert questions[0].options == [{"kk": "Иә", "ru": "Да"}, {"kk": "Жоқ", "ru": "Нет"}]
    assert questions[1].required is False
    en.post(reverse("surveys:question_move", args=[survey.pk, questions[1].pk]), {"direction": "up"})
    assert list(survey.questions.values_list("kind", flat=True)) == ["text", "single"]
    page = en.get(reverse("surveys:edit", args=[survey.pk]))
    assert "Open the survey" in page.content.decode()
    en.post(reverse("surveys:open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == Status.OPEN
    page = en.get(reverse("surveys:edit", args=[survey.pk])).content.decode()
    assert 'id="question-form"' not in page and "Close the survey now" in page
    refused = en.post(reverse("surveys:question_delete", args=[survey.pk, questions[0].pk]), follow=True)
    assert "can no longer change" in refused.content.decode()
    assert survey.questions.count() == 2


def test_question_edit_page(en, people, tree):
    survey = full_survey(tree.region_a, open_=False)
    q = survey.questions.get(kind=Kind.SINGLE)
    en.force_login(people.regional_admin)
    url = reverse("surveys:question_edit", args=[survey.pk, q.pk])
    assert "Иә" in en.get(url).content.decode()
    en.post(url, {"kind": "single", "text_kk": "Жаңа", "text_ru": "Новый", "required": "on",
                  "options_kk": "А\nБ\nВ", "options_ru": "A\nB\nC"})
    q.refresh_from_db()
    assert q.text_ru == "Новый" and len(q.options) == 3
    en.post(reverse("surveys:question_delete", args=[survey.pk, q.pk]))
    assert not Question.objects.filter(pk=q.pk).exists()


def test_member_sees_the_survey_in_her_cabinet_and_answers(en, people, survey_a):
    en.force_login(people.member_user)
    cabinet = en.get(reverse("portal:cabinet")).content.decode()
    assert survey_a.title_kk in cabinet or survey_a.title_ru in cabinet
    assert reverse("surveys:answer", args=[survey_a.pk]) in cabinet
    page = en.get(reverse("surveys:answer", args=[survey_a.pk])).content.decode()
    assert "This survey is anonymous." in page
    qs = {q.kind: q for q in survey_a.questions.all()}
    post = {f"q{qs['single'].pk}": "1", f"q{qs['multiple'].pk}": ["0", "1"], f"q{qs['scale'].pk}": "3",
            f"q{qs['text'].pk}": "<b>bold</b>", f"q{qs['matrix'].pk}_0": "4", f"q{qs['matrix'].pk}_1": "5"}
    response = en.post(reverse("surveys:answer", args=[survey_a.pk]), post, follow=True)
    assert "your answers are saved" in response.content.decode()
    assert Participation.objects.filter(person=people.member_a.person).count() == 1
    assert Answer.objects.filter(question=qs["scale"]).get().number == 3
    assert Answer.objects.filter(question=qs["matrix"]).count() == 2
    again = en.post(reverse("surveys:answer", args=[survey_a.pk]), post, follow=True).content.decode()
    assert "You have already answered this survey." in again
    assert Response.objects.count() == 1


def test_named_survey_says_so(en, people, tree):
    survey = full_survey(tree.region_a, anonymous=False)
    en.force_login(people.member_user)
    page = en.get(reverse("surveys:answer", args=[survey.pk])).content.decode()
    assert "This survey is named." in page and "will see your name" in page


def test_bad_answers_on_the_page_show_errors_and_keep_input(en, people, survey_a):
    en.force_login(people.member_user)
    qs = {q.kind: q for q in survey_a.questions.all()}
    post = {f"q{qs['single'].pk}": "9", f"q{qs['scale'].pk}": "7", f"q{qs['text'].pk}": "kept text",
            f"q{qs['matrix'].pk}_0": "4"}
    response = en.post(reverse("surveys:answer", args=[survey_a.pk]), post)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose one of the offered answers." in page and "Choose a value from 1 to 5." in page
    assert "Rate every row." in page and "kept text" in page
    assert 'value="4" aria-label="Зарплата: 4" checked' in page or "checked" in page
    assert not Participation.objects.exists() and not Response.objects.exists()


def test_members_outside_the_target_get_404(client, people, tree, survey_a):
    client.force_login(UserFactory_with_member(tree.school_b))
    assert client.get(reverse("surveys:answer", args=[survey_a.pk])).status_code == 404
    draft = full_survey(tree.region_a, open_=False)
    client.force_login(people.member_user)
    assert client.get(reverse("surveys:answer", args=[draft.pk])).status_code == 404
    assert draft.title_kk not in client.get(reverse("surveys:mine")).content.decode()


def UserFactory_with_member(org):  # noqa: N802 - reads like a factory
    from odaq.orgs.tests.factories import MembershipFactory, PersonFactory, UserFactory

    user = UserFactory()
    MembershipFactory(organisation=org, person=PersonFactory(user=user))
    return user


def _answer_many(survey, people_list, text="ok"):
    for person in people_list:
        services.submit_response(person, survey, good_answers(survey, text=text))


def test_results_page_has_charts_and_escaped_texts(en, people, tree, member_factory):
    survey = full_survey(tree.region_a, anonymous=False)
    members = [member_factory(tree.school_a) for _ in range(3)]
    _answer_many(survey, members[:2], text="<script>alert('x')</script>")
    en.force_login(people.regional_staff)
    page = en.get(reverse("surveys:results", args=[survey.pk])).content.decode()
    assert page.count('<svg class="chart"') == 4  # every question but the free text has a chart
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "2 of 5 members took part" in page  # member_a, member_a2 and the three new ones are asked


def test_exports_are_audited_and_hold_every_response(en, people, tree, member_factory):
    survey = full_survey(tree.region_a, anonymous=False)
    members = [member_factory(tree.school_a, last_name=f"Export{i}") for i in range(2)]
    _answer_many(survey, members, text="=HYPERLINK(\"http://evil\")")
    en.force_login(people.regional_staff)
    response = en.get(reverse("surveys:export", args=[survey.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3 and rows[0][0] == "Organisation" and rows[0][1] == "Member"
    assert {r[1].split()[0] for r in rows[1:]} == {"Export0", "Export1"}
    assert all(r[-3].startswith("'=") for r in rows[1:])  # no formula runs in a spreadsheet
    response = en.get(reverse("surveys:export", args=[survey.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3 and sheet.cell(1, 1).value == "Organisation"
    assert en.get(reverse("surveys:export", args=[survey.pk, "pdf"])).status_code == 404
    formats = list(AuditRecord.objects.filter(action="survey.exported").values_list("data__format", flat=True))
    assert formats == ["csv", "xlsx"]


def test_staff_link_only_for_organisers(en, people):
    manage = reverse("surveys:manage")
    for role, shown in [("regional_staff", True), ("chair", True), ("lawyer", False), ("auditor", False),
                        ("member_user", False)]:
        en.force_login(getattr(people, role))
        page = en.get(reverse("portal:home")).content.decode()
        assert (f'href="{manage}"' in page) is shown, role


def test_survey_page_speaks_the_members_language(client, people, survey_a):
    client.force_login(people.member_user)
    client.cookies["django_language"] = "ru"
    page = client.get(reverse("surveys:answer", args=[survey_a.pk])).content.decode()
    assert survey_a.title_ru in page and "Да" in page and "Зарплата" in page
    client.cookies["django_language"] = "kk"
    page = client.get(reverse("surveys:answer", args=[survey_a.pk])).content.decode()
    assert survey_a.title_kk in page and "Иә" in page and "Жалақы" in page
