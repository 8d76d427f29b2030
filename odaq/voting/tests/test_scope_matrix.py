"""Staff of region A (and a chair of school A1a) cannot see or change votes of region B (or of the sibling
school): every staff page and API endpoint of the voting app answers 403/404 and nothing changes."""

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from odaq.voting.models import Ballot, Delegate, Election, Option, Question, Status, VoterRoll

from .factories import close_election, make_election, open_election

ROLES_OF_REGION_A = ["chair", "lawyer", "regional_staff", "regional_admin", "auditor"]
REFUSED = {403, 404}


def _set(org):
    draft = make_election(org)
    scheduled = make_election(org)
    Election.objects.filter(pk=scheduled.pk).update(status=Status.SCHEDULED)
    due = open_election(make_election(org))
    Election.objects.filter(pk=due.pk).update(closes_at=timezone.now() - dt.timedelta(seconds=1))
    closed = close_election(open_election(make_election(org)))
    return SimpleNamespace(draft=draft, scheduled=scheduled, due=due, closed=closed)


@pytest.fixture
def world(people, tree):
    people.b = _set(tree.school_b)
    people.sibling = _set(tree.school_a2)
    people.own = open_election(make_election(tree.school_a))
    return people


def snapshot():
    return (sorted(Election.objects.values_list("pk", "organisation_id", "title_ru", "status", "opens_at",
                                                "closes_at", "chain_head")),
            Question.objects.count(), Option.objects.count(), Delegate.objects.count(),
            VoterRoll.objects.count(), Ballot.objects.count())


