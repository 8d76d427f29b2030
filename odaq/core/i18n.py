"""Database content in the reader's language: one rule for every model with per-language fields.

A field ``name`` is stored as ``name_kk``, ``name_ru`` (and sometimes ``name_en``). The reader gets the active
language's text; where it is empty or missing, Kazakh (``LANGUAGE_CODE``), then Russian, then English
(``LANGUAGES`` order). So an English-interface reader sees English wherever English was written, and the same
Kazakh fallback everywhere else: topics, organisations, votes, surveys, acts and news alike.
"""

from collections.abc import Mapping

from django.conf import settings
from django.utils.translation import get_language


def language_order(lang: str | None = None) -> tuple[str, ...]:
    """``lang`` (default: the active language), then ``LANGUAGE_CODE``, then the other ``LANGUAGES``."""
    first = (lang or get_language() or settings.LANGUAGE_CODE)[:2]
    order = [first, settings.LANGUAGE_CODE[:2], *(code for code, _name in settings.LANGUAGES)]
    return tuple(dict.fromkeys(order))


def pick(texts: Mapping[str, str], lang: str | None = None) -> tuple[str, str]:
    """(text, language code) from ``{code: text}``: the first non-blank in ``language_order(lang)``."""
    order = language_order(lang)
    for code in order:
        text = texts.get(code) or ""
        if text.strip():
            return text, code
    return "", order[0]


def localized_with_language(obj, field: str, lang: str | None = None) -> tuple[str, str]:
    """(text, language code) of ``obj.<field>_<code>`` (or ``obj["<field>_<code>"]`` for a row dict)."""
    get = obj.get if isinstance(obj, Mapping) else (lambda key: getattr(obj, key, ""))
    return pick({code: get(f"{field}_{code}") for code in language_order(lang)}, lang)


def localized(obj, field: str, lang: str | None = None) -> str:
    """The text of ``field`` in the active language (or ``lang``), with the fallback of ``language_order``."""
    return localized_with_language(obj, field, lang)[0]
