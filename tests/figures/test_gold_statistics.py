"""The shipped articles against the hand-annotated seed gold (tests/gold/seed_statistics.csv)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import cyberlib
from cyberlib.figures.evaluation import read_gold, score_statistics

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def stats() -> pd.DataFrame:
    return cyberlib.extract_statistics(cyberlib.load_corpus(ROOT / "data" / "articles"))


def test_seed_gold_f1_and_qualifiers_are_perfect(stats):
    result = score_statistics(read_gold(ROOT / "tests" / "gold" / "seed_statistics.csv"), stats)
    assert result["misses"] == []
    assert result["f1"] == 1.0
    assert result["qualifier_accuracy"] == 1.0
    assert result["tp"] == 17


def test_seed_context_fields(stats):
    def row(surface: str) -> pd.Series:
        hits = stats[stats["surface"] == surface]
        assert len(hits) == 1, surface
        return hits.iloc[0]

    assert row("83,5 triệu USD")["period"] == "2024–2028"
    assert row("hơn 10 tỷ USD")["period"] == "2024"
    assert row("hàng trăm tỷ USD")["period"] == "mỗi năm"
    assert row("khoảng 100.000 vụ")["period"] == "năm qua"
    assert row("hàng trăm tỷ USD")["source"] == "Interpol"
    assert row("hơn 55.000 vụ")["source"] == "FBI"
    assert row("381 vụ")["source"] == "Cục A05"
    assert row("381 vụ")["subject"] == "vụ xâm hại trẻ em qua mạng"
    assert row("1.325%")["change"] == "increase"
    assert row("50 triệu bảng Anh")["unit_text"] == "bảng Anh"


def test_spans_index_the_corpus_text(stats):
    corpus = cyberlib.load_corpus(ROOT / "data" / "articles").set_index("doc_id")
    for r in stats.itertuples():
        assert corpus.loc[r.doc_id, "text"][r.start : r.end] == r.surface
