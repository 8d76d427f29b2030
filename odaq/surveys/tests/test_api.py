"""The members' API: list, detail, POST responses."""

import pytest
from rest_framework.test import APIClient

from odaq.notify.models import Notification
from odaq.surveys import services, tasks
from odaq.surveys.models import Answer, Participation, Response

from .factories import full_survey, good_answers


@pytest.fixture
def api(people):
    client = APIClient()
    client.force_authenticate(people.member_user)
    client.credentials(HTTP_ACCEPT_LANGUAGE="en")
    return client


def state():
    return Participation.objects.count(), Response.objects.count(), Answer.objects.count()


def test_list_and_detail(api, people, tree, survey_a):
    full_survey(tree.region_b)  # not for her
    full_survey(tree.region_a, open_=False)  # a draft
    listed = api.get("/api/v1/surveys/").json()
    assert [s["id"] for s in listed] == [survey_a.pk]
    assert listed[0]["anonymous"] is True and listed[0]["answered"] is False and listed[0]["accepting"] is True
    detail = api.get(f"/api/v1/surveys/{survey_a.pk}/").json()
    assert [q["kind"] for q in detail["questions"]] == ["single", "multiple", "scale", "text", "matrix"]
    assert detail["questions"][0]["options"][0] == {"kk": "Иә", "ru": "Да"}
    assert api.get("/api/v1/surveys/abc/").status_code == 404


def test_post_response_once(api, people, survey_a):
    url = f"/api/v1/surveys/{survey_a.pk}/responses/"
    response = api.post(url, {"answers": good_answers(survey_a)}, format="json")
    assert response.status_code == 201 and response.json()["anonymous"] is True
    assert state() == (1, 1, 7)
    again = api.post(url, {"answers": good_answers(survey_a)}, format="json")
    assert again.status_code == 409 and "already answered" in again.json()["detail"]
    assert state() == (1, 1, 7)
    assert api.get("/api/v1/surveys/").json()[0]["answered"] is True


@pytest.mark.parametrize("payload", [
    {"answers": []},
    {"answers": "yes"},
    {},
    {"answers": {"999": 1}},
])
def test_malformed_payloads_are_refused(api, survey_a, payload):
    response = api.post(f"/api/v1/surveys/{survey_a.pk}/responses/", payload, format="json")
    assert response.status_code == 400
    assert state() == (0, 0, 0)


def test_bad_answer_says_which_question(api, survey_a):
    answers = good_answers(survey_a)
    scale = survey_a.questions.get(kind="scale")
    answers[str(scale.pk)] = 9
    response = api.post(f"/api/v1/surveys/{survey_a.pk}/responses/", {"answers": answers}, format="json")
    assert response.status_code == 400
    assert response.json()[str(scale.pk)] == ["Choose a value from 1 to 5."]
    assert state() == (0, 0, 0)


def test_malformed_json_body(api, survey_a):
    response = api.post(f"/api/v1/surveys/{survey_a.pk}/responses/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert state() == (0, 0, 0)


def test_anonymous_caller_is_refused(survey_a):
    assert APIClient().get("/api/v1/surveys/").status_code in (401, 403)


def test_opening_notifies_eligible_members_in_chunks(people, tree, member_factory, monkeypatch):
    monkeypatch.setattr(tasks, "CHUNK", 2)
    survey = full_survey(tree.region_a, open_=False)
    young = [member_factory(tree.school_a, young_specialist=True) for _ in range(3)]
    survey.young_only = True
    survey.save()
    services.open_survey(people.regional_staff, survey)
    # on_commit callbacks do not run inside the test transaction: run the task as Celery would
    tasks.notify_due_surveys()
    notified = set(Notification.objects.filter(kind="survey.opened").values_list("user", flat=True))
    assert notified == {p.user_id for p in young}
    assert not Notification.objects.filter(email_requested=True).exists()
    survey.refresh_from_db()
    assert survey.notified_at is not None
    assert tasks.notify_due_surveys() == 0  # announced once only
