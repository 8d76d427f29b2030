"""Scope matrix of the AI pages: staff of region A try every page on region B's records (and on public records,
which only central reviewers see); every attempt is refused and nothing changes. Lists never show them.

``test_matrix_covers_every_url`` fails when a URL of the aigov or assistant namespace, or an API route of
these apps, has no row here.
"""

import pytest
from django.urls import get_resolver, reverse

from odaq.aigov.models import AIRecord, AnswerCard
from odaq.aigov.tests.factories import AIRecordFactory, AnswerCardFactory
from odaq.law.models import Citation
from odaq.orgs.tests.factories import MembershipFactory

ROLES_OF_REGION_A = ["chair", "lawyer", "regional_staff", "regional_admin", "auditor"]
REFUSED = {403, 404}


@pytest.fixture
def world(people, tree):
    w = people
    w.member_b_user = MembershipFactory(organisation=tree.school_b).person
    w.record_b = AIRecordFactory(organisation=tree.school_b, question="Вопрос региона Б про отпуск")
    w.record_public = AIRecordFactory(organisation=None, question="Вопрос посетителя сайта про отпуск")
    w.record_a = AIRecordFactory(organisation=tree.school_a, question="Вопрос региона А про отпуск")
    w.card = AnswerCardFactory(source_record=w.record_b, questions_ru="Карточка региона Б")
    return w


def snapshot():
    return (sorted(AIRecord.objects.values_list("pk", "review_status", "decision", "review_note", "corrected_answer",
                                                "reviewer_id", "feedback", "flags")),
            sorted(AnswerCard.objects.values_list("pk", "questions_ru", "answer_ru", "active", "needs_review")),
            Citation.objects.count())


DECIDE = {"decision": "correct", "note": "взлом", "corrected_answer": "Чужой ответ"}
CARD = {"questions_kk": "а", "questions_ru": "б", "answer_kk": "в", "answer_ru": "г", "articles": "K1500000414 96"}

# (name, how to build the request for a foreign record) — each tried on region B and on a public record.
OBJECT_CASES = {
    "aigov:record": lambda w, r: ("get", reverse("aigov:record", args=[r.pk]), None),
    "aigov:record POST": lambda w, r: ("post", reverse("aigov:record", args=[r.pk]), DECIDE),
    "aigov:card_new": lambda w, r: ("get", reverse("aigov:card_new", args=[r.pk]), None),
    "aigov:card_new POST": lambda w, r: ("post", reverse("aigov:card_new", args=[r.pk]), CARD),
    "aigov:card_edit": lambda w, r: ("get", reverse("aigov:card_edit", args=[w.card.pk]), None),
    "aigov:card_edit POST": lambda w, r: ("post", reverse("aigov:card_edit", args=[w.card.pk]), CARD),
    "aigov:card_retire": lambda w, r: ("post", reverse("aigov:card_retire", args=[w.card.pk]), {}),
    # a member's own answers: staff of another region cannot see or act on them either
    "assistant:record": lambda w, r: ("get", reverse("assistant:record", args=[r.pk]), None),
    "assistant:ask_lawyer": lambda w, r: ("post", reverse("assistant:ask_lawyer", args=[r.pk]), {}),
    "assistant:feedback": lambda w, r: ("post", reverse("assistant:feedback", args=[r.pk]), {"feedback": "down"}),
}
# Lists: they answer (or refuse) but never show what lies outside the scope.
LIST_CASES = {
    "aigov:queue": "aigov:queue",
    "aigov:records": "aigov:records",
    "aigov:cards": "aigov:cards",
    "assistant:chat": "assistant:chat",
}
# Pages of everyone's own use (no foreign object to reach); checked in test_views.
OWN_CASES = {"assistant:chat_new", "assistant:public", "assistant-ask"}


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(OBJECT_CASES))
@pytest.mark.parametrize("target", ["record_b", "record_public"])
def test_region_a_staff_cannot_reach_foreign_ai_records(client, world, role, case, target):
    client.force_login(getattr(world, role))
    before = snapshot()
    method, url, data = OBJECT_CASES[case](world, getattr(world, target))
    response = getattr(client, method)(url, data or {})
    assert response.status_code in REFUSED, (role, case, target, response.status_code)
    assert snapshot() == before


@pytest.mark.parametrize("role", ROLES_OF_REGION_A)
@pytest.mark.parametrize("case", sorted(LIST_CASES))
def test_lists_never_show_foreign_records(client, world, role, case):
    client.force_login(getattr(world, role))
    response = client.get(reverse(LIST_CASES[case]))
    assert response.status_code in {200, *REFUSED}
    html = response.content.decode()
    for foreign in (world.record_b.question, world.record_public.question, "Карточка региона Б"):
        assert foreign not in html


def test_region_a_staff_see_their_own_region(client, world):
    client.force_login(world.lawyer)
    assert world.record_a.question in client.get(reverse("aigov:queue")).content.decode()
    assert client.get(reverse("aigov:record", args=[world.record_a.pk])).status_code == 200
    client.force_login(world.auditor)  # auditors read all records of their subtree, and decide nothing
    assert world.record_a.question in client.get(reverse("aigov:records")).content.decode()
    assert client.get(reverse("aigov:queue")).status_code == 403
    before = snapshot()
    assert client.post(reverse("aigov:record", args=[world.record_a.pk]), DECIDE).status_code in REFUSED
    assert snapshot() == before
    client.force_login(world.central_admin)
    html = client.get(reverse("aigov:records")).content.decode()
    assert all(r.question in html for r in (world.record_a, world.record_b, world.record_public))


def test_members_have_no_staff_pages(client, world):
    client.force_login(world.member_user)
    for name in ("aigov:queue", "aigov:records", "aigov:cards"):
        assert client.get(reverse(name)).status_code == 403


def test_matrix_covers_every_url():
    covered = {c.split(" ")[0] for c in OBJECT_CASES} | set(LIST_CASES) | OWN_CASES
    names = set()
    for namespace in ("aigov", "assistant"):
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {f"{namespace}:{n}" for n in resolver.reverse_dict if isinstance(n, str)}
    from odaq.aigov import api_urls as aigov_api
    from odaq.assistant import api_urls as assistant_api

    for module in (aigov_api, assistant_api):
        names |= {p.name for p in module.urlpatterns if getattr(p, "name", None)}
        names |= {f"{prefix}" for prefix, _viewset, _basename in module.router.registry}
    assert names - covered == set()
