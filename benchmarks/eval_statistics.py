"""Statistics and context fields on real news, against our blind annotations.

    python benchmarks/eval_statistics.py [--split dev|test|all] [--show] [--shared DIR]

Gold: ``benchmarks/gold/vinews_articles.csv`` (the article ids and their split),
``vinews_statistics.csv`` and ``vinews_fields.csv`` (articles of ``../shared/vinews``
annotated blind, by the conventions of DESIGN.md and the shared seed gold; ``split`` = dev
for the 1,640 articles of parts 1 to 109, all looked at or scored (parts 5 to 109 were
held out at first, as test, and became dev once scored: the last, parts 106 to 109, 58
articles of which 18 on cybercrime, scored once in the twenty-seventh round); test for the
next fresh parts annotated blind (none at present): only their totals are printed, never
their errors.
The files hold article ids, short surfaces and annotations only: the ``sentence`` column
of the fields gold is filled here from the article (by ``start``).

The articles are read from ``../shared/vinews/articles.jsonl.gz`` when it exists (else the
script says what is missing and exits 0). Extraction runs on each article's text as stored
(title line, lead line, body), so gold offsets and predicted offsets index the same string.

Scores, per split: our scorer (:func:`cyberlib.figures.evaluation.score_statistics`:
precision, recall, F1, qualifier accuracy, and WRONG values — a prediction standing where a
gold figure stands with another value or unit — apart from plain extras and misses), and,
when ``../shared/tools`` is there, the shared ``score_statistics.py`` and ``score_fields.py``.
``--show`` prints every miss of dev, by both scorers (never of test: it stays unseen).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from cyberlib.figures.evaluation import score_statistics  # noqa: E402
from cyberlib.figures.extraction import extract_statistics  # noqa: E402

GOLD = ROOT / "benchmarks" / "gold"


def _shared(arg: str | None) -> Path | None:
    candidates = [Path(arg)] if arg else [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
    return next((p for p in candidates if (p / "vinews" / "articles.jsonl.gz").exists()), None)


def _articles(path: Path, ids: set[str]) -> dict[str, str]:
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if str(row["id"]) in ids:
                out[str(row["id"])] = row["text"]
    return out


def _gold_offsets(gold: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """``start`` of every gold statistics row: its surfaces found in order in the text."""
    starts = []
    pos: dict[str, int] = {}
    for doc, surface in zip(gold["doc"], gold["surface"], strict=True):
        text = texts.get(doc, "")
        at = text.find(surface, pos.get(doc, 0))
        if at < 0:
            at = text.find(surface)
        starts.append(at if at >= 0 else None)
        if at >= 0:
            pos[doc] = at + 1
    return gold.assign(start=starts)


def _official(
    tools: Path,
    gold: pd.DataFrame,
    fields: pd.DataFrame,
    pred: pd.DataFrame,
    show: bool,
    show_stats: bool = False,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        g, f, p = Path(tmp, "gold.csv"), Path(tmp, "fields.csv"), Path(tmp, "pred.csv")
        gold.drop(columns=["split", "start"], errors="ignore").to_csv(g, index=False)
        fields.drop(columns=["split"]).to_csv(f, index=False, quoting=csv.QUOTE_MINIMAL)
        pred.to_csv(p, index=False)
        for script, args in (
            ("score_statistics.py", [g, p] + (["--show"] if show_stats else [])),
            ("score_fields.py", [f, p, "--check-gold", g] + (["--show"] if show else [])),
        ):
            run = subprocess.run(
                [sys.executable, str(tools / script), *map(str, args)],
                capture_output=True,
                text=True,
            )
            lines = [ln for ln in run.stdout.splitlines() if ln.strip()]
            print(f"  shared {script}:")
            shown = show if script == "score_fields.py" else show_stats
            for ln in lines if shown else lines[-8:]:
                print("    " + ln)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--show", action="store_true", help="print every miss (dev only)")
    ap.add_argument("--show-fields", action="store_true", help="every field error (dev only)")
    ap.add_argument("--shared", help="the shared folder (default: ../shared next to the repo)")
    a = ap.parse_args(argv)
    shared = _shared(a.shared)
    if shared is None:
        print("eval_statistics: skipped: ../shared/vinews/articles.jsonl.gz is not here")
        return 0
    gold_all = pd.read_csv(
        GOLD / "vinews_statistics.csv", dtype={"doc": str}, keep_default_na=False
    )
    fields_all = pd.read_csv(GOLD / "vinews_fields.csv", dtype={"doc": str}, keep_default_na=False)
    listed = pd.read_csv(GOLD / "vinews_articles.csv", dtype={"doc": str})
    split_docs = {sp: set(g["doc"]) for sp, g in listed.groupby("split")}
    texts = _articles(shared / "vinews" / "articles.jsonl.gz", set(listed["doc"]))
    missing = sorted(set(gold_all["doc"]) - set(texts))
    if missing:
        print(f"eval_statistics: {len(missing)} gold articles not in the corpus: {missing[:5]}")
    splits = ["dev", "test"] if a.split == "all" else [a.split]
    for split in splits:
        gold = gold_all[gold_all["split"] == split].reset_index(drop=True)
        if gold.empty:
            print(f"[{split}] no gold rows")
            continue
        fields = fields_all[fields_all["split"] == split].reset_index(drop=True)
        fields = fields.assign(
            sentence=[
                _sentence_at(texts.get(d, ""), int(s) if str(s).strip() else -1)
                for d, s in zip(fields["doc"], fields["start"], strict=True)
            ]
        )
        # every annotated article of the split, also those with no figure at all
        docs = sorted(split_docs.get(split, set(gold["doc"])) & set(texts))
        corpus = pd.DataFrame({"doc_id": docs, "text": [texts[d] for d in docs]})
        pred = extract_statistics(corpus)
        gold = _gold_offsets(gold, texts)
        r = score_statistics(gold, pred)
        n_req = int((gold["required"].astype(str) == "1").sum())
        print(
            f"[{split}] {len(docs)} articles, {n_req} required gold figures, "
            f"{len(pred)} predicted rows"
        )
        print(
            f"  ours: precision {r['precision']:.3f}, recall {r['recall']:.3f}, "
            f"F1 {r['f1']:.3f}, qualifiers {r['qualifier_accuracy']:.3f}; "
            f"tp {r['tp']}, fp {r['fp']} (of which WRONG values {r['wrong']}), fn {r['fn']}"
        )
        _print_misses(r["misses"], split, a.show)
        tools = shared / "tools"
        if (tools / "score_statistics.py").exists() and (tools / "score_fields.py").exists():
            _official(
                tools,
                gold,
                fields,
                pred,
                _may_show(split, a.show_fields),
                _may_show(split, a.show),
            )
        else:
            print("  shared scorers: skipped: ../shared/tools/score_*.py are not here")
    return 0


def _may_show(split: str, asked: bool) -> bool:
    """Whether the errors of ``split`` may be printed: asked for, and dev (test stays unseen)."""
    return asked and split == "dev"


def _print_misses(misses: list[str], split: str, show: bool) -> None:
    """Print every miss of ``split`` when :func:`_may_show` allows it."""
    if _may_show(split, show):
        for m in misses:
            print("   ", m)


def _sentence_at(text: str, start: int) -> str:
    """The sentence of ``text`` around ``start`` (for the fields gold's empty column)."""
    if start < 0 or start >= len(text):
        return ""
    lo = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    ends = [i for i in (text.find(c, start) for c in ".!?\n") if i >= 0]
    hi = min(ends) + 1 if ends else len(text)
    return text[lo:hi].strip()


if __name__ == "__main__":
    sys.exit(main())
