"""Rules and invariants of statistic extraction (cyberlib.figures.extraction)."""

from __future__ import annotations

import csv
import math
import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberlib.figures.extraction import COLUMNS, extract_statistics

CASES = Path(__file__).parent / "data" / "figure_cases.csv"


def _load_cases() -> dict[str, list[dict[str, str]]]:
    with CASES.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    by_sentence: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_sentence.setdefault(row["sentence"], [])
        if row["surface"]:
            by_sentence[row["sentence"]].append(row)
    return by_sentence


CASE_TABLE = _load_cases()


def test_case_table_is_large_enough():
    assert len(CASE_TABLE) >= 80
    assert sum(1 for rows in CASE_TABLE.values() if not rows) >= 25  # negative cases


def _check_cell(got, expected: str, column: str, sentence: str) -> None:
    if expected == "":
        return
    missing = got is None or (isinstance(got, float) and math.isnan(got))
    if expected == "-":
        assert missing, f"{sentence!r}: {column} should be empty, got {got!r}"
    elif column in ("value", "value_high"):
        assert not missing and math.isclose(float(got), float(expected), rel_tol=1e-9), (
            f"{sentence!r}: {column} {got!r} != {expected}"
        )
    else:
        assert got == expected, f"{sentence!r}: {column} {got!r} != {expected!r}"


@pytest.mark.parametrize("sentence", list(CASE_TABLE))
def test_case_table(sentence: str):
    expected = CASE_TABLE[sentence]
    got = extract_statistics(sentence)
    assert sorted(got["surface"]) == sorted(r["surface"] for r in expected), sentence
    for row in expected:
        hit = got[got["surface"] == row["surface"]].iloc[0]
        for column in ("value", "value_high", "unit", "qualifier", "change", "subject",
                       "period", "source"):  # fmt: skip
            _check_cell(hit[column], row[column], column, sentence)


def test_columns_and_doc_id_for_str():
    df = extract_statistics("Có 3 người bị bắt.")
    assert list(df.columns) == COLUMNS
    assert df["doc_id"].tolist() == [None]
    empty = extract_statistics("")
    assert list(empty.columns) == COLUMNS and len(empty) == 0


def test_corpus_frame_doc_ids_and_index_fallback():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["Có 3 người.", "Gần 5 vụ."]})
    assert extract_statistics(corpus)["doc_id"].tolist() == ["a", "b"]
    no_ids = pd.DataFrame({"text": ["Có 3 người.", None, "Gần 5 vụ."]}, index=[7, 8, 9])
    out = extract_statistics(no_ids)
    assert out["doc_id"].tolist() == ["7", "9"]
    assert out["qualifier"].tolist() == ["exact", "nearly"]


def test_frame_without_text_column_is_a_clear_error():
    with pytest.raises(ValueError, match="'text' column"):
        extract_statistics(pd.DataFrame({"body": ["Có 3 người."]}))


def test_offsets_index_the_original_text():
    text = "  Theo FBI, hơn 55.000 vụ tống tiền;\nkhoảng 10 tỷ USD bị mất."
    df = extract_statistics(text)
    assert len(df) == 2
    for row in df.itertuples():
        assert text[row.start : row.end] == row.surface


def test_nfd_and_new_tone_style_give_the_same_statistics():
    text = "Theo Cục A05, năm 2024 có hơn 381 vụ xâm hại trẻ em, gần 50 triệu đồng bị hoà giải."
    nfc = extract_statistics(text)
    nfd_text = unicodedata.normalize("NFD", text)
    nfd = extract_statistics(nfd_text)
    new_style = extract_statistics(text.replace("hòa", "hoà"))
    keep = ["value", "unit", "qualifier", "period", "source", "subject", "sentence"]
    assert len(nfc) == 2
    pd.testing.assert_frame_equal(nfc[keep], nfd[keep])
    pd.testing.assert_frame_equal(nfc[keep], new_style[keep])
    for row in nfd.itertuples():
        assert nfd_text[row.start : row.end] == row.surface


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_spans_hold_on_any_text(text: str):
    df = extract_statistics(text)
    assert list(df.columns) == COLUMNS
    for row in df.itertuples():
        assert text[row.start : row.end] == row.surface


