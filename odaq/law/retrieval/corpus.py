"""Where the passages come from: the database when the law app has data, else the files of a manifest."""

import json
import logging
from collections.abc import Callable, Iterable
from pathlib import Path

from .split import split_article
from .types import Passage

log = logging.getLogger(__name__)


def default_data_dir() -> Path:
    from django.conf import settings

    return (Path(settings.BASE_DIR) / ".." / "shared" / "data" / "law").resolve()


def passages_from_articles(rows: Iterable[tuple], start_pid: int = 1, max_chars: int | None = None) -> list[Passage]:
    """Passages from ``(act, lang, number, title, body, points)`` rows."""
    out: list[Passage] = []
    pid = start_pid
    kwargs = {"max_chars": max_chars} if max_chars else {}
    for act, lang, number, title, body, points in rows:
        for text in split_article(act, number, lang, title, body, points, **kwargs):
            out.append(Passage(pid=pid, act=act, number=number, lang=lang, text=text, title=title))
            pid += 1
    return out


def passages_from_manifest(data_dir: str | Path, parse: Callable | None = None,
                           max_chars: int | None = None) -> list[Passage]:
    """Parse every act a ``manifest.json`` lists (with ``odaq.law.parsing.parse_text``) and split it."""
    data_dir = Path(data_dir)
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    if parse is None:
        from odaq.law.parsing import parse_text as parse
    rows = []
    for entry in manifest.get("acts", []):
        text = (data_dir / entry["file"]).read_text(encoding="utf-8")
        act = parse(text, entry["format"], act_id=entry["act"], lang=entry["lang"], title=entry.get("title", ""))
        for art in act.articles:
            if not art.repealed:
                rows.append((entry["act"], entry["lang"], art.number, art.title, art.body, art.points))
    return passages_from_articles(rows, max_chars=max_chars)


def load_passages(data_dir: str | Path | None = None, parse: Callable | None = None,
                  from_database: Callable[[], Iterable[Passage]] | None = None) -> list[Passage]:
    """Passages of the imported acts (``from_database``, e.g. ``odaq.law.selectors.corpus_passages``), else of
    the manifest's files. Retrieval does not import the law app: the caller hands the database source in."""
    if from_database is not None:
        try:
            passages = list(from_database())
        except Exception as exc:  # the database may not be migrated yet
            log.warning("law corpus from the database unavailable: %s", exc)
            passages = []
        if passages:
            return passages
    return passages_from_manifest(data_dir or default_data_dir(), parse=parse)
