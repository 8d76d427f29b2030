import pytest

from odaq.practice.deid import deidentify

from .deid_corpus import CASES


def _survivors(case):
    text, _counts = deidentify(case["text"], case["lang"])
    return text, [p for p in case["pii"] if p in text]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}-{i}" for i, c in enumerate(CASES)])
def test_no_personal_datum_survives(case):
    text, left = _survivors(case)
    assert left == [], text


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}-{i}" for i, c in enumerate(CASES)])
def test_courts_organisations_and_articles_stay(case):
    text, _counts = deidentify(case["text"], case["lang"])
    assert [k for k in case["keep"] if k not in text] == [], text


def test_recall_over_the_corpus():
    total = sum(len(c["pii"]) for c in CASES)
    left = sum(len(_survivors(c)[1]) for c in CASES)
    assert (total - left) / total == 1.0


def test_names_are_replaced_by_roles_in_each_language():
    ru, _ = deidentify("Истец Иванова Мария Петровна обратилась в суд. Ответчик Петров П.П. иск не признал. "
                       "Суд выслушал Иванову и Петрова.", "ru")
    assert "Иванов" not in ru and "Петров" not in ru
    assert "Суд выслушал Истец и Ответчик." in ru
    kk, _ = deidentify("Талапкер Сейткалиева Айгерім Бақытжанқызы сотқа жүгінді. Сот Сейткалиеваны тыңдады.", "kk")
    assert "Сот Талапкер тыңдады." in kk


def test_a_representative_is_not_labelled_with_the_party_he_represents():
    text, _ = deidentify("Представитель ответчика Петренко И.И. пояснил иное. Суд отклонил доводы Петренко.", "ru")
    assert "Суд отклонил доводы Представитель." in text


def test_iin_phone_and_address_are_replaced_and_counted():
    text, counts = deidentify("Истец Ахметов, ИИН 850115400123, тел. +7 701 234 56 78, проживает по адресу: "
                              "г. Астана, ул. Кенесары, д. 40, кв. 12.", "ru")
    assert "850115400123" not in text and "234 56 78" not in text and "Кенесары" not in text
    assert counts == {"names": 1, "addresses": 1, "numbers": 2}
