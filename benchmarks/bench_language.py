"""Corpus-level language analysis: cores, the on-disk cache, and underthesea's own speed.

    python benchmarks/bench_language.py [--articles 2000] [--seed 7]

On a corpus generated from the shipped articles (as in bench_statistics.py) it times
``theme_scores`` on one core (engine="serial"), on every core (engine="processes") and
again from a warm cache; ``entities`` with the default rules (which segment each article
once with underthesea); and underthesea's ``word_tokenize`` on the same texts.
Peak memory of the serial run is measured with tracemalloc. Figures go to the README.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_statistics import make_corpus  # noqa: E402

import cyberlib  # noqa: E402


def timed(label: str, n: int, func, *args, **kwargs):
    t0 = time.perf_counter()
    result = func(*args, **kwargs)
    dt = time.perf_counter() - t0
    print(f"{label}: {dt:.1f} s wall, {n / dt:,.1f} articles/s")
    return result, dt


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)

    import pandas as pd
    from underthesea import word_tokenize

    seeds = cyberlib.load_corpus(ROOT / "data" / "articles")["text"].tolist()
    texts = make_corpus(seeds, a.articles, a.seed)
    corpus = pd.DataFrame({"doc_id": [f"gen{i:05d}" for i in range(len(texts))], "text": texts})
    n = len(texts)
    print(f"corpus: {n} articles, {sum(map(len, texts)) / 1e6:.1f} M characters, "
          f"{os.cpu_count()} cores")  # fmt: skip

    word_tokenize(texts[0])  # model load
    _, t_tok = timed(
        "underthesea word_tokenize (one core)", n, lambda: [word_tokenize(t) for t in texts]
    )

    _, t_serial = timed("theme_scores, engine=serial, no cache", n,
                        cyberlib.theme_scores, corpus, engine="serial", cache=False)  # fmt: skip
    tracemalloc.start()  # a separate run: tracing slows Python down
    cyberlib.theme_scores(corpus, engine="serial", cache=False)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"theme_scores serial peak memory (tracemalloc): {peak / 1e6:.1f} MB")
    _, t_proc = timed("theme_scores, engine=processes, no cache", n,
                      cyberlib.theme_scores, corpus, engine="processes", cache=False)  # fmt: skip
    with tempfile.TemporaryDirectory() as cache_dir:
        timed("theme_scores, processes, filling the cache", n,
              cyberlib.theme_scores, corpus, cache_dir=cache_dir)  # fmt: skip
        _, t_warm = timed("theme_scores, warm cache", n,
                          cyberlib.theme_scores, corpus, cache_dir=cache_dir)  # fmt: skip
    _, t_ent = timed("entities (rules), engine=processes, no cache", n,
                     cyberlib.entities, corpus, cache=False)  # fmt: skip

    print(f"ratio: theme_scores (lexicon matching, one core) is {t_tok / t_serial:.1f}x "
          f"faster than word_tokenize")  # fmt: skip
    print(f"ratio: processes speed-up over serial = {t_serial / t_proc:.2f}x on "
          f"{os.cpu_count()} cores")  # fmt: skip
    print(f"ratio: warm cache speed-up over serial = {t_serial / t_warm:.0f}x")
    print(f"ratio: entities (rules, all cores) / word_tokenize (one core) time = "
          f"{t_ent / t_tok:.2f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
