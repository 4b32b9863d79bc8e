"""Statistic extraction speed and memory against underthesea ``word_tokenize``.

    python benchmarks/bench_statistics.py [--articles 5000] [--tokenize-sample 300] [--seed 7]

Rates are per CPU second of this process (``time.process_time``), so that other work on a
shared machine does not distort them; wall-clock rates are printed beside.

Builds a corpus of synthetic articles from the shipped ones (sentences shuffled within and
across articles, every number redrawn, with a fixed seed), then measures on one core:

* ``extract_statistics`` on the whole corpus frame: articles/s, MB/s (UTF-8), rows found;
* its peak Python memory (tracemalloc, in a second run: tracing slows the code down);
* underthesea ``word_tokenize`` on a random sample of the same articles (it is ~100x slower,
  so the whole corpus would take minutes); its rate is extrapolated to the corpus and the
  ratio of the two rates printed.

Targets (issue 4): >= 2,000 seed-sized articles/s and >= 40x faster than word_tokenize.

``--vinews`` measures the same on real articles of ``../shared/vinews`` instead (when it is
there), which carry more figures per character than the generated ones.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cyberlib  # noqa: E402
from cyberlib.figures.extraction import extract_statistics  # noqa: E402

_SENT = re.compile(r"(?<=[.!?])\s+|\n+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _vary(match: re.Match[str], rng: random.Random) -> str:
    text = match.group()
    if len(text) == 4 and text.startswith(("19", "20")):
        return str(rng.randint(2000, 2030))  # years stay years
    n = rng.choice([rng.randint(1, 99), rng.randint(100, 999), rng.randint(1000, 999999)])
    if rng.random() < 0.2:
        return f"{n},{rng.randint(1, 9)}"
    return f"{n:,}".replace(",", ".")  # Vietnamese thousands grouping


def _best_cpu(fn, items: list[str], repeat: int) -> float:
    """The fewest CPU seconds of ``repeat`` runs of ``fn`` over every item."""
    best = float("inf")
    for _ in range(repeat):
        c0 = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - c0)
    return best


def make_corpus(texts: list[str], n: int, seed: int) -> list[str]:
    """``n`` synthetic articles: shuffled sentences of the seeds with redrawn numbers."""
    rng = random.Random(seed)
    pool = [[s for s in _SENT.split(t) if s.strip()] for t in texts]
    everything = [s for sents in pool for s in sents]
    out = []
    for i in range(n):
        base = list(pool[i % len(pool)])
        rng.shuffle(base)
        for j in rng.sample(range(len(base)), k=min(2, len(base))):
            base[j] = rng.choice(everything)  # swap in a sentence of another article
        paragraphs = [" ".join(base[j : j + 3]) for j in range(0, len(base), 3)]
        article = "\n\n".join(paragraphs)
        out.append(_NUMBER.sub(lambda m: _vary(m, rng), article))
    return out


VINEWS = ROOT.parent / "shared" / "vinews" / "articles.jsonl.gz"


def _vinews(n: int) -> list[str]:
    """Up to ``n`` real articles, every 7th of :data:`VINEWS` (empty when it is missing)."""
    import gzip
    import json

    if not VINEWS.exists():
        return []
    out = []
    with gzip.open(VINEWS, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % 7 == 3:
                out.append(json.loads(line)["text"])
                if len(out) >= n:
                    break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--tokenize-sample", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--repeat", type=int, default=3, help="runs of each timing; the fastest is reported"
    )
    ap.add_argument(
        "--long", action="store_true", help="also the long one-line inputs of issue 13 (slow)"
    )
    ap.add_argument("--only-long", action="store_true", help="the long inputs only")
    ap.add_argument(
        "--vinews",
        action="store_true",
        help="real articles instead of generated ones: every 7th of ../shared/vinews "
        "(up to --articles; skipped with a message when that file is missing)",
    )
    ap.add_argument("--one-long", help=argparse.SUPPRESS)
    a = ap.parse_args(argv)
    if a.one_long:
        _one_long(a.one_long)
        return 0
    if a.only_long:
        _long_inputs()
        return 0

    import pandas as pd

    seeds = cyberlib.load_corpus(ROOT / "data" / "articles")["text"].tolist()
    if a.vinews:
        texts = _vinews(a.articles)
        if not texts:
            print(f"skipped: {VINEWS} is not there (real articles are not shipped)")
            return 0
    else:
        texts = make_corpus(seeds, a.articles, a.seed)
    corpus = pd.DataFrame({"doc_id": [f"gen{i:05d}" for i in range(len(texts))], "text": texts})
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    seed_chars = sum(map(len, seeds)) / len(seeds)
    gen_chars = sum(map(len, texts)) / len(texts)
    print(f"corpus: {len(texts)} articles, {mb:.1f} MB, {gen_chars:.0f} chars/article "
          f"(seeds: {seed_chars:.0f})")  # fmt: skip

    extract_statistics(corpus.head(50))  # warm up: data files, compiled patterns
    # this machine is a shared VM: each timing is repeated and the fastest run reported
    # (as timeit does), with the slowest beside it to show the noise
    runs = []
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        stats = extract_statistics(corpus)
        runs.append((time.process_time() - c0, time.perf_counter() - t0))
    cpu, dt = min(runs)
    rate = len(texts) / cpu
    print(f"extract_statistics: best of {a.repeat}: {dt:.2f} s wall, {cpu:.2f} s CPU -> "
          f"{rate:,.0f} articles/s, {mb / cpu:.1f} MB/s per core "
          f"(slowest run: {len(texts) / max(runs)[0]:,.0f} articles/s), "
          f"{len(stats):,} figures")  # fmt: skip

    tracemalloc.start()
    extract_statistics(corpus)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"extract_statistics peak memory (tracemalloc): {peak / 1e6:.1f} MB")

    from underthesea import word_tokenize

    sample = random.Random(a.seed).sample(texts, k=min(a.tokenize_sample, len(texts)))
    word_tokenize(sample[0])  # warm up: model load
    tdt = _best_cpu(word_tokenize, sample, a.repeat)
    trate = len(sample) / tdt
    print(
        f"underthesea word_tokenize: best of {a.repeat}: {len(sample)} sampled articles "
        f"in {tdt:.2f} s CPU, "
        f"{trate:,.1f} articles/s (whole corpus extrapolated: {len(texts) / trate:.0f} s)"
    )
    ratio = rate / trate
    print(f"ratio: extraction is {ratio:.0f}x faster than word_tokenize")

    # single strings (issue 9): one call per text, the frame built each time
    srate = len(sample) / _best_cpu(extract_statistics, sample, a.repeat)
    sratio = srate / trate
    print(
        f"extract_statistics on single strings: {srate:,.0f} strings/s; "
        f"{sratio:.0f}x word_tokenize on the same strings (target >= 40x)"
    )
    if a.long:
        _long_inputs()
    ok = rate >= 2000 and ratio >= 40
    print("targets (>= 2,000 articles/s, >= 40x):", "met" if ok else "NOT met")
    return 0


# name: (repeated unit, characters, share of them measured again under tracemalloc)
_LONG_CASES = {
    "one line, 25.6 M chars of prose with figures": (
        "Theo FBI, năm 2024 có hơn 55.000 vụ tống tiền, thiệt hại 3 tỷ đồng; ",
        25_600_000,
        100,
    ),
    "dense '10 vụ ' without sentence end, 1.6 M chars": ("10 vụ ", 1_600_000, 10),
    "'1.1.1…' 25.6 M chars": ("1.", 25_600_000, 1),
}


def _one_long(name: str) -> None:
    """Run one long case in this (fresh) process and print time and peak RSS, then the
    peak traced by tracemalloc on a part of it (tracing slows extraction down about
    tenfold), per row and as a multiple of the input's UTF-8 size."""
    import resource

    unit, size, part = _LONG_CASES[name]
    text = unit * (size // len(unit))
    extract_statistics(unit * 3)  # data files and patterns loaded before the baseline
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    hwm = _reset_hwm()
    t0 = time.perf_counter()
    df = extract_statistics(text)
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    mb = len(text.encode("utf-8")) / 1e6
    rows, frame = len(df), df.memory_usage(index=False).sum() / 1e6
    maxrss = f"ru_maxrss +{peak - base:,.0f} MB"
    if hwm is not None:  # Linux: the high-water mark of this run alone
        base, peak = hwm, _status_mb("VmHWM")
        maxrss += " (from a high-water mark that may predate this process)"
    print(
        f"long input: {name}: {dt:.1f} s, {rows:,} rows, peak RSS {peak:,.0f} MB "
        f"(+{peak - base:,.0f} MB over the {mb:.1f} MB input held in memory: "
        f"{(peak - base) / mb:.0f}x the input; the frame's own arrays: {frame:.1f} MB; "
        f"{maxrss})",
        flush=True,
    )
    del df
    text = text[: len(text) // part // len(unit) * len(unit)]
    mb = len(text.encode("utf-8")) / 1e6
    tracemalloc.start()
    rows = len(extract_statistics(text))
    traced = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    share = "all of it" if part == 1 else f"1/{part} of it"
    per_row = f", {traced * 1e6 / rows:.0f} bytes per row" if rows else ""
    print(
        f"  traced peak (tracemalloc) on {share}, {mb:.2f} MB, {rows:,} rows: "
        f"{traced:.1f} MB{per_row}, {traced / mb:.1f}x the input",
        flush=True,
    )


def _status_mb(field: str) -> float | None:
    """A memory field of /proc/self/status in MB (None where there is none)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1e3
    except OSError:
        pass
    return None


def _reset_hwm() -> float | None:
    """Reset the kernel's peak RSS of this process to its current RSS (Linux
    ``clear_refs``) and return that RSS in MB; None where it cannot be done.

    ``ru_maxrss`` alone misleads in a process started by a large one: the kernel carries
    the parent's high-water mark over ``exec`` (seen as "+0 MB" after the 5,000-article
    run)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
    except OSError:
        return None
    return _status_mb("VmRSS")


def _long_inputs() -> None:
    """Time and peak memory of the long inputs of issue 13, at full size, each in a fresh
    process (peak RSS, not tracemalloc: tracing would slow these runs tenfold)."""
    import subprocess

    for name in _LONG_CASES:
        subprocess.run([sys.executable, __file__, "--one-long", name], check=False, cwd=str(ROOT))


if __name__ == "__main__":
    sys.exit(main())
