"""Near-duplicates on real articles: time, peak memory, precision and recall of copies.

    python benchmarks/bench_duplicates.py [--articles 35410] [--copies 500] [--seed 3]

Reads ``../shared/vinews/articles.jsonl.gz`` (skips cleanly when it is absent), takes the
first N articles, adds copies made at run time from real texts (changed header line, a
dropped sentence, reordered sentences, a different outlet line, or two of these), and runs
``cyberlib.duplicates`` on the whole. Prints wall time, peak RSS of the process and the
precision and recall of the copy pairs we made. Pairs the corpus already had (real reposts)
are not counted against precision: only pairs touching one of our copies are scored.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
VINEWS = ROOT.parent / "shared" / "vinews" / "articles.jsonl.gz"
if not VINEWS.exists():
    VINEWS = Path("/work/shared/vinews/articles.jsonl.gz")
sys.path.insert(0, str(ROOT))

from cyberlib.comparison.duplicates import duplicates  # noqa: E402

KINDS = ["header", "drop", "reorder", "outlet", "header+drop", "reorder+outlet"]
_SENT = re.compile(r"(?<=[.!?])\s+")


def make_copy(text: str, kind: str, rng: random.Random) -> str:
    lines = text.split("\n")
    head, body = lines[0], " ".join(lines[1:])
    sentences = _SENT.split(body)
    for part in kind.split("+"):
        if part == "header":
            head = "Tin đăng lại: " + head.lower()
        elif part == "drop" and len(sentences) > 3:
            sentences.pop(rng.randrange(len(sentences)))
        elif part == "reorder":
            rng.shuffle(sentences)
        elif part == "outlet":
            sentences.append(f"(Theo Báo số {rng.randrange(100)})")
    return head + "\n" + " ".join(sentences)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=35_410)
    ap.add_argument("--copies", type=int, default=500)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args(argv)
    if not VINEWS.exists():
        print(f"skipped: {VINEWS} not found (the real corpus is optional)")
        return 0
    rows = []
    with gzip.open(VINEWS, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            rows.append({"doc_id": str(d["id"]), "text": d["text"]})
            if len(rows) >= args.articles:
                break
    rng = random.Random(args.seed)
    originals = rng.sample(range(len(rows)), min(args.copies, len(rows)))
    truth = set()
    for k, i in enumerate(originals):
        copy_id = f"copy-{k}"
        kind = KINDS[k % len(KINDS)]
        rows.append({"doc_id": copy_id, "text": make_copy(rows[i]["text"], kind, rng)})
        truth.add(tuple(sorted((rows[i]["doc_id"], copy_id))))
    corpus = pd.DataFrame(rows)
    t0 = time.perf_counter()
    groups = duplicates(corpus)
    dt = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    found = set()
    for _, members in groups.groupby("group"):
        ids = sorted(members["doc_id"])
        found |= {(a, b) for a in ids for b in ids if a < b}
    ours = {p for p in found if p[0].startswith("copy-") or p[1].startswith("copy-")}
    tp = len(ours & truth)
    speed = len(corpus) / dt
    print(f"duplicates on {len(corpus):,} articles ({args.copies:,} copies made): "
          f"{dt:.1f} s wall, {speed:,.0f} articles/s, peak RSS {rss:,.0f} MB")  # fmt: skip
    print(f"groups: {groups['group'].nunique():,} holding {len(groups):,} articles")
    print(f"copy pairs: precision {tp / max(len(ours), 1):.3f}, recall {tp / len(truth):.3f} "
          f"({tp} / {len(truth)} found, {len(ours) - tp} wrong)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
