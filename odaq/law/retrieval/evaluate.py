"""Measure retrieval on a JSONL question set: recall@1/5/10 and MRR per language, latency per mode."""

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .index import MODES, RetrievalIndex

CUTS = (1, 5, 10)


@dataclass
class Question:
    id: str
    lang: str
    question: str
    relevant: frozenset  # gold ∪ accept, as (act, number)


def load_questions(path: str | Path) -> list[Question]:
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        rel = frozenset((str(a), str(num)) for a, num in list(row.get("gold") or []) + list(row.get("accept") or []))
        out.append(Question(id=str(row.get("id", n)), lang=row["lang"], question=row["question"], relevant=rel))
    return out


@dataclass
class ModeReport:
    mode: str
    ranks: dict[str, list[int | None]] = field(default_factory=dict)  # lang -> rank of first relevant (1-based)
    latencies_ms: list[float] = field(default_factory=list)

    def metrics(self, lang: str | None = None, k: int = 10) -> dict[str, float]:
        ranks = [r for lg, rs in self.ranks.items() if lang in (None, lg) for r in rs]
        n = len(ranks)
        m = {f"recall@{c}": (sum(1 for r in ranks if r is not None and r <= c) / n if n else 0.0) for c in CUTS}
        m["mrr"] = sum(1.0 / r for r in ranks if r is not None and r <= k) / n if n else 0.0
        m["n"] = n
        return m

    def latency(self, q: float) -> float:
        return float(np.percentile(self.latencies_ms, q)) if self.latencies_ms else 0.0


def first_relevant(articles: Sequence[tuple[str, str]], relevant: frozenset) -> int | None:
    for i, a in enumerate(articles, 1):
        if a in relevant:
            return i
    return None


def evaluate(index: RetrievalIndex, questions: Sequence[Question], k: int = 10,
             modes: Sequence[str] = MODES) -> dict[str, ModeReport]:
    """Run every question in every mode; each timed call includes its own query embedding."""
    depth = max(k, max(CUTS))
    if questions and index.embedder is not None:
        index.search(questions[0].question, questions[0].lang, k=1)  # warm up the model
    reports = {m: ModeReport(m) for m in modes}
    for q in questions:
        for mode in modes:
            t0 = time.perf_counter()
            hits = index.search(q.question, q.lang, k=depth, mode=mode)
            reports[mode].latencies_ms.append((time.perf_counter() - t0) * 1000.0)
            rank = first_relevant([h.article for h in hits], q.relevant)
            reports[mode].ranks.setdefault(q.lang, []).append(rank)
    return reports


def format_report(reports: dict[str, ModeReport], k: int = 10) -> list[str]:
    lines = [f"{'mode':<8} {'lang':<4} {'n':>4} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'MRR':>6}  p50_ms  p95_ms"]
    for mode, rep in reports.items():
        for lang in [*sorted(rep.ranks), None]:
            m = rep.metrics(lang, k)
            lat = f"  {rep.latency(50):6.1f}  {rep.latency(95):6.1f}" if lang is None else ""
            lines.append(f"{mode:<8} {lang or 'all':<4} {m['n']:>4} {m['recall@1']:6.3f} {m['recall@5']:6.3f} "
                         f"{m['recall@10']:6.3f} {m['mrr']:6.3f}{lat}")
    return lines


def result_line(report: ModeReport, k: int = 10) -> str:
    ru, kk, al = report.metrics("ru", k), report.metrics("kk", k), report.metrics(None, k)
    return (f"RESULT retrieval recall5_ru={ru['recall@5']:.3f} recall5_kk={kk['recall@5']:.3f} "
            f"recall5_all={al['recall@5']:.3f} mrr_all={al['mrr']:.3f} p95_ms={report.latency(95):.1f}")
