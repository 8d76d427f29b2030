"""The rule that answers: the point, subpoint or sentence of a retrieved article that fits the question best.

Retrieval ranks whole articles; a member needs the one sentence of the law that answers her — with its
conditions and numbers — not the passage window around the matched words. Each retrieved article is cut into
units along its parsed structure (a point; a subpoint together with the words of its point that introduce it;
the sentences of a long point), each unit is scored by how much of the question it covers, and the best units
lead the answer.

Fit = the share of the question's words (weighted by their rarity in the corpus, so "какой", "можно" weigh
little) that the unit contains: a word counts whole when its stem is in the unit and in part when most of its
character 4-grams are (Kazakh suffixes, Russian forms the stemmer leaves apart). A word the corpus never uses
("пенсия", "налог") weighs the most and is never found: a question about something the law texts do not
regulate gets a low fit everywhere, and the answer says no article answers it (see :func:`choose`).
"""

import re
from dataclasses import dataclass, field

from odaq.law.retrieval.text import Analyzer, tokens

# Thresholds on the fit (0..1), measured on the development questions (docs/assistant.md).
NOT_FOUND_BELOW = 0.12  # no unit of any retrieved article covers this much of the question: "not found"
NOT_FOUND_OTHER_BELOW = 0.30  # … or this much, when the question names none of the topics the law covers
UNSURE_BELOW = 0.25  # the first article's best unit covers less than this: say so, quote it only, offer the lawyer
EXTRA_WITHIN = 0.0  # another article is named too when its best unit reaches this share of the best fit
EXTRA_MIN = 0.0  # … and covers at least this much of the question
MAX_EXTRA = 2
UNIT_CHARS = 700  # a longer point is cut into its sentences
RANK_WEIGHT = 0.08  # retrieval's order breaks near-ties between articles
TOP_WORDS = 6
TITLE_SHARE = 0.25  # the article's title counts for the unit too ("Сроки выплаты заработной платы")

# How members ask, not what they ask about: question words, modals, pronouns and greetings weigh nothing.
QUESTION_WORDS = frozenset("""
    какой какая какое какие каков какова сколько когда почему зачем куда откуда можно нельзя нужно надо должен
    должна должны обязан обязана обязаны вправе могут могу можем может мог могла ли имеет имею имеют право
    правомерно законно ли меня мне мой моя мои моего нас нам наш наша наши вас вам ваш скажите подскажите
    пожалуйста здравствуйте добрый день вопрос ситуация если ли бы это что кто как где чем
    қашан қанша қалай неше неге неліктен қандай қайда кім не ма ме ба бе па пе мa ма екен керек бола болады
    болама ала алады ма мүмкін мүмкінбе тиіс тиісті құқылы құқығы құқым бар ма маған мені менің біз біздің сіз
    сіздің сізге айтыңызшы сәлеметсіз бе сұрақ жағдай егер
""".split())

SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[А-ЯЁӘҒҚҢӨҰҮҺІA-Z0-9«\"])")


@dataclass
class Unit:
    text: str
    label: str = ""  # the point number ("2", "3-1"), "" for an article without points
    sub: str = ""  # the subpoint number, if any


@dataclass
class Rule:
    """A unit of one source with its fit to the question."""

    source: object  # compose.Source
    unit: Unit
    fit: float  # share of the question the unit covers
    key: float = 0.0  # fit plus a little for the article's retrieval rank (orders the rules)


@dataclass
class Choice:
    rules: list[Rule] = field(default_factory=list)  # the answering rule first, then at most MAX_EXTRA others
    confidence: str = "none"  # "sure" | "unsure" | "none"
    best_fit: float = 0.0


def units(body: str, points: list | None) -> list[Unit]:
    """The article cut along its parsed points and subpoints (sentences of long points)."""
    out: list[Unit] = []
    for p in points or []:
        text = " ".join(str(p.get("text") or "").split())
        number = str(p.get("number") or "")
        subs = p.get("subpoints") or []
        if subs:
            lead = text
            if lead:
                out.append(Unit(lead, number))
            for s in subs:
                st = " ".join(str(s.get("text") or "").split())
                if st:
                    out.append(Unit(f"{lead} {s.get('number')}) {st}".strip(), number, str(s.get("number") or "")))
        elif text:
            out.extend(Unit(t, number) for t in _sentences(text))
    if not out:
        for para in (body or "").split("\n"):
            para = " ".join(para.split())
            m = re.match(r"^(\d+(?:-\d+)?)\.\s+", para)
            label = m.group(1) if m else ""
            if m:
                para = para[m.end():]
            out.extend(Unit(t, label) for t in _sentences(para) if t)
    return out


