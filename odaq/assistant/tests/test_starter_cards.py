"""Starter answers: written in advance, loaded as drafts for a lawyer, shown to members only once approved, and
labelled with the lawyer who approved them. Small test law (conftest ``law``), never the real corpus."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from odaq.aigov import selectors, services
from odaq.aigov.models import AnswerCard
from odaq.assistant import pipeline, starter_cards
from odaq.assistant import services as assistant_services
from odaq.assistant.management.commands.starter_cards import DEMO_LAWYER
from odaq.assistant.pipeline import citations
from odaq.core.audit_models import AuditRecord

Q_RU = "Можно ли разделить ежегодный отпуск на части?"
Q_KK = "Жыл сайынғы демалысты бөліктерге бөлуге бола ма?"

SPLIT = {"key": "leave-split", "topic": "leave", "articles": [["K1500000414", "96"]],
         "questions_kk": ["Демалысты бөліктерге бөлуге бола ма?", Q_KK],
         "questions_ru": ["Можно ли разделить отпуск на части?", Q_RU],
         "answer_kk": "Иә, тек келісім бойынша; бір бөлігі кемінде екі апта (Еңбек кодексінің 96-бабы).",
         "answer_ru": "Да, только по соглашению; одна часть не меньше двух недель (статья 96 Трудового кодекса РК)."}
PAY = {"key": "pay-when", "topic": "pay", "articles": [["K1500000414", "113"]],
       "questions_kk": ["Жалақы қашан төленеді?"], "questions_ru": ["Когда платят зарплату?"],
       "answer_kk": "Айына кемінде бір рет (Еңбек кодексінің 113-бабы).",
       "answer_ru": "Не реже раза в месяц (статья 113 Трудового кодекса РК)."}
GHOST = {"key": "ghost", "topic": "leave", "articles": [["K1500000414", "999"]],
         "questions_kk": ["Елес бап?"], "questions_ru": ["Несуществующая статья?"],
         "answer_kk": "Жоқ (Еңбек кодексінің 999-бабы).", "answer_ru": "Нет (статья 999 Трудового кодекса РК)."}


@pytest.fixture
def data_file(tmp_path):
    path = tmp_path / "cards.json"
    path.write_text(json.dumps({"cards": [SPLIT, PAY, GHOST]}, ensure_ascii=False), encoding="utf-8")
    return path


def run(*args) -> str:
    out = StringIO()
    call_command("starter_cards", *args, stdout=out)
    return out.getvalue()


def test_the_data_file_holds_forty_bilingual_cards_citing_only_their_own_articles():
    cards = starter_cards.read()
    assert len(cards) == 40 and len({c.key for c in cards}) == 40
    topics = {c.topic for c in cards}
    assert {"leave", "working_time", "pay", "dismissal", "certification", "discipline", "contract",
            "disputes"} <= topics
    for c in cards:
        assert c.questions_kk and c.questions_ru and c.articles, c.key
        for lang in ("kk", "ru"):
            cited = {(x.act, x.number) for x in citations.parse(getattr(c, f"answer_{lang}"))}
            assert cited == set(c.articles), (c.key, lang)  # every article named, none other


def test_cards_load_as_drafts_once_and_a_card_citing_a_missing_article_is_refused(law, data_file):
    out = run("--file", str(data_file))
    assert "2 loaded as drafts" in out and "1 refused" in out and "ghost (" in out and "K1500000414 999" in out
    assert set(AnswerCard.objects.values_list("starter_key", flat=True)) == {"leave-split", "pay-when"}
    assert all(c.is_draft and c.needs_review and c.approved_by is None for c in AnswerCard.objects.all())
    assert AuditRecord.objects.filter(action="ai.card_drafted").count() == 2
    assert "0 loaded as drafts" in run("--file", str(data_file)) and AnswerCard.objects.count() == 2
    assert selectors.usable_cards() == []
    assert pipeline.run(Q_RU).composer != "card"  # a draft is never shown to members


def test_the_service_refuses_a_card_whose_article_is_not_in_the_knowledge_base(law):
    with pytest.raises(ValidationError) as exc:
        services.draft_starter_card(key="ghost", questions_kk="а", questions_ru="б", answer_kk="в",
                                    answer_ru="г", articles=[("K1500000414", "999")])
    assert "articles" in exc.value.message_dict
    assert not AnswerCard.objects.exists()


def test_an_approved_starter_card_answers_and_is_labelled_with_its_lawyer(law, data_file, people, client):
    run("--file", str(data_file))
    card = AnswerCard.objects.get(starter_key="leave-split")
    with pytest.raises(PermissionDenied):  # approved answers serve every member: central reviewers only
        services.approve_card(card, people.lawyer)
    people.central_admin.display_name = "Айгүл Серікқызы"
    people.central_admin.save(update_fields=["display_name"])
    services.approve_card(card, people.central_admin)
    card.refresh_from_db()
    assert not card.is_draft and card.approved_by == people.central_admin and card.cited.count() == 2
    assert AuditRecord.objects.filter(action="ai.card_approved", actor_id=people.central_admin.pk).exists()
    client.force_login(people.member_user)
    for lang, question, label in (
            ("ru", Q_RU, "Проверено юристом профсоюза: Айгүл Серікқызы"),
            ("kk", Q_KK, "Кәсіподақ заңгері тексерген: Айгүл Серікқызы")):
        client.cookies["django_language"] = lang
        record = assistant_services.ask(question, channel="cabinet", user=people.member_user, ui_language=lang)
        assert record.composer == "card" and record.card == card and record.checked_on == card.approved_at
        html = client.get(f"/assistant/answers/{record.pk}/").content.decode()
        assert label in html and card.answer_in(lang)[:20] in html
    # a card loaded again keeps the lawyer's approval
    run("--file", str(data_file))
    card.refresh_from_db()
    assert not card.is_draft


def test_the_demo_approves_drafts_as_the_demo_lawyer_and_says_so(law, data_file, people, settings):
    people.central_admin.email = DEMO_LAWYER
    people.central_admin.save(update_fields=["email"])
    out = run("--file", str(data_file), "--approve-demo")
    assert out.count("\n") == 1 and f"2 approved as the demo lawyer {DEMO_LAWYER}" in out
    assert not AnswerCard.objects.filter(approved_at__isnull=True).exists()
    assert AuditRecord.objects.filter(action="ai.card_approved", actor_id=people.central_admin.pk).count() == 2
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        run("--file", str(data_file), "--approve-demo")


def test_the_review_queue_lists_waiting_cards_for_central_reviewers_only(law, data_file, people, client):
    run("--file", str(data_file))
    card = AnswerCard.objects.get(starter_key="leave-split")
    client.force_login(people.central_admin)
    html = client.get("/ai/review/").content.decode()
    assert f'id="waiting-card-{card.pk}"' in html
    assert client.get(f"/ai/cards/{card.pk}/").content.decode().count('id="starter-draft-note"') == 1
    client.force_login(people.lawyer)
    assert 'id="waiting-cards"' not in client.get("/ai/review/").content.decode()
