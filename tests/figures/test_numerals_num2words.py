"""cyberlib reads back the Vietnamese number words that num2words writes."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberlib.figures.numbers import parse_number

# num2words (a dev dependency written apart from cyberlib) spells numbers in Vietnamese:
# what it writes, cyberlib reads back. Below 10^15 (num2words 0.5 spells 10^15 as
# "một trăm nghìn tỷ", which is 10^14) and decimals whose digits it reads unambiguously.
num2words = pytest.importorskip("num2words", reason="num2words (dev dependency) not installed")


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=10**15 - 1))
def test_reads_what_num2words_writes(n: int):
    assert parse_number(num2words.num2words(n, lang="vi")) == n


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**6),
    st.one_of(st.integers(1, 9).map(lambda d: d / 10), st.integers(10, 99).map(lambda d: d / 100)),
)
def test_reads_decimals_num2words_writes(whole: int, frac: float):
    value = whole + frac
    assert parse_number(num2words.num2words(value, lang="vi")) == pytest.approx(value)
