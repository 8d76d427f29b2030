"""Scope matrix: staff of region A (chair, lawyer, regional staff, regional admin, auditor) try every appeals
page and API endpoint on objects of region B. Each attempt is refused (403/404) or, for lists, shows nothing of
B; nothing changes. ``test_matrix_covers_every_endpoint`` fails when a URL or API route has no row."""

import pytest
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from odaq.appeals import services
from odaq.appeals.models import Appeal, AppealEvent, Attachment, DutyLawyer
from odaq.appeals.tests.factories import PNG, export_text, file_appeal, upload

pytestmark = pytest.mark.django_db
ROLES_OF_REGION_A = ["chair", "lawyer", "regional_staff", "regional_admin", "auditor"]
REFUSED = {403, 404}


@pytest.fixture
def world(people, appeals, tree):
    w = appeals
    w.people, w.tree = people, tree
    w.file_b = file_appeal(w.member_b_user, w.member_b.person, files=[upload("b.png", PNG)]).attachments.get()
    w.export_b = services.request_export(w.lawyer_b, "", "csv")
    services.build_export(w.export_b.pk)
    return w


def snapshot():
    return (
        sorted(Appeal.objects.values_list("pk", "status", "assignee_id", "escalated", "due_date", "extended",
                                          "rating", "result", "subject")),
        AppealEvent.objects.count(), Attachment.objects.count(),
        sorted(DutyLawyer.objects.values_list("region_id", "user_id")),
    )


def staff_action(action, data=None):
    return lambda w: ("post", reverse("appeals:staff_action", args=[w.appeal_b.pk, action]), data or {})


# (method, url, data) built on region B's objects; the response must be 403 or 404.
REFUSED_CASES = {
    "appeals:detail": lambda w: ("get", reverse("appeals:detail", args=[w.appeal_b.pk]), None),
    "appeals:reply": lambda w: ("post", reverse("appeals:reply", args=[w.appeal_b.pk]), {"text": "x"}),
    "appeals:reopen": lambda w: ("post", reverse("appeals:reopen", args=[w.appeal_b.pk]), {"reopen-text": "x"}),
    "appeals:rate": lambda w: ("post", reverse("appeals:rate", args=[w.appeal_b.pk]), {"rating": "1"}),
    "appeals:download": lambda w: ("get", reverse("appeals:download", args=[w.file_b.pk]), None),
    "appeals:staff_detail": lambda w: ("get", reverse("appeals:staff_detail", args=[w.appeal_b.pk]), None),
    "appeals:staff_action take": staff_action("take"),
    "appeals:staff_action message": staff_action("message", {"text": "x"}),
    "appeals:staff_action answer": staff_action("answer", {"text": "x", "result": "resolved"}),
    "appeals:staff_action close": staff_action("close"),
    "appeals:staff_action extend": staff_action("extend", {"extend-reason": "x"}),
    "appeals:staff_action escalate": staff_action("escalate", {"escalate-reason": "x"}),
    "appeals:staff_action assign": lambda w: ("post", reverse("appeals:staff_action", args=[w.appeal_b.pk, "assign"]),
                                              {"assignee": w.lawyer_b.pk}),
    "appeals:bulk_assign": lambda w: ("post", reverse("appeals:bulk_assign"),
                                      {"appeal": [w.appeal_b.pk], "assignee": w.people.lawyer.pk}),
    "appeals:export_job": lambda w: ("get", reverse("appeals:export_job", args=[w.export_b.pk]), None),
    "appeals:export_download": lambda w: ("get", reverse("appeals:export_download", args=[w.export_b.pk]), None),
    "appeals:file_for": lambda w: ("get", reverse("appeals:file_for"), {"membership": w.member_b.pk}),
    "appeals:file_for POST": lambda w: ("post", reverse("appeals:file_for"),
                                        {"membership": w.member_b.pk, "topic": "pay", "subject": "x",
                                         "description": "x", "answer_language": "kk", "answer_channel": "cabinet"}),
    "appeals:duty": lambda w: ("post", reverse("appeals:duty"), {"region": w.tree.region_b.pk,
                                                                  "user": w.lawyer_b.pk}),
    "appeals:new": lambda w: ("post", reverse("appeals:new"), {"topic": "pay", "subject": "x", "description": "x",
                                                               "answer_language": "kk",
                                                               "answer_channel": "cabinet"}),
    "api appeal-detail": lambda w: ("api-get", f"/api/v1/appeals/{w.appeal_b.pk}/", None),
    "api appeal-messages": lambda w: ("api-get", f"/api/v1/appeals/{w.appeal_b.pk}/messages/", None),
    "api appeal-messages POST": lambda w: ("api-post", f"/api/v1/appeals/{w.appeal_b.pk}/messages/", {"text": "x"}),
    "api appeal-list POST": lambda w: ("api-post", "/api/v1/appeals/", {"topic": "pay", "subject": "x",
                                                                          "description": "x"}),
}

# Lists: they answer, but show nothing of region B even when asked for it.
LIST_CASES = {
    "appeals:queue": lambda w: (reverse("appeals:queue"), {"organisation": w.tree.region_b.pk, "q": "Appeal B"}),
    "appeals:export": lambda w: (reverse("appeals:export"), {}),  # the list of one's own exports
    "appeals:my_list": lambda w: (reverse("appeals:my_list"), {}),
    "api appeal-list": lambda w: ("/api/v1/appeals/", {}),
}


def _client(user, kind):
    if kind.startswith("api"):
        client = APIClient()
        client.force_authenticate(user)
        return client
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(REFUSED_CASES))
def test_refused_and_nothing_changes(world, role, case):
    method, url, data = REFUSED_CASES[case](world)
    client = _client(getattr(world.people, role), method)
    before = snapshot()
    if method == "get":
        response = client.get(url, data or {})
    elif method == "post":
        response = client.post(url, data or {})
    elif method == "api-get":
        response = client.get(url)
    else:
        response = client.post(url, data, format="json")
    assert response.status_code in REFUSED, (role, case, response.status_code)
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(LIST_CASES))
def test_lists_show_nothing_of_region_b(world, role, case):
    url, params = LIST_CASES[case](world)
    client = _client(getattr(world.people, role), case)
    response = client.get(url, params)
    if response.status_code in REFUSED:
        return
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert world.appeal_b.number.encode() not in body


@pytest.mark.parametrize("role", ["lawyer", "regional_staff", "regional_admin", "auditor", "chair"])
def test_export_asked_for_region_b_has_nothing_of_it(world, role, client):
    client.force_login(getattr(world.people, role))
    for fmt in ("csv", "xlsx"):
        text = export_text(client, fmt, organisation=world.tree.region_b.pk)
        assert world.appeal_b.number not in text
        text = export_text(client, fmt, q="Appeal B")
        assert world.appeal_b.number not in text


def test_matrix_covers_every_endpoint():
    resolver = get_resolver()
    names = {f"appeals:{n}" for n in resolver.namespace_dict["appeals"][1].reverse_dict if isinstance(n, str)}
    covered = {c.split(" ")[0] for c in REFUSED_CASES} | set(LIST_CASES)
    assert names <= covered, names - covered
    from odaq.appeals.api import AppealViewSet
    from odaq.appeals.api_urls import router

    routes = {url.name for url in router.urls}
    api_covered = {c.split(" ")[1] for c in [*REFUSED_CASES, *LIST_CASES] if c.startswith("api ")}
    assert routes <= api_covered, routes - api_covered
    assert {prefix for prefix, _v, _b in router.registry} == {"appeals"} and AppealViewSet
