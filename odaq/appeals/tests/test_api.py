"""API: members file with an Idempotency-Key and follow their appeals; staff read their scope."""

import pytest
from rest_framework.test import APIClient

from odaq.appeals.models import Appeal, AppealEvent
from odaq.appeals.tests.factories import PNG, upload

pytestmark = pytest.mark.django_db
URL = "/api/v1/appeals/"


def api(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def body(**extra):
    return {"topic": "dismissal", "subject": "Dismissed", "description": "Without the union's consent", **extra}


def test_member_files_and_repeats_with_the_same_key(people):
    client = api(people.member_user)
    first = client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="key-123")
    assert first.status_code == 201 and first.json()["status"] == "registered"
    again = client.post(URL, body(subject="other"), format="json", HTTP_IDEMPOTENCY_KEY="key-123")
    assert again.status_code == 200 and again.json()["number"] == first.json()["number"]
    assert Appeal.objects.count() == 1
    third = client.post(URL, body(), format="json", HTTP_IDEMPOTENCY_KEY="key-456")
    assert third.status_code == 201 and Appeal.objects.count() == 2


def test_multipart_with_a_file(people):
    response = api(people.member_user).post(URL, {**body(), "files": [upload("slip.png", PNG)]}, format="multipart")
    assert response.status_code == 201
    assert Appeal.objects.get().attachments.count() == 1


@pytest.mark.parametrize("payload,field", [
    (body(topic="astrology"), "topic"), (body(subject=""), "subject"), (body(subject="x" * 201), "subject"),
    (body(answer_language="de"), "answer_language"), (body(answer_channel="fax"), "answer_channel"),
    (body(description="<p></p>"), "description"),
])
def test_bad_input_changes_nothing(people, payload, field):
    response = api(people.member_user).post(URL, payload, format="json")
    assert response.status_code == 400 and field in response.json()
    assert Appeal.objects.count() == 0


def test_malformed_json(people):
    response = api(people.member_user).post(URL, '{"topic": "pay",', content_type="application/json")
    assert response.status_code == 400 and Appeal.objects.count() == 0


def test_anonymous_and_non_members(people):
    assert api().get(URL).status_code in (401, 403)
    assert api().post(URL, body(), format="json").status_code in (401, 403)
    assert api(people.lawyer).post(URL, body(), format="json").status_code == 403
    assert Appeal.objects.count() == 0


def test_lists_are_scoped(people, appeals):
    mine = [a["number"] for a in api(people.member_user).get(URL).json()["results"]]
    assert sorted(mine) == sorted([appeals.open_a.number, appeals.secret_a.number])
    lawyer = [a["number"] for a in api(people.lawyer).get(URL).json()["results"]]
    assert appeals.appeal_b.number not in lawyer and appeals.secret_a.number in lawyer
    assert api(people.lawyer).get(f"{URL}{appeals.appeal_b.pk}/").status_code == 404
    assert api(people.member_user).get(f"{URL}{appeals.appeal_b.pk}/").status_code == 404


def test_messages(people, appeals):
    appeal = appeals.open_a
    lawyer, member = api(people.lawyer), api(people.member_user)
    note = lawyer.post(f"{URL}{appeal.pk}/messages/", {"text": "Note", "internal": True}, format="json")
    assert note.status_code == 201 and note.json()["visible_to_member"] is False
    assert lawyer.post(f"{URL}{appeal.pk}/messages/", {"text": "Which month?"}, format="json").status_code == 201
    kinds = [e["kind"] for e in member.get(f"{URL}{appeal.pk}/messages/").json()]
    assert "comment" not in kinds and "question" in kinds
    assert "comment" in [e["kind"] for e in lawyer.get(f"{URL}{appeal.pk}/messages/").json()]
    assert member.post(f"{URL}{appeal.pk}/messages/", {"text": "September"}, format="json").status_code == 201
    appeal.refresh_from_db()
    assert appeal.status == "in_progress"
    before = AppealEvent.objects.count()
    assert member.post(f"{URL}{appeal.pk}/messages/", {"text": ""}, format="json").status_code == 400
    assert api(people.chair).post(f"{URL}{appeal.pk}/messages/", {"text": "Chair"}, format="json").status_code == 403
    assert api(people.auditor).post(f"{URL}{appeal.pk}/messages/", {"text": "Aud"}, format="json").status_code == 403
    assert AppealEvent.objects.count() == before
