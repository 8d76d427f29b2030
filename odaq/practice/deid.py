"""De-identification of court decisions (Kazakh and Russian) before anything is stored for search.

Replaced: IINs, phone numbers, e-mail and card numbers (:mod:`odaq.core.masking`), street addresses, and the
names of natural persons — by their role in the case ("Истец", "Ответчик", "Талапкер", "Жауапкер",
"Свидетель"…) or, when no role is named, by "Лицо 1" / "1-тұлға".

Persons are found where a decision names them: a full name with a patronymic ("Иванова Мария Петровна",
"Сейткалиева Айгерім Бақытжанқызы"), a surname with initials ("Иванова М.П.", "А.Б. Сейткалиева"), or a
capitalised word right after a role ("истица Ахметова", "жауапкер Омаров"). Every later form of each name is
then replaced too, whatever its case ending ("Ивановой", "Ивановаға", "Марии", "Бақытжанқызының"), with the
initials next to it. Legal entities (ТОО «…», КГУ «…»), courts, cities and article references stay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from odaq.core.masking import mask

UP = "А-ЯЁӘҒҚҢӨҰҮҺІ"
LOW = "а-яёәғқңөұүһі"
NAME = rf"[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?"
INITIAL = rf"[{UP}]\.\s?(?:[{UP}]\.)?"
PATRONYMIC = rf"[{UP}][{LOW}]+(?:вич|вн|ичн|ұлы|улы|қыз|кыз)[{LOW}]*"

FULL = re.compile(rf"(?<![\w-])(?P<a>{NAME})\s+(?P<b>{NAME})\s+(?P<c>{PATRONYMIC})(?![\w-])")
SURNAME_INITIALS = re.compile(rf"(?<![\w-])(?P<a>{NAME})\s+{INITIAL}(?![\w])")
INITIALS_SURNAME = re.compile(rf"(?<![\w.])[{UP}]\.\s?[{UP}]\.\s?(?P<a>{NAME})(?![\w-])")

ROLES = [  # (pattern of the role word, Russian label, Kazakh label)
    (r"истц\w*|истиц\w*|истец", "Истец", "Талапкер"),
    (r"ответчи\w*", "Ответчик", "Жауапкер"),
    (r"талапкер\w*", "Истец", "Талапкер"),
    (r"жауапкер\w*", "Ответчик", "Жауапкер"),
    (r"свидетел\w*|куәгер\w*", "Свидетель", "Куәгер"),
    (r"представител\w*|өкіл\w*", "Представитель", "Өкіл"),
    (r"третье\w*\s+лиц\w*|третьего\s+лица|үшінші\s+тұлға\w*", "Третье лицо", "Үшінші тұлға"),
    (r"заявител\w*|арыз\s*беруші\w*", "Заявитель", "Арыз беруші"),
    (r"работник\w*|работниц\w*|қызметкер\w*", "Работник", "Қызметкер"),
    (r"судь\w*|судья\w*", "Судья", "Судья"),
    (r"секретар\w*|хатшы\w*", "Секретарь", "Хатшы"),
    (r"прокурор\w*", "Прокурор", "Прокурор"),
    (r"адвокат\w*", "Адвокат", "Адвокат"),
]
ROLE_WORD = re.compile(r"(?<![\w])(?:" + "|".join(p for p, _r, _k in ROLES) + r")(?![\w])", re.I)
ROLE_AT_END = re.compile(r"(?<![\w])(?:" + "|".join(p for p, _r, _k in ROLES) + r")\s*[:\-–—]?\s*$", re.I)
AFTER_ROLE = re.compile(rf"\s*[:\-–—]?\s*(?P<a>{NAME})(?:\s+(?P<b>{NAME}))?(?![\w-])")
NOT_NAMES = {
    "тоо", "ао", "гу", "кгу", "ргу", "ип", "кгкп", "гккп", "мемлекеттік", "республики", "республикасы",
    "казахстан", "қазақстан", "суд", "сот", "сотқа", "суда", "суду", "управление", "управления", "отдел", "отдела",
    "школа", "школы", "мектеп", "мектебі", "колледж", "колледжа", "гимназия", "гимназии", "лицей", "лицея",
    "министерство", "министерства", "акимат", "акимата", "әкімдігі", "по", "не", "на", "в", "о", "об", "и",
    "указал", "указала", "пояснил", "пояснила", "просит", "просил", "просила", "обратился", "обратилась",
    "иск", "исковые", "требования", "талап", "талапты", "жұмыс", "работодатель", "жұмыс беруші",
}
STOP_STEMS = {"респу", "казах", "қазақ", "алмат", "астан", "шымк", "карағ", "қараға"}

# Addresses: a lead ("по адресу:", "мекенжайы:") takes the rest of the clause; a street marker takes the street,
# house and flat that follow (Russian) or the street before it (Kazakh).
ADDRESS_LEAD = re.compile(
    r"(?P<lead>(?:по\s+адресу|адрес\w*|мекенжай\w*(?:\s+бойынша)?)\s*:?\s*)(?P<tail>[^;()\n]+?)"
    r"(?=\s*(?:[;()\n]|(?<!\bг)(?<!\bс)(?<!\bп)(?<!ул)(?<!\bд)(?<!кв)(?<!пр)(?<!мкр)(?<!\bқ)\.\s+[" + UP + r"]"
    r"|,\s+(?:тел|телефон|ИИН|ЖСН|[" + LOW + r"]{4,}(?:\s|$)))|\.?$)",
    re.I,
)
_HOUSE = r"(?:д\.|дом|кв\.|квартира|корп\.|корпус|үй|пәтер|н\.п\.|уч\.|участок)"
_ADDR_TAIL = (
    rf"(?:[\s,]*(?:{_HOUSE}\s*№?\s*\d+[\w/-]*|\d+[\w/-]*(?:\s*-\s*(?:үй|пәтер)\w*)?|\d+\s+(?:үй|пәтер)\w*"
    rf"|№\s*\d+[\w/-]*))*"
)
STREET_RU = re.compile(
    r"(?<![\w])(?:ул\.|улица|улице|пр\.|пр-т|проспект\w*|мкр\.?|микрорайон\w*|пер\.|переул\w*|б-р|бульвар\w*"
    r"|шоссе|трасс\w*|жилой\s+массив|ж\.м\.)"
    rf"\s*[«\"]?(?:[{UP}\d][\w-]*)(?:\s+[{UP}][\w-]*)?[»\"]?" + _ADDR_TAIL,
    re.I,
)
STREET_KK = re.compile(
    rf"(?<![\w])(?:[{UP}\d][\w-]*\s+){{1,2}}(?:көшесі\w*|даңғылы\w*|шағын\s+ауданы\w*|ы/а|ш/а|тұйығы\w*)"
    + _ADDR_TAIL,
)


@dataclass
class Person:
    tokens: set[str]
    role: str
    pattern: re.Pattern | None = None


KK_SUFFIXES = sorted(
    "ның нің дың дің тың тің ға ге қа ке на не ны ні ды ді ты ті мен бен пен да де та те дан ден тан тен нан нен "
    "ға ға ге ге на не ға ның ын ін н".split(), key=len, reverse=True)
SURNAME = re.compile(r"^(.{2,}?(?:ов|ев|ёв|ин|ын|ск|цк))(?:а|у|ой|ым|ом|е|ою|ых|ыми|ого|ому|ая|ую|ий|ого|ей)?$")
RU_ENDINGS = ("ией", "ией", "ой", "ей", "ью", "ия", "ии", "ию", "ом", "ем", "ым", "а", "я", "ы", "и", "у", "ю", "е")


def _base(word: str, lang: str = "ru") -> str:
    """The part of a name that every case form starts with: "Ивановой" → "Иванов", "Марии" → "Мар",
    "Сейткалиеваның" → "Сейткалиев", "Бақытжанқызының" → "Бақытжанқыз"."""
    w = word
    for suffix in KK_SUFFIXES if lang == "kk" else ():
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            stripped = w[: -len(suffix)]
            if stripped[-1].lower() in "аеыіоөұүуяиюэ" or suffix in ("ның", "нің", "ны", "ні", "на", "не", "ға", "ге"):
                w = stripped
                break
    m = SURNAME.match(w)
    if m:
        return m.group(1)
    if w.lower().endswith(("ұлы", "улы", "қызы", "кызы")):
        return w[:-1]
    for ending in RU_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)]
    return w


def _overlaps(a: set[str], b: set[str]) -> bool:
    return bool(a & b)


def _role_before(text: str, start: int, lang: str) -> str:
    window = text[max(0, start - 40):start]
    found = list(ROLE_WORD.finditer(window))
    if not found:
        return ""
    m = found[-1]
    if window[m.end():].strip(" :,-–—") != "":
        return ""
    if len(found) > 1 and not window[found[-2].end():m.start()].strip():
        pair = found[-2].group(0) + " " + m.group(0)
        if re.search(r"представител|өкіл", pair, re.I):
            return "Өкіл" if lang == "kk" else "Представитель"
    for pattern, ru, kk in ROLES:
        if re.fullmatch(pattern, m.group(0), re.I):
            return kk if lang == "kk" else ru
    return ""


def _persons(text: str, lang: str) -> list[Person]:
    people: list[Person] = []

    def add(tokens: list[str], start: int) -> None:
        tokens = [t for t in tokens if t and t.lower() not in NOT_NAMES]
        if not tokens:
            return
        bases = {_base(t, lang) for t in tokens}
        bases = {b for b in bases if len(b) >= 3 and b.lower()[:5] not in STOP_STEMS}
        if not bases:
            return
        role = _role_before(text, start, lang)
        for p in people:
            if _overlaps(p.tokens, bases):
                p.tokens |= bases
                p.role = p.role or role
                return
        people.append(Person(bases, role))

    for m in FULL.finditer(text):
        add([m.group("a"), m.group("b"), m.group("c")], m.start())
    for rx in (SURNAME_INITIALS, INITIALS_SURNAME):
        for m in rx.finditer(text):
            add([m.group("a")], m.start())
    for m in ROLE_WORD.finditer(text):
        after = AFTER_ROLE.match(text, m.end())
        if after and (after.group("a") or "").lower() not in NOT_NAMES:
            tokens = [after.group("a")]
            if after.group("b") and (FULL.match(text, after.start("a")) or after.group("b").lower() not in NOT_NAMES):
                tokens.append(after.group("b"))
            add(tokens, m.end())
    return people


def _label(person: Person, lang: str, used: dict[str, int], counter: list[int]) -> str:
    role = person.role
    if not role:
        counter[0] += 1
        return f"{counter[0]}-тұлға" if lang == "kk" else f"Лицо {counter[0]}"
    used[role] = used.get(role, 0) + 1
    return role if used[role] == 1 else f"{role} {used[role]}"


def deidentify(text: str, lang: str = "ru") -> tuple[str, dict[str, int]]:
    """The decision's text with personal data replaced, and how many of each kind were replaced."""
    counts = {"names": 0, "addresses": 0, "numbers": 0}
    masked, kinds = mask(text)
    counts["numbers"] = sum(masked.count(t) for t in ("[IIN]", "[PHONE]", "[EMAIL]", "[CARD]"))
    iin, phone = ("[ЖСН]", "[телефон]") if lang == "kk" else ("[ИИН]", "[телефон]")
    masked = masked.replace("[IIN]", iin).replace("[PHONE]", phone).replace("[EMAIL]", "[e-mail]")
    masked = masked.replace("[CARD]", "[карта]")
    address = "[мекенжай]" if lang == "kk" else "[адрес]"

    def lead(m: re.Match) -> str:
        counts["addresses"] += 1
        return m.group("lead") + address

    masked = ADDRESS_LEAD.sub(lead, masked)
    for rx in (STREET_RU, STREET_KK):
        masked, n = rx.subn(address, masked)
        counts["addresses"] += n

    people = _persons(masked, lang)
    used: dict[str, int] = {}
    counter = [0]
    for person in people:
        label = _label(person, lang, used, counter)
        alternatives = "|".join(re.escape(b) for b in sorted(person.tokens, key=len, reverse=True))
        word = rf"(?:{alternatives})[{LOW}]{{0,7}}"
        rx = re.compile(
            rf"(?<![\w-])(?:[{UP}]\.\s?(?:[{UP}]\.)?\s?)?{word}(?:\s+{word}){{0,2}}(?:\s+{INITIAL})?(?![\w-])"
        )

        def name(m: re.Match, label: str = label) -> str:
            counts["names"] += 1
            before = m.string[max(0, m.start() - 40):m.start()]
            return "" if ROLE_AT_END.search(before) else label

        masked = rx.sub(name, masked)
    masked = re.sub(r"(?<=\S) {2,}", " ", masked)
    masked = re.sub(r" +(?=[,.;:)])", "", masked)
    return masked, counts
