"""Markdown copies of acts ("markdown"), as in the kazakhstan-law/codes corpus.

* ``# Title`` is the act's title;
* headings of any level (``## Глава 1.``, ``### Статья 1. …``, ``#### 1-бап. …``) and paragraphs that start in
  bold (``**Статья 1. …**``, ``**1-бап.** …``) may be article or structure headings; plain paragraphs never are;
* ``<a id="st1"></a>`` anchors and link lists (a table of contents) are skipped;
* block quotes (``> *Сноска. …*``, ``> *Ескерту. …*``) are footnotes; a whole-line italic paragraph is a
  service note (``*Ескертпе!*`` followed by its text, a Constitutional Court decision), except an italic point
  (``*4) алып тасталды …*``), which stays in the body;
* every other non-blank line is a paragraph of the body.

Only the Markdown markup is removed and runs of white space become one space; the wording is kept as it is.
"""

import re

from . import patterns as P
from .builder import Line

_ANCHOR = re.compile(r"^(?:<a\s+(?:id|name)=[\"'][^\"']*[\"']\s*>\s*</a>\s*)+", re.I)
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ITALIC_LINE = re.compile(r"^[*_](?![*_\s])(.+?)[*_]$", re.S)
_LINK_ITEM = re.compile(r"^(?:[-*+]|\d+\.)\s+\[[^\]]*\]\([^)]*\)\s*$")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def _plain(text: str) -> str:
    return " ".join(_LINK.sub(r"\1", text).split())


def read(text: str) -> tuple[list[Line], str]:
    """The paragraphs of a Markdown act and its ``# title`` ("" when there is none)."""
    out: list[Line] = []
    title = ""
    for raw in text.splitlines():
        s = _ANCHOR.sub("", raw.strip()).strip()
        if not s or _LINK_ITEM.match(s):
            continue
        m = _HEADING.match(s)
        if m:
            inner = _plain(m.group(2).strip("*").strip())
            if len(m.group(1)) == 1 and not title and not (P.match_article(inner) or P.match_structure(inner)):
                title = inner
            else:
                out.append(Line(inner))
            continue
        if s.startswith(">"):
            inner = s.lstrip("> ").strip()
            inner = _ITALIC_LINE.sub(r"\1", inner).strip()
            out.append(Line(_plain(inner), structural=False, note=True))
            continue
        if s.startswith("**"):  # "**Статья 1. …**", "**Статья 1.** Понятия"
            out.append(Line(_plain(s.replace("**", ""))))
            continue
        m = _ITALIC_LINE.match(s)
        if m and not s.startswith("**"):
            inner = _plain(m.group(1))
            out.append(Line(inner, structural=False, note=P.match_point(inner) is None))
            continue
        out.append(Line(_plain(s), structural=False))
    return out, title
