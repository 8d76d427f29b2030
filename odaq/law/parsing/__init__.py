"""Parsers of official Kazakhstan act texts into :class:`~odaq.law.parsing.types.ParsedAct` (pure Python, no DB).

``parse_text(text, fmt, act_id=…, lang=…, title=…)`` with ``fmt`` one of :data:`FORMATS`:

* ``"adilet-text"`` — plain text exported from adilet.zan.kz (:mod:`.adilet_text`);
* ``"markdown"`` — Markdown copies (``### Статья N. …``, ``**N-бап. …**``, :mod:`.markdown`);
* ``"adilet-html"`` — adilet.zan.kz document pages (:mod:`.adilet_html`).

Conventions of the result:

* ``ParsedArticle.number`` is text ("20-1"); ``title`` is the title only, without "Статья N." / "N-бап."
  (for an article repealed in its heading it is the rest of the line, "Исключена Законом РК от …");
* ``body`` is the article's paragraphs joined by newlines, with the original wording (broken lines of the export
  glued back, runs of white space as one space, so the three formats give the same text); footnotes
  ("Сноска. …"/"Ескерту. …") and service notes ("Примечание ИЗПИ!" + its text, decisions of the Constitutional
  Court) go to ``notes``, never into the body; an article is ``repealed`` when its heading says so or when it
  has no text and a note says "Статья N исключена" / "N-бап алып тасталды";
* ``points`` are the numbered points "1." with their subpoints "1)"; subpoints of an article without points are
  top-level points; unnumbered paragraphs belong to the preceding (sub)point;
* ``ParsedHeading.title`` is the whole heading line ("Глава 1. Общие положения"), ``number`` its number ("" for
  "ОБЩАЯ ЧАСТЬ"); ``parent`` links chapter -> section -> part; an article's ``heading`` is its innermost heading;
* text before the first article (service notes about the whole act, a preamble) and after the President's
  signature is not part of any article.

:class:`ParseError` is raised for an unknown format, an empty text, no articles, and a half-parsed or truncated
text (rules in :mod:`.validate`).
"""

import re

from . import adilet_html, adilet_text, markdown
from .builder import build
from .types import ParsedAct, ParseError

__all__ = ["FORMATS", "ParseError", "ParsedAct", "detect_format", "parse_text"]

FORMATS = ("adilet-text", "markdown", "adilet-html")

_HTML = re.compile(r"<(?:!doctype\s+html|html|body|p|div|h[1-6])\b[^>]*>", re.I)
_MARKDOWN = re.compile(
    r"^(?:#{1,6}\s+\S|<a\s+id=[\"']st[\w-]+[\"']|\*\*(?:Статья\s+\d|\d[\d-]*-бап)|>\s*\*(?:Сноска|Ескерту))",
    re.M | re.I,
)


def detect_format(text: str) -> str:
    """Guess the format of an act text: "adilet-html", "markdown" or (by default) "adilet-text"."""
    if not text or not text.strip():
        raise ParseError("The text is empty")
    head = text[:20000]
    if _HTML.search(head) and re.search(r"</(?:p|div|h[1-6])>", head, re.I):
        return "adilet-html"
    if len(_MARKDOWN.findall(head)) >= 2:
        return "markdown"
    return "adilet-text"


def parse_text(text: str, fmt: str, *, act_id: str, lang: str, title: str = "") -> ParsedAct:
    """Parse one act text in one language; raises :class:`ParseError` when it cannot be read as a whole act."""
    if fmt not in FORMATS:
        raise ParseError(f"Unknown format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    if not text or not text.strip():
        raise ParseError("The text is empty")
    text = text.lstrip("\ufeff")
    if fmt == "adilet-text":
        lines, found = adilet_text.read(text), ""
    elif fmt == "markdown":
        lines, found = markdown.read(text)
    else:
        lines, found = adilet_html.read(text)
    return build(lines, act_id=act_id, lang=lang, title=title or found)
