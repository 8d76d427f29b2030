"""Measure the generic knobs of law retrieval (no per-question rules): Kazakh/Russian analysis, passage size, fusion.

    .venv/bin/python bench/law_retrieval_tune.py [--questions ../shared/eval/dev.jsonl] [--data-dir ../shared/data/law]
        [--store-dir /tmp/law_index] [--max-chars 600] [--grid]

Prints lexical-only recall@5 / MRR per analysis option, a "title -> article" proxy over every article (query: the
article's title; documents: the passages without their heading line; a larger, question-independent check of
morphology), and with ``--grid`` the hybrid figures over a small grid of fusion settings.  Embeddings of new
passages go to the store (a first run embeds the whole corpus: minutes).  Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odaq.config.settings")

import django  # noqa: E402

django.setup()

from odaq.law.retrieval.corpus import passages_from_manifest  # noqa: E402
from odaq.law.retrieval.evaluate import first_relevant, load_questions  # noqa: E402
from odaq.law.retrieval.index import Params, RetrievalIndex  # noqa: E402
from odaq.law.retrieval.types import Passage  # noqa: E402

KK_MODES = ["none", "suffix", "prefix5", "prefix6", "ngram3", "ngram4", "ngram5", "suffix+ngram4"]
RU_MODES = ["stem", "stem+prefix5", "stem+ngram4", "prefix5", "ngram4"]


def measure(index, questions, mode, qvecs=None):
    ranks: dict[str, list] = {}
    for q in questions:
        order, _ = index.rank(q.question, q.lang, mode=mode, qvec=None if qvecs is None else qvecs[q.id])
        ranks.setdefault(q.lang, []).append(first_relevant([index.articles[a] for a, _ in order[:10]], q.relevant))
    ranks["all"] = [r for lang in ("ru", "kk") for r in ranks.get(lang, [])]

    def fmt(rs):
        r5 = sum(1 for r in rs if r and r <= 5) / max(1, len(rs))
        return f"R@5={r5:.3f} MRR={sum(1 / r for r in rs if r) / max(1, len(rs)):.3f}"

    return "  ".join(f"{lang}: {fmt(rs)}" for lang, rs in ranks.items())


def title_proxy(passages, lang, params_list):
    stripped = [Passage(p.pid, p.act, p.number, p.lang, p.text.partition("\n")[2], p.title) for p in passages]
    titles = {p.article: p.title for p in passages if p.lang == lang and len(p.title.split()) >= 2}
    base = RetrievalIndex(stripped, None, None)
    for params in params_list:
        index = base.with_params(**params)
        hits = []
        for article, title in titles.items():
            order, _ = index.rank(title, lang, mode="lexical")
            hits.append(first_relevant([index.articles[a] for a, _ in order[:10]], frozenset([article])))
        r5 = sum(1 for r in hits if r and r <= 5) / len(hits)
        mrr = sum(1 / r for r in hits if r) / len(hits)
        print(f"  {lang} {params}: n={len(hits)} R@5={r5:.3f} MRR@10={mrr:.3f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default=str(ROOT / ".." / "shared" / "eval" / "dev.jsonl"))
    parser.add_argument("--data-dir", default=str(ROOT / ".." / "shared" / "data" / "law"))
    parser.add_argument("--store-dir", default="/tmp/law_index")
    parser.add_argument("--max-chars", type=int, default=None)
    parser.add_argument("--grid", action="store_true", help="also embed and tune the hybrid fusion")
    args = parser.parse_args()
    questions = load_questions(args.questions)
    passages = passages_from_manifest(args.data_dir, max_chars=args.max_chars)
    print(f"{len(passages)} passages, {len(questions)} questions")

    print("lexical only, Kazakh analysis (Russian: stem+ngram4):")
    lex = RetrievalIndex(passages, None, None)
    for kk in KK_MODES:
        print(f"  kk_mode={kk:<14} {measure(lex.with_params(kk_mode=kk, ru_mode='stem+ngram4'), questions, 'lexical')}")
    print("lexical only, Russian analysis:")
    for ru in RU_MODES:
        print(f"  ru_mode={ru:<14} {measure(lex.with_params(ru_mode=ru), questions, 'lexical')}")
    print("title -> article proxy (lexical):")
    title_proxy(passages, "kk", [{"kk_mode": m} for m in KK_MODES])
    title_proxy(passages, "ru", [{"ru_mode": m} for m in RU_MODES])
    if not args.grid:
        return
    index = RetrievalIndex.build(passages, args.store_dir, params=Params())
    qvecs = {q.id: index.embedder.query(q.question) for q in questions}
    print(f"dense only: {measure(index, questions, 'dense', qvecs)}")
    print(f"lexical (defaults): {measure(index, questions, 'lexical', qvecs)}")
    for fusion, depth, rrf_k in (("rrf", 100, 10), ("rrf", 100, 30), ("rrf", 100, 60), ("score", 20, 0),
                                 ("score", 100, 0)):
        for w_dense in (1.0, 1.5, 2.0):
            for w_dense_kk in (0.5, 0.75, 1.0):
                params = {"fusion": fusion, "depth": depth, "rrf_k": rrf_k, "w_dense": w_dense,
                          "w_dense_kk": w_dense_kk}
                print(f"hybrid {params}: {measure(index.with_params(**params), questions, 'hybrid', qvecs)}")


if __name__ == "__main__":
    main()
