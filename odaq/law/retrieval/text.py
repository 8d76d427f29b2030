"""Text normalisation and analysis for lexical search in Russian and Kazakh.

Search sees a normalised copy of the text; the original is kept for display.  Normalisation
repairs what the official copies mix up (Latin ``i``/``ə`` and other Latin look-alikes inside
Cyrillic words, a Cyrillic ``І`` inside Roman numerals), lower-cases and folds ``ё`` to ``е``.

Analysis turns text into index terms:
* Russian: Snowball stemmer (PyStemmer);
* Russian: Snowball stemmer (PyStemmer) plus character 4-grams of each word (``ru_mode="stem+ngram4"``:
  the n-grams bridge stem alternations such as сократят / сокращение);
* Kazakh: the Kazakh-specific letters are folded onto their Russian-keyboard look-alikes
  (``қ``→``к``, ``ә``→``а``, ``і``→``и`` …) so questions typed without a Kazakh keyboard match, then
  inflectional suffixes are stripped (:func:`kk_stem`) and character 4-grams added (``"suffix+ngram4"``).
  The other treatments (prefix truncation, n-grams alone, none) stay selectable so they can be measured.

The first term of a word is always its whole-word form (stem), n-grams follow; bigrams join stems.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

# Latin letters that look like Cyrillic ones; replaced only inside words that contain Cyrillic.
_LATIN_TO_CYR = str.maketrans({
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "k": "к", "h": "һ", "i": "і",
    "A": "А", "C": "С", "E": "Е", "O": "О", "P": "Р", "X": "Х", "Y": "У", "K": "К", "H": "Н", "I": "І",
    "B": "В", "M": "М", "T": "Т", "ə": "ә", "Ə": "Ә",
})
_CYR_TO_LATIN_ROMAN = str.maketrans({"І": "I", "і": "i", "Х": "X", "х": "x", "С": "C", "с": "c", "М": "M"})
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_HAS_CYR = re.compile(r"[а-яёәғқңөұүһі]", re.IGNORECASE)
_HAS_LATIN = re.compile(r"[a-zəA-ZƏ]")
_ROMAN = re.compile(r"^[IVXLCDMІХСМ]+$")
_ROMAN_LATIN_PART = re.compile(r"[IVXLDM]")

# Kazakh letters folded onto the letters people type on a Russian keyboard.
_KK_FOLD = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "и"})

RU_STOP = frozenset(
    """а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее
    если есть еще же за здесь и из или им их к как ко когда кто ли либо между меня мне может мы на над надо наш
    не него нее нет ни них но ну о об однако он она они оно от очень по под при с со так также такой там те тем
    то того тоже той только том ты у уже хотя чего чей чем что чтобы чье чья эта эти это я ваш мой свой который
    которая которые которых которого которой этот этого этой здравствуйте пожалуйста спасибо""".split()
)
KK_STOP = frozenset(
    """және мен бен пен үшін осы сол бұл ол олар мұндай әлде не немесе де да та те ма ме ба бе па пе ғана қана
    бар жоқ еді екен деп дейді ме мә ия иә жөнінде туралы бойынша сәйкес арқылы ретінде сияқты сондай барлық
    әр өз біз сіз мен менің сен бір кейін дейін шейін""".split()
)
# case endings written apart after a hyphen ("ҰБТ-ға", "5-ке") are not words either
KK_STOP_FOLDED = frozenset(w.translate(_KK_FOLD) for w in KK_STOP) | frozenset(
    "га ге ка ке на не да де та те ны ни ды ди ты ти нан нен дан ден тан тен нын нин дын дин тын тин ша ше".split()
)

# Inflectional suffixes of Kazakh in folded spelling, longest first.  Derivational ones that change
# the meaning (-сыз "without", -лык abstract nouns, -шы agent nouns) are deliberately not stripped.
_KK_SUFFIXES = sorted(
    set(
        """лар лер дар дер тар тер
        ымыз имиз мыз миз ыныз иниз ныз низ ымнын имнин ым им ын ин сы си ы и
        нын нин дын дин тын тин
        га ге ка ке на не
        ны ни ды ди ты ти
        да де та те нда нде
        дан ден тан тен нан нен
        мен бен пен ымен имен
        дагы деги таги теги ндагы ндеги
        нша нше ша ше
        ган ген кан кен атын етин йтын йтин ушы уши
        ады еди йды йди ып ип уга уге уды уди удын удин
        ма ме ба бе па пе мак мек бак бек пак пек
        са се сын син латын мын мин бын бин пын пин
        у""".split()
    ),
    key=len,
    reverse=True,
)
KK_MIN_STEM = 3


def normalize(text: str) -> str:
    """Search form of a text: Unicode NFC, homoglyphs repaired, lower case, ``ё``→``е``."""
    text = unicodedata.normalize("NFC", text)
    return _WORD.sub(_fix_word, text).lower().replace("ё", "е")


def _fix_word(m: re.Match) -> str:
    word = m.group(0)
    if _ROMAN.match(word) and _ROMAN_LATIN_PART.search(word):
        return word.translate(_CYR_TO_LATIN_ROMAN)
    if _HAS_LATIN.search(word) and _HAS_CYR.search(word):
        return word.translate(_LATIN_TO_CYR)
    return word


def fold_kk(word: str) -> str:
    return word.translate(_KK_FOLD)


def kk_stem(word: str, min_stem: int = KK_MIN_STEM) -> str:
    """Strip Kazakh inflectional suffixes (folded spelling) greedily while a stem of ``min_stem``+ letters remains."""
    changed = True
    while changed and len(word) > min_stem:
        changed = False
        for suf in _KK_SUFFIXES:
            if word.endswith(suf) and len(word) - len(suf) >= min_stem:
                word = word[: -len(suf)]
                changed = True
                break
    return word


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Words of a text as ``(normalised word, start, end)``; offsets refer to the original text."""
    return [(normalize(m.group(0)), m.start(), m.end()) for m in _WORD.finditer(text)]


