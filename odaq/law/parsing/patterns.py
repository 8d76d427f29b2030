"""What a line of an act looks like: article and structure headings, points, footnotes, service notes.

Shared by every format. Each pattern is applied to one logical line with the format's markup removed.
"""

import re
from dataclasses import dataclass

NUM = r"\d{1,4}(?:-\d{1,3})*"  # "52", "20-1", "124-2"
ROMAN = r"[IVXLCІ]+"  # Roman numerals, sometimes typed with the Cyrillic "І"

# "Статья 52. Title", "Статья 9. Исключена …", "Статья 9 исключена …" (no dot)
_ARTICLE_RU = re.compile(rf"^Статья\s+({NUM})(?:\s*\.\s*(.*)|\s+((?:исключена|утратила)\b.*))$", re.I | re.S)
# "52-бап. Title", "9-бап алып тасталды …"
_ARTICLE_KK = re.compile(rf"^({NUM})\s*-\s*бап(?:\s*\.\s*(.*)|\s+((?:алып\s+тасталды|күші\s+жойылды)\b.*))$",
                         re.I | re.S)

_STRUCTURE = [
    ("part", re.compile(r"^((?:ОБЩАЯ|ОСОБЕННАЯ)\s+ЧАСТЬ|(?:ЖАЛПЫ|ЕРЕКШЕ)\s+БӨЛІК)\s*\.?$", re.I), None),
    ("section", re.compile(rf"^Раздел\s+({NUM}|{ROMAN})(?:\s*\.\s*(.*)|$)", re.I | re.S), 1),
    ("section", re.compile(rf"^({NUM}|{ROMAN})\s*-\s*бөлім(?:\s*\.\s*(.*)|$)", re.I | re.S), 1),
    ("chapter", re.compile(rf"^Глава\s+({NUM}|{ROMAN})(?:\s*\.\s*(.*)|$)", re.I | re.S), 1),
    ("chapter", re.compile(rf"^({NUM}|{ROMAN})\s*-\s*тарау(?:\s*\.\s*(.*)|$)", re.I | re.S), 1),
    ("paragraph", re.compile(rf"^Параграф\s+({NUM})(?:\s*\.\s*(.*)|$)", re.I | re.S), 1),
    ("paragraph", re.compile(rf"^({NUM})\s*-\s*параграф(?:\s*\.\s*(.*)|$)", re.I | re.S), 1),
]
HEADING_RANK = {"part": 0, "section": 1, "chapter": 2, "paragraph": 3}

_POINT = re.compile(rf"^({NUM})\.(?:\s+|(?=[«\"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]))(.*)$", re.S)
_SUBPOINT = re.compile(rf"^({NUM})\)\s*(.*)$", re.S)

FOOTNOTE = re.compile(  # "Сноска. …", "Ескерту. …", and the odd footnote that lost its label
    rf"^(?:(?:Сноска|Ескерту)(?:\s*\.|\s+(?=[А-ЯЁӘҒҚҢӨҰҮҺІ\d]))|Стать[яи]\s+{NUM}\s+(?:с\s+изменени|в\s+редакции|дополнен)"
    rf"|{NUM}\s*-\s*бап(?:қа|тың)\s+(?:өзгеріс|толықтыру|жаңа\s+редакция))"
)
# Service notes of the Institute of legislation (ИЗПИ / ЗҚАИ) and the former РЦПИ (РҚАО); "Ескертпе!" in Markdown.
NOTE_MARKER = re.compile(
    r"^(?:Примечание\s+(?:ИЗПИ|РЦПИ)|(?:ҚР\s+)?(?:ЗҚАИ|РҚАО)\s*-?\s*н[ыі]ң\s+ескертпесі|Ескертпе"
    r"|Вниманию\s+пользователей|Қолданушылар\s+назарына)\s*!\s*(.*)$",
    re.I | re.S,
)
# Decisions of the Constitutional Court that adilet inserts into the text (red, unlabelled in plain text).
COURT_NOTE = re.compile(r"^(?:Нормативным\s+постановлением\s+Конституционного\s+Суда|ҚР\s+Конституциялық\s+Сотының)")
SIGNATURE = re.compile(r"^(?:Президент\s+Республики\s+Казахстан|Қазақстан\s+Республикасының\s+Президенті)\b", re.I)
# A footnote or note saying that the whole article is gone.
_REPEALED_NOTE = re.compile(
    rf"(?:Стать[яи]\s+({NUM})\s+(?:исключена|утратила\s+силу)|({NUM})\s*-\s*бап\s+(?:алып\s+тасталды|күші\s+жойылды))",
    re.I,
)
_REPEALED_TITLE = re.compile(r"^(?:исключена|утратила\s+силу|алып\s+тасталды|күші\s+жойылды)\b", re.I)
# A reference to an article of the same act: "статьей 150 настоящего Кодекса", "осы Кодекстің 150-бабы".
SELF_REFERENCE = re.compile(
    rf"(?:стать\w*\s+({NUM})\s+настоящего\s+(?:Кодекса|Закона)|осы\s+(?:Кодекст[іi]ң|Заңның)\s+({NUM})\s*-\s*ба[бп])",
    re.I,
)


@dataclass
class ArticleHead:
    number: str
    title: str
    repealed: bool


@dataclass
class StructureHead:
    kind: str
    number: str
    title: str  # the whole heading line, e.g. "Глава 1. Общие положения"


def match_article(text: str) -> ArticleHead | None:
    for rx in (_ARTICLE_RU, _ARTICLE_KK):
        m = rx.match(text)
        if m:
            number = re.sub(r"\s*-\s*", "-", m.group(1))
            title = (m.group(2) if m.group(2) is not None else m.group(3) or "").strip()
            repealed = m.group(3) is not None or bool(_REPEALED_TITLE.match(title))
            return ArticleHead(number, title, repealed)
    return None


def match_structure(text: str) -> StructureHead | None:
    for kind, rx, group in _STRUCTURE:
        m = rx.match(text)
        if m:
            number = re.sub(r"\s*-\s*", "-", m.group(group)) if group else ""
            return StructureHead(kind, number, " ".join(text.split()))
    return None


def match_point(text: str) -> tuple[str, str, bool] | None:
    """``(number, text, is_subpoint)`` for "1. …" (point) or "1) …" (subpoint)."""
    m = _POINT.match(text)
    if m:
        return m.group(1), m.group(2).strip(), False
    m = _SUBPOINT.match(text)
    if m:
        return m.group(1), m.group(2).strip(), True
    return None


def is_structural(text: str) -> bool:
    """Does this line start something new (so a broken line must not be glued onto it from above)?"""
    return bool(
        match_article(text) or match_structure(text) or match_point(text) or FOOTNOTE.match(text)
        or NOTE_MARKER.match(text) or COURT_NOTE.match(text) or SIGNATURE.match(text)
    )


def repealed_by_note(number: str, notes: list[str]) -> bool:
    for note in notes:
        for m in _REPEALED_NOTE.finditer(note):
            if (m.group(1) or m.group(2)) == number:
                return True
    return False


def number_key(number: str) -> tuple[int, ...]:
    """Sort key of an article number: "20-1" -> (20, 1)."""
    return tuple(int(p) for p in re.findall(r"\d+", number)) or (0,)
