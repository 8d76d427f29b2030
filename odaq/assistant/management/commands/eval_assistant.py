"""Measure the assistant on a JSONL question set (the same as ``eval_retrieval``).

    python manage.py eval_assistant --questions ../shared/eval/dev.jsonl [--composer extractive|llm]

Per language: cite-hit (the answer's verified citations include a gold or accepted article), invented
(citations to articles not in the knowledge base that reached the user), stripped (citations removed by
verification), language match, p50/p95 latency. Nothing is stored. The last line is
``RESULT assistant cite_hit_ru=… cite_hit_kk=… invented=… lang_match=… p95_ms=…``.
"""

import numpy as np
from django.core.management.base import BaseCommand, CommandError

from odaq.assistant import pipeline
from odaq.law import search
from odaq.law.models import Article
from odaq.law.retrieval.evaluate import load_questions


class Command(BaseCommand):
    help = "Cite-hit, invented and stripped citations, language match and latency of the legal assistant."

    def add_arguments(self, parser):
        parser.add_argument("--questions", required=True, help="JSONL: id, lang, question, gold, accept")
        parser.add_argument("--composer", choices=["extractive", "llm"], default="extractive")
        parser.add_argument("--verbose", action="store_true", help="one line per question")

    def handle(self, *args, **opts):
        try:
            questions = load_questions(opts["questions"])
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"cannot read questions {opts['questions']}: {exc}") from exc
        if not questions:
            raise CommandError("no questions")
        if not Article.objects.filter(edition__is_current=True).exists():
            raise CommandError("the knowledge base is empty: run `manage.py law_demo_import` first")
        if opts["composer"] == "llm":
            from django.conf import settings

            if not settings.ODAQ_LLM_BASE_URL:
                raise CommandError("set ODAQ_LLM_BASE_URL to evaluate the model composer")
        search.rebuild()  # the full hybrid index (vectors from the store), before any timing
        pipeline.run(questions[0].question, composer=opts["composer"], use_cards=False)  # warm up
        stats: dict[str, dict] = {}
        for q in questions:
            result = pipeline.run(q.question, ui_language=q.lang, composer=opts["composer"], use_cards=False)
            s = stats.setdefault(q.lang, {"n": 0, "hit": 0, "invented": 0, "stripped": 0, "lang": 0, "ms": [],
                                          "fallback": 0})
            s["n"] += 1
            s["hit"] += bool(result.good & q.relevant)
            s["invented"] += result.invented
            s["stripped"] += sum(1 for c in result.citations if not c["verified"])
            s["lang"] += result.language == q.lang
            s["ms"].append(result.latency_ms)
            s["fallback"] += bool(result.notes)
            if opts["verbose"]:
                self.stdout.write(f"  {q.id:<24} {q.lang} hit={int(bool(result.good & q.relevant))} "
                                  f"cited={sorted(result.good)} {result.latency_ms}ms")
        self.stdout.write(f"composer: {opts['composer']}; {len(questions)} questions")
        self.stdout.write(f"{'lang':<4} {'n':>4} {'cite_hit':>9} {'invented':>9} {'stripped':>9} {'lang_ok':>8} "
                          f"{'fallback':>9} {'p50_ms':>7} {'p95_ms':>7}")
        for lang in [*sorted(stats), "all"]:
            rows = list(stats.values()) if lang == "all" else [stats[lang]]
            n = sum(r["n"] for r in rows)
            ms = [m for r in rows for m in r["ms"]]
            self.stdout.write(
                f"{lang:<4} {n:>4} {sum(r['hit'] for r in rows) / n:>9.3f} {sum(r['invented'] for r in rows):>9} "
                f"{sum(r['stripped'] for r in rows):>9} {sum(r['lang'] for r in rows) / n:>8.3f} "
                f"{sum(r['fallback'] for r in rows):>9} {np.percentile(ms, 50):>7.1f} {np.percentile(ms, 95):>7.1f}")

        def hit(lang):
            s = stats.get(lang)
            return s["hit"] / s["n"] if s else 0.0

        total = sum(s["n"] for s in stats.values())
        all_ms = [m for s in stats.values() for m in s["ms"]]
        self.stdout.write(
            f"RESULT assistant cite_hit_ru={hit('ru'):.3f} cite_hit_kk={hit('kk'):.3f} "
            f"invented={sum(s['invented'] for s in stats.values())} "
            f"lang_match={sum(s['lang'] for s in stats.values()) / total:.3f} "
            f"p95_ms={np.percentile(all_ms, 95):.1f}")