VIET = st.sampled_from(
    ["hơn", "gần", "khoảng", "hàng", "trăm", "triệu", "tỷ", "vụ", "người", "USD", "%", "năm",
     "2024", "55.000", "83,5", "1,2", "-", "–", "đến", "hai", "mươi", "mốt", "Theo", "FBI",
     ",", ".", "\n", " ", "  ", "(", ")", "$", "0:00", "/", "tăng", "một", "nửa", "rưỡi"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(VIET, max_size=40))
def test_never_raises_on_vietnamese_like_soup(words: list[str]):
    text = " ".join(words)
    for form in ("NFC", "NFD"):
        t = unicodedata.normalize(form, text)
        df = extract_statistics(t)
        for row in df.itertuples():
            assert t[row.start : row.end] == row.surface
            assert row.value == row.value  # never NaN


def test_pathological_inputs_run():
    # long runs that would make a backtracking pattern explode; just run them (no timing)
    samples = [
        "1." * 20000 + "x",
        "1,1" * 20000,
        "hai mươi " * 5000 + "x",
        "hàng trăm " * 5000,
        "9" * 50000 + " người",
        "hơn " * 10000 + "5 vụ",
        "- " * 20000 + "5",
        "triệu " * 10000,
        "5 vụ, " * 2000,
        "hàng trăm vụ " * 2000,
        "Theo FBI, mỗi năm có 5 vụ " * 1000,
    ]
    for text in samples:
        df = extract_statistics(text)
        for row in df.itertuples():
            assert text[row.start : row.end] == row.surface


def test_one_is_never_an_article_figure_but_scaled_one_is():
    assert extract_statistics("Một công cụ và một trong những quỹ.").empty
    df = extract_statistics("Có một triệu người dùng.")
    assert df["value"].tolist() == [1e6]


def test_extraction_does_not_load_the_segmenter_or_plotting():
    import subprocess
    import sys

    code = (
        "import sys, cyberlib; cyberlib.extract_statistics('Có hơn 3 người.'); "
        "print(sorted(m for m in ('underthesea', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_frame_dtypes_and_the_public_constructor_fallback(monkeypatch):
    text = "Theo FBI, năm 2024 có hơn 55.000 vụ và 3 tỷ đồng thiệt hại."
    fast = extract_statistics(text)
    assert str(fast["start"].dtype) == "int64" and str(fast["value"].dtype) == "float64"
    assert fast["unit"].tolist() == ["case", "vnd"]
    assert fast["sentence"].dtype == object and fast["qualifier"].tolist()[0] == "more_than"
    internals = pytest.importorskip("pandas.api.internals", reason="needs pandas >= 3")
    if hasattr(internals, "create_dataframe_from_blocks"):
        monkeypatch.delattr(internals, "create_dataframe_from_blocks")
    by_arrays = extract_statistics(text)
    pd.testing.assert_frame_equal(fast, by_arrays)
    monkeypatch.delattr(pd.DataFrame, "_from_arrays")
    slow = extract_statistics(text)
    pd.testing.assert_frame_equal(fast, slow)


def test_empty_frame_has_the_columns_and_dtypes():
    empty = extract_statistics("Không có con số nào ở đây.")
    assert empty.empty and list(empty.columns) == list(COLUMNS)
    assert str(empty["start"].dtype) == "int64" and str(empty["value"].dtype) == "float64"


@pytest.mark.parametrize(
    ("text", "surface", "sentence"),
    [
        # a glued full stop between words ends a sentence
        (
            "Chênh lệch hơn 1,9 tỷ đồng.Đặc biệt có 2.776 người khám.",
            "2.776 người",
            "Đặc biệt có 2.776 người khám.",
        ),
        # an initial before a lowercase word ends none
        (
            "Anh T. được đưa đi viện cùng 3 người khác.",
            "3 người",
            "Anh T. được đưa đi viện cùng 3 người khác.",
        ),
        # "TP." before a place's name ends none, before a new sentence it does
        (
            "Ông Hùng (TP. Hồ Chí Minh) nợ 28 tỷ đồng.",
            "28 tỷ đồng",
            "Ông Hùng (TP. Hồ Chí Minh) nợ 28 tỷ đồng.",
        ),
        (
            "Số điểm bán chiếm nửa toàn TP. Sản lượng đạt 8.053 tấn.",
            "8.053 tấn",
            "Sản lượng đạt 8.053 tấn.",
        ),
    ],
)
def test_sentence_boundaries(text: str, surface: str, sentence: str):
    got = extract_statistics(text)
    assert got.loc[got["surface"] == surface, "sentence"].tolist() == [sentence]
