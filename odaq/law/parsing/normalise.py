"""Search-time normalisation of act texts (the stored text keeps its original spelling).

Kazakh copies mix Latin letters into Cyrillic words ("негiзгi" with a Latin "i", "ə" for "ә"), and amendment
numbers use a Cyrillic "І" inside Roman numerals ("№ 321-VІ"). :func:`normalise_for_search` makes such
spellings meet:

* in a word that is a Roman numeral (only I V X L C D M, with a Cyrillic "І"/"Х"/"С" among them and at least
  one Latin letter, or only Cyrillic "І"), everything becomes Latin: "VІ" -> "vi";
* in any other word with a Cyrillic letter, Latin look-alikes become Cyrillic: i -> і, ə -> ә, a e o p c x y ->
  а е о р с х у (and their capitals);
* then everything is lower-cased and "ё" becomes "е".

The result has exactly as many characters as the input, so offsets found in it can be used on the original text.
"""

import re

_WORD = re.compile(r"\w+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
_ROMAN = re.compile(r"^[IVXLCDMivxlcdmІіХхСс]+$")
_ONLY_CYRILLIC_I = re.compile(r"^[Іі]+$")

_TO_CYRILLIC = str.maketrans({
    "i": "і", "I": "І", "ə": "ә", "Ə": "Ә",
    "a": "а", "A": "А", "e": "е", "E": "Е", "o": "о", "O": "О", "p": "р", "P": "Р",
    "c": "с", "C": "С", "x": "х", "X": "Х", "y": "у", "Y": "У",
})
_TO_LATIN = str.maketrans({"І": "I", "і": "i", "Х": "X", "х": "x", "С": "C", "с": "c"})


def _fix_word(m: re.Match) -> str:
    word = m.group(0)
    if _ROMAN.match(word) and (_LATIN.search(word) or _ONLY_CYRILLIC_I.match(word)):
        return word.translate(_TO_LATIN)
    if _CYRILLIC.search(word):
        return word.translate(_TO_CYRILLIC)
    return word


def _lower(text: str) -> str:
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def normalise_for_search(text: str, lang: str = "") -> str:
    """Text folded for matching (``lang`` is accepted for future language-specific rules; both use the same)."""
    return _lower(_WORD.sub(_fix_word, text)).replace("ё", "е")
