"""Which language a question is written in: Kazakh, Russian, or neither (then the UI language answers)."""

import re

KK_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
LATIN = re.compile(r"[a-z]", re.IGNORECASE)

KK_WORDS = frozenset("""
және мен бен пен ма ме ба бе па пе ғой бар жоқ емес туралы бойынша үшін деп керек болады бола ала
бұл осы сол ол мен сен сіз біз олар қалай неге неше қанша қашан кім не ненің жұмыс жұмысқа жұмыстан
жұмыста мектеп мұғалім директор заң заңды заңсыз бала айлық жалақы ақша күн жыл ай апта алу беру берме
берді бермей алмай жатыр тұр еді екен деген дейді сұрақ сұраймын жауап көмек рахмет сәлем сәлеметсіз
""".split())
RU_WORDS = frozenset("""
и в во на не что как ли можно нельзя нужно надо если то это он она они мы вы я меня мне мой моя
при по за из от до для без или но а же бы был была были быть есть нет да ли со к ко у о об про
работа работу работы работе работаю работодатель директор школа учитель зарплата отпуск закон
законно имеет право какие какой сколько когда почему где здравствуйте спасибо пожалуйста
""".split())
RU_ENDINGS = ("ость", "ение", "ания", "ться", "ого", "его", "ому", "ыми", "ими", "ать", "ять", "ить", "ует",
              "ется", "ются", "ают", "ный", "ная", "ное", "ные", "ской", "ского", "щий", "ция", "ции", "ть")
KK_ENDINGS = ("ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "лар", "лер", "дар", "дер",
              "тар", "тер", "ды", "ді", "ты", "ті", "мын", "мін", "бын", "бін", "сыз", "сіз", "уге", "уға")


def detect_language(text: str) -> str | None:
    """"kk", "ru", or None when the text is not (mostly) Cyrillic or nothing tells."""
    words = [w.lower() for w in WORD.findall(text or "")]
    cyr = [w for w in words if CYRILLIC.search(w)]
    lat = [w for w in words if LATIN.search(w) and not CYRILLIC.search(w)]
    if not cyr or len(lat) > len(cyr):
        return None
    kk = ru = 0.0
    for w in cyr:
        if w in KK_WORDS and w in RU_WORDS:
            continue  # "не", "мен": both languages
        if any(ch in KK_LETTERS for ch in w):
            kk += 1.5
        elif w in KK_WORDS:
            kk += 1.5
        elif w in RU_WORDS or "ё" in w or any(ch in w for ch in "щъэ"):
            ru += 1.5
        elif w.endswith(RU_ENDINGS) and len(w) > 4:
            ru += 1
        elif w.endswith(KK_ENDINGS) and len(w) > 3:
            kk += 0.75
    if kk == ru:
        return "kk" if any(ch in KK_LETTERS for ch in text) else "ru"
    return "kk" if kk > ru else "ru"


def answer_language(text: str, ui_language: str | None) -> str:
    """The answer's language: the question's, else the UI's when it is kk or ru, else Kazakh."""
    detected = detect_language(text)
    if detected:
        return detected
    return ui_language if ui_language in ("kk", "ru") else "kk"
