"""Memory of extraction on dense figures (issue 13): rows share their strings, figures are
read in blocks and rows go straight into typed arrays, and none of it changes a value.
Sizes and times at full scale are in benchmarks/bench_statistics.py (--long)."""

from __future__ import annotations

import gc
import sys
import tracemalloc

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberlib.figures import extraction
from cyberlib.figures.extraction import COLUMNS, extract_statistics

DENSE = "10 vụ " * 20000  # 120,000 characters on one line, no sentence end


def _with_block(monkeypatch, size: int, text: str) -> pd.DataFrame:
    with monkeypatch.context() as m:
        m.setattr(extraction, "_BLOCK", size)
        return extract_statistics(text)


def test_dense_rows_are_right_and_share_their_strings():
    df = extract_statistics(DENSE)
    assert len(df) == 20000
    assert df["start"].tolist() == list(range(0, 120000, 6))
    assert df["end"].tolist() == list(range(5, 120000, 6))
    assert set(df["value"]) == {10.0} and df["value_high"].isna().all()
    assert df[["surface", "unit", "unit_text", "qualifier"]].drop_duplicates().values.tolist() == [
        ["10 vụ", "case", "vụ", "exact"]
    ]
    # one object per distinct string, not one per row
    for column in ["surface", "unit", "unit_text", "qualifier"]:
        assert len({id(v) for v in df[column]}) == 1, column
    windows = {id(s) for s in df["sentence"]}
    assert len(windows) == df["sentence"].nunique() < 20000 // 10


def test_figures_of_one_sentence_share_one_sentence_object():
    df = extract_statistics("Theo FBI có 10 vụ, 20 vụ và 30 vụ. Sau đó 4 người bị bắt.")
    assert df["surface"].tolist() == ["10 vụ", "20 vụ", "30 vụ", "4 người"]
    first = df["sentence"].tolist()
    assert first[0] is first[1] is first[2]
    assert first[3] == "Sau đó 4 người bị bắt."


def _traced_peak(call):
    """(peak bytes traced while ``call()`` ran, above what was traced before; its result)"""
    gc.collect()
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    try:
        result = call()
        return tracemalloc.get_traced_memory()[1] - before, result
    finally:
        if not tracing:
            tracemalloc.stop()


def test_dense_figures_take_memory_in_proportion_to_their_rows():
    extract_statistics("10 vụ 10 vụ")  # data files and patterns loaded
    peak, df = _traced_peak(lambda: extract_statistics(DENSE))
    rows = len(df)
    # the frame alone holds 120 bytes a row (11 object pointers, 4 numbers); rows built
    # as Python tuples and dicts, or every figure held at once, cost 420 bytes a row
    # (measured before issue 13's fix); now about 185, with the text's lowercase copy,
    # the shared sentence windows and the blocks in flight
    assert rows == 20000
    assert peak < 300 * rows, f"{peak / rows:.0f} bytes per row"
    assert peak < 40 * len(DENSE.encode("utf-8"))


def test_block_size_changes_no_output(monkeypatch):
    texts = [
        DENSE[:6000],
        "từ 10 đến 15 vụ " * 50 + "10-15 tỷ đồng " * 50,  # ranges across block ends
        # an amount in a currency in a block already made into rows, and the same amount
        # later before an unlisted noun: it is money there too
        "thu 67.000 tỷ đồng. " + "10 vụ " * 30 + "giữ lại 67.000 tỷ cổ phần hóa. " + "5 người " * 9,
        # ... and the other way round: the noun first, the currency after it
        "giữ lại 67.000 tỷ cổ phần hóa. " + "10 vụ " * 30 + "thu 67.000 tỷ đồng.",
        "Số vụ tăng gấp đôi, thiệt hại gấp 3 lần. " + "10 vụ, tăng gấp ba. " * 40,
        "Theo Bộ Công an, khoảng 20% - 30% người dùng. Cụ thể, 5 triệu USD. " * 30,
    ]
    for text in texts:
        whole = _with_block(monkeypatch, 10**9, text)
        for size in (1, 2, 3, 7):
            pd.testing.assert_frame_equal(_with_block(monkeypatch, size, text), whole)


def test_money_echo_reaches_back_over_blocks(monkeypatch):
    text = "thu 67.000 tỷ đồng. " + "10 vụ " * 5 + "giữ lại 67.000 tỷ cổ phần hóa."
    df = _with_block(monkeypatch, 1, text)
    echo = df[df["start"] == text.index("67.000 tỷ cổ")]
    assert echo[["surface", "unit", "unit_text"]].values.tolist() == [["67.000 tỷ", "vnd", ""]]


_PIECES = ["10 vụ", "từ", "đến", "15 vụ", "3 tỷ đồng", "-", "5 tỷ", "cổ phần", "gấp đôi"]
_PIECES += [".", "\n", "Theo FBI,", "Cụ thể,", "hơn", "20%", "30%", "năm 2024", "67.000 tỷ"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join), st.integers(1, 4))
def test_any_block_size_gives_the_rows_of_the_whole_text(text, size):
    saved = extraction._BLOCK
    try:
        extraction._BLOCK = size
        blocks = extract_statistics(text)
    finally:
        extraction._BLOCK = saved
    extraction._BLOCK = 10**9
    try:
        whole = extract_statistics(text)
    finally:
        extraction._BLOCK = saved
    pd.testing.assert_frame_equal(blocks, whole)


