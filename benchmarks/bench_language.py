"""Corpus-level language analysis: cores, the on-disk cache, and underthesea's own speed.

    python benchmarks/bench_language.py [--articles 2000] [--seed 7]

On a corpus generated from the shipped articles (as in bench_statistics.py) it times
``theme_scores`` on one core (engine="serial"), on every core (engine="processes") and
again from a warm cache; ``entities`` with the default rules (which segment each article
once with underthesea); and underthesea's ``word_tokenize`` on the same texts.
Peak memory of the serial run is measured with tracemalloc. Figures go to the README.

``--matchers N`` (default 300; 0 to skip): on the first N real articles of
``../shared/vinews/articles.jsonl.gz`` (skipped with a message when absent) the lexicon and
gazetteer tries are checked against the plain lists of alternatives they replaced (kept
here as the reference): the same hits, span for span, and how much faster.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
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


def _reference_pattern(terms: list[tuple[str, int]], ignorecase: bool = True) -> re.Pattern:
    """The former matcher: one alternative per term, longest first (``(text, exact)`` as in
    :func:`cyberlib.language.lexicon.syllable_pattern`)."""
    parts = []
    for term, exact in sorted(terms, key=lambda t: len(t[0]), reverse=True):
        body = r"\s+".join(re.escape(p) for p in term.split())
        if exact >= len(term):
            parts.append(f"(?-i:{body})")
        elif exact:
            parts.append(f"(?-i:{re.escape(term[0])}){body[len(re.escape(term[0])) :]}")
        else:
            parts.append(body)
    source = r"(?<![^\W_])(?:" + "|".join(parts) + r")(?![^\W_])"
    return re.compile(source, re.I if ignorecase else 0)


def matcher_check(n: int) -> None:
    """Trie matchers against the former lists of alternatives on ``n`` real articles."""
    vinews = next(
        (p / "vinews" / "articles.jsonl.gz" for p in (ROOT.parent / "shared",
         ROOT.parent.parent / "shared") if (p / "vinews" / "articles.jsonl.gz").exists()),
        None,
    )  # fmt: skip
    if vinews is None:
        print("matchers: not checked (../shared/vinews/articles.jsonl.gz not found)")
        return
    from cyberlib.language import gazetteer, relevance, themes
    from cyberlib.language.lexicon import _case_sensitive
    from cyberlib.normalization import normalize
    from cyberlib.resources import load_csv, load_toml

    texts = []
    with gzip.open(vinews, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(texts) >= n:
                break
            if line.strip():
                texts.append(normalize(json.loads(line)["text"]))
    rules = load_toml("entity_rules.toml")
    honorifics = set(rules["honorifics"])

    def listed(words, first_exact):
        words = {normalize(w) for w in words}
        return [(w, len(w) if gazetteer.is_acronym(w) else int(first_exact)) for w in words]

    lexicons = {"themes": themes._lexicon()[0], "relevance": relevance._lexicon()}
    cases = [  # name, new pattern or lexicon, reference pattern
        *(
            (name, lex, _reference_pattern(
                [(k, len(k) if _case_sensitive(k) else 0) for k in lex.owner]))
            for name, lex in lexicons.items()
        ),
        ("gazetteer aliases", gazetteer.gazetteer_index()[0],
         _reference_pattern(listed([r["alias"] for r in load_csv("gazetteer.csv")], True))),
        ("person titles", gazetteer.rule_lists()["titles"], _reference_pattern(
            listed([t for t in rules["person_titles"] if t not in honorifics], False))),
        ("person titles, SyllableMatcher", gazetteer.rule_lists()["titles_matcher"].spans,
         _reference_pattern(
            listed([t for t in rules["person_titles"] if t not in honorifics], False))),
        ("honorifics", gazetteer.rule_lists()["honorifics"],
         _reference_pattern(listed(honorifics, True), ignorecase=False)),
        ("organisation heads", gazetteer.rule_lists()["org"],
         _reference_pattern(listed(rules["org_heads"], True), ignorecase=False)),
        ("place heads", gazetteer.rule_lists()["loc"],
         _reference_pattern(listed(rules["location_heads"], True), ignorecase=False)),
    ]  # fmt: skip
    for name, new, ref in cases:
        t0 = time.perf_counter()
        old_spans = [[m.span() for m in ref.finditer(t)] for t in texts]
        t_old = time.perf_counter() - t0
        t0 = time.perf_counter()
        if isinstance(new, re.Pattern):
            new_spans = [[m.span() for m in new.finditer(t)] for t in texts]
        elif callable(new):
            new_spans = [new(t) for t in texts]
        else:
            new_spans = [new.spans(t) for t in texts]
        t_new = time.perf_counter() - t0
        same = "same hits" if new_spans == old_spans else "DIFFERENT hits"
        print(f"matchers: {name}: {same} ({sum(map(len, old_spans)):,} on {len(texts)} real "
              f"articles); trie {t_old / t_new:.1f}x faster than the list")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--matchers", type=int, default=300, help="real articles; 0 to skip")
    a = ap.parse_args(argv)
    if a.matchers > 0:
        matcher_check(a.matchers)
    if a.articles <= 0:
        return 0

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
