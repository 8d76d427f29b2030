"""Citations of articles in Kazakh and Russian legal text (court decisions, appeals, claims, answers).

Finds references such as "подпункт 2) пункта 1 статьи 52 ТК РК", "ст.ст. 88, 92 Трудового кодекса",
"статьями 159–161", "(ст. 54 там же)", "ҚР Еңбек кодексінің 52-бабы 1-тармағының 2) тармақшасы",
"ЕК-нің 113-бабына", "«Педагог мәртебесі туралы» Заңның 12-бабы", and resolves each to an act of the
knowledge base and an article that exists there (in either language edition).

How it works: the text is scanned for *article groups* (one or more article numbers with their point and
subpoint) and for *act mentions* (a code or law named by title or abbreviation, an act outside the base such
as the Civil Procedure Code, a repealed act such as the Labour Code of 15 May 2007, or an anaphor such as
"там же" / "осы кодекстің"). A Russian-style group ("статья 52 …") takes the act named after it, a
Kazakh-style group ("… 52-бабы") the act named before it, within the same sentence; groups joined by a comma
or a conjunction share their act. A group whose act is outside the base, repealed or not found is dropped, as
is an article number that the act does not have.

No database access here: :class:`Catalogue` holds what the base has (act ids, titles, article numbers) and
is built by :func:`odaq.law.selectors.citation_catalogue`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LABOUR_CODE = "K1500000414"

UNKNOWN = ""  # an act outside the knowledge base, or a repealed one
ANAPHOR = "^"  # "там же", "указанного кодекса", "осы кодекстің": the act named last

# Known acts by the words of their title (Russian and Kazakh), checked against a law's captured title.
TITLE_WORDS = [
    ("Z1400000211", re.compile(r"профессиональн\w*\s+союз|профсоюз|кәсіптік\s+одақ|кәсіподақ", re.I)),
    ("Z1900000293", re.compile(r"статус\w*\s+педагог|педагог\w*\s+мәртебе", re.I)),
    ("Z1300000094", re.compile(r"персональн\w*\s+данн|дербес\s+дерек", re.I)),
    ("Z2500000230", re.compile(r"искусственн\w*\s+интеллект|жасанды\s+интеллект", re.I)),
    ("Z070000319_", re.compile(r"^\W*об?\s+образовани\w*\W*$|^\W*білім\s+туралы\W*$", re.I)),
]

W = r"[\w\-]"
NUM = r"\d{1,4}(?:\s*-\s*\d{1,4}(?!\s*\)))?"
SEP_RU = r"(?:\s*(?:,|;|и|–|—|-|по|\bи\s+по)\s*)"
SEP_KK = r"(?:\s*(?:,|;|және|мен|–|—|-)\s*)"

RU_GROUP = re.compile(
    r"(?<![\w.])"
    r"(?:(?:подпункт\w*|подп\.|пп\.)\s*(?P<sub>\d{1,3})\s*\)?\s*,?\s*)?"
    r"(?:(?:абзац\w*|абз\.)\s*\d{1,3}\s*,?\s*)?"
    r"(?:(?:пункт\w*|п\.|част\w*|ч\.)\s*(?P<pt>\d{1,3})(?:\s*(?:,|и)\s*\d{1,3})*\s*,?\s*)?"
    r"(?:стать\w*|ст\.\s*ст\.|стст\.|ст\.|статей)\s*(?:с\s+)?"
    rf"(?P<nums>{NUM}(?:{SEP_RU}{NUM})*)"
    r"(?![\d\w])",
    re.I,
)
# A subpoint or point alone before a group ("подпункта 2) пункта 1 статьи 52" is covered by RU_GROUP).

KK_GROUP = re.compile(
    r"(?<![\w\-.])"
    rf"(?P<nums>{NUM}(?:{SEP_KK}{NUM})*)\s*-?\s*ба[бп]\w*"
    r"(?:\s*(?P<pt>\d{1,3})\s*-?\s*(?:тармағ|тармақ(?!ша)|бөліг|бөлік)\w*)?"
    r"(?:\s*(?P<sub>\d{1,3})\s*\)?\s*тармақша\w*)?",
    re.I,
)

# Act mentions.
LABOUR_RU = re.compile(r"(?<![\w])трудов\w*\s+кодекс\w*(?:\s+(?:Республики\s+Казахстан|РК)\b)?", re.I)
LABOUR_KK = re.compile(r"(?:(?:ҚР|Қазақстан\s+Республикасы(?:ның)?)\s+)?еңбек\s+кодекс\w*", re.I)
LABOUR_ABBR = re.compile(r"(?<![\w])(?:ТК|ЕК)(?:\s*РК|\s*ҚР)?(?:-\w+)?(?![\w])")
OTHER_CODE_ABBR = re.compile(
    r"(?<![\w])(?:ГПК|АПК|АППК|ГК|УК|УПК|КоАП|НК|ПК|СК|ЖК|ӘРПК|ӘҚБтК|АІЖК|АПҚК|АК|ҚК|ҚПК|ӘПК|СК)"
    r"(?:\s*РК|\s*ҚР)?(?:-\w+)?(?![\w])")
ANY_CODE = re.compile(r"(?<![\w-])(?P<adj>[^\W\d_]+)\s+кодекс\w*", re.I)
BARE_CODE = re.compile(r"(?<![\w])Кодекс\w*(?:\s+(?:Республики\s+Казахстан|РК)\b)?")
ANAPHORS = re.compile(
    r"(?<![\w])(?:там\s+же|тех\s+же|того\s+же(?:\s+(?:кодекса|закона))?"
    r"|(?:указанн|настоящ|данн|названн|вышеуказанн|эт)\w*\s+(?:кодекс|закон)\w*"
    r"|(?:осы|аталған|сол|көрсетілген|бұл|аталмыш)\s+(?:кодекс|заң)\w*|сонда)(?![\w])",
    re.I,
)
LAW_RU = re.compile(
    r"(?<![\w])закон\w*(?:\s+(?:Республики\s+Казахстан|РК))?"
    r"(?:\s+от\s+[^«»\n;]{0,60}?\s*«(?P<q2>[^«»]{3,200})»|\s*«(?P<q>[^«»]{3,200})»|\s+(?P<t>(?:об?|о)\s+[^,.;:()\n«»]{3,80}?)(?=[,.;:()\n]|\s+(?:и|или|в|на|по|от|а)\s|$))?",
    re.I,
)
LAW_KK = re.compile(
    r"(?:«(?P<q>[^«»]{3,200})»|(?P<t>(?:[\w\-]+\s+){1,6}туралы))\s*"
    r"(?:(?:ҚР|Қазақстан\s+Республикасы(?:ның)?)\s+)?"
    r"(?:\d{4}\s+жылғы\s+\d{1,2}\s+\w+\s+)?(?:№\s*[\w\-]+\s+)?"
    r"заң\w*",
    re.I,
)
OTHER_ACTS = re.compile(
    r"(?<![\w])(?:конституци\w*|правил\w*|приказ\w*|постановлени\w*|положени\w*|инструкци\w*|регламент\w*"
    r"|договор\w*|соглашени\w*|конвенци\w*|указ(?:а|ом|е|у|ы)?|решени\w*|определени\w*|устав\w*"
    r"|қағида\w*|бұйрығ\w*|бұйрық\w*|қаулы\w*|ереже\w*|нұсқаулы\w*|шарт\w*|келісім\w*(?!\s+комисси)|конвенция\w*|жарғы\w*"
    r"|шешім\w*|ұйғарым\w*)(?![\w])",
    re.I,
)
REPEALED_AFTER = re.compile(r"^(?:(?!\.\s)[^;«»)\n]){0,40}?(?<!\d)2007(?!\d)|^[^.;]{0,25}(?:утративш|утратил)", re.I)
REPEALED_BEFORE = re.compile(r"(?:2007\s+жылғы\s+\d{1,2}\s+\w+|2007\s+ж\.?|ранее\s+действовавш\w*|прежн\w*|старо\w*"
                             r"|бұрынғы|күшін\s+жойған|утративш\w+\s+силу)\W{0,3}(?:(?:ҚР|Қазақстан\s+Республикасы(?:ның)?)\s+)?$",
                             re.I)

SENTENCE_END = re.compile(r"[.!?;]\s+(?=[\"«(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])|\n")
CONNECTOR = re.compile(r"^[\s,;]*(?:и|а\s+также|также|или|және|мен|, а|,)?[\s,;]*$", re.I)


@dataclass
class Catalogue:
    """What the knowledge base holds: article numbers (both editions) by act id, and act titles."""

    articles: dict[str, set[str]] = field(default_factory=dict)
    titles: dict[str, list[str]] = field(default_factory=dict)

    def has(self, act: str, number: str) -> bool:
        return number in self.articles.get(act, ())

    def act_by_title(self, title: str) -> str:
        title = " ".join(title.split())
        for act, rx in TITLE_WORDS:
            if act in self.articles and rx.search(title):
                return act
        wanted = _title_key(title)
        if wanted:
            for act, names in self.titles.items():
                if any(_title_key(n) == wanted for n in names):
                    return act
        return UNKNOWN


def _title_key(title: str) -> str:
    words = re.findall(r"\w+", title.lower())
    return " ".join(w[:5] for w in words)


@dataclass(frozen=True)
class Citation:
    act: str
    article: str
    point: str
    subpoint: str
    start: int
    end: int

    def as_dict(self) -> dict:
        return {"act": self.act, "article": self.article, "point": self.point, "subpoint": self.subpoint,
                "start": self.start, "end": self.end}


@dataclass
class _Group:
    start: int
    end: int
    kazakh: bool
    point: str
    subpoint: str
    numbers: list[tuple[str, int, int, bool]]  # (token, start, end, dash-range follows from previous)
    act: str | None = None


@dataclass
class _Mention:
    start: int
    end: int
    act: str  # act id, UNKNOWN or ANAPHOR
    other: bool = False  # a document that is no act of law (order, contract, decision…)


def _groups(text: str) -> list[_Group]:
    out: list[_Group] = []
    for rx, kazakh in ((RU_GROUP, False), (KK_GROUP, True)):
        for m in rx.finditer(text):
            nums_start = m.start("nums")
            numbers = []
            prev_end = None
            for n in re.finditer(r"\d{1,4}(?:\s*-\s*\d{1,4})?", m.group("nums")):
                s, e = nums_start + n.start(), nums_start + n.end()
                between = text[prev_end:s] if prev_end is not None else ""
                ranged = prev_end is not None and bool(re.search(r"[–—-]|\bпо\b", between))
                numbers.append((re.sub(r"\s+", "", n.group()), s, e, ranged))
                prev_end = e
            out.append(_Group(m.start(), m.end(), kazakh, m.group("pt") or "", m.group("sub") or "", numbers))
    out.sort(key=lambda g: g.start)
    kept: list[_Group] = []
    for g in out:
        if kept and g.start < kept[-1].end:
            continue
        kept.append(g)
    return kept


def _mentions(text: str, catalogue: Catalogue) -> list[_Mention]:
    found: list[_Mention] = []

    def add(start: int, end: int, act: str, other: bool = False) -> None:
        found.append(_Mention(start, end, act, other))

    for m in ANAPHORS.finditer(text):
        add(m.start(), m.end(), ANAPHOR)
    for rx in (LABOUR_RU, LABOUR_KK, LABOUR_ABBR):
        for m in rx.finditer(text):
            before, after = text[max(0, m.start() - 45):m.start()], text[m.end():m.end() + 60]
            repealed = bool(REPEALED_AFTER.search(after) or REPEALED_BEFORE.search(before))
            known = LABOUR_CODE in catalogue.articles
            add(m.start(), m.end(), LABOUR_CODE if known and not repealed else UNKNOWN)
    for m in OTHER_CODE_ABBR.finditer(text):
        add(m.start(), m.end(), UNKNOWN)
    for m in ANY_CODE.finditer(text):
        adj = m.group("adj").lower()
        if adj.startswith(("трудов", "еңбек")):
            continue
        add(m.start(), m.end(), UNKNOWN)
    for m in BARE_CODE.finditer(text):
        add(m.start(), m.end(), ANAPHOR)
    for m in LAW_RU.finditer(text):
        title = m.group("q") or m.group("q2") or m.group("t") or ""
        add(m.start(), m.end(), catalogue.act_by_title(title) if title else ANAPHOR)
    for m in LAW_KK.finditer(text):
        title = m.group("q") or m.group("t") or ""
        start = m.start("q") - 1 if m.group("q") else m.start("t")
        add(start, m.end(), catalogue.act_by_title(title))
    for m in OTHER_ACTS.finditer(text):
        add(m.start(), m.end(), UNKNOWN, other=True)
    # Overlaps: the longest mention wins (a law's title may contain "кодекс", a code's name a date…).
    found.sort(key=lambda x: (x.start, -(x.end - x.start)))
    kept: list[_Mention] = []
    for mention in found:
        if kept and mention.start < kept[-1].end:
            continue
        kept.append(mention)
    return kept


def _sentences(text: str) -> list[int]:
    """Start offsets of sentences."""
    return [0] + [m.end() for m in SENTENCE_END.finditer(text)]


def _expand(act: str, tokens: list[tuple[str, int, int, bool]], catalogue: Catalogue):
    """(number, start, end) for each article of a list; "159–161" and "68-70" are ranges, "139-1" a number."""
    out: list[tuple[str, int, int]] = []
    for token, s, e, ranged in tokens:
        if "-" in token:
            a, b = token.split("-", 1)
            if catalogue.has(act, token):
                out.append((token, s, e))
            elif int(b) > int(a) and int(b) - int(a) <= 40:
                out.extend((str(n), s, e) for n in range(int(a), int(b) + 1))
            else:
                out.append((token, s, e))
            continue
        if ranged and out and out[-1][0].isdigit():
            first = int(out[-1][0])
            last = int(token)
            if last > first and last - first <= 40:
                out.extend((str(n), s, e) for n in range(first + 1, last + 1))
                continue
        out.append((token, s, e))
    return out


def extract(text: str, catalogue: Catalogue) -> list[Citation]:
    """Every resolved article citation in ``text``, in order of appearance."""
    groups = _groups(text)
    if not groups:
        return []
    mentions = _mentions(text, catalogue)
    starts = _sentences(text)

    def sentence_of(pos: int) -> int:
        lo = 0
        for i, s in enumerate(starts):
            if s <= pos:
                lo = i
            else:
                break
        return lo

    def mention_between(lo: int, hi: int, after: bool) -> _Mention | None:
        inside = [m for m in mentions if m.start >= lo and m.end <= hi]
        if not inside:
            return None
        return inside[0] if after else inside[-1]

    def other_group_between(lo: int, hi: int) -> bool:
        return any(lo <= g.start and g.end <= hi for g in groups)

    for i, g in enumerate(groups):
        sent = sentence_of(g.start)
        sent_start = starts[sent]
        sent_end = starts[sent + 1] if sent + 1 < len(starts) else len(text)
        nxt = groups[i + 1].start if i + 1 < len(groups) else len(text)
        prv = groups[i - 1].end if i > 0 else 0
        if not g.kazakh:
            m = mention_between(g.end, min(nxt, sent_end), after=True)
            if m is not None:
                g.act = m.act
        else:
            m = mention_between(max(prv, sent_start), g.start, after=False)
            if m is not None:
                g.act = m.act
    # Groups that share an act with a neighbour: "ст. 52, ст. 53 ТК РК", "52-бабы және 53-бабы".
    for _ in range(2):
        for i in range(len(groups) - 1, -1, -1):
            g = groups[i]
            if g.act is not None:
                continue
            if not g.kazakh and i + 1 < len(groups):
                nxt = groups[i + 1]
                if nxt.act is not None and CONNECTOR.match(text[g.end:nxt.start]):
                    g.act = nxt.act
        for i, g in enumerate(groups):
            if g.act is not None or i == 0:
                continue
            prev = groups[i - 1]
            if prev.act is not None and CONNECTOR.match(text[prev.end:g.start]):
                g.act = prev.act
    # Still nothing: the act named just before (Russian order reversed: "ТК РК, статья 52") or, for a Kazakh
    # group, the act named before it earlier in the sentence.
    for g in groups:
        if g.act is not None:
            continue
        sent_start = starts[sentence_of(g.start)]
        m = mention_between(sent_start, g.start, after=False)
        if m is None:
            continue
        gap = text[m.end:g.start]
        if g.kazakh or (len(gap) <= 40 and not other_group_between(m.end, g.start)):
            g.act = m.act

    # "там же", "указанного Кодекса": the act of the reference before, else the act named last.
    last: str | None = None
    for g in groups:
        if g.act == ANAPHOR:
            if last is None:
                named = [m for m in mentions if m.end <= g.start and m.act != ANAPHOR and not m.other]
                last = named[-1].act if named else UNKNOWN
            g.act = last
        if g.act is not None:
            last = g.act

    out: list[Citation] = []
    for g in groups:
        if not g.act:
            continue
        expanded = _expand(g.act, g.numbers, catalogue)
        for n, (number, s, e) in enumerate(expanded):
            if not catalogue.has(g.act, number):
                continue
            single = len(expanded) == 1
            start = g.start if single or n == 0 else s
            end = g.end if single else e
            out.append(Citation(g.act, number, g.point, g.subpoint, start, end))
    return out
