"""Retrieval changes measured on a tuning half and a held-out half of the development questions.

    .venv/bin/python bench/law_retrieval_holdout.py [--questions ../shared/eval/dev.jsonl] [--store-dir DIR]
        [--variant NAME:key=value,key=value ...]

The split is fixed: a question is "held out" when the first hex digit of sha1(id) is odd, else "tune".  Decide a
change on the tuning half, keep it only if it also helps on the held-out half.  Recall@5 and MRR@10 per half and
language, lexical and (when every passage has a vector in the store) hybrid.  Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odaq.config.settings")

import django  # noqa: E402

django.setup()

from odaq.law.retrieval.corpus import default_data_dir, passages_from_manifest  # noqa: E402
from odaq.law.retrieval.embed import VectorStore, default_embedder, text_key  # noqa: E402
from odaq.law.retrieval.evaluate import first_relevant, load_questions  # noqa: E402
from odaq.law.retrieval.index import Params, RetrievalIndex, default_store_dir  # noqa: E402


def half(qid: str) -> str:
    return "held" if int(hashlib.sha1(qid.encode()).hexdigest(), 16) % 2 else "tune"


def parse_value(v: str):
    for cast in (int, float):
        try:
            return cast(v)
        except ValueError:
            pass
    return {"true": True, "false": False}.get(v.lower(), v)


def measure(index, questions, mode, qvecs):
    ranks: dict[tuple[str, str], list] = {}
    for q in questions:
        order, _ = index.rank(q.question, q.lang, mode=mode, qvec=qvecs.get(q.id))
        r = first_relevant([index.articles[a] for a, _ in order[:10]], q.relevant)
        ranks.setdefault((half(q.id), q.lang), []).append(r)
    cells = []
    for h in ("tune", "held"):
        for lang in ("ru", "kk"):
            rs = ranks.get((h, lang), [])
            r5 = sum(1 for r in rs if r and r <= 5) / max(1, len(rs))
            mrr = sum(1 / r for r in rs if r) / max(1, len(rs))
            cells.append(f"{h}/{lang} R@5={r5:.3f} MRR={mrr:.3f}")
    return "  ".join(cells)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--questions", default=str(ROOT / ".." / "shared" / "eval" / "dev.jsonl"))
    ap.add_argument("--store-dir", default=None)
    ap.add_argument("--modes", default="lexical,hybrid")
    ap.add_argument("--variant", action="append", default=[], help="NAME:key=value,key=value (Params changes)")
    args = ap.parse_args()
    questions = load_questions(args.questions)
    passages = passages_from_manifest(default_data_dir())
    counts = {}
    for q in questions:
        counts[(half(q.id), q.lang)] = counts.get((half(q.id), q.lang), 0) + 1
    print(f"{len(passages)} passages; questions per half/lang: {counts}")
    store = VectorStore(args.store_dir or default_store_dir(), default_embedder())
    have = all(text_key(p.text) in store.row for p in passages)
    base = RetrievalIndex.build(passages, args.store_dir, params=Params(), dense=have)
    modes = [m for m in args.modes.split(",") if have or m == "lexical"]
    qvecs = {q.id: base.embedder.query(q.question) for q in questions} if have else {}
    variants = [("baseline", {})]
    for v in args.variant:
        name, _, kv = v.partition(":")
        variants.append((name, {k: parse_value(x) for k, _, x in (p.partition("=") for p in kv.split(",") if p)}))
    for name, changes in variants:
        index = base.with_params(**changes)
        for mode in modes:
            print(f"{name:<16} {mode:<8} {measure(index, questions, mode, qvecs)}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
