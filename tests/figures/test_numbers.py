"""Vietnamese numeral parsing (cyberlib.figures.numbers)."""

from __future__ import annotations

import pytest

from cyberlib.figures.numbers import parse_digits, parse_number, parse_words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("55.000", 55000), ("1.325", 1325), ("100.000", 100000), ("1.234.567", 1234567),
        ("83,5", 83.5), ("0,5", 0.5), ("1,234", 1.234), ("1.234,5", 1234.5),
        ("1,234,567", 1234567), ("1,234.5", 1234.5), ("3.5", 3.5), ("4.0", 4.0),
        ("381", 381), ("0", 0),
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
