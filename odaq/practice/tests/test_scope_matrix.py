"""Scope matrix: staff of region A (chair, lawyer, regional staff, regional admin, auditor) and a member try every
practice page and API endpoint on a draft decision of region B: refused, nothing changes. Published decisions
for lawyers are readable by lawyers only.

``test_matrix_covers_every_endpoint`` fails when a URL name of the ``practice`` namespace or a route of this app's
API router has no row here.
"""

import pytest
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from odaq.practice.api_urls import router
from odaq.practice.models import Decision, SavedSearch

ROLES = ["chair", "lawyer", "regional_staff", "regional_admin", "auditor", "member_user"]
REFUSED = {403, 404}


@pytest.fixture
def world(make_decision, tree, people):
    people.draft_b = make_decision(tree.region_b, case_number="2-B/2025")
    people.own_search = SavedSearch.objects.create(user=people.central_admin, q="отпуск")
    return people


def snapshot():
    return (sorted(Decision.objects.values_list("pk", "status", "text", "audience")),
            sorted(SavedSearch.objects.values_list("pk", "user", "q")))


PAGE_CASES = {
    "practice:detail": lambda w: ("get", reverse("practice:detail", args=[w.draft_b.pk]), None),
    "practice:review": lambda w: ("post", reverse("practice:review", args=[w.draft_b.pk]),
                                  {"text": "взлом", "audience": "members"}),
    "practice:delete_search": lambda w: ("post", reverse("practice:delete_search", args=[w.own_search.pk]), None),
}
# Pages every signed-in user may open, showing only what she may read.
LIST_PAGES = ["practice:list", "practice:article", "practice:upload", "practice:save_search"]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(PAGE_CASES))
def test_pages_refuse_foreign_decisions(client, world, role, name):
    client.force_login(getattr(world, role))
    method, url, data = PAGE_CASES[name](world)
    before = snapshot()
    response = getattr(client, method)(url, data or {})
    if name == "practice:delete_search":
        assert response.status_code in {302, *REFUSED}
    else:
        assert response.status_code in REFUSED
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_lists_never_show_foreign_drafts(client, world, role):
    client.force_login(getattr(world, role))
    for url in (reverse("practice:list"), reverse("practice:article", args=["K1500000414", "52"])):
        assert "2-B/2025" not in client.get(url).content.decode()


@pytest.mark.parametrize("role", ["chair", "regional_staff", "auditor", "member_user"])
def test_non_lawyers_cannot_upload_or_save_searches(client, world, role):
    client.force_login(getattr(world, role))
    before = snapshot()
    assert client.get(reverse("practice:upload")).status_code == 403
    client.post(reverse("practice:save_search"), {"q": "отпуск"})
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
def test_api_refuses_foreign_drafts(world, role):
    api = APIClient()
    api.force_authenticate(getattr(world, role))
    assert api.get(f"/api/v1/practice/decisions/{world.draft_b.pk}/").status_code in REFUSED
    body = api.get("/api/v1/practice/decisions/").json()
    rows = body["results"] if isinstance(body, dict) else body
    assert world.draft_b.pk not in [r["id"] for r in rows]


def test_matrix_covers_every_endpoint():
    covered = set(PAGE_CASES) | set(LIST_PAGES)
    names = {f"practice:{n}" for n in get_resolver().namespace_dict["practice"][1].reverse_dict if isinstance(n, str)}
    assert names <= covered, names - covered
    assert {prefix for prefix, _viewset, _basename in router.registry} == {"practice/decisions"}
