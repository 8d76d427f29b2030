"""Citations in answer text: find them (Russian, Kazakh, links), verify them, strip the rest, link the good ones.

A citation is verified when the article exists in the knowledge base **and** was among the retrieved sources.
A bare article number with no act named nearby is taken as the Labour Code, the code this assistant explains.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

LABOUR_CODE = "K1500000414"

# act id → (Russian genitive form, Kazakh genitive form) used when the assistant writes a citation,
# and the words that identify the act when reading one.
ACT_FORMS = {
    "K1500000414": ("Трудового кодекса РК", "Еңбек кодексінің"),
    "Z1400000211": ("Закона РК «О профессиональных союзах»", "«Кәсіптік одақтар туралы» Заңның"),
    "Z1900000293": ("Закона РК «О статусе педагога»", "«Педагог мәртебесі туралы» Заңның"),
    "Z070000319_": ("Закона РК «Об образовании»", "«Білім туралы» Заңның"),
    "Z1300000094": ("Закона РК «О персональных данных и их защите»",
                    "«Дербес деректер және оларды қорғау туралы» Заңның"),
    "Z2500000230": ("Закона РК «Об искусственном интеллекте»", "«Жасанды интеллект туралы» Заңның"),
}
ACT_WORDS = [
    ("Z1400000211", re.compile(r"профессиональн\w* союз|профсоюз|кәсіптік одақ|кәсіподақтар туралы", re.I)),
    ("Z1900000293", re.compile(r"статус\w* педагог|педагог мәртебе", re.I)),
    ("Z1300000094", re.compile(r"персональн\w* данн|дербес дерек", re.I)),
    ("Z2500000230", re.compile(r"искусственн\w* интеллект|жасанды интеллект", re.I)),
    ("Z070000319_", re.compile(r"об образовании|закон\w* .{0,3}образовани|білім туралы", re.I)),
    ("K1500000414", re.compile(r"трудов\w* кодекс|\bТК\b|еңбек кодекс|\bЕК\b", re.I)),
]
NUM = r"\d{1,4}(?:-\d{1,2})?"
RU_CITE = re.compile(
    rf"(?<![\w-])(?:ст\.|стст\.|статьями|статьях|статьям|статьей|статьёй|статья|статьи|статье|статью)\s*"
    rf"(?P<nums>{NUM}(?:\s*(?:,|и)\s*{NUM})*)(?![\d\w-])", re.I)
KK_CITE = re.compile(
    rf"(?<![\w-])(?P<nums>(?:{NUM}\s*,\s*)*{NUM}(?:\s+және\s+{NUM})?)\s*-\s*ба[бп]\w*", re.I)
LINK = re.compile(r"/law/(?P<act>[A-Za-z0-9_]{5,32})/(?P<num>\d{1,4}(?:-\d{1,2})?)/(?:\?lang=(?:kk|ru))?")
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[^\s\da-zа-яёәғқңөұүһі])")


@dataclass(frozen=True)
class Cited:
    act: str
    number: str
    start: int
    end: int


def _act_near(text: str, start: int, end: int, kazakh: bool) -> str:
    """The act named next to the number, within the same sentence: after it in Russian, before it in Kazakh."""
    if kazakh:
        window = re.split(r"[.!?;\n]\s", text[max(0, start - 80):start])[-1]
    else:
        window = re.split(r"[.!?;\n]\s", text[end:end + 80])[0]
    hits = [(m.start(), act) for act, rx in ACT_WORDS for m in rx.finditer(window)]
    if not hits:
        return LABOUR_CODE
    return (max(hits) if kazakh else min(hits))[1]


def parse(text: str) -> list[Cited]:
    """Every article citation in ``text``, in order."""
    out: list[Cited] = []
    taken: list[tuple[int, int]] = []
    for m in LINK.finditer(text):
        out.append(Cited(m.group("act"), m.group("num"), m.start(), m.end()))
        taken.append((m.start(), m.end()))
    for rx in (RU_CITE, KK_CITE):
        for m in rx.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue
            act = _act_near(text, m.start(), m.end(), kazakh=rx is KK_CITE)
            for num in re.findall(NUM, m.group("nums")):
                out.append(Cited(act, num, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda c: c.start)


QUOTE = re.compile(r"(?<=: )«([^«»]{20,})»")  # a quotation introduced by a colon, not an act's name


def _norm(text: str) -> str:
    return " ".join((text or "").split()).lower()


def mask_quotes(text: str, sources: Iterable[str]) -> str:
    """Blank out verbatim quotations of retrieved article text: references inside them are the law's own
    words, not the assistant's citations. The result has the same length as ``text``."""
    corpus = [_norm(s) for s in sources if s]
    if not corpus:
        return text

    def verbatim(quote: str) -> bool:
        pieces = [_norm(p) for p in quote.split("…")]
        pieces = [p for p in pieces if p]
        return bool(pieces) and all(any(p in c for c in corpus) for p in pieces)

    return QUOTE.sub(lambda m: "«" + ("_" * len(m.group(1)) if verbatim(m.group(1)) else m.group(1)) + "»", text)


