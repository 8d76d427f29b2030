"""Expert review of the assistant's answers (aigov services driven through the assistant): the queue rules,
decisions with notes, notifications, approved answers and their staleness, the lawyer's sources."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from odaq.aigov import selectors, services
from odaq.aigov.models import AIRecord, AnswerCard
from odaq.aigov.tests.factories import AIRecordFactory
from odaq.assistant import pipeline
from odaq.assistant import services as assistant_services
from odaq.core.audit_models import AuditRecord
from odaq.notify.models import Notification

Q_RU = "Можно ли разделить ежегодный отпуск на части?"


def ask(user=None, question=Q_RU, channel="cabinet"):
    return assistant_services.ask(question, channel=channel, user=user)


def test_queue_rules(law, people, settings):
    assert ask(people.member_user).review_status == "none"
    sensitive = ask(people.member_user, "Меня хотят уволить по сокращению штата, законно ли это?")
    assert sensitive.review_status == "pending" and "sensitive_topic" in sensitive.flags
    settings.ODAQ_AI_REVIEW_SAMPLE = 1.0
    sampled = ask(people.member_user)
    assert sampled.review_status == "pending" and "sample" in sampled.flags
    assert AuditRecord.objects.filter(action="ai.answered").count() == 3


def test_every_record_keeps_sources_with_article_and_edition(law, people):
    record = ask(people.member_user)
    source = record.sources[0]
    assert {"act", "number", "lang", "article", "edition"} <= set(source) and source["article"]
    assert record.latency_ms >= 0 and record.composer == "extractive" and record.citations


def test_decisions_need_what_they_need_and_change_nothing_otherwise(law, people):
    record = AIRecordFactory(user=people.member_user, organisation=people.member_a.organisation)
    with pytest.raises(ValidationError):
        services.decide(record, people.lawyer, "correct", corrected_answer="")
    with pytest.raises(ValidationError):
        services.decide(record, people.lawyer, "reject", note="")
    with pytest.raises(ValidationError):
        services.decide(record, people.lawyer, "maybe")
    record.refresh_from_db()
    assert record.review_status == "pending" and record.reviewer is None
    services.decide(record, people.lawyer, "approve", note="Верно")
    record.refresh_from_db()
    assert record.review_status == "approved" and record.reviewer == people.lawyer and record.reviewed
    with pytest.raises(ValidationError):  # a second decision on the same record
        services.decide(record, people.lawyer, "reject", note="передумала")
    assert not Notification.objects.exists()  # approval of an unasked answer: nothing to tell


def test_correction_notifies_the_member_in_her_language(law, people):
    people.member_user.language = "kk"
    people.member_user.save(update_fields=["language"])
    record = AIRecordFactory(user=people.member_user, organisation=people.member_a.organisation, language="kk")
    services.decide(record, people.lawyer, "correct", corrected_answer="Түзетілген жауап.", note="Нақтыланды")
    note = Notification.objects.get(user=people.member_user)
    assert note.language == "kk" and "Түзетілген жауап." in note.body and note.kind == "ai.reviewed"
    record.refresh_from_db()
    assert record.shown_answer == "Түзетілген жауап." and record.checked_on is not None


def test_reviewers_outside_the_scope_are_refused(law, people, tree):
    record_b = AIRecordFactory(organisation=tree.school_b)
    with pytest.raises(PermissionDenied):
        services.decide(record_b, people.lawyer, "approve")
    public = AIRecordFactory(organisation=None)
    with pytest.raises(PermissionDenied):
        services.decide(public, people.lawyer, "approve")
    services.decide(public, people.central_admin, "approve")
    assert list(selectors.review_queue(people.lawyer)) == []
    assert set(selectors.review_queue(people.central_admin)) == {record_b}


def test_a_card_answers_close_questions_and_goes_back_to_review_when_its_article_changes(law, people):
    from odaq.assistant.tests.conftest import RU, parsed
    from odaq.law import search
    from odaq.law import services as law_services

    card = services.save_card(people.central_admin, questions_kk="Демалысты бөліктерге бөлуге бола ма?",
                              questions_ru="Можно ли разделить ежегодный отпуск на части?\nДелится ли отпуск?",
                              answer_kk="Иә, келісім бойынша бөлуге болады (Еңбек кодексінің 96-бабы).",
                              answer_ru="Да, по соглашению сторон (статья 96 Трудового кодекса РК).",
                              articles=[("K1500000414", "96")])
    assert card.cited.count() == 2  # both languages' text hashes
    result = pipeline.run(Q_RU)
    assert result.composer == "card" and result.card == card and result.good == {("K1500000414", "96")}
    record = ask(people.member_user)
    assert record.card == card and record.checked_on == card.approved_at
    assert pipeline.run("Какая зарплата у педагога в горах?").composer == "extractive"

    changed = dict(RU, **{"96": (RU["96"][0], "1. Отпуск делится на части только по письменному соглашению.")})
    law_services.import_edition(parsed("ru", changed), raw=repr(changed), source="test")
    search.rebuild()
    result = pipeline.run(Q_RU)
    assert result.composer == "extractive" and "stale_card" in result.flags
    card.refresh_from_db()
    assert card.needs_review
    assert list(selectors.cards_for_review()) == [card]
    assert pipeline.run(Q_RU).composer == "extractive"  # not shown while it waits for review
    services.save_card(people.central_admin, card=card, questions_kk=card.questions_kk,
                       questions_ru=card.questions_ru, answer_kk=card.answer_kk, answer_ru=card.answer_ru,
                       articles=[("K1500000414", "96")])
    card.refresh_from_db()
    assert not card.needs_review and pipeline.run(Q_RU).composer == "card"


def test_a_card_must_cite_articles_that_exist(law, people):
    with pytest.raises(ValidationError):
        services.save_card(people.central_admin, questions_kk="а", questions_ru="б", answer_kk="в", answer_ru="г",
                           articles=[("K1500000414", "999")])
    with pytest.raises(PermissionDenied):  # regional lawyers make cards only from answers of their scope
        services.save_card(people.lawyer, questions_kk="а", questions_ru="б", answer_kk="в", answer_ru="г",
                           articles=[("K1500000414", "96")])
    assert not AnswerCard.objects.exists()


def test_negative_feedback_requeues_an_approved_answer(law, people):
    record = AIRecordFactory(user=people.member_user, organisation=people.member_a.organisation)
    services.decide(record, people.lawyer, "approve")
    services.give_feedback(record, "down", "Не помогло")
    record.refresh_from_db()
    assert record.review_status == "pending" and "negative_feedback" in record.flags
    assert AIRecord.objects.count() == 1


def test_records_page_filters(client, people, tree):
    AIRecordFactory(organisation=tree.school_a, question="Про отпуск", language="ru", flags=["sensitive_topic"])
    AIRecordFactory(organisation=tree.school_a, question="Демалыс туралы", language="kk", flags=[],
                    review_status="none", channel="api")
    client.force_login(people.auditor)
    client.cookies["django_language"] = "en"

    def shown(**params):
        html = client.get("/ai/records/", params).content.decode()
        return {q for q in ("Про отпуск", "Демалыс туралы") if q in html}

    assert shown() == {"Про отпуск", "Демалыс туралы"}
    assert shown(language="kk") == {"Демалыс туралы"}
    assert shown(flag="sensitive_topic") == {"Про отпуск"}
    assert shown(status="pending", channel="cabinet") == {"Про отпуск"}
    assert shown(q="Демалыс") == {"Демалыс туралы"}
    assert client.get("/ai/records/", {"status": "bogus"}).status_code == 200  # a bad filter is ignored


def test_lawyer_decides_through_the_page_and_bad_input_changes_nothing(client, people, tree):
    record = AIRecordFactory(organisation=tree.school_a, user=people.member_user)
    client.force_login(people.lawyer)
    client.cookies["django_language"] = "en"
    bad = client.post(f"/ai/records/{record.pk}/", {"decision": "correct", "corrected_answer": "", "note": ""})
    assert bad.status_code == 400 and "Write the corrected answer." in bad.content.decode()
    record.refresh_from_db()
    assert record.review_status == "pending"
    ok = client.post(f"/ai/records/{record.pk}/", {"decision": "reject", "note": "Неверная статья"})
    assert ok.status_code == 302
    record.refresh_from_db()
    assert record.review_status == "rejected" and record.review_note == "Неверная статья"
    assert AuditRecord.objects.filter(action="ai.reviewed").count() == 1


def test_a_corrected_answer_shows_the_lawyers_sources_not_the_ais(law, client, people):
    record = AIRecordFactory(user=people.member_user, organisation=people.member_a.organisation,
                             flags=["asked_lawyer"])  # the AI cited article 96
    with pytest.raises(ValidationError):
        services.decide(record, people.lawyer, "correct", corrected_answer="Это про виды отпусков.",
                        articles=[("K1500000414", "999")])
    record.refresh_from_db()
    assert record.review_status == "pending" and record.corrected_citations == []
    client.force_login(people.lawyer)
    response = client.post(f"/ai/records/{record.pk}/", {"decision": "correct", "note": "",
                                                        "corrected_answer": "Виды отпусков названы в статье 87.",
                                                        "articles": "K1500000414 87"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.shown_citations == [{"act": "K1500000414", "number": "87", "verified": True, "reason": ""}]
    client.force_login(people.member_user)
    html = client.get(f"/assistant/answers/{record.pk}/").content.decode()
    assert "/law/K1500000414/87/" in html and "/law/K1500000414/96/" not in html
    from odaq.assistant.api import answer_payload

    assert [c["number"] for c in answer_payload(record)["citations"]] == ["87"]


def test_changing_a_card_forgets_its_vectors_through_the_signal(law, people, django_capture_on_commit_callbacks):
    from odaq.assistant.pipeline import cards

    with django_capture_on_commit_callbacks(execute=True):
        card = services.save_card(people.central_admin, questions_kk="Демалыс бөлінеді ме?",
                                  questions_ru="Делится ли отпуск?", answer_kk="Иә (96-бап).",
                                  answer_ru="Да (статья 96 ТК РК).", articles=[("K1500000414", "96")])
    assert [s.number for s in cards.card_sources(card, "kk")] == ["96"]
    cards._cache[card.pk] = (card.updated_at, None)
    with django_capture_on_commit_callbacks(execute=True):
        services.retire_card(card, people.central_admin)
    assert card.pk not in cards._cache