def _kk_terms(word: str, mode: str) -> tuple[str, ...]:
    if mode.startswith("suffix"):
        return (kk_stem(word, int(mode[6:] or KK_MIN_STEM)),)
    if mode.startswith("prefix"):
        return (word[: int(mode[6:])],)
    if mode.startswith("ngram"):
        n = int(mode[5:])
        padded = f"^{word}$"
        if len(padded) <= n:
            return (padded,)
        return tuple("#" + padded[i : i + n] for i in range(len(padded) - n + 1))
    return (word,)


class Analyzer:
    """Turns a text into index terms for one language.

    ``kk_mode`` / ``ru_mode`` are "+"-joined treatments: ``"suffix"`` / ``"stem"`` (stemming), ``"prefixN"``
    (truncation to N letters), ``"ngramN"`` (character N-grams of each word) or ``"none"``.
    """

    def __init__(self, lang: str, kk_mode: str = "suffix", ru_mode: str = "stem", bigrams: bool = False):
        self.lang = lang
        self.bigrams = bigrams
        self.kk_mode = kk_mode
        self.ru_mode = ru_mode
        self._stemmer = Stemmer.Stemmer("russian")
        self.term = lru_cache(maxsize=200_000)(self._term)

    def _term(self, word: str) -> tuple[str, ...]:
        """Index terms for one normalised word (empty for stop words)."""
        if not word or (len(word) < 2 and not word.isdigit()):
            return ()
        if self.lang == "ru":
            if word in RU_STOP:
                return ()
            if not _HAS_CYR.search(word):
                return (word,)
            out: list[str] = []
            for mode in self.ru_mode.split("+"):
                out.extend((self._stemmer.stemWord(word),) if mode == "stem" else _kk_terms(word, mode))
            return tuple(out)
        word = fold_kk(word)
        if word in KK_STOP_FOLDED or word in RU_STOP:
            return ()
        if word.isdigit() or not _HAS_CYR.search(word):
            return (word,)
        out: list[str] = []
        for mode in self.kk_mode.split("+"):
            out.extend(_kk_terms(word, mode))
        return tuple(out)

    def analyze(self, text: str) -> list[str]:
        out: list[str] = []
        prev = ""
        for m in _WORD.finditer(normalize(text)):
            terms = self.term(m.group(0))
            out.extend(terms)
            if self.bigrams and terms:
                if prev:
                    out.append(f"{prev}_{terms[0]}")
                prev = terms[0]
        return out

    def analyze_spans(self, text: str) -> list[tuple[tuple[str, ...], int, int]]:
        """Index terms of each word with the word's offsets in the original text."""
        return [(self.term(w), s, e) for w, s, e in tokens(text)]
