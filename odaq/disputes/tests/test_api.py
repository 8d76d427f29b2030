import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from odaq.disputes.models import Dispute
from odaq.disputes.tests.factories import opened

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_open_record_and_follow_through_the_api(cases):
    lawyer = api(cases.people.lawyer)
    response = lawyer.post("/api/v1/disputes/", {"appeal": cases.appeal_a.pk}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert lawyer.post("/api/v1/disputes/", {"appeal": cases.appeal_a.pk}, format="json").status_code == 200
    stage = lawyer.post(f"/api/v1/disputes/{pk}/stages/", {"kind": "conciliation"}, format="json")
    assert stage.status_code == 201
    too_early = lawyer.post(f"/api/v1/disputes/{pk}/stages/", {"kind": "first_instance"}, format="json")
    assert too_early.status_code == 400
    decided = lawyer.post(f"/api/v1/disputes/{pk}/stages/{stage.json()['id']}/decision/",
                          {"outcome": "won", "decided_on": timezone.localdate().isoformat(), "recovered": 90000},
                          format="json")
    assert decided.status_code == 200 and decided.json()["recovered"] == 90000
    member = api(cases.people.member_user)
    mine = member.get("/api/v1/disputes/").json()
    assert [d["id"] for d in mine["results"]] == [pk] and mine["results"][0]["recovered"] == 90000
    assert member.get(f"/api/v1/disputes/{pk}/stages/").json()[0]["outcome"] == "won"
    assert member.post(f"/api/v1/disputes/{pk}/stages/", {"kind": "appeal"}, format="json").status_code == 403
    assert member.post("/api/v1/disputes/", {"appeal": cases.appeal_a.pk}, format="json").status_code == 404


def test_confidential_disputes_hidden_from_the_chair(cases):
    secret = opened(cases, appeal=cases.secret_a)
    plain = opened(cases)
    ids = [d["id"] for d in api(cases.people.chair).get("/api/v1/disputes/").json()["results"]]
    assert plain.pk in ids and secret.pk not in ids
    assert api(cases.people.chair).get(f"/api/v1/disputes/{secret.pk}/").status_code == 404
    assert api(cases.people.auditor).get(f"/api/v1/disputes/{secret.pk}/").status_code == 200


def test_bad_input_is_a_400(cases):
    lawyer = api(cases.people.lawyer)
    assert lawyer.post("/api/v1/disputes/", {"appeal": "x"}, format="json").status_code == 400
    dispute = opened(cases)
    assert lawyer.post(f"/api/v1/disputes/{dispute.pk}/stages/", {"kind": "nope"}, format="json").status_code == 400
    assert lawyer.post(f"/api/v1/disputes/{dispute.pk}/stages/999/decision/", {"outcome": "won",
                       "decided_on": "2026-01-01"}, format="json").status_code == 404
    assert Dispute.objects.count() == 1
