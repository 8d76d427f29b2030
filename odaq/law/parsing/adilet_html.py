"""Document pages of adilet.zan.kz (``/rus/docs/<id>``, ``/kaz/docs/<id>``), read with the standard library.

Every block element (``<p>``, ``<h1>``-``<h6>``, ``<div>``, ``<li>``, table cells) and every ``<br>`` ends a
paragraph; the text is then recognised like the plain-text export, e.g. ``<p><b><a name="z5"></a>Статья 1. …</b>
</p>`` is an article heading and ``<h3 id="z3">Глава 1. …</h3>`` a chapter. Text inside an element with the class
``note`` (``<span class="note">``, ``<p class="note">``) or written in red (``style="color:red"``,
``<font color="#FF0000">`` — adilet's "Примечание ИЗПИ!") is a note, never body. Scripts, styles, the page head,
navigation, header, footer and forms are skipped. The first ``<h1>`` that is not a heading of the act is its title.
"""

import re
from html.parser import HTMLParser

from . import patterns as P
from .builder import Line

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th", "table", "section", "article",
          "blockquote", "pre", "ul", "ol", "dd", "dt", "center", "body"}
_SKIP = {"script", "style", "head", "nav", "header", "footer", "form", "select", "button", "noscript", "svg",
         "iframe", "template"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "col", "area", "base", "source"}
_RED = re.compile(r"(?:^|;)\s*color\s*:\s*(?:red|#f00\b|#ff0000|rgb\(\s*255\s*,\s*0\s*,\s*0\s*\))", re.I)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, inside a note)
        self.skip = 0
        self.runs: list[tuple[str, bool]] = []
        self.lines: list[Line] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def _note(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self._flush()
            return
        if tag in _VOID:
            return
        a = {k: (v or "") for k, v in attrs}
        if tag in _SKIP:
            self.skip += 1
        if tag in _BLOCK:
            self._flush()
        red = bool(_RED.search(a.get("style", ""))) or a.get("color", "").lower() in ("red", "#ff0000", "#f00")
        note = self._note() or "note" in a.get("class", "").lower() or red
        self.stack.append((tag, note))
        if tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or all(t != tag for t, _ in self.stack):
            return
        if tag in _BLOCK:
            self._flush()
        while self.stack:
            t, _ = self.stack.pop()
            if t in _SKIP:
                self.skip -= 1
            if t == tag:
                break
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.runs.append((data, self._note()))

    def _flush(self) -> None:
        merged: list[list] = []
        for text, note in self.runs:
            if merged and (merged[-1][1] == note or not text.strip()):
                merged[-1][0] += text
            else:
                merged.append([text, note])
        self.runs = []
        for text, note in merged:
            text = " ".join(text.split())
            if not text:
                continue
            if self._in_h1 and not (P.match_article(text) or P.match_structure(text)):
                self.h1.append(text)
                continue
            self.lines.append(Line(text, note=note))


def read(text: str) -> tuple[list[Line], str]:
    """The paragraphs of an adilet page and the act's title from its ``<h1>`` ("" when there is none)."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader._flush()
    return reader.lines, (reader.h1[0] if reader.h1 else "")
