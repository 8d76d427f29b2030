"""Starter answers: the questions members ask most, answered in advance in Kazakh and Russian.

The cards live in ``kk_ru.json`` (see ``README.md`` beside it). ``manage.py starter_cards`` loads them as drafts into
the expert-review queue through ``aigov.services.draft_starter_card``; members see a card only after a lawyer
approves it.
"""

import json
from dataclasses import dataclass
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "kk_ru.json"


@dataclass(frozen=True)
class StarterCard:
    key: str
    topic: str
    questions_kk: str
    questions_ru: str
    answer_kk: str
    answer_ru: str
    articles: tuple[tuple[str, str], ...]


def read(path: Path | str = DATA_FILE) -> list[StarterCard]:
    """The cards of a data file; a malformed entry raises ``ValueError`` naming it."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    cards = []
    for i, row in enumerate(data.get("cards", [])):
        try:
            cards.append(StarterCard(
                key=str(row["key"]), topic=str(row.get("topic", "")),
                questions_kk="\n".join(row["questions_kk"]), questions_ru="\n".join(row["questions_ru"]),
                answer_kk=str(row["answer_kk"]), answer_ru=str(row["answer_ru"]),
                articles=tuple((str(a), str(n)) for a, n in row["articles"])))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"starter card #{i + 1} ({row.get('key', '?') if isinstance(row, dict) else '?'}): "
                             f"{exc!r}") from exc
    return cards
