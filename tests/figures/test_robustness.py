"""Untrusted input (issue 13): no crash, no non-finite or negative value, spans that hold,
linear time and bounded rows on long lines. Fast versions of the long inputs; the full
sizes are in benchmarks/bench_statistics.py (--long)."""

from __future__ import annotations

import math
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberlib.figures.context import WINDOW
from cyberlib.figures.extraction import COLUMNS, extract_statistics
from cyberlib.figures.numbers import parse_number


def _check(text: str):
    df = extract_statistics(text)
    assert list(df.columns) == COLUMNS
    for row in df.itertuples():
        assert text[row.start : row.end] == row.surface
        assert math.isfinite(row.value) and row.value >= 0
        assert math.isnan(row.value_high) or (
            math.isfinite(row.value_high) and row.value_high > row.value
        )
        assert pd.isna(row.source_scope) or row.source_scope in ("sentence", "paragraph")
        assert pd.isna(row.source) == pd.isna(row.source_scope)
    return df


def test_dotted_capital_i_before_an_upper_case_unit():
    df = _check("Cảnh sát İstanbul thu giữ 5 triệu USD.")
    assert df[["surface", "value", "unit"]].values.tolist() == [["5 triệu USD", 5e6, "usd"]]
    df = _check("İİİ 3 vụ, 40 EUR và 2 GB")
    assert df["unit"].tolist() == ["case", "eur", "byte"]


def test_a_number_too_long_for_a_float_is_no_figure():
    assert _check("1" * 310 + " vụ").empty
    assert _check("Có " + "9" * 30 + " người.").empty
    assert parse_number("1" * 400) is None


def test_minus_signs_are_not_read_as_values():
    assert _check("Nhiệt độ -5 độ, lãi -3%.").empty
    assert parse_number("âm năm") == -5.0  # the parser reads it; extraction reports none


def test_one_long_line_keeps_sentences_short_and_shared():
    unit = "Theo FBI có 10 vụ lừa đảo và hơn 3 tỷ đồng thiệt hại, "
    text = unit * 4000  # 220 k characters on one line, no sentence end
    df = _check(text)
    assert len(df) == 8000
    assert df["sentence"].str.len().max() <= WINDOW


def test_dense_figures_without_sentence_end():
    df = _check("10 vụ " * 20000)
    assert len(df) == 20000 and set(df["value"]) == {10.0}
    assert df["sentence"].str.len().max() <= WINDOW


def test_dotted_soup_gives_no_figure():
    assert _check("1." * 100000 + "1 vụ").empty
    assert _check("1.1.1.1.1.1.1.1 người").empty


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_values_finite_and_spans_hold(text: str):
    _check(text)


SOUP = st.sampled_from(
    ["hơn", "gần", "không", "quá", "phẩy", "phần", "ba", "tư", "mốt", "lăm", "linh", "trăm",
     "nghìn", "triệu", "tỷ", "rưỡi", "đồng", "nghiệp", "USD", "İ", "%", "m2", "GB", "tấn",
     "2", "1.5", "2,5", "1" * 30, "-", "đến", "trở", "lên", "Theo", "Bộ", "Cụ", "thể", ",",
     ".", "\n", " ", "£", "$", "137m", "khách", "sạn", "âm", "20.000đ"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(SOUP, max_size=30))
def test_number_soup_values_finite_and_spans_hold(words: list[str]):
    _check(" ".join(words))


_PIECES = ["$", "€", "₫", "cg.", "f cfa", "us$", "usd", "không phẩy", "không", "hàng", "một"]
_PIECES += ["ba", "bao", "5", "12", " ", "-", ".", ",", "\n", "(", "x", "đ", "/", "@"]
# separators the explicit class of the scan after a separator must hold as \W does: a
# quote, an ideographic space, an emoji (beyond the BMP), a lone surrogate, a combining mark
# (not \w), and letters and digits it must not ("²" is \w, "Ⅳ" too)
_PIECES += ["“", "\u3000", "👉", "\udcff", "\u0301", "²", "Ⅳ", "_"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=15).map("".join))
def test_start_positions_are_those_of_the_start_pattern(low):
    from cyberlib.figures.extraction import _start_positions, _starts

    assert list(_start_positions(low)) == [m.start() for m in _starts().finditer(low)]


_WORDISH = ["hơn", " ", "\t", "\n", "5", "²", "_", "a", "Ⅳ", "từ", "khoảng", "x1", ",", "đồng "]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_WORDISH), max_size=40).map("".join),
    st.integers(0, 60),
    st.integers(1, 4),
    st.sampled_from([5, 7, 120]),
)
def test_words_before_a_figure_read_by_regex_as_by_the_character_loop(text, pos, n, window):
    from cyberlib.figures import extraction

    pos = min(pos, len(text))
    saved = extraction._PREV_WINDOW
    extraction._PREV_WINDOW = window  # short windows: stretches cut inside words and blanks
    try:
        fast = extraction._prev_words(text, pos, n)
    finally:
        extraction._PREV_WINDOW = saved
    assert fast == extraction._prev_words_loop(text, pos, n)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["năm", "một", "hai", "ba", "mười", "không", "phẩy", "trăm", "triệu", "người",
             "vụ", "đồng", "2024", "trong", "-", "đến", "m2", "%", "phần", " ", ",", "tỷ",
             "chín", "chính", "bao", "hàng", "hóa", "vài", "mười", "mườii", "usd", "usd5",
             "us$", "5"]
        ),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_number_word_prefilter_changes_no_output(text):
    from cyberlib.figures import extraction

    fast = extraction.extract_statistics(text)
    saved = extraction._word_number_goes_on, extraction._opens_no_figure
    extraction._word_number_goes_on = lambda: (frozenset(), frozenset())  # filters off
    extraction._opens_no_figure = lambda low, at, word, after: False
    try:
        slow = extraction.extract_statistics(text)
    finally:
        extraction._word_number_goes_on, extraction._opens_no_figure = saved
    pd.testing.assert_frame_equal(fast, slow)


def test_one_failing_document_loses_only_itself(failing_extraction):
    from cyberlib.figures.extraction import ExtractionWarning

    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": ["Thu giữ 5 tỷ đồng.", "LỖI: 7 vụ lừa đảo.", "Có 3 nạn nhân."],
        }
    )
    with pytest.warns(ExtractionWarning, match=r"'b'.*IndexError: list index out of range"):
        df = extract_statistics(corpus)
    assert df[["doc_id", "surface"]].values.tolist() == [["a", "5 tỷ đồng"], ["c", "3 nạn nhân"]]

    # a failing text with more figures than one block: none of them stays
    long = pd.DataFrame(
        {"doc_id": ["a", "b", "c"], "text": ["2 vụ.", "7 vụ. " * 5000 + "LỖI", "3 vụ."]}
    )
    with pytest.warns(ExtractionWarning, match="'b'"):
        df = extract_statistics(long)
    assert df[["doc_id", "surface"]].values.tolist() == [["a", "2 vụ"], ["c", "3 vụ"]]

    seen = []
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a callback, not a warning
        df = extract_statistics(corpus, on_error=seen.append)
    assert len(df) == 2
    assert [(p.doc_id, type(p.error).__name__) for p in seen] == [("b", "IndexError")]

    with pytest.warns(ExtractionWarning, match="None"):
        df = extract_statistics("LỖI: 7 vụ lừa đảo.")
    assert list(df.columns) == COLUMNS and df.empty
