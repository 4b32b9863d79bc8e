"""Reading a large corpus: speed, memory, and how much article text cleaning keeps.

    python benchmarks/bench_reading.py [--source PATH] [--limit N] [--batch-rows 1000]

``--source`` defaults to ``../shared/vinews/articles.jsonl.gz`` (beside the repository or
its parent) when present; otherwise a JSONL corpus of the same shape (a title line, a lead
line, the body on one line) is generated from the shipped articles into a temporary folder.

Measures, in one process:

* the listing pass (``partition_count``: counts records and finds repeated ids);
* streaming every batch with ``iter_corpus``: articles/s (CPU and wall clock) and the peak
  resident memory after it;
* ``load_corpus`` of the whole source: time and peak memory after it (it holds the corpus);
* words kept: for each article, the words (runs of letters or digits) of the clean text
  against those of the raw text; the share of articles keeping at least 90%, the lowest
  share, and how many articles were flagged (cleaning removed more than a fifth).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cyberlib.reading.stream import iter_corpus, partition_count  # noqa: E402

_WORD = re.compile(r"\w+")


def default_source() -> Path | None:
    for base in (ROOT.parent, ROOT.parent.parent):
        path = base / "shared" / "vinews" / "articles.jsonl.gz"
        if path.exists():
            return path
    return None


def generated_source(folder: Path, n: int) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/articles").glob("*.txt"))]
    path = folder / "generated.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(n):
            lines = [ln.strip() for ln in texts[i % len(texts)].split("\n") if ln.strip()]
            text = "\n".join([lines[0], lines[1], " ".join(lines[2:]) + f" Bài {i}."])
            fh.write(json.dumps({"id": f"g{i}", "text": text}, ensure_ascii=False) + "\n")
    return path


def limited(source: Path, folder: Path, limit: int) -> Path:
    path = folder / "sample.jsonl"
    with gzip.open(source, "rb") as src, open(path, "wb") as out:
        for i, line in enumerate(src):
            if i >= limit:
                break
            out.write(line)
    return path


def raw_words(source: Path) -> dict[str, int]:
    opener = gzip.open if source.suffix == ".gz" else open
    counts = {}
    with opener(source, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                row = json.loads(line)
                counts[str(row["id"])] = len(_WORD.findall(row["text"]))
    return counts


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", type=Path, default=None)
    parser.add_argument("--limit", type=int, default=0, help="first N lines only (0: all)")
    parser.add_argument("--batch-rows", type=int, default=1000)
    parser.add_argument("--generate", type=int, default=20000, help="size when generating")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or default_source()
        if source is None:
            source = generated_source(Path(tmp), args.generate)
            print(f"source: generated corpus of {args.generate} articles (no ../shared/vinews)")
        if args.limit:
            source = limited(source, Path(tmp), args.limit)
        print(f"source: {source}")
        print(f"peak memory before reading: {peak_mb():.0f} MB")

        start = time.perf_counter()
        n_parts = partition_count(source, args.batch_rows)
        print(f"listing pass: {n_parts} batches in {time.perf_counter() - start:.2f} s")

        words = raw_words(source)
        kept_shares, skipped, flagged = [], [], []
        cpu, wall, n = time.process_time(), time.perf_counter(), 0
        for batch in iter_corpus(
            source, batch_rows=args.batch_rows, skipped=skipped, flagged=flagged
        ):
            n += len(batch)
            for doc_id, text in zip(batch.doc_id, batch.text, strict=True):
                if words.get(doc_id):
                    kept_shares.append(len(_WORD.findall(text)) / words[doc_id])
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        print(
            f"iter_corpus: {n} articles in {wall:.1f} s wall, {cpu:.1f} s CPU: "
            f"{n / wall:.0f} articles/s wall, {n / cpu:.0f} articles/s CPU; "
            f"{len(skipped)} skipped, {len(flagged)} flagged"
        )
        print(f"peak memory after streaming: {peak_mb():.0f} MB")
        good = sum(k >= 0.9 for k in kept_shares)
        share = good / max(len(kept_shares), 1)
        lowest = min(kept_shares, default=0.0)
        print(
            f"words kept: {good}/{len(kept_shares)} articles keep >= 90% of their words "
            f"({share:.2%}); lowest share {lowest:.3f}"
        )
        for item in skipped[:5]:
            print(f"  skipped: line {item['line']}: {item['reason'][:90]}")

        from cyberlib import load_corpus

        wall = time.perf_counter()
        corpus = load_corpus(source, batch_rows=args.batch_rows, progress=False)
        wall = time.perf_counter() - wall
        print(
            f"load_corpus: {len(corpus)} articles in {wall:.1f} s ({len(corpus) / wall:.0f}/s); "
            f"peak memory after: {peak_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
