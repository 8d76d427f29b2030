"""An edition's note, read as facts a reader can be told in her language.

Importers write notes in English, e.g. (the Kazakh Labour Code copy in the demo data)::

    Articles 1-146-1 as of 2026-03-02; articles 147-204 as of 2024-07-08 (later amendments to articles 151, 159,
    186-188, 190 are missing in this copy). Article 139-1 enters into force on 01.01.2027.

The pages show these facts translated, say which articles lag behind the rest of the text, and warn on the pages
of those articles. A note in any other wording is shown as it is."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

NUMBER = re.compile(r"^\d+(?:-\d+)*$")
_PART = re.compile(r"\barticles\s+([\d-]+)\s+as\s+of\s+(\d{4}-\d{2}-\d{2})", re.I)
_MISSING = re.compile(r"later\s+amendments\s+to\s+articles?\s+([\d\s,\-–]+?)\s+are\s+missing", re.I)
_IN_FORCE = re.compile(r"\barticle\s+([\d-]+)\s+enters\s+into\s+force\s+on\s+(\d{2})\.(\d{2})\.(\d{4})", re.I)


def number_key(number: str) -> tuple[int, ...]:
    """Article order: 146 < 146-1 < 146-2 < 147."""
    return tuple(int(p) for p in number.split("-") if p.isdigit())


@dataclass(frozen=True)
class Range:
    first: str
    last: str

    def __contains__(self, number: str) -> bool:
        return number_key(self.first) <= number_key(number) <= number_key(self.last)

    def __str__(self) -> str:
        return self.first if self.first == self.last else f"{self.first}–{self.last}"


@dataclass(frozen=True)
class Part:
    articles: Range
    as_of: date


@dataclass(frozen=True)
class EditionNote:
    parts: tuple[Part, ...] = ()
    missing: tuple[Range, ...] = ()  # articles whose later amendments are missing in this copy
    in_force: tuple[tuple[str, date], ...] = ()  # (article, date it enters into force)
    raw: str = ""  # shown as written when nothing in it was understood
    lagging: tuple[Part, ...] = field(default=())  # parts older than the newest one

    @property
    def missing_text(self) -> str:
        return ", ".join(str(r) for r in self.missing)

    def for_article(self, number: str) -> dict:
        """What an article's page must say: its own date if it lags, missing amendments, entry into force."""
        lag = next((p for p in self.lagging if number in p.articles), None)
        return {
            "lag": lag,
            "missing": any(number in r for r in self.missing),
            "in_force": next((d for n, d in self.in_force if n == number), None),
        }


def _range(token: str) -> Range | None:
    """ "147-204" or "1-146-1" (article numbers have hyphens too): the split whose ends are in order."""
    token = token.strip().replace("–", "-")
    if not NUMBER.match(token):
        return None
    pieces = token.split("-")
    for cut in range(1, len(pieces)):
        first, last = "-".join(pieces[:cut]), "-".join(pieces[cut:])
        if number_key(first) < number_key(last):
            return Range(first, last)
    return Range(token, token)


@lru_cache(maxsize=64)
def parse(note: str) -> EditionNote:
    note = (note or "").strip()
    parts = tuple(Part(r, date.fromisoformat(d)) for t, d in _PART.findall(note) if (r := _range(t)))
    missing: tuple[Range, ...] = ()
    if m := _MISSING.search(note):
        missing = tuple(r for t in m.group(1).split(",") if (r := _range(t)))
    in_force = tuple((n, date(int(y), int(mo), int(d))) for n, d, mo, y in _IN_FORCE.findall(note) if NUMBER.match(n))
    if not (parts or missing or in_force):
        return EditionNote(raw=note)
    newest = max((p.as_of for p in parts), default=None)
    lagging = tuple(p for p in parts if p.as_of != newest)
    return EditionNote(parts=parts, missing=missing, in_force=in_force, lagging=lagging)
