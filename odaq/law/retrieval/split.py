"""Split an article into passages of bounded size along its points."""

import re

MAX_CHARS = 400  # measured: 400 > 600 > 1000 for dense recall; lexical scores whole articles
_POINT = re.compile(r"^\s*\d+(?:-\d+)*\.\s")  # "1. …", "2-1. …"
_SUBPOINT = re.compile(r"^\s*\d+(?:-\d+)*\)\s")  # "1) …"
_SENTENCE = re.compile(r"(?<=[.;:])\s+")
LEAD_CHARS = 160


def heading(number: str, lang: str, title: str) -> str:
    label = f"{number}-бап." if lang == "kk" else f"Статья {number}."
    return f"{label} {title}".strip()


def _get(p, name: str, default=None):
    return p.get(name, default) if isinstance(p, dict) else getattr(p, name, default)


def _point_lines(points) -> list[str]:
    """Lines of a point structure (parsed points or their JSON form: ``{"number", "text", "subpoints"}``)."""
    lines: list[str] = []
    for p in points or ():
        num, text = _get(p, "number", ""), _get(p, "text", "") or ""
        lines.append(f"{num}. {text}" if num else text)
        for sp in _get(p, "subpoints") or ():
            num, text = _get(sp, "number", ""), _get(sp, "text", "") or ""
            lines.append(f"{num}) {text}" if num else text)
    return [ln for ln in lines if ln]


def _pieces(line: str, limit: int) -> list[str]:
    """A line short enough, or cut into sentence groups (words as a last resort)."""
    if len(line) <= limit:
        return [line]
    out, cur = [], ""
    for part in _SENTENCE.split(line):
        while len(part) > limit:
            cut = part.rfind(" ", 0, limit)
            cut = cut if cut > limit // 2 else limit
            if cur:
                out.append(cur)
                cur = ""
            out.append(part[:cut])
            part = part[cut:].lstrip()
        if cur and len(cur) + 1 + len(part) > limit:
            out.append(cur)
            cur = part
        else:
            cur = f"{cur} {part}" if cur else part
    if cur:
        out.append(cur)
    return out


def split_article(act: str, number: str, lang: str, title: str, body: str, points=None,
                  max_chars: int = MAX_CHARS) -> list[str]:
    """Passages of one article, each prefixed with the article heading ("Статья N. Title" / "N-бап. Title").

    Lines (points) are packed greedily up to ``max_chars`` (the body part gets at least 200 characters even
    under a very long heading; a longer sentence is cut at words); a passage that starts inside a list of
    subpoints repeats the (shortened) lead-in of the enclosing point so it can be understood alone.
    ``points`` (parsed point structure) is used only when ``body`` is empty.
    """
    head = heading(number, lang, title)
    lines = [ln.strip() for ln in (body or "").splitlines() if ln.strip()] or _point_lines(points)
    if not lines:
        return [head]
    budget = max(200, max_chars - len(head) - 1)
    chunks: list[list[str]] = [[]]
    size = 0
    lead = ""
    for line in lines:
        if _POINT.match(line) or not _SUBPOINT.match(line):
            lead = line if line.rstrip().endswith(":") else ""
        for piece in _pieces(line, budget):
            if chunks[-1] and size + len(piece) + 1 > budget:
                chunks.append([])
                size = 0
                short = lead if len(lead) <= LEAD_CHARS else lead[:LEAD_CHARS].rsplit(" ", 1)[0] + " …"
                if lead and _SUBPOINT.match(piece) and len(short) + len(piece) + 1 <= budget:
                    chunks[-1].append(short)
                    size = len(short) + 1
            chunks[-1].append(piece)
            size += len(piece) + 1
    return [head + "\n" + "\n".join(c) for c in chunks if c]
