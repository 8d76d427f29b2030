"""Scope matrix: staff of region A (chair, lawyer, regional staff, regional admin, auditor) try every survey page
and API endpoint on surveys of region B (and, for the chair, of the sibling school A1b): refused, nothing changes.

``test_matrix_covers_every_endpoint`` fails when a URL name of the ``surveys`` namespace or a route of this app's
API router has no row here.
"""

import datetime as dt

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from odaq.core.audit_models import AuditRecord
from odaq.surveys.api_urls import router
from odaq.surveys.models import Answer, Participation, Question, Response, Survey

from .factories import full_survey, good_answers

ROLES_OF_REGION_A = ["chair", "lawyer", "regional_staff", "regional_admin", "auditor"]
REFUSED = {403, 404}


@pytest.fixture
def world(people, tree):
    w = people
    w.tree = tree
    w.open_b = full_survey(tree.region_b)
    w.draft_b = full_survey(tree.region_b, open_=False)
    w.open_sibling = full_survey(tree.school_a2)
    w.draft_sibling = full_survey(tree.school_a2, open_=False)
    return w


def snapshot():
    return (
        sorted(Survey.objects.values_list("pk", "organisation", "title_ru", "status", "closes_at", "anonymous")),
        sorted(Question.objects.values_list("pk", "order", "kind", "text_ru", "options")),
        Participation.objects.count(), Response.objects.count(), Answer.objects.count(),
        AuditRecord.objects.count(),
    )


def _q(survey):
    return survey.questions.first().pk


def question_post(**extra):
    return {"kind": "single", "text_kk": "Бұзу", "text_ru": "Взлом", "required": "on", "options_kk": "А\nБ",
            "options_ru": "A\nB", **extra}


def survey_post(org, **extra):
    closes = (timezone.localtime() + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")
    return {"organisation": org.pk, "title_kk": "Бөтен", "title_ru": "Чужой", "anonymous": "on",
            "closes_at": closes, **extra}


# name -> (w, open survey, draft survey) -> (method, url, data)
PAGE_CASES = {
    "surveys:edit": lambda w, o, d: ("get", reverse("surveys:edit", args=[d.pk]), None),
    "surveys:edit POST": lambda w, o, d: ("post", reverse("surveys:edit", args=[d.pk]), survey_post(d.organisation)),
    "surveys:question_add": lambda w, o, d: ("post", reverse("surveys:question_add", args=[d.pk]), question_post()),
    "surveys:question_edit": lambda w, o, d: ("get", reverse("surveys:question_edit", args=[d.pk, _q(d)]), None),
    "surveys:question_edit POST": lambda w, o, d: ("post", reverse("surveys:question_edit", args=[d.pk, _q(d)]),
                                                   question_post()),
    "surveys:question_delete": lambda w, o, d: ("post", reverse("surveys:question_delete", args=[d.pk, _q(d)]), {}),
    "surveys:question_move": lambda w, o, d: ("post", reverse("surveys:question_move", args=[d.pk, _q(d)]),
                                              {"direction": "down"}),
    "surveys:open": lambda w, o, d: ("post", reverse("surveys:open", args=[d.pk]), {}),
    "surveys:close": lambda w, o, d: ("post", reverse("surveys:close", args=[o.pk]), {}),
    "surveys:results": lambda w, o, d: ("get", reverse("surveys:results", args=[o.pk]), None),
    "surveys:export": lambda w, o, d: ("get", reverse("surveys:export", args=[o.pk, "csv"]), None),
    "surveys:export xlsx": lambda w, o, d: ("get", reverse("surveys:export", args=[o.pk, "xlsx"]), None),
    "surveys:export rates": lambda w, o, d: ("get", reverse("surveys:export", args=[o.pk, "rates.csv"]), None),
    "surveys:answer": lambda w, o, d: ("get", reverse("surveys:answer", args=[o.pk]), None),
    "surveys:answer POST": lambda w, o, d: ("post", reverse("surveys:answer", args=[o.pk]), {}),
    "surveys:answer draft": lambda w, o, d: ("get", reverse("surveys:answer", args=[d.pk]), None),
}
CREATE_CASES = {
    "surveys:create": lambda w, o, d: ("post", reverse("surveys:create"), survey_post(d.organisation)),
}
LIST_PAGES = ["surveys:manage", "surveys:mine"]

API_CASES = {
    "survey-detail GET": lambda w, o, d: ("get", f"/api/v1/surveys/{o.pk}/", None),
    "survey-detail GET draft": lambda w, o, d: ("get", f"/api/v1/surveys/{d.pk}/", None),
    "survey-responses POST": lambda w, o, d: ("post", f"/api/v1/surveys/{o.pk}/responses/",
                                              {"answers": good_answers(o)}),
}


def _targets(w, role):
    targets = [(w.open_b, w.draft_b)]
    if role == "chair":
        targets.append((w.open_sibling, w.draft_sibling))
    return targets


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(PAGE_CASES))
def test_pages_refuse_foreign_surveys(client, world, role, case):
    client.force_login(getattr(world, role))
    for open_, draft in _targets(world, role):
        before = snapshot()
        method, url, data = PAGE_CASES[case](world, open_, draft)
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        assert response.status_code in REFUSED, (role, case, response.status_code)
        assert snapshot() == before, (role, case)


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
def test_create_refuses_foreign_organisations(client, world, role):
    client.force_login(getattr(world, role))
    for open_, draft in _targets(world, role):
        before = snapshot()
        method, url, data = CREATE_CASES["surveys:create"](world, open_, draft)
        response = client.post(url, data)
        assert response.status_code in REFUSED or (
            response.status_code == 200 and response.context["form"].errors.get("organisation")), role
        assert snapshot() == before


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(API_CASES))
def test_api_refuses_foreign_surveys(world, role, case):
    api = APIClient()
    api.force_authenticate(getattr(world, role))
    for open_, draft in _targets(world, role):
        before = snapshot()
        method, url, data = API_CASES[case](world, open_, draft)
        response = getattr(api, method)(url, data, format="json") if data is not None else getattr(api, method)(url)
        assert response.status_code in REFUSED, (role, case, response.status_code)
        assert snapshot() == before


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("name", LIST_PAGES)
def test_lists_never_show_foreign_surveys(client, world, role, name):
    client.force_login(getattr(world, role))
    response = client.get(reverse(name))
    assert response.status_code in {200, 403}
    page = response.content.decode()
    foreign = [world.open_b.title_kk, world.open_b.title_ru, world.draft_b.title_kk, world.draft_b.title_ru]
    if role == "chair":
        foreign += [world.open_sibling.title_kk, world.open_sibling.title_ru]
    assert not [t for t in foreign if t in page], (role, name)


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
def test_api_list_never_shows_foreign_surveys(world, role):
    api = APIClient()
    api.force_authenticate(getattr(world, role))
    ids = {s["id"] for s in api.get("/api/v1/surveys/").json()}
    assert not ids & {world.open_b.pk, world.draft_b.pk, world.open_sibling.pk}