def test_a_corpus_larger_than_a_chunk_keeps_every_row_in_place():
    texts = ["10 vụ " * 700, "", "Có 3 người.", "5 tỷ đồng " * 900]
    corpus = pd.DataFrame({"doc_id": ["a", "b", "c", "d"], "text": texts})
    df = extract_statistics(corpus)
    assert list(df.columns) == COLUMNS
    assert df["doc_id"].value_counts().to_dict() == {"a": 700, "c": 1, "d": 900}
    assert df["start"].tolist() == [*range(0, 4200, 6), 3, *range(0, 9000, 10)]
    assert df["value"].tolist() == [10.0] * 700 + [3.0] + [5e9] * 900
    assert df.dtypes.astype(str).tolist() == [
        "int64" if c in ("start", "end") else "float64" if c.startswith("value") else "object"
        for c in COLUMNS
    ]


def test_a_doc_id_that_is_a_sequence_stays_one_value():
    corpus = pd.DataFrame({"doc_id": [("x", 1), ("y", 2)], "text": ["Có 3 vụ, 4 vụ.", "5 vụ"]})
    df = extract_statistics(corpus)
    assert df["doc_id"].tolist() == [("x", 1), ("x", 1), ("y", 2)]


def test_the_frame_is_the_same_without_the_blocks_api(monkeypatch):
    corpus = pd.DataFrame(
        {"doc_id": ["a", "b"], "text": ["Có 3 vụ và 4,5 tỷ đồng.", "từ 2 đến 5%"]}
    )
    fast, empty = extract_statistics(corpus), extract_statistics("")
    monkeypatch.setitem(sys.modules, "pandas.api.internals", None)  # an older pandas
    with pytest.raises(ImportError):
        from pandas.api.internals import create_dataframe_from_blocks  # noqa: F401
    pd.testing.assert_frame_equal(extract_statistics(corpus), fast)
    pd.testing.assert_frame_equal(extract_statistics("không số"), empty)


_GREEK = ["Σ", "ΑΣ", "σ", "ς", "Α", "İ", "'", ".", "\u0301", " ", "\n", "\t", "Ư", "x", "5 vụ"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_GREEK), max_size=30).map("".join), st.integers(1, 6))
def test_lowercasing_in_pieces_is_lowercasing_the_whole(text, piece):
    from cyberlib.figures.units import lower_same_length

    saved = extraction._LOWER_PIECE
    extraction._LOWER_PIECE = piece  # pieces of a few characters: cuts everywhere
    try:
        low = extraction._lowercase(text)
    finally:
        extraction._LOWER_PIECE = saved
    assert low == lower_same_length(text)
    assert len(low) == len(text)


def test_lowercasing_a_long_text_costs_a_few_bytes_a_character():
    text = "Theo FBI, năm 2024 có hơn 55.000 Vụ Tống Tiền; " * 20000  # 960 k characters
    peak, low = _traced_peak(lambda: extraction._lowercase(text))
    assert low == text.lower()
    # str.lower alone: 12 bytes a character; the pieces and their join: about 4
    assert peak < 6 * len(text), f"{peak / len(text):.1f} bytes per character"


def test_a_corpus_read_a_slice_at_a_time_keeps_ids_and_texts_together(monkeypatch):
    texts = [f"Có {i + 1} vụ." if i % 3 else None for i in range(10)]
    with_ids = pd.DataFrame({"doc_id": [f"d{i}" for i in range(10)], "text": texts})
    by_index = pd.DataFrame({"text": texts}, index=[f"x{i}" for i in range(10)])
    monkeypatch.setattr(extraction, "_DOCS", 3)  # slices of 3 texts, the last one short
    for corpus, prefix in ((with_ids, "d"), (by_index, "x")):
        df = extract_statistics(corpus)
        kept = [i for i in range(10) if i % 3]
        assert df["doc_id"].tolist() == [f"{prefix}{i}" for i in kept]
        assert df["value"].tolist() == [float(i + 1) for i in kept]


def _live_figures() -> int:
    from cyberlib.figures.ranges import Fig

    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is Fig)


@pytest.mark.parametrize(
    "text, whole",
    [
        ("10 vụ " * 5000, False),  # read in blocks
        ("10 vụ " * 5000 + "tăng gấp đôi", True),  # read whole (multiples are sorted in)
        ("giữ lại 67.000 tỷ cổ phần hóa. " + "10 vụ " * 5000, True),  # held (money echo)
    ],
)
def test_figures_alive_while_rows_are_made(text, whole):
    rows = extraction.iter_statistics(text)
    for _ in range(3000):
        next(rows)
    left = sum(1 for _ in extraction.iter_statistics(text)) - 3000
    # a figure is freed once its row is made; read in blocks, at most a block is alive
    # (and the figure of the row just made, and the one waiting for the next block)
    most = left + 1 if whole else extraction._BLOCK + 2
    assert _live_figures() <= most
