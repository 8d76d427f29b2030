"""From classified logical lines to a ParsedAct: the part every format shares.

A reader (plain text, Markdown, HTML) turns its input into :class:`Line` objects, one per paragraph, with the
format's markup removed and flags for what the markup already says (a heading, a note). :func:`build` classifies
each line (article heading, structure heading, point, footnote, service note, signature, ordinary text), drops a
table of contents, attaches everything to its article and checks the result (:mod:`.validate`).
"""

from dataclasses import dataclass, field

from . import patterns as P
from .types import ParsedAct, ParsedArticle, ParsedHeading, ParsedPoint
from .validate import check


@dataclass
class Line:
    text: str
    structural: bool = True  # may be an article or a structure heading (Markdown: only headings and bold lines)
    note: bool = False  # the markup says this is a note (Markdown italics/quote, HTML span.note or red text)


@dataclass
class _Item:
    kind: str  # "article" | "heading" | "marker" | "note" | "body" | "signature"
    text: str
    head: object = None


@dataclass
class _Article:
    head: P.ArticleHead
    heading: int | None
    lines: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    points: list[ParsedPoint] = field(default_factory=list)
    _point: ParsedPoint | None = None
    _sub: ParsedPoint | None = None

    def add_body(self, text: str) -> None:
        self.lines.append(text)
        m = P.match_point(text)
        if m is None:
            if self._sub is not None and self._sub.text.rstrip().endswith((":", ";")):
                self._sub.text += "\n" + text
            elif self._point is not None:
                self._point.text += "\n" + text
                self._sub = None
            return
        number, rest, is_sub = m
        point = ParsedPoint(number=number, text=rest)
        if not is_sub:
            self.points.append(point)
            self._point, self._sub = point, None
        else:
            (self._point.subpoints if self._point is not None else self.points).append(point)
            self._sub = point

    def finish(self) -> ParsedArticle:
        body = "\n".join(self.lines)
        repealed = self.head.repealed or (not body and P.repealed_by_note(self.head.number, self.notes))
        return ParsedArticle(number=self.head.number, title=self.head.title, body=body, points=self.points,
                             notes=self.notes, repealed=repealed, heading=self.heading)


def _classify(line: Line) -> _Item:
    text = line.text.strip()
    if line.note:
        m = P.NOTE_MARKER.match(text)
        return _Item("marker" if m and not m.group(1).strip() else "note", text)
    if P.SIGNATURE.match(text):
        return _Item("signature", text)
    if line.structural:
        head = P.match_article(text)
        if head:
            return _Item("article", text, head)
        struct = P.match_structure(text)
        if struct:
            return _Item("heading", text, struct)
    m = P.NOTE_MARKER.match(text)
    if m:
        return _Item("note" if m.group(1).strip() else "marker", text)
    if P.FOOTNOTE.match(text) or P.COURT_NOTE.match(text):
        return _Item("note", text)
    return _Item("body", text)


def _toc_end(items: list[_Item], start: int, end: int) -> int:
    """Where the table of contents in the run ``items[start:end]`` ends: before the headings that lead to the
    first article listed a second time (the real text follows the contents directly), else at ``end``."""
    seen: set[str] = set()
    for j in range(start, end):
        if items[j].kind != "article":
            continue
        if items[j].head.number in seen:
            while j - 1 > start and items[j - 1].kind == "heading":
                j -= 1
            return j
        seen.add(items[j].head.number)
    return end


def drop_table_of_contents(items: list[_Item]) -> tuple[list[_Item], int]:
    """Remove runs of bare headings (two or more articles, nothing between them) whose articles all come again.

    That is what a table of contents at the top of an act looks like. Returns the items left and how many
    article entries were dropped.
    """
    runs: list[tuple[int, int]] = []
    start = None
    for i, item in enumerate(items + [_Item("body", "")]):
        if item.kind in ("article", "heading"):
            start = i if start is None else start
        elif start is not None:
            runs.append((start, _toc_end(items, start, i)))
            start = None
    drop: set[int] = set()
    dropped = 0
    for start, end in runs:
        numbers = [it.head.number for it in items[start:end] if it.kind == "article"]
        if len(numbers) < 2:
            continue
        later = {it.head.number for it in items[end:] if it.kind == "article"}
        if all(n in later for n in numbers):
            drop.update(range(start, end))
            dropped += len(numbers)
    return [it for i, it in enumerate(items) if i not in drop], dropped


def build(lines: list[Line], *, act_id: str, lang: str, title: str = "") -> ParsedAct:
    items = [_classify(line) for line in lines if line.text.strip()]
    items, toc = drop_table_of_contents(items)
    warnings = [f"table of contents skipped ({toc} entries)"] if toc else []
    headings: list[ParsedHeading] = []
    stack: list[int] = []
    articles: list[_Article] = []
    cur: _Article | None = None
    marker: str | None = None  # a note marker waiting for its text
    open_note = False  # the last note ends with ":" and lower-case lines continue it
    signed = False
    after_signature = 0
    last: _Item | None = None
    for item in items:
        if signed:
            after_signature += item.kind != "note" and len(item.text) > 40  # a name line is expected
            continue
        if marker is not None:
            # the note's text; "5-бап алып тасталды деп көзделген" after the marker is a note, not article 5 again
            if item.kind in ("body", "note") or (item.kind == "article" and
                                                 any(a.head.number == item.head.number for a in articles)):
                item = _Item("note", f"{marker}\n{item.text}")
            elif cur is not None:
                cur.notes.append(marker)
            marker = None
        if open_note and item.kind == "body" and item.text[:1].islower() and cur is not None and cur.notes:
            cur.notes[-1] += "\n" + item.text
            continue
        open_note = False
        if item.kind == "signature":
            signed = True
            continue
        last = item
        if item.kind == "heading":
            rank = P.HEADING_RANK[item.head.kind]
            while stack and P.HEADING_RANK[headings[stack[-1]].kind] >= rank:
                stack.pop()
            headings.append(ParsedHeading(kind=item.head.kind, number=item.head.number, title=item.head.title,
                                          parent=stack[-1] if stack else None))
            stack.append(len(headings) - 1)
            cur = None
        elif item.kind == "article":
            cur = _Article(item.head, stack[-1] if stack else None)
            articles.append(cur)
        elif item.kind == "marker":
            marker = item.text
        elif item.kind == "note":
            if cur is not None:
                cur.notes.append(item.text)
                open_note = item.text.rstrip().endswith(":")
        elif cur is not None:
            cur.add_body(item.text)
    if marker is not None and cur is not None:
        cur.notes.append(marker)
    if after_signature:
        warnings.append(f"{after_signature} paragraphs after the signature ignored")
    parsed = [a.finish() for a in articles]
    check(parsed, signed=signed, last_kind=last.kind if last else "", last_text=last.text if last else "",
          warnings=warnings)
    return ParsedAct(act_id=act_id, lang=lang, title=title, articles=parsed, headings=headings, warnings=warnings)
