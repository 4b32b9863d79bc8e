"""Our scorer follows the matching rules of the shared scorer (hand-made frames)."""

from __future__ import annotations

import math

import pandas as pd

from cyberlib.figures.evaluation import score_statistics

GOLD = pd.DataFrame(
    [
        ("a", "hơn 30 nước", 30, "country", "more_than", 1),
        ("a", "44%", 44, "percent", "exact", 1),
        ("a", "hai bên", 2, "party", "exact", 0),
        ("b", "từ 10 đến 15 tỷ đồng", 1e10, "vnd", "range_low", 1),
        ("b", "từ 10 đến 15 tỷ đồng", 1.5e10, "vnd", "range_high", 1),
    ],
    columns=["doc", "surface", "value", "unit", "qualifier", "required"],
)


def pred(*rows):
    return pd.DataFrame(rows, columns=["doc_id", "surface", "value", "value_high", "unit",
                                       "qualifier"])  # fmt: skip


def test_perfect_prediction_with_range_and_optional_row():
    p = pred(
        ("a", "hơn 30 nước", 30.0, math.nan, "country", "more_than"),
        ("a", "44%", 44.0, math.nan, "percent", "exact"),
        ("a", "hai bên", 2.0, math.nan, "bên", "exact"),  # optional: absorbed, any unit
        ("b", "10 đến 15 tỷ đồng", 1e10, 1.5e10, "vnd", "exact"),
    )
    r = score_statistics(GOLD, p)
    assert (r["tp"], r["fp"], r["fn"]) == (4, 0, 0)
    assert r["f1"] == 1.0 and r["qualifier_accuracy"] == 1.0 and r["misses"] == []


def test_wrong_unit_is_a_false_positive_and_a_miss():
    p = pred(
        ("a", "hơn 30 nước", 30.0, math.nan, "country", "more_than"),
        ("a", "44%", 44.0, math.nan, "household", "exact"),
    )
    r = score_statistics(GOLD, p)
    assert (r["tp"], r["fp"], r["fn"]) == (1, 1, 3)
    assert r["precision"] == 0.5 and r["recall"] == 0.25
    assert math.isclose(r["f1"], 2 * 0.5 * 0.25 / 0.75)
    # the wrong unit stands where the gold "44%" stands: a WRONG value, counted apart
    assert r["wrong"] == 1
    assert any(m.startswith("WRONG a: '44%'") for m in r["misses"])


def test_wrong_values_by_offset_and_plain_extras():
    gold = GOLD.assign(start=[0, 20, 30, 0, 0])
    p = pd.DataFrame(
        [
            ("a", "30 nước", 4, 3.0, "country"),  # inside "hơn 30 nước": wrong value
            ("a", "7 vụ", 50, 7.0, "case"),  # nowhere near a gold figure: a plain extra
        ],
        columns=["doc_id", "surface", "start", "value", "unit"],
    )
    r = score_statistics(gold, p)
    assert (r["tp"], r["fp"], r["wrong"]) == (0, 2, 1)


def test_values_match_with_relative_tolerance_only():
    g = GOLD.iloc[[0]]
    assert score_statistics(g, pred(("a", "", 30.00000001, math.nan, "country", "x")))["tp"] == 1
    assert score_statistics(g, pred(("a", "", 30.1, math.nan, "country", "x")))["tp"] == 0


def test_other_document_does_not_match_and_qualifier_counts():
    r = score_statistics(GOLD.iloc[[0]], pred(("z", "", 30.0, math.nan, "country", "exact")))
    assert (r["tp"], r["fp"], r["fn"]) == (0, 1, 1)
    r = score_statistics(GOLD.iloc[[0, 1]], pred(
        ("a", "", 30.0, math.nan, "country", "approx"),
        ("a", "", 44.0, math.nan, "percent", "exact"),
    ))  # fmt: skip
    assert r["qualifier_accuracy"] == 0.5
    assert any(m.startswith("qualifier a") for m in r["misses"])


def test_duplicate_predictions_match_once():
    p = pred(*[("a", "", 44.0, math.nan, "percent", "exact")] * 2)
    r = score_statistics(GOLD.iloc[[1]], p)
    assert (r["tp"], r["fp"]) == (1, 1)


def test_missing_required_column_means_required_and_empty_inputs():
    g = GOLD.drop(columns="required").iloc[[2]]
    r = score_statistics(g, pred())
    assert (r["tp"], r["fp"], r["fn"], r["f1"]) == (0, 0, 1, 0.0)
