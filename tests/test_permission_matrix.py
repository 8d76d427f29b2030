"""The permission matrix: staff of region A try every staff page and API endpoint on objects of
region B and of a sibling primary organisation. Every attempt is refused and nothing changes.

``test_matrix_covers_every_staff_endpoint`` fails when a staff URL is added without a row here.
"""

import io

import pytest
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from odaq.core import audit
from odaq.orgs.choices import MembershipStatus, Role
from odaq.orgs.models import Consent, Membership, Person, RoleAssignment
from odaq.orgs.tests.factories import MembershipFactory, UserFactory, grant, valid_iin
from odaq.portal.models import News
from odaq.portal.tests.factories import NewsFactory

ROLES_OF_REGION_A = ["chair", "lawyer", "regional_staff", "regional_admin", "auditor"]
REFUSED = {403, 404}


@pytest.fixture
def world(people, tree):
    """Objects outside region A (B) and, for the chair, in the sibling school A1b (S)."""
    w = people
    w.tree = tree
    w.pending_b = MembershipFactory(organisation=tree.school_b, status=MembershipStatus.PENDING)
    w.pending_sibling = MembershipFactory(organisation=tree.school_a2, status=MembershipStatus.PENDING)
    w.grant_b = grant(UserFactory(), Role.LAWYER, tree.region_b)
    w.news_b = NewsFactory(organisation=tree.region_b, title_ru="Новость региона B")
    w.news_sibling = NewsFactory(organisation=tree.school_a2, title_ru="Новость соседней школы")
    audit.record("person.viewed", obj=w.member_b.person, scope=tree.school_b)
    return w


def snapshot():
    return (
        sorted(Person.objects.values_list("iin", "last_name", "first_name", "phone", "email", "language", "position")),
        sorted(Membership.objects.values_list("pk", "person_id", "organisation_id", "status", "left_on")),
        sorted(RoleAssignment.objects.values_list("pk", "user_id", "role", "organisation_id", "revoked_at")),
        sorted(News.objects.values_list("pk", "organisation_id", "title_ru", "body_ru", "is_published")),
        Consent.objects.count(),
    )


def person_post(**extra):
    return {"iin": valid_iin(8801), "last_name": "Forged", "first_name": "Name", "middle_name": "",
            "phone": "+77019998877", "email": "forged@example.kz", "language": "ru", "position": "teacher",
            "joined_on": "2024-09-01", **extra}


def csv_file():
    f = io.BytesIO(f"iin,last_name,first_name\n{valid_iin(8802)},Imported,Person\n".encode())
    f.name = "members.csv"
    return f


# (URL name, how to build it, method, data) — each is tried on a foreign object.
PAGE_CASES = {
    "orgs:member_detail": lambda w, m: ("get", reverse("orgs:member_detail", args=[m.pk]), None),
    "orgs:member_edit": lambda w, m: ("get", reverse("orgs:member_edit", args=[m.pk]), None),
    "orgs:member_edit POST": lambda w, m: ("post", reverse("orgs:member_edit", args=[m.pk]),
                                           person_post(iin=m.person.iin)),
    "orgs:member_status": lambda w, m: ("post", reverse("orgs:member_status", args=[m.pk]), {"status": "left"}),
    "orgs:approval_decide": lambda w, m: ("post", reverse("orgs:approval_decide", args=[w.pending_of[m.pk].pk]),
                                          {"decision": "approve"}),
    "orgs:role_revoke": lambda w, m: ("post", reverse("orgs:role_revoke", args=[w.grant_b.pk]), {}),
    "orgs:role_grant": lambda w, m: ("post", reverse("orgs:role_grant"),
                                     {"login": w.member_user.email, "role": "lawyer",
                                      "organisation": m.organisation.pk}),
    "orgs:member_add": lambda w, m: ("post", reverse("orgs:member_add"),
                                     person_post(organisation=m.organisation.pk)),
    "orgs:member_import": lambda w, m: ("post", reverse("orgs:member_import"),
                                        {"organisation": m.organisation.pk, "file": csv_file()}),
    "portal:news_edit": lambda w, m: ("get", reverse("portal:news_edit", args=[w.news_of[m.pk].pk]), None),
    "portal:news_edit POST": lambda w, m: ("post", reverse("portal:news_edit", args=[w.news_of[m.pk].pk]),
                                           {"title_kk": "x", "body_kk": "x", "title_ru": "Взлом", "body_ru": "x",
                                            "organisation": m.organisation.pk}),
    "portal:news_create": lambda w, m: ("post", reverse("portal:news_create"),
                                        {"title_kk": "x", "body_kk": "x", "title_ru": "Чужая", "body_ru": "x",
                                         "organisation": m.organisation.pk, "is_published": "on"}),
}

API_CASES = {
    "member-detail GET": lambda w, m: ("get", f"/api/v1/members/{m.pk}/", None),
    "member-detail PATCH": lambda w, m: ("patch", f"/api/v1/members/{m.pk}/", {"status": "left"}),
    "member-detail PUT": lambda w, m: ("put", f"/api/v1/members/{m.pk}/",
                                       {"person": person_post(iin=m.person.iin), "organisation": m.organisation.pk,
                                        "status": "left"}),
    "member-list POST": lambda w, m: ("post", "/api/v1/members/",
                                      {"person": person_post(), "organisation": m.organisation.pk}),
    "role-detail GET": lambda w, m: ("get", f"/api/v1/roles/{w.grant_b.pk}/", None),
    "role-detail DELETE": lambda w, m: ("delete", f"/api/v1/roles/{w.grant_b.pk}/", None),
    "role-list POST": lambda w, m: ("post", "/api/v1/roles/",
                                    {"user": w.member_user.pk, "role": "lawyer", "organisation": m.organisation.pk}),
}