def election_post(org):
    now = timezone.now()
    return {"organisation": org.pk, "title_kk": "x", "title_ru": "Чужое", "opens_at": (now + dt.timedelta(
        hours=1)).strftime("%Y-%m-%dT%H:%M"), "closes_at": (now + dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "electorate": "members", "quorum": "half"}


def csv_file():
    f = io.BytesIO(b"IIN,weight\n")
    f.name = "delegates.csv"
    return f


QUESTION = {"text_kk": "a", "text_ru": "b", "kind": "yes_no_abstain", "k": 1, "rule": "simple", "options": ""}

PAGE_CASES = {
    "voting:election_detail": lambda s: ("get", reverse("voting:election_detail", args=[s.due.pk]), None),
    "voting:election_edit": lambda s: ("get", reverse("voting:election_edit", args=[s.draft.pk]), None),
    "voting:election_edit POST": lambda s: ("post", reverse("voting:election_edit", args=[s.draft.pk]),
                                            election_post(s.draft.organisation)),
    "voting:election_create": lambda s: ("post", reverse("voting:election_create"),
                                         election_post(s.draft.organisation)),
    "voting:question_add": lambda s: ("post", reverse("voting:question_add", args=[s.draft.pk]), QUESTION),
    "voting:question_delete": lambda s: ("post", reverse("voting:question_delete", args=[
        s.draft.pk, s.draft.questions.first().pk]), {}),
    "voting:import_delegates": lambda s: ("post", reverse("voting:import_delegates", args=[s.draft.pk]),
                                          {"file": csv_file()}),
    "voting:election_schedule": lambda s: ("post", reverse("voting:election_schedule", args=[s.draft.pk]), {}),
    "voting:election_open": lambda s: ("post", reverse("voting:election_open", args=[s.scheduled.pk]), {}),
    "voting:election_close": lambda s: ("post", reverse("voting:election_close", args=[s.due.pk]), {}),
    "voting:election_publish": lambda s: ("post", reverse("voting:election_publish", args=[s.closed.pk]), {}),
}
LIST_PAGES = ["voting:election_list"]
# Member and public pages: refused for a vote she is not in, or for a result that is not published.
PUBLIC_CASES = {
    "voting:ballot POST": lambda s: ("post", reverse("voting:ballot", args=[s.due.pk]), {}),
    "voting:results": lambda s: ("get", reverse("voting:results", args=[s.closed.pk]), None),
    "voting:ballots_json": lambda s: ("get", reverse("voting:ballots_json", args=[s.closed.pk]), None),
    "voting:track": lambda s: ("get", reverse("voting:track", args=[s.closed.pk]) + "?code=AAAA", None),
}
SAFE_FOR_ALL = {"voting:my_votes", "voting:verifier", "voting:ballot"}  # own data only, or a public file

API_CASES = {
    "vote-ballots POST": lambda s: ("post", f"/api/v1/votes/{s.due.pk}/ballots", {"choices": {}}),
    "vote-ballots GET": lambda s: ("get", f"/api/v1/votes/{s.closed.pk}/ballots", None),
    "vote-results GET": lambda s: ("get", f"/api/v1/votes/{s.closed.pk}/results", None),
}


def _targets(w, role):
    return [w.b, w.sibling] if role == "chair" else [w.b]


def _refused_form(response) -> bool:
    if response.status_code in REFUSED:
        return True
    form = (response.context or {}).get("form") if response.status_code in (200, 400) else None
    return form is not None and bool(form.errors)


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(PAGE_CASES) + sorted(PUBLIC_CASES))
def test_pages_refuse_foreign_votes(client, world, role, case):
    client.force_login(getattr(world, role))
    for target in _targets(world, role):
        method, url, data = {**PAGE_CASES, **PUBLIC_CASES}[case](target)
        before = snapshot()
        response = getattr(client, method)(url, data or {})
        if case == "voting:election_create":
            assert _refused_form(response), (role, case, response.status_code)
        elif case == "voting:ballot POST":
            assert response.status_code in {400, 403}, (role, case, response.status_code)
        elif case == "voting:track":  # an unpublished vote: only "not published yet", nothing searched or shown
            page = response.content.decode()
            assert response.status_code in REFUSED or (
                response.status_code == 200 and 'id="track-not-published"' in page
                and 'id="track-found"' not in page and 'id="track-missing"' not in page), (role, case)
        else:
            assert response.status_code in REFUSED, (role, case, response.status_code)
        assert snapshot() == before, (role, case)


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
def test_lists_show_only_votes_in_scope(client, world, role):
    client.force_login(getattr(world, role))
    response = client.get(reverse("voting:election_list"))
    if role in ("lawyer", "auditor"):
        assert response.status_code == 403
        return
    shown = {e.pk for e in response.context["elections"]}
    foreign = {e.pk for t in _targets(world, role) for e in vars(t).values()}
    assert world.own.pk in shown and not shown & foreign


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(API_CASES))
def test_api_refuses_foreign_votes(world, role, case):
    api = APIClient()
    api.force_authenticate(getattr(world, role))
    for target in _targets(world, role):
        method, url, data = API_CASES[case](target)
        before = snapshot()
        response = getattr(api, method)(url, data, format="json")
        assert response.status_code in REFUSED | {400, 409}, (role, case, response.status_code)
        assert snapshot() == before


def test_api_list_shows_only_votes_she_may_take_part_in(world):
    api = APIClient()
    api.force_authenticate(world.member_user)  # a member of school A1a
    assert {row["id"] for row in api.get("/api/v1/votes").json()} == {world.own.pk}


def test_matrix_covers_every_voting_endpoint():
    names = {f"voting:{n}" for n in get_resolver().namespace_dict["voting"][1].reverse_dict if isinstance(n, str)}
    covered = {c.split(" ")[0] for c in [*PAGE_CASES, *PUBLIC_CASES]} | set(LIST_PAGES) | SAFE_FOR_ALL
    assert names <= covered, names - covered
    from odaq.voting.api_urls import router, urlpatterns

    assert {prefix for prefix, _viewset, _basename in router.registry} == {"votes"}
    routes = {url.name for url in urlpatterns}
    assert routes == {"vote-list", "vote-ballots", "vote-results"}, routes
    assert {c.split(" ")[0] for c in API_CASES} | {"vote-list"} == routes
