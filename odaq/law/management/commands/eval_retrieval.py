"""Measure law-article retrieval (lexical, dense, hybrid) on a JSONL question set.

    python manage.py eval_retrieval --questions ../shared/eval/dev.jsonl [--k 10] [--data-dir DIR]

The last line is ``RESULT retrieval recall5_ru=… recall5_kk=… recall5_all=… mrr_all=… p95_ms=…`` (hybrid).
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from odaq.law.retrieval.corpus import load_passages
from odaq.law.retrieval.evaluate import evaluate, format_report, load_questions, result_line
from odaq.law.retrieval.index import MODES, Params, RetrievalIndex, default_store_dir
from odaq.law.selectors import corpus_passages

KK_MODES = ["suffix+ngram4", "suffix", "prefix5", "prefix6", "ngram3", "ngram4", "ngram5", "none"]


class Command(BaseCommand):
    help = "Recall@1/5/10, MRR and query latency of law retrieval (lexical, dense, hybrid) on a JSONL question set."

    def add_arguments(self, parser):
        parser.add_argument("--questions", required=True, help="JSONL: id, lang, question, gold, accept")
        parser.add_argument("--k", type=int, default=10, help="results per query (MRR is computed over these)")
        parser.add_argument("--data-dir", default=None,
                            help="directory with manifest.json, used when the database holds no acts "
                                 "(default: ../shared/data/law)")
        parser.add_argument("--store-dir", default=None, help="vector store directory (default: VAR_DIR/law_index)")
        parser.add_argument("--kk-mode", default=Params.kk_mode,
                            choices=KK_MODES,
                            help="Kazakh lexical analysis (for measurements)")
        parser.add_argument("--fusion", default=Params.fusion, choices=["score", "rrf"],
                            help="how hybrid fuses the ranked lists (for measurements)")

    def handle(self, *args, **opts):
        try:
            questions = load_questions(opts["questions"])
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"cannot read questions {opts['questions']}: {exc}") from exc
        if not questions:
            raise CommandError("no questions")
        try:
            passages = load_passages(opts["data_dir"], from_database=corpus_passages)
        except (OSError, ValueError) as exc:
            raise CommandError(f"cannot load the law corpus: {exc}") from exc
        if not passages:
            raise CommandError("the law corpus is empty: import acts or pass --data-dir with a manifest.json")
        store = opts["store_dir"] or default_store_dir()
        articles = len({p.article for p in passages})
        self.stdout.write(f"corpus: {len(passages)} passages, {articles} articles; vector store {store}")
        t0 = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if done == total or now - last[0] > 5:
                last[0] = now
                self.stdout.write(f"  embedding new passages: {done}/{total}")
                sys.stdout.flush()

        params = Params(kk_mode=opts["kk_mode"], fusion=opts["fusion"])
        index = RetrievalIndex.build(passages, store, params=params, progress=progress)
        self.stdout.write(f"index ready in {time.perf_counter() - t0:.1f}s; {len(questions)} questions, k={opts['k']}")
        reports = evaluate(index, questions, k=opts["k"], modes=MODES)
        for line in format_report(reports, opts["k"]):
            self.stdout.write(line)
        self.stdout.write(result_line(reports["hybrid"], opts["k"]))