def verify(text: str, retrieved: Iterable[tuple[str, str]], exists: Callable[[str, str], bool]):
    """(citations with their verdict, the set of (act, number) that passed)."""
    allowed = set(retrieved)
    verdicts, good = [], set()
    seen: dict[tuple[str, str], dict] = {}
    for c in parse(text):
        key = (c.act, c.number)
        if key in seen:
            continue
        if not exists(*key):
            v = {"act": c.act, "number": c.number, "verified": False, "reason": "not_in_knowledge_base"}
        elif key not in allowed:
            v = {"act": c.act, "number": c.number, "verified": False, "reason": "not_retrieved"}
        else:
            v = {"act": c.act, "number": c.number, "verified": True, "reason": ""}
            good.add(key)
        seen[key] = v
        verdicts.append(v)
    return verdicts, good


def strip(text: str, good: set[tuple[str, str]], masked: str | None = None) -> tuple[str, int]:
    """Remove every sentence that cites something outside ``good``; returns (text, sentences removed).

    ``masked`` (same length as ``text``, see :func:`mask_quotes`) is what citations are read from.
    """
    masked = text if masked is None else masked
    removed = 0
    lines = []
    offset = 0
    for line in masked.split("\n"):
        original = text[offset:offset + len(line)]
        offset += len(line) + 1
        kept, start = [], 0
        bounds = [m.start() for m in SENTENCE_END.finditer(line)] + [len(line)]
        for end in bounds:
            sentence = line[start:end]
            if any((c.act, c.number) not in good for c in parse(sentence)):
                removed += 1
            else:
                kept.append(original[start:end].strip())
            start = end
        kept = [k for k in kept if k]
        if kept or not line.strip():
            lines.append(" ".join(kept))
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return cleaned, removed


def article_url(act: str, number: str, lang: str) -> str:
    return f"/law/{act}/{number}/?lang={lang}"


def cite_form(act: str, number: str, lang: str) -> str:
    """How the assistant writes a citation: «статья 88 Трудового кодекса РК» / «Еңбек кодексінің 88-бабы»."""
    ru, kk = ACT_FORMS.get(act, ("", ""))
    if lang == "kk":
        return f"{kk} {number}-бабы" if kk else f"{number}-бап"
    return f"статья {number} {ru}" if ru else f"статья {number}"


def render(text: str, good: set[tuple[str, str]], lang: str) -> SafeString:
    """Escaped answer text with verified citations turned into links to the article pages."""
    out, last = [], 0
    for c in parse(text):
        if c.start < last or (c.act, c.number) not in good:
            continue
        out.append(escape(text[last:c.start]))
        out.append(f'<a class="cite" href="{escape(article_url(c.act, c.number, lang))}">'
                   f"{escape(text[c.start:c.end])}</a>")
        last = c.end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
