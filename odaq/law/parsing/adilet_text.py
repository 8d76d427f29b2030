"""Plain text exported from adilet.zan.kz ("adilet-text").

The export keeps one paragraph per line (sometimes with blank lines between paragraphs), but every hyperlink of
the page becomes a line of its own: "…основывается на" / "Конституции" / "Республики Казахстан и …", and the
act numbers in footnotes ("№ 61-VII", "(вводится в действие …)") too. :func:`logical_lines` glues such pieces
back into paragraphs:

* a line that starts something (article or structure heading, point "1." / subpoint "1)", "Сноска."/"Ескерту.",
  a service note marker, the signature) always starts a new paragraph;
* headings absorb nothing, except an upper-case continuation of an upper-case structure heading
  ("Глава 2. ГОСУДАРСТВЕННОЕ … ТРУДОВЫХ" / "ОТНОШЕНИЙ"); an article repealed in its heading ("Статья 9.
  Исключена Законом РК от …" / "№ 102-V" / "(вводится …)") is glued like a paragraph; the signature absorbs
  short lines ("Президент" / "Республики Казахстан" / "Н. НАЗАРБАЕВ");
* the number of an amending act ("№ 61-VII", "N 188-IV") always continues the previous paragraph;
* otherwise a line continues the previous paragraph unless that one is closed: it ends with ``. ; : ! ?``
  (quotes and asterisks aside), or with ")" while the new line starts with a capital letter.

Blank lines are ignored: the link pieces are never separated by them, paragraphs are recognised by the rules.
Runs of white space (indentation with non-breaking spaces included) become one space, as a browser shows them.
"""

import re

from . import patterns as P
from .builder import Line

_TERMINAL = tuple(".;:!?")
# "(порядок введения в действие см." / "ст. 2", "(… тәртібін" / "2-б." / "қараңыз)": a dot that ends no sentence
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:см|ст|пп?|подп|\d+-б)\.$", re.I)
_ACT_NUMBER = re.compile(r"^[№N]\s*\d+-[IVXLCІ]+\b")  # "№ 61-VII": the number of an amending act, never a paragraph
_SIGNATURE_START = re.compile(r"^(?:Президент|Қазақстан\s+Республикасының)\s*$", re.I)


def _closed(text: str) -> bool:
    t = text.rstrip().rstrip("\"»*").rstrip()
    return not t or (t.endswith(_TERMINAL) and not _ABBREVIATION.search(t))


def _glued(prev: str, s: str) -> str:
    """"(" + "вводится" -> "(вводится", "№ 177-VII" + ";" -> "№ 177-VII;", else with a space."""
    return prev + s if prev.endswith("(") or s[:1] in ",;.)" else f"{prev} {s}"


def _is_upper_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def logical_lines(text: str) -> list[str]:
    out: list[str] = []
    heading = ""  # "article" | "structure" | "signature" | "" for the paragraph being built
    for raw in text.splitlines():
        s = " ".join(raw.split())  # non-breaking spaces and runs of spaces become one space, as in HTML
        if not s:
            continue
        if out:
            prev = out[-1]
            upper = _is_upper_text(prev.split(".", 1)[-1]) and _is_upper_text(s)
            if heading == "structure" and upper and not P.is_structural(s):
                out[-1] = f"{prev} {s}"
                continue
            point, bare = P.match_point(prev), P.match_point(s)
            if heading == "signature":
                glue = len(s) <= 40 and len(prev) <= 100  # "Республики Казахстан", "Н. НАЗАРБАЕВ"
            elif heading:
                glue = False
            elif _ACT_NUMBER.match(s):
                glue = True
            elif bare is not None and (not bare[1] or bare[1][:1] in ",;") and not _closed(prev):
                glue = True  # "подпунктами 3)" / "," / "8)" / "и" / "10)": links to points inside a sentence
            elif P.is_structural(s) or _SIGNATURE_START.match(s):
                glue = False
            else:
                glue = (point is not None and not point[1]) or not (  # "2)" alone, its text comes next
                    _closed(prev) or (prev.rstrip().endswith(")") and s[:1].isupper()))
            if glue:
                out[-1] = _glued(prev, s)
                continue
        out.append(s)
        article = P.match_article(s)
        heading = ("article" if article and not article.repealed  # "Статья 9. Исключена … от" / "№ 102-V" glue
                   else "" if article else "structure" if P.match_structure(s)
                   else "signature" if _SIGNATURE_START.match(s) or P.SIGNATURE.match(s) else "")
    return out


def read(text: str) -> list[Line]:
    return [Line(s) for s in logical_lines(text)]
