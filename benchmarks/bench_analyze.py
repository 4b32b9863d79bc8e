"""The whole analysis of a corpus (``cyberlib analyze``): speed, reruns, cores, Dask, memory.

    python benchmarks/bench_analyze.py [--source articles.jsonl.gz] [--sample 1000]
                                       [--sizes 1000,10000] [--memory 35000,100000]

Source: ``--source``, else ``../shared/vinews/articles.jsonl.gz`` next to the repository
when present, else a generated corpus of the same shape (JSONL of ``{"id", "text"}``:
title line, lead line, body on one line, made from the shipped articles with redrawn
numbers). The first ``--sample`` articles are written to a temporary JSONL, and on them:

* ``analyze`` cold on one core (``workers=1``), in articles/s, and its ratio to
  underthesea's ``word_tokenize`` alone on the same (cleaned) texts, one core each
  (target >= 0.8);
* the warm rerun of the unchanged corpus (target >= 50x faster than cold);
* two worker processes against one (target >= 1.7x on two cores);
* Dask: a ``LocalCluster`` of two worker processes against the local engine on two;
* ``--sizes``: time of a cold run at each size (real articles first, generated ones to
  fill up), to see that time grows linearly;
* ``--memory``: peak resident memory of ``cyberlib analyze`` at each size with
  ``--memory-workers`` workers, measured by the kernel (``ru_maxrss`` of the children: the
  largest single process, not their sum), target < 2 GB.

Every run writes to a temporary folder; nothing is written to the repository. The
figures go to the README ("Speed and scale").
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# ../shared/vinews next to the repository (or next to the folder of a git worktree)
VINEWS = next(
    (p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared")
     if (p / "vinews" / "articles.jsonl.gz").exists()),
    ROOT.parent / "shared",
) / "vinews" / "articles.jsonl.gz"  # fmt: skip


def real_articles(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def generated_articles(start: int = 0) -> Iterator[dict]:
    """Articles of the vinews shape made from the shipped ones (our own re-mix)."""
    from bench_statistics import make_corpus

    import cyberlib

    seeds = cyberlib.load_corpus(ROOT / "data" / "articles")["text"].tolist()
    k = start
    while True:
        for text in make_corpus(seeds, 500, seed=k):
            lines = [line for line in text.split("\n") if line.strip()]
            title, lead, body = lines[0], lines[1] if len(lines) > 1 else "", " ".join(lines[2:])
            yield {"id": f"gen{k:07d}", "text": f"{title}\n{lead}\n{body}"}
            k += 1


def write_jsonl(path: Path, n: int, source: Path | None) -> tuple[int, int]:
    """The first ``n`` articles (real, then generated) as JSONL; (real, generated) counts."""
    real = 0
    with path.open("w", encoding="utf-8") as fh:
        if source is not None:
            for row in real_articles(source):
                if real >= n:
                    break
                fh.write(json.dumps({"id": row["id"], "text": row["text"]}, ensure_ascii=False))
                fh.write("\n")
                real += 1
        if real < n:
            for made, row in enumerate(generated_articles()):
                if real + made >= n:
                    break
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return real, n - real


def timed(label: str, n: int, func, *args, **kwargs) -> tuple[object, float]:
    t0 = time.perf_counter()
    result = func(*args, **kwargs)
    dt = time.perf_counter() - t0
    print(f"{label}: {dt:.1f} s, {n / dt:,.1f} articles/s", flush=True)
    return result, dt


def peak_rss(args: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of ``python -m cyberlib analyze ...`` in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cyberlib", "analyze", *args], check=False,
                   stderr=subprocess.DEVNULL, cwd=ROOT)  # fmt: skip
    dt = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return dt, max(before, after) / 1024  # KB on Linux


def ratios(a: argparse.Namespace, source: Path | None, work: Path) -> None:
    import cyberlib
    from cyberlib.reading.stream import iter_corpus

    sample = work / "sample.jsonl"
    real, made = write_jsonl(sample, a.sample, source)
    n = real + made
    print(f"sample: {n} articles ({real} real, {made} generated)")
    opts = {"partition_rows": a.partition_rows, "progress": False}

    from underthesea import word_tokenize

    texts = [t for frame in iter_corpus(sample, batch_rows=1000) for t in frame["text"]]
    word_tokenize("Khởi động")  # model load
    _, t_tok = timed("underthesea word_tokenize alone, one core", n,
                     lambda: [word_tokenize(t) for t in texts])  # fmt: skip

    _, t_cold = timed("analyze cold, one core (workers=1)", n,
                      cyberlib.analyze, sample, work / "one", workers=1, **opts)  # fmt: skip
    manifest, t_warm = timed("analyze warm rerun, unchanged corpus", n, cyberlib.analyze,
                             sample, work / "one", workers=1, **opts)  # fmt: skip
    assert manifest["run"]["partitions_computed"] == 0
    print(f"  step seconds of the cold run: {json.dumps(manifest_timings(work / 'one'))}")
    _, t_two = timed("analyze cold, two workers", n,
                     cyberlib.analyze, sample, work / "two", workers=2, **opts)  # fmt: skip
    t_dask = None
    if not a.no_dask:
        try:
            import distributed  # noqa: F401
        except ImportError:
            print("dask: not measured (dask.distributed not installed)")
        else:
            _, t_dask = timed("analyze cold, dask LocalCluster of two workers", n,
                              cyberlib.analyze, sample, work / "dask", engine="dask",
                              workers=2, **opts)  # fmt: skip

    print(f"ratio: analyze / word_tokenize alone (one core each) = {t_tok / t_cold:.2f} "
          "(target >= 0.8)")  # fmt: skip
    print(f"ratio: warm rerun is {t_cold / t_warm:.0f}x faster than cold (target >= 50)")
    print(f"ratio: two workers vs one = {t_cold / t_two:.2f}x (target >= 1.7)")
    if t_dask is not None:
        print(f"ratio: dask (two workers) vs local (two workers) = {t_two / t_dask:.2f}x")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=None)
    ap.add_argument("--sample", type=int, default=1000, help="articles for the ratio runs")
    ap.add_argument("--partition-rows", type=int, default=500)
    ap.add_argument("--sizes", default="", help="comma-separated sizes for the scale runs")
    ap.add_argument("--memory", default="", help="comma-separated sizes for peak RSS runs")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--memory-workers", type=int, default=1)
    a = ap.parse_args(argv)

    source = a.source or (VINEWS if VINEWS.exists() else None)
    if source is not None and not source.exists():
        print(f"{source}: no such file", file=sys.stderr)
        return 2
    print(f"source: {source or 'generated corpus (vinews not found)'}; {os.cpu_count()} cores")

    import cyberlib

    opts = {"partition_rows": a.partition_rows, "progress": False}
    work = Path(tempfile.mkdtemp(prefix="cyberlib-bench-"))
    try:
        if a.sample > 0:
            ratios(a, source, work)
        for size in [int(s) for s in a.sizes.split(",") if s.strip()]:
            path = work / f"size-{size}.jsonl"
            real, made = write_jsonl(path, size, source)
            _, dt = timed(f"scale: analyze cold, {size} articles ({real} real, {made} generated), "
                          "two workers", size, cyberlib.analyze, path, work / f"size-{size}",
                          workers=2, **opts)  # fmt: skip
            shutil.rmtree(work / f"size-{size}", ignore_errors=True)
            path.unlink()
        for size in [int(s) for s in a.memory.split(",") if s.strip()]:
            path = work / f"mem-{size}.jsonl"
            real, made = write_jsonl(path, size, source)
            dt, mb = peak_rss([str(path), "--out", str(work / f"mem-{size}"),
                               "--workers", str(a.memory_workers),
                               "--partition-rows", str(a.partition_rows)])  # fmt: skip
            print(
                f"memory: {size} articles ({real} real, {made} generated), "
                f"{a.memory_workers} worker(s), largest process: "
                f"peak RSS {mb:,.0f} MB, {dt:.0f} s ({size / dt:,.1f} articles/s)",
                flush=True,
            )
            shutil.rmtree(work / f"mem-{size}", ignore_errors=True)
            path.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def manifest_timings(out: Path) -> dict:
    from cyberlib.pipeline.store import Store

    manifest = Store(out).load_manifest()
    runs = [p["seconds"] for p in manifest["partitions"].values()]
    keys = sorted({k for r in runs for k in r})
    return {k: round(sum(r.get(k, 0.0) for r in runs), 1) for k in keys}


if __name__ == "__main__":
    random.seed(0)
    raise SystemExit(main())