def test_who_may_run_surveys(client, world):
    """Lawyers and auditors have no RUN_SURVEYS; chairs, regional staff and admins see their own surveys."""
    own = full_survey(world.tree.region_a, open_=False)
    school = full_survey(world.tree.school_a, open_=False)
    expected = {"lawyer": None, "auditor": None, "chair": {school.pk},
                "regional_staff": {own.pk, school.pk, world.open_sibling.pk, world.draft_sibling.pk},
                "regional_admin": {own.pk, school.pk, world.open_sibling.pk, world.draft_sibling.pk}}
    for role, pks in expected.items():
        client.force_login(getattr(world, role))
        response = client.get(reverse("surveys:manage"))
        if pks is None:
            assert response.status_code == 403, role
        else:
            assert {s.pk for s in response.context["page"].object_list} == pks, role
    client.force_login(world.central_admin)
    assert client.get(reverse("surveys:results", args=[world.open_b.pk])).status_code == 200


def test_members_and_anonymous_get_no_staff_page(client, world):
    for name in ["surveys:manage", "surveys:create"]:
        client.logout()
        assert client.get(reverse(name)).status_code == 302
        client.force_login(world.member_user)
        assert client.get(reverse(name)).status_code == 403
    client.force_login(world.member_user)
    assert client.get(reverse("surveys:results", args=[world.open_b.pk])).status_code == 403


def test_matrix_covers_every_endpoint():
    covered = {c.split(" ")[0] for c in [*PAGE_CASES, *CREATE_CASES]} | set(LIST_PAGES)
    names = {f"surveys:{n}" for n in get_resolver().namespace_dict["surveys"][1].reverse_dict if isinstance(n, str)}
    assert names <= covered, names - covered
    assert {prefix for prefix, _viewset, _basename in router.registry} == {"surveys"}, "add rows for new routes"
    api_covered = {c.split(" ")[0] for c in API_CASES}
    assert {"survey-detail", "survey-responses"} <= api_covered
