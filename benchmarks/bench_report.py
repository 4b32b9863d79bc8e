"""The report on real articles: from raw files and from an analysis folder.

    python benchmarks/bench_report.py [--articles 2000]

Takes the first N articles of ``../shared/vinews/articles.jsonl.gz`` (skips cleanly when
absent), writes them as ``.txt`` files, and runs every notebook (1) on those files and
(2) on an analysis folder of the same articles. Prints, per notebook, its wall time and
its slowest cell, and the peak RSS of the kernels (targets: every cell < 60 s, peak RSS
< 2 GB). When ``cyberlib.analyze`` is not available the analysis folder is built here
with the pieces the package has (load_corpus, extract_statistics + to_usd, theme_scores,
keywords, entities) in the layout ``analyze`` writes (``NAME.parquet`` + manifest.json).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
VINEWS = ROOT.parent / "shared" / "vinews" / "articles.jsonl.gz"
if not VINEWS.exists():
    VINEWS = Path("/work/shared/vinews/articles.jsonl.gz")
sys.path.insert(0, str(ROOT))

import cyberlib  # noqa: E402
from cyberlib.report.build import execute_notebook, notebook_paths  # noqa: E402


def build_analysis(source: Path, out: Path) -> float:
    t0 = time.perf_counter()
    if "analyze" in getattr(cyberlib, "_EXPORTS", {}):
        cyberlib.analyze(source, out)  # type: ignore[attr-defined]
        return time.perf_counter() - t0
    out.mkdir(parents=True, exist_ok=True)
    corpus = cyberlib.load_corpus(source, errors="ignore")
    stats = cyberlib.extract_statistics(corpus).merge(
        corpus[["doc_id", "date", "outlet", "title"]], on="doc_id", how="left"
    )
    tables = {
        "articles": corpus,
        "statistics": cyberlib.to_usd(stats),
        "themes": cyberlib.theme_scores(corpus),
        "keywords": cyberlib.keywords(corpus, top=8),
        "entities": cyberlib.entities(corpus),
        "skipped": pd.DataFrame(corpus.attrs.get("skipped", []), columns=["path", "reason"]),
    }
    for name, frame in tables.items():
        frame.to_parquet(out / f"{name}.parquet")
    (out / "manifest.json").write_text(json.dumps({"built_by": "bench_report"}), "utf-8")
    return time.perf_counter() - t0


def slowest_cell(nb) -> float:
    worst = 0.0
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        a, b = timing.get("iopub.execute_input"), timing.get("shell.execute_reply")
        if a and b:
            worst = max(worst, (pd.Timestamp(b) - pd.Timestamp(a)).total_seconds())
    return worst


def run_all(label: str, **where) -> None:
    for path in notebook_paths(ROOT / "notebooks"):
        t0 = time.perf_counter()
        nb = execute_notebook(path, **where)
        dt = time.perf_counter() - t0
        print(f"  {label} {path.name}: {dt:.1f} s, slowest cell {slowest_cell(nb):.1f} s")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  {label}: peak RSS of a kernel so far {rss:,.0f} MB")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2_000)
    ap.add_argument("--no-raw", action="store_true", help="only the analysis-folder run")
    args = ap.parse_args(argv)
    os.environ.setdefault("TQDM_DISABLE", "1")  # no progress bars in the figures printed
    if not VINEWS.exists():
        print(f"skipped: {VINEWS} not found (the real corpus is optional)")
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="bench-report-"))
    folder = tmp / "vinews"
    folder.mkdir()
    with gzip.open(VINEWS, "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= args.articles:
                break
            d = json.loads(line)
            (folder / f"{d['id']}.txt").write_text(d["text"], encoding="utf-8")
    print(f"report on {args.articles:,} vinews articles")
    if not args.no_raw:
        t0 = time.perf_counter()
        run_all("raw", corpus=folder)
        print(f"  raw files: {time.perf_counter() - t0:.1f} s in all")
    built = build_analysis(folder, tmp / "analysis")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  analysis folder built in {built:.1f} s (peak RSS of the build {own:,.0f} MB)")
    t0 = time.perf_counter()
    run_all("analysis", analysis=tmp / "analysis")
    print(f"  analysis folder: {time.perf_counter() - t0:.1f} s in all")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
