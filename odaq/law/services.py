"""Importing editions of acts. A parse error never touches the database: the old edition stays."""

import hashlib
from dataclasses import asdict, dataclass, field

from django.db import transaction
from django.utils import timezone

from odaq.core import audit

from .models import Act, ActKind, Article, ArticleChange, ChangeKind, Edition, Heading
from .parsing.types import ParsedAct, ParsedArticle


@dataclass
class ImportResult:
    edition: Edition | None
    unchanged: bool = False
    first: bool = False  # no earlier edition of this act in this language: nothing to compare with
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.unchanged:
            return "unchanged (same text as the current edition)"
        if self.first:
            return f"{self.edition.article_count} articles (first edition)"
        return (f"{self.edition.article_count} articles; added {len(self.added)}, removed {len(self.removed)}, "
                f"changed {len(self.changed)}")


def article_hash(article: ParsedArticle) -> str:
    blob = "\n".join([article.title, article.body, "repealed" if article.repealed else ""])
    return hashlib.sha256(blob.encode()).hexdigest()


def _kind_of(act_id: str) -> str:
    return ActKind.CODE if act_id.startswith("K") else ActKind.LAW


@transaction.atomic
def import_edition(parsed: ParsedAct, *, raw: str, source: str, as_of=None, note: str = "",
                   actor=None) -> ImportResult:
    """Store a parsed act as the new current edition for its language and record what changed."""
    sha = hashlib.sha256(raw.encode()).hexdigest()
    act, _ = Act.objects.get_or_create(adilet_id=parsed.act_id, defaults={"kind": _kind_of(parsed.act_id)})
    if parsed.title and getattr(act, f"title_{parsed.lang}") != parsed.title:
        setattr(act, f"title_{parsed.lang}", parsed.title[:500])
        act.save(update_fields=[f"title_{parsed.lang}"])
    previous = Edition.objects.select_for_update().filter(act=act, lang=parsed.lang, is_current=True).first()
    if previous is not None and previous.sha256 == sha:
        return ImportResult(previous, unchanged=True)
    if previous is not None:
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    edition = Edition.objects.create(act=act, lang=parsed.lang, as_of=as_of, source=source[:500], sha256=sha,
                                     note=note, imported_by=actor, article_count=len(parsed.articles))
    headings = _save_headings(edition, parsed)
    new_hashes = {}
    rows = []
    for position, art in enumerate(parsed.articles):
        new_hashes[art.number] = article_hash(art)
        rows.append(Article(
            edition=edition, act=act, lang=parsed.lang, number=art.number, position=position,
            title=art.title[:1000], body=art.body, points=[asdict(p) for p in art.points], notes=art.notes,
            repealed=art.repealed, heading=headings[art.heading] if art.heading is not None else None,
            text_hash=new_hashes[art.number],
        ))
    Article.objects.bulk_create(rows, batch_size=500)
    result = ImportResult(edition, first=previous is None)
    if previous is not None:
        old_hashes = dict(previous.articles.values_list("number", "text_hash"))
        result.added = [n for n in new_hashes if n not in old_hashes]
        result.removed = [n for n in old_hashes if n not in new_hashes]
        result.changed = [n for n in new_hashes if n in old_hashes and old_hashes[n] != new_hashes[n]]
        now = timezone.now()
        ArticleChange.objects.bulk_create(
            [ArticleChange(edition=edition, act=act, lang=parsed.lang, number=n, kind=kind, changed_at=now)
             for kind, numbers in ((ChangeKind.ADDED, result.added), (ChangeKind.REMOVED, result.removed),
                                   (ChangeKind.CHANGED, result.changed)) for n in numbers]
        )
    audit.record("law.imported", actor=actor, obj=edition, data={
        "act": act.adilet_id, "lang": parsed.lang, "source": source[:200], "articles": len(rows),
        "added": len(result.added), "removed": len(result.removed), "changed": len(result.changed),
    })
    from .tasks import schedule_index_update

    transaction.on_commit(schedule_index_update)
    return result


def _save_headings(edition: Edition, parsed: ParsedAct) -> list[Heading]:
    saved: list[Heading] = []
    for position, h in enumerate(parsed.headings):
        parent = saved[h.parent] if h.parent is not None and h.parent < len(saved) else None
        saved.append(Heading.objects.create(edition=edition, kind=h.kind, number=h.number, title=h.title[:1000],
                                            parent=parent, position=position))
    return saved