def _targets(w, role):
    """Region B always; the sibling school only for the chair (the others legitimately cover it)."""
    w.pending_of = {w.member_b.pk: w.pending_b, w.member_a2.pk: w.pending_sibling}
    w.news_of = {w.member_b.pk: w.news_b, w.member_a2.pk: w.news_sibling}
    return [w.member_b, w.member_a2] if role == "chair" else [w.member_b]


def _refused_form(response) -> bool:
    """A create form with a foreign organisation may also answer 200 with a field error."""
    if response.status_code in REFUSED:
        return True
    form = (response.context or {}).get("form") if response.status_code in (200, 400) else None
    return form is not None and bool(form.errors)


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(PAGE_CASES))
def test_pages_refuse_foreign_objects(client, world, role, case):
    client.force_login(getattr(world, role))
    for target in _targets(world, role):
        before = snapshot()
        method, url, data = PAGE_CASES[case](world, target)
        response = getattr(client, method)(url, data) if data is not None else getattr(client, method)(url)
        if case in {"orgs:role_grant", "orgs:member_add", "orgs:member_import", "portal:news_create"}:
            assert _refused_form(response), (role, case, response.status_code)
        else:
            assert response.status_code in REFUSED, (role, case, response.status_code)
        assert snapshot() == before, (role, case)


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(API_CASES))
def test_api_refuses_foreign_objects(world, role, case):
    api = APIClient()
    api.force_authenticate(getattr(world, role))
    for target in _targets(world, role):
        before = snapshot()
        method, url, data = API_CASES[case](world, target)
        response = getattr(api, method)(url, data, format="json") if data is not None else getattr(api, method)(url)
        assert response.status_code in REFUSED, (role, case, response.status_code, response.content[:200])
        assert snapshot() == before, (role, case)


LIST_PAGES = ["orgs:dashboard", "orgs:member_list", "orgs:approvals", "orgs:role_list", "orgs:audit_log",
              "portal:news_manage"]


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("name", LIST_PAGES)
def test_lists_never_show_foreign_objects(client, world, role, name):
    client.force_login(getattr(world, role))
    response = client.get(reverse(name), {"organisation": world.tree.region_b.pk})
    assert response.status_code in {200, 403}
    page = response.content.decode()
    foreign = [world.member_b.person.last_name, world.pending_b.person.last_name, world.news_b.title_ru,
               world.member_b.person.iin, world.grant_b.user.email]
    if role == "chair":
        foreign += [world.member_a2.person.last_name, world.pending_sibling.person.last_name]
    assert not [text for text in foreign if text in page], (role, name)


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
def test_member_search_never_finds_foreign_members(client, world, role):
    client.force_login(getattr(world, role))
    for query in (world.member_b.person.last_name, world.member_b.person.iin, world.member_b.person.iin[:6]):
        response = client.get(reverse("orgs:member_list"), {"q": query})
        assert response.status_code == 200
        assert world.member_b not in list(response.context["page"].object_list)
    own = client.get(reverse("orgs:member_list"), {"q": world.member_a.person.last_name})
    assert world.member_a in list(own.context["page"].object_list)


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
def test_api_lists_never_show_foreign_objects(world, role):
    api = APIClient()
    api.force_authenticate(getattr(world, role))
    members = api.get("/api/v1/members/", {"q": ""})
    if members.status_code == 200:
        ids = {m["id"] for m in members.json()["results"]}
        assert world.member_b.pk not in ids and world.pending_b.pk not in ids
        if role == "chair":
            assert world.member_a2.pk not in ids
    roles = api.get("/api/v1/roles/")
    if roles.status_code == 200:
        assert world.grant_b.pk not in {r["id"] for r in roles.json()["results"]}


def test_members_and_anonymous_get_no_staff_page(client, world):
    for name in LIST_PAGES + ["orgs:member_add", "orgs:member_import", "orgs:import_template"]:
        client.logout()
        assert client.get(reverse(name)).status_code == 302  # to the login page
        client.force_login(world.member_user)
        assert client.get(reverse(name)).status_code == 403, name


def test_matrix_covers_every_staff_endpoint():
    covered = {c.split(" ")[0] for c in PAGE_CASES} | set(LIST_PAGES) | {
        "orgs:member_list", "orgs:import_template", "portal:news_manage"}
    staff_names = set()
    resolver = get_resolver()
    for namespace in ("orgs",):
        staff_names |= {f"{namespace}:{n}" for n in resolver.namespace_dict[namespace][1].reverse_dict
                        if isinstance(n, str)}
    staff_names |= {"portal:news_edit", "portal:news_create", "portal:news_manage"}
    assert staff_names <= covered, staff_names - covered
    from odaq.config.api_urls import router

    api_routes = {prefix for prefix, _viewset, _basename in router.registry}
    assert api_routes == {"organisations", "members", "roles"}, "add matrix rows for new API endpoints"
