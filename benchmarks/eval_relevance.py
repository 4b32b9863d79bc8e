"""Relevance and top themes scored against our own labels of vinews articles.

    python benchmarks/eval_relevance.py [--split dev|test|all] [--sample 2000] [--vinews DIR]
    python benchmarks/eval_relevance.py --fit      # refit the [model] weights on dev only

Labels: ``benchmarks/gold/relevance_labels.csv`` (``doc, label, themes, top_theme, split,
round, note``), made blind by the cyberlib authors on 620 articles of ``../shared/vinews`` in
three rounds: a stratified sample with many hard negatives (round 1, 300), a sample enriched
for cybercrime (round 2, 160) and a fresh sample labelled after the first model was built
(round 3, 160). ``label`` is relevant / borderline / not. ``split`` follows the round: rounds
1 and 2 are ``dev`` (lexicons, rank weights and model weights are tuned on them; they were
looked at), round 3 is ``test`` (never looked at article by article while tuning, scored once).
While tuning, run with ``--split dev``.

Scores: precision and recall of ``relevant`` (borderline articles not scored); agreement of
``top_theme`` with the labelled top theme on relevant articles; and, on ``--sample`` ordinary
vinews articles (a seeded random sample), the share given a ``top_theme`` next to the share
``relevant``. The articles are read from ``../shared/vinews/articles.jsonl.gz`` when present;
without them the script says what is missing and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LABELS = ROOT / "benchmarks" / "gold" / "relevance_labels.csv"
# ../shared beside the checkout; a git worktree one level deeper (wt/NAME) looks one more up
CANDIDATES = [ROOT.parent / "shared" / "vinews", ROOT.parent.parent / "shared" / "vinews"]
VINEWS = next((p for p in CANDIDATES if p.is_dir()), CANDIDATES[0])


TEST_ROUNDS = {"3"}


def split_of(round_: str) -> str:
    """``test`` for the held-out round (3), ``dev`` for the rounds tuned on (1 and 2)."""
    return "test" if round_ in TEST_ROUNDS else "dev"


def read_labels(path: Path = LABELS) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["split"] != split_of(row["round"]):
            raise SystemExit(f"{path}: split of {row['doc']} does not follow its round")
    return rows


def read_articles(path: Path, wanted: set[str] | None, sample: int, seed: int):
    """Texts of the ``wanted`` ids, and a seeded random sample of ``sample`` other ids."""
    wanted = wanted or set()
    chosen: dict[str, str] = {}
    pool: list[tuple[str, str]] = []
    rng = random.Random(seed)
    seen = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            obj = json.loads(line)
            doc, text = str(obj["id"]), obj["text"]
            if doc in wanted:
                chosen[doc] = text
            seen += 1  # reservoir sampling over every article of the file
            if len(pool) < sample:
                pool.append((doc, text))
            else:
                j = rng.randrange(seen)
                if j < sample:
                    pool[j] = (doc, text)
    return chosen, pool


def corpus_of(pairs):
    import pandas as pd

    import cyberlib

    frame = pd.DataFrame(pairs, columns=["doc_id", "text"])
    return cyberlib.load_corpus(frame) if len(frame) else frame


def score(labels, scores, split: str) -> dict[str, float]:
    scored = [r for r in labels if r["split"] == split and r["label"] != "borderline"]
    by_doc = scores.set_index("doc_id")
    tp = fp = fn = agree = n_rel = 0
    misses = []
    for r in scored:
        pred = bool(by_doc.loc[r["doc"], "relevant"])
        gold = r["label"] == "relevant"
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        if gold:
            n_rel += 1
            top = by_doc.loc[r["doc"], "top_theme"]
            agree += top == r["top_theme"]
            if top != r["top_theme"]:
                misses.append(f"  top {r['doc']}: gold {r['top_theme']}, got {top}")
        if pred != gold:
            rel = by_doc.loc[r["doc"], "relevance"]
            misses.append(f"  {'FP' if pred else 'FN'} {r['doc']} ({rel:.2f}): {r['note']}")
    return {
        "articles": len(scored),
        "relevant": n_rel,
        "precision": tp / max(tp + fp, 1),
        "recall": tp / max(tp + fn, 1),
        "top_theme_agreement": agree / max(n_rel, 1),
        "misses": misses,
    }


def fit(labels, texts) -> None:
    """Fit the four weights and the intercept on dev (borderline left out); print a [model]."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from cyberlib.language.relevance import FEATURES, _features, relevance_counts

    dev = [r for r in labels if r["split"] == "dev" and r["label"] != "borderline"]
    clean = corpus_of([(r["doc"], texts[r["doc"]]) for r in dev]).set_index("doc_id")["text"]
    x = np.array([list(_features(relevance_counts(clean[r["doc"]])).values()) for r in dev])
    y = np.array([r["label"] == "relevant" for r in dev])
    model = LogisticRegression(C=1.0, max_iter=1000).fit(x, y)
    print("[model]\nthreshold = 0.5")
    print(f"intercept = {model.intercept_[0]:.3f}")
    for name, w in zip(FEATURES, model.coef_[0], strict=True):
        print(f"{name} = {w:.3f}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=["dev", "test", "all"], default="all")
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--vinews", type=Path, default=VINEWS)
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list the articles scored wrong")
    a = ap.parse_args(argv)

    source = a.vinews / "articles.jsonl.gz"
    if not source.is_file():
        print(f"eval_relevance: skipped, {source} is missing (the vinews corpus is not here)")
        return 0
    labels = read_labels()
    texts, pool = read_articles(source, {r["doc"] for r in labels}, a.sample, a.seed)
    missing = {r["doc"] for r in labels} - set(texts)
    if missing:
        print(f"eval_relevance: {len(missing)} labelled ids are not in {source}")
        return 1
    if a.fit:
        fit(labels, texts)
        return 0

    from cyberlib import theme_scores

    scores = theme_scores(corpus_of(sorted(texts.items())), engine="serial", cache=False)
    splits = ["dev", "test"] if a.split == "all" else [a.split]
    for split in splits:
        s = score(labels, scores, split)
        print(
            f"{split}: {s['articles']} articles scored ({s['relevant']} relevant): "
            f"precision {s['precision']:.3f}, recall {s['recall']:.3f}, "
            f"top_theme agreement {s['top_theme_agreement']:.3f}"
        )
        if a.misses:
            print("\n".join(s["misses"]))
    if a.sample:
        ordinary = theme_scores(corpus_of(pool), engine="processes", cache=False)
        print(
            f"{len(ordinary)} ordinary vinews articles (seed {a.seed}): "
            f"{ordinary['top_theme'].notna().mean():.1%} given a top_theme "
            f"({ordinary['top_theme'].notna().sum()}), "
            f"{ordinary['relevant'].mean():.1%} relevant ({ordinary['relevant'].sum()})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
