"""Building, the lifecycle and answering, through the services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from odaq.core.audit_models import AuditRecord
from odaq.surveys import services
from odaq.surveys.choices import Kind, Status
from odaq.surveys.models import Answer, Participation, Question, Response

from .factories import QuestionFactory, SurveyFactory, full_survey, good_answers


def survey_data(org, **extra):
    return {"organisation": org, "title_kk": "Сауалнама", "title_ru": "Опрос", "intro_kk": "", "intro_ru": "",
            "anonymous": True, "young_only": False, "positions": [], "opens_at": None,
            "closes_at": timezone.now() + dt.timedelta(days=3), **extra}


def question_data(**extra):
    return {"kind": Kind.SINGLE, "text_kk": "Сұрақ", "text_ru": "Вопрос", "required": True,
            "options": [{"kk": "Иә", "ru": "Да"}, {"kk": "Жоқ", "ru": "Нет"}], **extra}


def snapshot():
    return (sorted(Participation.objects.values_list("survey", "person")), Response.objects.count(),
            sorted(Answer.objects.values_list("question", "option", "number", "text")))


def test_create_add_open_close_is_audited(people, tree):
    survey = services.create_survey(people.regional_staff, survey_data(tree.region_a))
    assert survey.status == Status.DRAFT and survey.created_by == people.regional_staff
    services.add_question(people.regional_staff, survey, question_data())
    services.add_question(people.regional_staff, survey, question_data(kind=Kind.SCALE, options=[]))
    services.open_survey(people.regional_staff, survey)
    survey.refresh_from_db()
    assert survey.status == Status.OPEN and survey.opens_at <= timezone.now()
    services.close_survey(people.regional_staff, survey)
    survey.refresh_from_db()
    assert survey.status == Status.CLOSED and survey.closes_at <= timezone.now()
    records = AuditRecord.objects.filter(object_type="surveys.survey", object_id=str(survey.pk)).order_by("seq")
    actions = list(records.values_list("action", flat=True))
    assert actions == ["survey.created", "survey.question_added", "survey.question_added", "survey.opened",
                       "survey.closed"]


@pytest.mark.parametrize("bad, field", [
    ({"title_ru": ""}, "title_kk"),
    ({"positions": ["astronaut"]}, "positions"),
    ({"opens_at": timezone.now() + dt.timedelta(days=5)}, "closes_at"),
])
def test_builder_refuses_bad_survey_settings(people, tree, bad, field):
    with pytest.raises(ValidationError) as exc:
        services.create_survey(people.regional_staff, survey_data(tree.region_a, **bad))
    assert field in exc.value.message_dict


@pytest.mark.parametrize("bad", [
    {"kind": "essay"},
    {"text_ru": "  "},
    {"options": [{"kk": "Иә", "ru": "Да"}]},  # one choice only
    {"options": [{"kk": "Иә", "ru": ""}, {"kk": "Жоқ", "ru": "Нет"}]},  # a missing translation
    {"options": [{"kk": "Иә", "ru": "Да"}, {"kk": "Иә", "ru": "Да"}]},  # the same twice
    {"options": [{"kk": str(i), "ru": str(i)} for i in range(31)]},
    {"options": "Да\nНет"},
    {"kind": Kind.MATRIX, "options": []},
])
def test_builder_refuses_bad_questions_and_changes_nothing(people, tree, bad):
    survey = SurveyFactory(organisation=tree.region_a)
    with pytest.raises(ValidationError):
        services.add_question(people.regional_staff, survey, question_data(**bad))
    assert not Question.objects.exists()


def test_scale_and_text_questions_drop_options(people, tree):
    survey = SurveyFactory(organisation=tree.region_a)
    q = services.add_question(people.regional_staff, survey, question_data(kind=Kind.TEXT))
    assert q.options == []


def test_open_needs_questions_and_a_future_closing(people, tree):
    survey = SurveyFactory(organisation=tree.region_a)
    with pytest.raises(ValidationError):
        services.open_survey(people.regional_staff, survey)
    QuestionFactory(survey=survey)
    survey.closes_at = timezone.now() - dt.timedelta(minutes=1)
    survey.save()
    with pytest.raises(ValidationError):
        services.open_survey(people.regional_staff, survey)
    survey.refresh_from_db()
    assert survey.status == Status.DRAFT


def test_nothing_changes_after_opening(people, tree):
    survey = full_survey(tree.region_a)
    question = survey.questions.first()
    before = list(Question.objects.values_list("pk", "order", "text_ru", "options"))
    for call in (
        lambda: services.add_question(people.regional_staff, survey, question_data()),
        lambda: services.update_question(people.regional_staff, question, question_data(text_ru="Другой")),
        lambda: services.delete_question(people.regional_staff, question),
        lambda: services.move_question(people.regional_staff, question, "down"),
        lambda: services.update_survey(people.regional_staff, survey, survey_data(tree.region_a, title_ru="X")),
        lambda: services.open_survey(people.regional_staff, survey),
    ):
        with pytest.raises(ValidationError):
            call()
    assert list(Question.objects.values_list("pk", "order", "text_ru", "options")) == before
    survey.refresh_from_db()
    assert survey.title_ru != "X"


def test_reorder_questions(people, tree):
    survey = SurveyFactory(organisation=tree.region_a)
    first = services.add_question(people.regional_staff, survey, question_data(text_ru="Первый"))
    second = services.add_question(people.regional_staff, survey, question_data(text_ru="Второй"))
    services.move_question(people.regional_staff, second, "up")
    assert list(survey.questions.values_list("pk", flat=True)) == [second.pk, first.pk]
    services.move_question(people.regional_staff, second, "up")  # already first: no change
    assert list(survey.questions.values_list("pk", flat=True)) == [second.pk, first.pk]


def test_organisers_act_only_in_their_scope(people, tree):
    with pytest.raises(PermissionDenied):
        services.create_survey(people.regional_staff, survey_data(tree.region_b))
    with pytest.raises(PermissionDenied):
        services.create_survey(people.chair, survey_data(tree.school_a2))
    with pytest.raises(PermissionDenied):  # a lawyer has no RUN_SURVEYS at all
        services.create_survey(people.lawyer, survey_data(tree.region_a))
    assert services.create_survey(people.chair, survey_data(tree.school_a)).organisation == tree.school_a
    assert services.create_survey(people.central_admin, survey_data(tree.region_b)).organisation == tree.region_b
    survey_b = SurveyFactory(organisation=tree.region_b)
    with pytest.raises(PermissionDenied):
        services.add_question(people.regional_admin, survey_b, question_data())
    with pytest.raises(PermissionDenied):
        services.update_survey(people.regional_admin, SurveyFactory(organisation=tree.region_a),
                               survey_data(tree.region_b))


def test_answering_stores_participation_and_response(people, tree, survey_a):
    person = people.member_a.person
    response = services.submit_response(person, survey_a, good_answers(survey_a))
    assert Participation.objects.filter(survey=survey_a, person=person, organisation=tree.school_a).count() == 1
    assert response.person is None
    # School A1a and district A1 have fewer than 5 members asked: the answer counts for the whole region.
    assert response.organisation == tree.region_a
    assert Answer.objects.filter(response=response).count() == 1 + 2 + 1 + 1 + 2


def test_named_survey_stores_the_person(people, tree):
    survey = full_survey(tree.region_a, anonymous=False)
    response = services.submit_response(people.member_a.person, survey, good_answers(survey))
    assert response.person == people.member_a.person


def test_second_response_is_refused_and_changes_nothing(people, survey_a):
    person = people.member_a.person
    services.submit_response(person, survey_a, good_answers(survey_a))
    before = snapshot()
    with pytest.raises(services.AlreadyAnswered):
        services.submit_response(person, survey_a, good_answers(survey_a, text="Second"))
    assert snapshot() == before


def test_second_response_is_refused_by_the_constraint_too(people, survey_a, monkeypatch):
    """Even when the early check is passed (a race), the unique constraint refuses the second response."""
    person = people.member_a.person
    services.submit_response(person, survey_a, good_answers(survey_a))
    before = snapshot()
    monkeypatch.setattr(services.selectors, "has_answered", lambda *a: False)
    with pytest.raises(services.AlreadyAnswered):
        services.submit_response(person, survey_a, good_answers(survey_a, text="Second"))
    assert snapshot() == before


def _bad_answers(survey):
    q = {q.kind: str(q.pk) for q in survey.questions.all()}
    good = good_answers(survey)
    return [
        {**good, q[Kind.SINGLE]: 7},  # no such choice
        {**good, q[Kind.SINGLE]: "yes"},
        {**good, q[Kind.SINGLE]: True},
        {**good, q[Kind.MULTIPLE]: [0, 0]},
        {**good, q[Kind.MULTIPLE]: [0, 9]},
        {**good, q[Kind.SCALE]: 6},
        {**good, q[Kind.SCALE]: 0},
        {**good, q[Kind.SCALE]: "4.5"},
        {**good, q[Kind.TEXT]: "x" * 2001},
        {**good, q[Kind.TEXT]: ["list"]},
        {**good, q[Kind.MATRIX]: {"0": 5}},  # a row left out of a required table
        {**good, q[Kind.MATRIX]: {"0": 5, "1": 9}},
        {**good, q[Kind.MATRIX]: {"0": 5, "1": 3, "7": 1}},
        {**good, q[Kind.MATRIX]: [5, 3]},
        {k: v for k, v in good.items() if k != q[Kind.SINGLE]},  # a required question unanswered
        {**good, "999999": 1},  # not a question of this survey
    ]


def test_bad_answers_are_refused_and_change_nothing(people, survey_a):
    person = people.member_a.person
    for bad in _bad_answers(survey_a):
        with pytest.raises(ValidationError):
            services.submit_response(person, survey_a, bad)
        assert snapshot() == ([], 0, []), bad
    services.submit_response(person, survey_a, good_answers(survey_a))  # and she can still answer


def test_optional_questions_may_stay_empty_and_text_is_kept_as_plain_text(people, survey_a):
    answers = good_answers(survey_a, text="")
    services.submit_response(people.member_a.person, survey_a, answers)
    assert not Answer.objects.exclude(text="").exists()
    services.submit_response(people.member_a2.person, survey_a,
                             good_answers(survey_a, text="<script>alert(1)</script>"))
    assert Answer.objects.get(text__startswith="<").text == "<script>alert(1)</script>"


def test_only_eligible_members_may_answer_while_open(people, tree, member_factory):
    survey = full_survey(tree.region_a, young_only=True)
    young = member_factory(tree.school_a, young_specialist=True)
    with pytest.raises(PermissionDenied):
        services.submit_response(people.member_a.person, survey, good_answers(survey))  # not young
    with pytest.raises(PermissionDenied):
        services.submit_response(people.member_b.person, survey, good_answers(survey))  # other region
    services.submit_response(young, survey, good_answers(survey))
    by_position = full_survey(tree.region_a, positions=["lecturer"])
    with pytest.raises(PermissionDenied):
        services.submit_response(young, by_position, good_answers(by_position))
    closed = full_survey(tree.region_a)
    closed.closes_at = timezone.now() - dt.timedelta(seconds=1)
    closed.save()
    with pytest.raises(ValidationError):
        services.submit_response(people.member_a.person, closed, good_answers(closed))
    draft = full_survey(tree.region_a, open_=False)
    with pytest.raises(ValidationError):
        services.submit_response(people.member_a.person, draft, good_answers(draft))
    assert Participation.objects.count() == 1


def test_participation_and_response_are_written_together(people, survey_a, monkeypatch):
    """If storing the answers fails, the participation is rolled back too: the member may try again."""

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Answer.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        services.submit_response(people.member_a.person, survey_a, good_answers(survey_a))
    assert snapshot() == ([], 0, [])


def test_anonymous_answers_count_for_a_group_of_at_least_five(people, tree, member_factory):
    survey = full_survey(tree.region_a)
    for _ in range(4):
        member_factory(tree.school_a)
    response = services.submit_response(people.member_a.person, survey, good_answers(survey))
    assert response.organisation == tree.school_a  # now 5 members are asked there
    named = full_survey(tree.region_a, anonymous=False)
    assert services.submit_response(people.member_a2.person, named, good_answers(named)).organisation == \
        tree.school_a2  # named surveys keep the member's own organisation
    small = full_survey(tree.region_a)
    assert services.submit_response(people.member_a2.person, small, good_answers(small)).organisation == \
        tree.district_a  # School A1b has one member; district A1 has six
