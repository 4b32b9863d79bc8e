"""duplicates(): copies we make ourselves are found (precision and recall of the pairs)."""

from __future__ import annotations

import itertools
import random

import pandas as pd
import pytest
from articlegen import article, copy_of, corpus_with_copies, text_of

from cyberlib.comparison.duplicates import duplicates, shingle_hashes


def _pairs(groups: pd.DataFrame) -> set[tuple[str, str]]:
    pairs = set()
    for _, members in groups.groupby("group"):
        for a, b in itertools.combinations(sorted(members["doc_id"]), 2):
            pairs.add((a, b))
    return pairs


def test_precision_and_recall_of_copy_pairs_reach_095():
    corpus, truth = corpus_with_copies(120, seed=7)
    found = _pairs(duplicates(corpus))
    tp = len(found & truth)
    precision = tp / len(found)
    recall = tp / len(truth)
    assert len(truth) > 60
    assert precision >= 0.95, (precision, sorted(found - truth)[:5])
    assert recall >= 0.95, (recall, sorted(truth - found)[:5])


@pytest.mark.parametrize("kind", ["header", "drop", "reorder", "outlet", "header+drop",
                                  "reorder+outlet"])  # fmt: skip
def test_each_kind_of_copy_is_found(kind):
    rng = random.Random(3)
    art = article(rng, n_sentences=10)
    other = article(rng, n_sentences=10)
    corpus = pd.DataFrame(
        {
            "doc_id": ["goc", "ban-sao", "khac"],
            "text": [text_of(art), text_of(copy_of(art, kind, rng)), text_of(other)],
        }
    )
    groups = duplicates(corpus)
    assert sorted(groups["doc_id"]) == ["ban-sao", "goc"]
    assert set(groups["group"]) == {0}


def test_reordering_sentences_keeps_the_same_shingles():
    a, b = shingle_hashes(["Một hai ba bốn năm sáu. Bảy tám chín mười mười một.",
                           "Bảy tám chín mười mười một. Một hai ba bốn năm sáu."])  # fmt: skip
    assert sorted(a.tolist()) == sorted(b.tolist())
    assert len(a) == 4  # two shingles of five words in each six-word sentence


def test_canonical_is_earliest_then_longest():
    rng = random.Random(5)
    art = article(rng, n_sentences=12)
    shorter = copy_of(art, "drop", rng)
    corpus = pd.DataFrame(
        {
            "doc_id": ["z-late", "b-short", "a-full"],
            "date": pd.to_datetime(["2024-03-05", "2024-03-01", "2024-03-01"]),
            "text": [text_of(art), text_of(shorter), text_of(art)],
        }
    )
    groups = duplicates(corpus)
    assert set(groups["canonical"]) == {"a-full"}
    assert groups["doc_id"].iloc[0] == "a-full"
    assert groups.set_index("doc_id").loc["a-full", "similarity"] == 1.0


def test_undated_articles_come_after_dated_ones():
    rng = random.Random(6)
    art = article(rng)
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "date": [pd.NaT, pd.Timestamp("2020-01-01")],
                           "text": [text_of(art), text_of(art)]})  # fmt: skip
    assert set(duplicates(corpus)["canonical"]) == {"b"}


def test_no_copies_empty_texts_and_empty_corpus():
    rng = random.Random(8)
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c", "d"],
            "text": [text_of(article(rng)), text_of(article(rng)), "", None],
        }
    )
    out = duplicates(corpus)
    assert out.empty and list(out.columns) == ["doc_id", "group", "canonical", "similarity"]
    assert duplicates(corpus.iloc[:0]).empty


def test_bad_threshold_is_refused():
    with pytest.raises(ValueError, match="threshold"):
        duplicates(pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), threshold=0)
