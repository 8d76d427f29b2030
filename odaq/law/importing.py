"""Reading act texts from files, manifests and adilet.zan.kz, then handing them to the services."""

import datetime as dt
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from . import services
from .parsing import detect_format, parse_text
from .parsing.types import ParseError

ADILET_URL = "https://adilet.zan.kz/{section}/docs/{act}"
MAX_BYTES = 20 * 1024 * 1024


class SourceError(ValueError):
    """The text could not be read (missing file, offline, too big, not UTF-8)."""


@dataclass
class Source:
    text: str
    origin: str
    fmt: str


def read_file(path: Path, fmt: str | None = None) -> Source:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if len(raw) > MAX_BYTES:
        raise SourceError(f"{path} is larger than {MAX_BYTES // 1024 // 1024} MB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceError(f"{path} is not UTF-8 text") from exc
    if not text.strip():
        raise ParseError(f"{path} is empty")
    return Source(text, str(path), fmt or detect_format(text))


def fetch_adilet(act: str, lang: str, timeout: float = 20.0) -> Source:
    url = ADILET_URL.format(section="kaz" if lang == "kk" else "rus", act=act)
    request = urllib.request.Request(url, headers={"User-Agent": "Odaq law importer"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - fixed https host
            raw = response.read(MAX_BYTES + 1)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise SourceError(
            f"Cannot reach {url} ({getattr(exc, 'reason', exc)}). Without internet, save the page in a browser "
            f"and run: manage.py law_import PAGE.html --act {act} --lang {lang}"
        ) from exc
    if len(raw) > MAX_BYTES:
        raise SourceError(f"{url} returned more than {MAX_BYTES // 1024 // 1024} MB")
    return Source(raw.decode("utf-8", errors="replace"), url, "adilet-html")


def import_source(source: Source, *, act: str, lang: str, title: str = "", as_of: dt.date | None = None,
                  note: str = "", actor=None) -> services.ImportResult:
    """Parse first (a ParseError leaves the database untouched), then store."""
    parsed = parse_text(source.text, source.fmt, act_id=act, lang=lang, title=title)
    return services.import_edition(parsed, raw=source.text, source=source.origin, as_of=as_of, note=note,
                                   actor=actor)


def manifest_entries(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(f"Cannot read the manifest {path}: {exc}") from exc
    entries = data.get("acts") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise SourceError(f"{path} lists no acts")
    for entry in entries:
        missing = {"act", "lang", "file"} - set(entry)
        if missing:
            raise SourceError(f"{path}: an entry lacks {', '.join(sorted(missing))}")
    return entries


def parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise SourceError(f"Not a date (YYYY-MM-DD): {value}") from exc