def _sentences(text: str) -> list[str]:
    """A point whole, or its sentences when it is long (each sentence keeps its own conditions and numbers)."""
    if len(text) <= UNIT_CHARS:
        return [text]
    return [s for s in SENTENCE.split(text) if s.strip()]


class Fit:
    """How much of one question a text covers, for one language of the corpus."""

    def __init__(self, question: str, lang: str, analyzer: Analyzer, idf):
        self.analyzer = analyzer
        self.words: list[tuple[str, frozenset, float]] = []  # (stem, 4-grams, weight)
        seen = set()
        for word, _s, _e in tokens(question):
            if word in QUESTION_WORDS:
                continue
            stem, grams = self._terms(word)
            if not stem or stem in seen:
                continue
            seen.add(stem)
            self.words.append((stem, grams, idf(stem)))
        # A long story covers less of itself than a short question: its fit is measured against the weight of
        # its TOP_WORDS most informative words (all of them when it is short).
        weights = sorted((w for _, _, w in self.words), reverse=True)
        self.total = sum(weights[:TOP_WORDS]) or 1.0

    def _terms(self, word: str) -> tuple[str, frozenset]:
        terms = self.analyzer.term(word)
        if not terms:
            return "", frozenset()
        stem = terms[0]
        grams = frozenset(t for t in terms[1:] if t.startswith("#"))
        return stem, grams

    def __call__(self, text: str) -> float:
        stems, grams = set(), set()
        for word, _s, _e in tokens(text):
            stem, g = self._terms(word)
            if stem:
                stems.add(stem)
                grams |= g
        got = 0.0
        for stem, wgrams, weight in self.words:
            if stem in stems:
                got += weight
            elif wgrams:
                share = len(wgrams & grams) / len(wgrams)
                if share >= 0.6:
                    got += 0.7 * share * weight
        return min(1.0, got / self.total)


def choose(question: str, lang: str, sources: list, index, topic: str = "") -> Choice:
    """The rules that answer ``question`` among ``sources`` (in retrieval order), and how sure that is.

    Retrieval's first article leads (measured: re-ordering articles by the fit of their best unit lowered top-1
    on the development questions); inside it the best-fitting point, subpoint or sentence is quoted. Other
    articles follow only when their best unit fits nearly as well. ``topic`` "other" (the question names none of
    the matters the knowledge base covers) with a low fit everywhere means no article answers.
    """
    if not sources:
        return Choice()
    analyzer = index.analyzers[lang] if index is not None else Analyzer(lang, kk_mode="suffix+ngram4",
                                                                            ru_mode="stem+ngram4")
    bm = index.bm25.get(lang) if index is not None else None
    idf = bm.idf if bm is not None else (lambda _t: 1.0)
    fit = Fit(question, lang, analyzer, idf)
    best_per_source: list[Rule] = []
    n = len(sources)
    for rank, s in enumerate(sources):
        scored = [(fit(f"{s.title} {u.text}") * TITLE_SHARE + fit(u.text) * (1 - TITLE_SHARE), u)
                  for u in units(s.text, s.points)]
        if not scored:
            continue
        value, unit = max(scored, key=lambda x: x[0])
        best_per_source.append(Rule(s, unit, value, value + RANK_WEIGHT * (n - rank) / n))
    if not best_per_source:
        return Choice()
    top, others = best_per_source[0], best_per_source[1:]
    best = max(r.fit for r in best_per_source)
    if best < NOT_FOUND_BELOW or (topic == "other" and best < NOT_FOUND_OTHER_BELOW):
        return Choice(confidence="none", best_fit=best)
    if top.fit < UNSURE_BELOW:
        return Choice(rules=[top, *others[:MAX_EXTRA]], confidence="unsure", best_fit=best)
    extra = sorted((r for r in others if r.fit >= EXTRA_WITHIN * top.fit and r.fit >= EXTRA_MIN),
                   key=lambda r: -r.key)
    return Choice(rules=[top, *extra[:MAX_EXTRA]], confidence="sure", best_fit=best)
