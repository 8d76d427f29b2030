"""Personal numbers in every usual written form never reach the AI record, the model request or a log line.

Each variant goes through the real ask path (``services.ask``) with a local OpenAI-compatible model endpoint.
"""

import json
import logging
import re

import pytest
from django.forms.models import model_to_dict

from odaq.assistant import services
from odaq.assistant.pipeline.masking import mask, normalise
from odaq.core.audit_models import AuditRecord
from odaq.core.iin import is_valid_iin

IIN = "850115300120"  # valid: 15.01.1985, male, check digit 0
IIN2 = "900308400455"  # valid: 08.03.1990, female
BAD = "850115300123"  # a real birth date, a mistyped check digit: still someone's number
MOBILE = "7011234567"
MOBILE2 = "7477654321"
ZW = "\u200b"  # zero-width space
Q_RU = "Можно ли разделить ежегодный отпуск на части?"
Q_KK = "Жыл сайынғы демалысты бөліктерге бөлуге бола ма?"


def zw(s: str, ch: str = ZW) -> str:
    return ch.join(s)


def fullwidth(s: str) -> str:
    return "".join(chr(0xFF10 + int(c)) for c in s)


def arabic_indic(s: str) -> str:
    return "".join(chr(0x0660 + int(c)) for c in s)


CASES = [
    # Russian
    (f"Мой ИИН {IIN}, подскажите.", [IIN]),
    (f"ИИН {IIN} 15 лет стажа.", [IIN]),
    (f"{IIN} 01.09.2024 подала заявление.", [IIN]),
    (f"ИИН {BAD} 15 лет", [BAD]),
    (f"{BAD} 01.09.2024", [BAD]),
    ("ИИН 8501 1530 0123 15 лет", [BAD]),
    (f"ИИН: {IIN[:6]} {IIN[6:]}.", [IIN]),
    (f"ИИН {IIN[:6]}-{IIN[6:]}", [IIN]),
    ("ИИН 850 115 300 120, стаж 15 лет", [IIN]),
    (f"ИИН {zw(IIN)}", [IIN]),
    (f"ИИН {zw(IIN, chr(0x200D))} 15 лет", [IIN]),
    (f"ИИН {IIN[:4]}\u2060{IIN[4:8]}\u00ad{IIN[8:]}", [IIN]),
    (f"ИИН {fullwidth(IIN)}", [IIN]),
    (f"ИИН {arabic_indic(IIN)}", [IIN]),
    (f"ИИН {IIN[:6]}\u00a0{IIN[6:]} и {IIN[:6]}\u2013{IIN[6:]}", [IIN]),
    (f"приказ №12{IIN}", [IIN]),
    (f"ИИН {IIN}15 лет", [IIN]),
    (f"ИИН {IIN}, телефон +7 701 123 45 67", [IIN, MOBILE]),
    ("тел. 8 (701) 123-45-67", [MOBILE]),
    ("звоните +77011234567 после 18", [MOBILE]),
    ("87011234567 звоните после 18", [MOBILE]),
    ("мой номер 7011234567", [MOBILE]),
    ("тел 8-701-123-45-67", [MOBILE]),
    ("тел. +7 (7172) 12-34-56", ["7172123456"]),
    ("8 727 123 45 67 15 лет работаю", ["7271234567"]),
    (f"тел +7{ZW}701{ZW}1234567", [MOBILE]),
    ("8 701 123 45 67 01.09.2024", [MOBILE]),
    # Kazakh
    (f"Менің ЖСН {IIN}, көмектесіңіз.", [IIN]),
    (f"ЖСН {IIN} 25 жас.", [IIN]),
    (f"ЖСН: {IIN2[:6]} {IIN2[6:]} 2024 жылы", [IIN2]),
    (f"ЖСН {zw(IIN2)} оқытушымын", [IIN2]),
    ("Телефоным +7 747 765 43 21, хабарласыңыз", [MOBILE2]),
    ("Телефон: 8 (747) 765-43-21 кешке", [MOBILE2]),
    (f"ЖСН {IIN2} және телефон 87477654321", [IIN2, MOBILE2]),
    (f"ЖСН {fullwidth(IIN2)} 01.09.2024 бастап", [IIN2]),
    (f"жеке куәлік, ЖСН {IIN2[:3]} {IIN2[3:6]} {IIN2[6:9]} {IIN2[9:]}, 12 жыл өтіл", [IIN2]),
]


def test_the_fixtures_are_what_they_say():
    assert is_valid_iin(IIN) and is_valid_iin(IIN2) and not is_valid_iin(BAD)
    assert len(CASES) >= 30


def _digits(text: str) -> str:
    return re.sub(r"\D", "", normalise(text))


@pytest.mark.parametrize("prefix, secrets", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_no_personal_number_reaches_record_model_or_log(law, chat_server, people, caplog, prefix, secrets):
    caplog.set_level(logging.DEBUG)
    kazakh = any(ch in prefix for ch in "әғқңөұүһі") or "ЖСН" in prefix
    question = f"{prefix} {Q_KK if kazakh else Q_RU}"
    chat_server.replies = ["Да, по соглашению сторон отпуск можно разделить (статья 96 Трудового кодекса РК)."]
    record = services.ask(question, channel="api", user=people.member_user)

    assert chat_server.raw, "the model endpoint was asked"
    body = chat_server.all_bodies
    sent_question = "".join(json.loads(raw)["messages"][1]["content"].split("<question>")[1].split("</question>")[0]
                            for raw in chat_server.raw)
    stored = json.dumps(model_to_dict(record), ensure_ascii=False, default=str)
    audit = json.dumps([a.data for a in AuditRecord.objects.all()], ensure_ascii=False, default=str)
    logged = caplog.text + "".join(repr(vars(r)) for r in caplog.records)
    for secret in secrets:
        # digits joined across separators and invisible characters: the number is gone, not merely split
        assert secret not in _digits(record.question), record.question
        assert secret not in _digits(sent_question), sent_question
        for where in (body, stored, audit, logged):
            assert secret not in where
    assert "[IIN]" in record.question or "[PHONE]" in record.question


def test_numbers_that_are_not_personal_data_stay():
    masked, kinds = mask("Приказ № 45 от 01.09.2024, стаж 15 лет, договор 1234567890123, 2024-2025 оқу жылы")
    assert masked == "Приказ № 45 от 01.09.2024, стаж 15 лет, договор 1234567890123, 2024-2025 оқу жылы"
    assert kinds == []


def test_a_feedback_comment_is_masked_like_a_question(law, client, people):
    record = services.ask(Q_RU, channel="cabinet", user=people.member_user)
    client.force_login(people.member_user)
    client.post(f"/assistant/answers/{record.pk}/feedback/",
                {"feedback": "down", "comment": f"Не то. Мой ИИН {IIN[:6]} {IIN[6:]}, тел. 8 701 123 45 67"})
    record.refresh_from_db()
    assert record.feedback == "down" and IIN not in _digits(record.feedback_comment)
    assert MOBILE not in _digits(record.feedback_comment) and "[IIN]" in record.feedback_comment
