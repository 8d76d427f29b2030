"""Bad input to the API is a 400 or 404 with a translated message, never a 500; services' Django exceptions are
turned into answers in one place (``odaq.core.api_errors.exception_handler``)."""

import pytest
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient, APIRequestFactory
from rest_framework.views import APIView

DEEP = "[" * 100_000 + "]" * 100_000
MODERATELY_DEEP = '{"question": ' + "[" * 200 + "]" * 200 + "}"


def _client(user=None, lang="ru"):
    api = APIClient(HTTP_ACCEPT_LANGUAGE=lang)
    if user is not None:
        api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.mark.parametrize("body", [DEEP, MODERATELY_DEEP])
def test_deeply_nested_json_to_the_anonymous_assistant_is_a_400(db, body):
    response = _client().post("/api/v1/assistant/ask", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "JSON-документ слишком глубоко вложен."


def test_deeply_nested_json_to_a_ballot_is_a_400(people):
    response = _client(people.member_user, "kk").post("/api/v1/votes/1/ballots", DEEP,
                                                      content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"] == "JSON құжатының ішкі деңгейлері тым терең."


def test_deeply_nested_json_to_a_staff_endpoint_is_a_400(people):
    response = _client(people.central_admin).post("/api/v1/roles/", DEEP, content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("url", ["/api/v1/votes/abc/results", "/api/v1/members/abc/", "/api/v1/roles/abc/",
                                 "/api/v1/appeals/abc/", "/api/v1/surveys/abc/", "/api/v1/organisations/abc/",
                                 "/api/v1/organisations/?within=abc"])
def test_a_non_numeric_id_is_a_translated_404(people, url):
    response = _client(people.central_admin).get(url)
    assert response.status_code == 404
    assert response.json()["detail"] in {"Не найдено.", "Страница не найдена."}


def test_a_non_numeric_id_for_an_anonymous_caller_is_a_404(db):
    response = _client(lang="kk").get("/api/v1/votes/abc/results")
    assert response.status_code == 404
    assert response.json()["detail"] == "Табылмады."


class _Raises(APIView):
    permission_classes = []
    authentication_classes = []
    exc: Exception | None = None

    def get(self, request):
        raise self.exc


@pytest.mark.parametrize("exc, status, body", [
    (ValidationError({"iin": ["Bad IIN."]}), 400, {"iin": ["Bad IIN."]}),
    (ValidationError("Too late."), 400, {"detail": ["Too late."]}),
    (PermissionDenied("Not in your region."), 403, {"detail": "Not in your region."}),
    (ObjectDoesNotExist(), 404, {"detail": "Not found."}),
])
def test_one_handler_turns_service_exceptions_into_answers(exc, status, body):
    view = _Raises.as_view(exc=exc)
    response = view(APIRequestFactory().get("/api/v1/x"))
    assert response.status_code == status
    assert response.data == body


def test_a_service_refusal_reaches_the_caller_through_the_handler(people, tree):
    """grant_role raises Django's PermissionDenied for a role outside the caller's subtree."""
    response = _client(people.regional_admin, "en").post(
        "/api/v1/roles/", {"user": people.member_user.pk, "role": "lawyer", "organisation": tree.region_b.pk},
        format="json")
    assert response.status_code in {400, 403}
    assert response.json()
