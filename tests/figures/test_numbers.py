"""Vietnamese numeral parsing (cyberlib.figures.numbers)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cyberlib.figures.numbers import parse_digits, parse_number, parse_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("55.000", 55000), ("1.325", 1325), ("100.000", 100000), ("1.234.567", 1234567),
        ("83,5", 83.5), ("0,5", 0.5), ("1,234", 1.234), ("1.234,5", 1234.5),
        ("1,234,567", 1234567), ("1,234.5", 1234.5), ("3.5", 3.5), ("4.0", 4.0),
        ("381", 381), ("0", 0), ("25,000", 25000), ("2,000", 2000), ("3,460", 3.46),
        ("1,500", 1.5),
    ],
)  # fmt: skip
def test_digits(text, value):
    assert parse_digits(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["0865015015", "08", "1.2.3", "12.34.567", "", "abc", ".5", "1..2", "192.168.1.1"]
)
def test_malformed_digits(text):
    assert parse_digits(text) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("hai", 2), ("mười", 10), ("mười lăm", 15), ("mười một", 11), ("ba mươi", 30),
        ("hai mươi mốt", 21), ("hai mươi tư", 24), ("bốn mươi lăm", 45), ("năm mươi nhăm", 55),
        ("một trăm", 100), ("một trăm linh năm", 105), ("hai trăm lẻ một", 201),
        ("ba trăm hai mươi", 320), ("chín trăm chín mươi chín", 999), ("nửa", 0.5),
        ("hai nghìn", 2000), ("ba ngàn", 3000), ("năm vạn", 50000), ("một triệu", 1e6),
        ("hai tỷ", 2e9), ("bốn tỉ", 4e9), ("nghìn tỷ", 1e12), ("hai triệu rưỡi", 2.5e6),
        ("hai trăm rưỡi", 250), ("nửa triệu", 5e5), ("ba chục", 30),
        ("hai triệu ba trăm nghìn", 2.3e6), ("một trăm nghìn", 1e5),
    ],
)  # fmt: skip
def test_words(words, value):
    assert parse_words(words.split()) == pytest.approx(value)


@pytest.mark.parametrize("words", ["tư", "mốt", "lăm", "hai ba", "quỹ", "một một", "rưỡi"])
def test_malformed_words(words):
    assert parse_words(words.split()) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("83,5 triệu", 83.5e6), ("1,2 nghìn tỷ", 1.2e12), ("3 tỷ", 3e9), ("55.000", 55000),
        ("Hai Mươi", 20), ("  mười  lăm ", 15), ("2 triệu rưỡi", 2.5e6), ("10 vạn", 1e5),
    ],
)  # fmt: skip
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "   ", "một quỹ", "59-NQ", "0865015015", "triệu đô"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


# An independent speller of the standard written form (the test's own, not the parser's
# tables): "một nghìn không trăm linh năm", "hai mươi mốt", "mười lăm", "bốn mươi tư".
_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _spell_group(n: int, inner: bool) -> list[str]:
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    out = [_DIGITS[hundreds], "trăm"] if (inner or hundreds) else []
    if tens == 0:
        if units:
            out += (["linh"] if out else []) + [_DIGITS[units]]
    elif tens == 1:
        out += ["mười"] + ([("lăm" if units == 5 else _DIGITS[units])] if units else [])
    else:
        out += [_DIGITS[tens], "mươi"]
        if units:
            out.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, _DIGITS[units]))
    return out


def spell(n: int) -> str:
    if n == 0:
        return "không"
    words: list[str] = []
    for scale, name in ((10**9, "tỷ"), (10**6, "triệu"), (10**3, "nghìn"), (1, "")):
        group, n = divmod(n, scale)
        if group:
            words += _spell_group(group, inner=bool(words)) + ([name] if name else [])
    return " ".join(words)


def test_speller_examples():
    assert spell(1005) == "một nghìn không trăm linh năm"
    assert spell(21) == "hai mươi mốt" and spell(15) == "mười lăm"
    assert spell(2_000_300) == "hai triệu ba trăm"


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=999_999_999_999))
def test_every_spelled_number_reads_back(n: int):
    assert parse_number(spell(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=999_999_999_999))
def test_extraction_reads_a_spelled_number_right_or_not_at_all(n: int):
    from cyberlib.figures.extraction import extract_statistics

    text = f"Có {spell(n)} người tham gia."
    values = extract_statistics(text)["value"].tolist()
    assert values in ([], [float(n)]), (text, values)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("không phẩy bảy", 0.7), ("hai phẩy năm triệu", 2.5e6), ("ba phẩy một bốn", 3.14),
        ("một phần ba", 1 / 3), ("ba phần tư", 0.75), ("một triệu hai", 1.2e6),
        ("trăm mốt", 110), ("hai nghìn tư", 2400), ("một nghìn không trăm năm mươi", 1050),
        ("âm năm", -5), ("2 tỷ 350 triệu", 2.35e9), ("1 triệu 500 nghìn", 1.5e6),
    ],
)  # fmt: skip
def test_newspaper_forms(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["10 triệu 20 triệu", "hai triệu ba triệu", "phẩy năm", "một phần", "1" * 400]
)
def test_forms_that_are_not_one_number(text):
    assert parse_number(text) is None


def _forms() -> list[tuple[str, float]]:
    import csv
    from pathlib import Path

    path = Path(__file__).parent / "data" / "numeral_forms.csv"
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(r for r in f if not r.startswith("#"))
        return [(r["words"], float(r["value"])) for r in rows]


@pytest.mark.parametrize(("words", "value"), _forms())
def test_numeral_forms_table(words, value):
    assert parse_number(words) == pytest.approx(value)


def test_compound_scale_then_smaller_groups():
    # "nghìn tỷ" is one scale word (10^12); the groups after it count below it
    assert parse_number("tám nghìn tỷ tám trăm tám mươi tỷ") == 8_880_000_000_000
    assert parse_number("một triệu tỷ") == 10**15
    assert parse_number("hai nghìn tỷ ba trăm triệu") == 2_000_300_000_000
    assert parse_number("hai nghìn phẩy năm") == 2000.5
    assert parse_number("hai nghìn phẩy năm triệu") is None  # two readings: none
