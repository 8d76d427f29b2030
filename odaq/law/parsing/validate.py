"""Is a parse complete enough to store? Refuse anything that looks half-parsed.

The rules (each failure raises :class:`ParseError` with the reason):

1. **No articles** were recognised.
2. **Duplicates**: the same article number twice in the body (a table of contents has already been removed).
3. **Order**: numbers are compared as tuples ("20-1" -> (20, 1)); a step back is a *descent*. More than
   ``max(1, n // 50)`` descents for ``n`` articles means the numbering went wildly out of order.
4. **Gaps**: the main numbers (20 of "20-1") should cover ``1..last``; repealed articles keep their headings in
   official texts, so few are missing. Refused when more than ``max(2, last // 10)`` main numbers are missing
   in total, or when one run of missing numbers is longer than ``max(3, last // 25)``. A file that starts at
   article 50 fails this rule too.
5. **Truncation**: an act that ends with the President's signature is complete. Without a signature it is
   refused when the text stops at a heading, on an article with neither text nor notes, on a paragraph that
   ends mid-sentence (a letter or digit, or one of ``, : ; - – — ( «``), or when its articles refer to an
   article of the same act beyond the last one found ("статьей 150 настоящего Кодекса" with 120 articles).
   A text cut cleanly between two paragraphs cannot be told from a complete one; it is accepted with a warning.

Smaller oddities (one descent, a few missing numbers) are reported in ``ParsedAct.warnings``.
"""

from .patterns import SELF_REFERENCE, number_key
from .types import ParsedArticle, ParseError

_OPEN_ENDINGS = tuple(",:;-–—(«\"")


def _missing_runs(mains: set[int], last: int) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = None
    for n in range(1, last + 2):
        if n not in mains and n <= last:
            start = n if start is None else start
        elif start is not None:
            runs.append((start, n - 1))
            start = None
    return runs


def _fmt_runs(runs: list[tuple[int, int]], limit: int = 8) -> str:
    parts = [str(a) if a == b else f"{a}-{b}" for a, b in runs[:limit]]
    return ", ".join(parts) + (", …" if len(runs) > limit else "")


def check(articles: list[ParsedArticle], *, signed: bool, last_kind: str, last_text: str,
          warnings: list[str]) -> None:
    if not articles:
        raise ParseError("No articles found (expected headings such as «Статья 1.» or «1-бап.»)")
    seen: set[str] = set()
    dups = []
    for a in articles:
        if a.number in seen and a.number not in dups:
            dups.append(a.number)
        seen.add(a.number)
    if dups:
        raise ParseError(f"Article numbers occur twice: {', '.join(dups[:10])} - the file is not a single act text")

    keys = [number_key(a.number) for a in articles]
    descents = [f"{articles[i - 1].number}→{articles[i].number}" for i in range(1, len(keys)) if keys[i] < keys[i - 1]]
    if len(descents) > max(1, len(articles) // 50):
        raise ParseError(f"Article numbers go out of order {len(descents)} times ({', '.join(descents[:5])}) "
                         "- the file looks half-parsed")
    if descents:
        warnings.append(f"article numbers out of order: {', '.join(descents)}")

    mains = {k[0] for k in keys}
    last = max(mains)
    runs = _missing_runs(mains, last)
    missing = sum(b - a + 1 for a, b in runs)
    longest = max((b - a + 1 for a, b in runs), default=0)
    if missing > max(2, last // 10) or longest > max(3, last // 25):
        raise ParseError(f"{missing} of articles 1-{last} are missing ({_fmt_runs(runs)}) - the file looks "
                         "half-parsed or cut")
    if runs:
        warnings.append(f"articles missing: {_fmt_runs(runs)}")

    if signed:
        return
    beyond = sorted({k for a in articles for m in SELF_REFERENCE.finditer(a.body)
                     if (k := number_key(m.group(1) or m.group(2))[0]) > last})
    if beyond:
        raise ParseError(f"The text refers to article {beyond[0]} of this act but ends at article "
                         f"{articles[-1].number} - the file looks truncated")
    tail = articles[-1]
    if last_kind == "heading" or (last_kind == "article" and not tail.repealed) or not (
            tail.body or tail.notes or tail.repealed):
        raise ParseError(f"The text stops at article {tail.number} without its text - the file looks truncated")
    end = last_text.rstrip().rstrip("*").rstrip()
    if not end or end[-1].isalnum() or end.endswith(_OPEN_ENDINGS):
        raise ParseError(f"The text stops mid-sentence in article {tail.number} («…{end[-40:]}») "
                         "- the file looks truncated")
    warnings.append("no President's signature at the end: completeness of the text cannot be confirmed")
