"""Measure the assistant on a JSONL question set (the same as ``eval_retrieval``).

    python manage.py eval_assistant --questions ../shared/eval/dev.jsonl [--composer extractive|llm]
        [--split tune|held] [--answers-out answers.jsonl]

Per language: cite-hit (the answer's verified citations include a gold or accepted article), top1 (the first
article the answer cites is a gold or accepted one), cited (verified articles cited per answer), not found
(answers saying no article answers), invented (citations to articles not in the knowledge base that reached
the user), stripped (citations removed by verification), language match, p50/p95 latency. Nothing is stored.
The last line is ``RESULT assistant cite_hit_ru=… cite_hit_kk=… invented=… lang_match=… top1_ru=… top1_kk=…
cited_avg=… p95_ms=…``.

``--split`` keeps half of the questions by a fixed rule (crc32 of the id, even = tune, odd = held): tune the
method on one half, report the other. ``--answers-out`` writes one JSON line per question with the text the
member sees and the verified citations in order, for ``../shared/eval/facts_score.py``.
"""

import json
import zlib

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
        parser.add_argument("--split", choices=["all", "tune", "held"], default="all",
                            help="half of the questions by crc32 of the id (even: tune, odd: held)")
        parser.add_argument("--answers-out", dest="answers_out", default="",
                            help="JSONL file: id, answer (the text the member sees), citations [[act, number], …]")

    def handle(self, *args, **opts):
        try:
            questions = load_questions(opts["questions"])
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"cannot read questions {opts['questions']}: {exc}") from exc
        if opts["split"] != "all":
            parity = 0 if opts["split"] == "tune" else 1
            questions = [q for q in questions if split_of(q.id) == parity]
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
        answers = []
        for q in questions:
            result = pipeline.run(q.question, ui_language=q.lang, composer=opts["composer"], use_cards=False)
            s = stats.setdefault(q.lang, {"n": 0, "hit": 0, "invented": 0, "stripped": 0, "lang": 0, "ms": [],
                                          "fallback": 0, "top1": 0, "cited": 0, "none": 0})
            cited = cited_in_order(result)
            s["n"] += 1
            s["hit"] += bool(result.good & q.relevant)
            s["top1"] += bool(cited) and cited[0] in q.relevant
            s["cited"] += len(cited)
            s["none"] += result.confidence == "none"
            answers.append({"id": q.id, "answer": result.text, "citations": [list(c) for c in cited]})
            s["invented"] += result.invented
            s["stripped"] += sum(1 for c in result.citations if not c["verified"])
            s["lang"] += result.language == q.lang
            s["ms"].append(result.latency_ms)
            s["fallback"] += bool(result.notes)
            if opts["verbose"]:
                self.stdout.write(f"  {q.id:<24} {q.lang} hit={int(bool(result.good & q.relevant))} "
                                  f"top1={int(bool(cited) and cited[0] in q.relevant)} {result.confidence:<6} "
                                  f"cited={cited} gold={sorted(q.relevant)} {result.latency_ms}ms")
        if opts["answers_out"]:
            with open(opts["answers_out"], "w", encoding="utf-8") as fh:
                for row in answers:
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        self.stdout.write(f"composer: {opts['composer']}; {len(questions)} questions ({opts['split']})")
        self.stdout.write(f"{'lang':<4} {'n':>4} {'cite_hit':>9} {'top1':>6} {'cited':>6} {'none':>5} "
                          f"{'invented':>9} {'stripped':>9} {'lang_ok':>8} {'fallback':>9} {'p50_ms':>7} {'p95_ms':>7}")
        for lang in [*sorted(stats), "all"]:
            rows = list(stats.values()) if lang == "all" else [stats[lang]]
            n = sum(r["n"] for r in rows)
            ms = [m for r in rows for m in r["ms"]]
            self.stdout.write(
                f"{lang:<4} {n:>4} {sum(r['hit'] for r in rows) / n:>9.3f} {sum(r['top1'] for r in rows) / n:>6.3f} "
                f"{sum(r['cited'] for r in rows) / n:>6.2f} {sum(r['none'] for r in rows):>5} "
                f"{sum(r['invented'] for r in rows):>9} "
                f"{sum(r['stripped'] for r in rows):>9} {sum(r['lang'] for r in rows) / n:>8.3f} "
                f"{sum(r['fallback'] for r in rows):>9} {np.percentile(ms, 50):>7.1f} {np.percentile(ms, 95):>7.1f}")

        def hit(lang, key="hit"):
            s = stats.get(lang)
            return s[key] / s["n"] if s else 0.0

        total = sum(s["n"] for s in stats.values())
        all_ms = [m for s in stats.values() for m in s["ms"]]
        self.stdout.write(
            f"RESULT assistant cite_hit_ru={hit('ru'):.3f} cite_hit_kk={hit('kk'):.3f} "
            f"invented={sum(s['invented'] for s in stats.values())} "
            f"lang_match={sum(s['lang'] for s in stats.values()) / total:.3f} "
            f"top1_ru={hit('ru', 'top1'):.3f} top1_kk={hit('kk', 'top1'):.3f} "
            f"cited_avg={sum(s['cited'] for s in stats.values()) / total:.2f} "
            f"p95_ms={np.percentile(all_ms, 95):.1f}")


def split_of(question_id: str) -> int:
    """0 (tune) or 1 (held out): a fixed rule on the id, the same on every machine."""
    return zlib.crc32(question_id.encode("utf-8")) % 2


def cited_in_order(result) -> list[tuple[str, str]]:
    """The verified articles the answer text cites, in the order the member reads them (each once)."""
    from odaq.assistant.pipeline import citations

    masked = citations.mask_quotes(result.text, [t for s in result.sources for t in (s.passage, s.text)])
    out: list[tuple[str, str]] = []
    for c in citations.parse(masked):
        key = (c.act, c.number)
        if key in result.good and key not in out:
            out.append(key)
    return out
