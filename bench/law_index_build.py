"""Time the semantic index build of the law corpus: wall and CPU seconds, per language, passages per second.

    .venv/bin/python bench/law_index_build.py [--store-dir DIR] [--langs ru,kk] [--data-dir ../shared/data/law]
        [--fresh] [--limit N]

Embeds the passages missing from the store (``--fresh``: into an empty temporary store, i.e. a cold build) in the
order of ``--langs`` and prints one line per language and a total.  CPU time is the process's own (user + system,
all threads): on a shared machine it is the figure to compare, wall time depends on the neighbours.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "odaq.config.settings")

import django  # noqa: E402

django.setup()

from odaq.law.retrieval.corpus import default_data_dir, passages_from_manifest  # noqa: E402
from odaq.law.retrieval.embed import VectorStore, default_embedder, text_key  # noqa: E402
from odaq.law.retrieval.index import default_store_dir  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--store-dir", default=None)
    ap.add_argument("--data-dir", default=None)
    ap.add_argument("--langs", default="ru,kk")
    ap.add_argument("--fresh", action="store_true", help="cold build into an empty temporary store")
    ap.add_argument("--limit", type=int, default=0, help="only the first N passages per language (a sample)")
    args = ap.parse_args()
    passages = passages_from_manifest(args.data_dir or default_data_dir())
    store_dir = tempfile.mkdtemp(prefix="law_index_bench_") if args.fresh else (args.store_dir or default_store_dir())
    embedder = default_embedder()
    print(f"corpus: {len(passages)} passages; store {store_dir}; embedder {embedder.name}; "
          f"cores {os.cpu_count()}; load {os.getloadavg()[0]:.1f}")
    total_w = total_c = 0.0
    total_n = 0
    for lang in args.langs.split(","):
        texts = [p.text for p in passages if p.lang == lang]
        if args.limit:
            texts = texts[: args.limit]
        store = VectorStore(store_dir, embedder)
        todo = len({text_key(t) for t in texts} - set(store.row))
        w0, c0 = time.perf_counter(), time.process_time()
        store.ensure(texts)
        w, c = time.perf_counter() - w0, time.process_time() - c0
        total_w, total_c, total_n = total_w + w, total_c + c, total_n + len(texts)
        print(f"  {lang}: {len(texts)} texts ({todo} to embed) wall {w:.1f}s cpu {c:.1f}s"
              f" ({c / max(todo, 1) * 1000:.0f} cpu-ms each); load {os.getloadavg()[0]:.1f}")
        sys.stdout.flush()
    print(f"RESULT law_index_build texts={total_n} wall_s={total_w:.1f} cpu_s={total_c:.1f} "
          f"wall_on_2_idle_cores_s={total_c / 2:.1f}")


if __name__ == "__main__":
    main()
