"""Scope matrix: staff of region A (chair, lawyer, regional staff, regional admin, auditor) and the member of
region A try every disputes page and API endpoint on region B's dispute. Each attempt is refused (403/404) or,
for lists, shows nothing of B; nothing changes. ``test_matrix_covers_every_endpoint`` fails when a URL or API
route has no row."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone
from rest_framework.test import APIClient

from odaq.appeals.tests.factories import PDF, upload
from odaq.disputes import ical, services
from odaq.disputes.models import Claim, Dispute, DisputeEvent, Document, Hearing, LegalBasis, Stage
from odaq.disputes.tests.factories import opened

pytestmark = pytest.mark.django_db
ROLES = ["chair", "lawyer", "regional_staff", "regional_admin", "auditor", "member_user"]
REFUSED = {403, 404}


@pytest.fixture
def world(cases):
    w = cases
    w.dispute_b = opened(w, w.lawyer_b, w.appeal_b)
    w.stage_b = services.add_stage(w.lawyer_b, w.dispute_b, kind="conciliation", filed_on=timezone.localdate())
    services.add_hearing(w.lawyer_b, w.stage_b, starts_at=timezone.now() + dt.timedelta(days=3), place="B court")
    w.doc_b = services.add_documents(w.lawyer_b, w.dispute_b, [upload("b.pdf", PDF)], shared=True)[0]
    return w


def snapshot():
    return (sorted(Dispute.objects.values_list("pk", "status", "lawyer_id", "recovered", "awarded", "outcome",
                                               "next_deadline", "no_commission", "subject")),
            sorted(Stage.objects.values_list("pk", "kind", "outcome", "recovered")),
            Claim.objects.count(), LegalBasis.objects.count(), Hearing.objects.count(), Document.objects.count(),
            DisputeEvent.objects.count())


def act(name, data=None):
    return lambda w: ("post", reverse("disputes:action", args=[w.dispute_b.pk, name]),
                      {"stage": w.stage_b.pk, **(data or {})})


REFUSED_CASES = {
    "disputes:my_detail": lambda w: ("get", reverse("disputes:my_detail", args=[w.dispute_b.pk]), None),
    "disputes:download": lambda w: ("get", reverse("disputes:download", args=[w.doc_b.pk]), None),
    "disputes:detail": lambda w: ("get", reverse("disputes:detail", args=[w.dispute_b.pk]), None),
    "disputes:from_appeal": lambda w: ("post", reverse("disputes:from_appeal", args=[w.appeal_b.pk]), {}),
    "disputes:action claim": act("claim", {"claim-kind": "other", "claim-amount": "1"}),
    "disputes:action dates": act("dates", {"dates-violation_known_on": "2026-01-01"}),
    "disputes:action basis": act("basis", {"basis-act": "K1500000414", "basis-article": "52"}),
    "disputes:action decide": act("decide", {"decision-outcome": "won", "decision-decided_on": "2026-01-01"}),
    "disputes:action stage": act("stage", {"stage-kind": "appeal", "stage-repeat": "on"}),
    "disputes:action skip": act("skip", {"skip-kind": "cassation"}),
    "disputes:action hearing": act("hearing", {"hearing-starts_at": "2027-01-01T10:00"}),
    "disputes:action document": lambda w: ("post", reverse("disputes:action", args=[w.dispute_b.pk, "document"]),
                                           {"document-kind": "other", "document-files": upload("x.pdf", PDF)}),
    "disputes:action close": act("close"),
    "disputes:new POST": lambda w: ("post", reverse("disputes:new"), {"organisation": w.tree.school_b.pk,
                                                                      "kind": "individual", "subject": "x"}),
    "api dispute-detail": lambda w: ("api-get", f"/api/v1/disputes/{w.dispute_b.pk}/", None),
    "api dispute-stages": lambda w: ("api-get", f"/api/v1/disputes/{w.dispute_b.pk}/stages/", None),
    "api dispute-stages POST": lambda w: ("api-post", f"/api/v1/disputes/{w.dispute_b.pk}/stages/",
                                          {"kind": "appeal", "repeat": True}),
    "api dispute-decision": lambda w: ("api-post",
                                       f"/api/v1/disputes/{w.dispute_b.pk}/stages/{w.stage_b.pk}/decision/",
                                       {"outcome": "won", "decided_on": "2026-01-01"}),
    "api dispute-list POST": lambda w: ("api-post", "/api/v1/disputes/", {"appeal": w.appeal_b.pk}),
}

# Lists: they answer (or refuse), but show nothing of region B even when asked for it.
LIST_CASES = {
    "disputes:list": lambda w: (reverse("disputes:list"), {"region": w.tree.region_b.pk, "q": "Appeal",
                                                           "status": "all"}),
    "disputes:my_list": lambda w: (reverse("disputes:my_list"), {}),
    "disputes:calendar": lambda w: (reverse("disputes:calendar"), {"region": w.tree.region_b.pk}),
    "disputes:report": lambda w: (reverse("disputes:report"), {"by": "employer"}),
    "disputes:new": lambda w: (reverse("disputes:new"), {}),
    "disputes:calendar_feed": lambda w: (reverse("disputes:calendar_feed", args=[
        ical.make_token(w.user, region_id=w.tree.region_b.pk)]), {}),
    "api dispute-list": lambda w: ("/api/v1/disputes/", {}),
}


def _client(user, kind):
    if kind.startswith("api"):
        client = APIClient()
        client.force_authenticate(user)
        return client
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
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
    # the new-dispute form refuses an organisation outside the scope as an invalid choice (400)
    refused = REFUSED | {400} if case == "disputes:new POST" else REFUSED
    assert response.status_code in refused, (role, case, response.status_code)
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", sorted(LIST_CASES))
def test_lists_show_nothing_of_region_b(world, role, case):
    world.user = getattr(world.people, role)
    url, params = LIST_CASES[case](world)
    client = _client(world.user, case)
    response = client.get(url, params)
    if response.status_code in REFUSED:
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert world.dispute_b.number not in body and "B court" not in body and "Appeal B" not in body


def test_region_b_lawyer_sees_her_own(world):
    """The rows above would pass on an empty page: region B's lawyer does see the dispute everywhere."""
    client = _client(world.lawyer_b, "page")
    assert world.dispute_b.number in client.get(reverse("disputes:list")).content.decode()
    assert world.dispute_b.number in client.get(reverse("disputes:calendar")).content.decode()
    token = ical.make_token(world.lawyer_b, region_id=world.tree.region_b.pk)
    assert world.dispute_b.number in client.get(reverse("disputes:calendar_feed", args=[token])).content.decode()
    report = client.get(reverse("disputes:report"), {"by": "employer"})
    assert report.context["totals"]["disputes"] == 1


def test_matrix_covers_every_endpoint():
    resolver = get_resolver()
    names = {f"disputes:{n}" for n in resolver.namespace_dict["disputes"][1].reverse_dict if isinstance(n, str)}
    covered = {c.split(" ")[0] for c in REFUSED_CASES} | set(LIST_CASES)
    assert names <= covered, names - covered
    from odaq.disputes.api_urls import router

    routes = {url.name for url in router.urls}
    api_covered = {c.split(" ")[1] for c in [*REFUSED_CASES, *LIST_CASES] if c.startswith("api ")}
    assert routes <= api_covered, routes - api_covered
