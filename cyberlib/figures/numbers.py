"""Parse Vietnamese numerals: digits with Vietnamese or English separators, number words
and scale words.

Separator rules (Vietnamese first, English only when unambiguous):

* ``.`` followed by groups of exactly three digits groups thousands: "55.000" = 55000,
  "1.325" = 1325 (never 1.325); ``,`` is the decimal mark: "83,5" = 83.5, "1,234" = 1.234.
* Two or more ``,``-groups of three digits ("1,234,567"), or ``,``-groups followed by a
  ``.`` fraction ("1,234.5"), can only be English and are read so.
* A ``.`` followed by anything but three digits ("3.5", "4.0") cannot group thousands, so it
  is read as a decimal point: "3.5" = 3.5. Malformed numbers ("1.2.3", "12.34.567") give None.
* Numbers with a leading zero ("08", "0865015015") are codes or phone numbers: None.

Words: digits "một" ... "chín" (with "mốt", "tư", "lăm"/"nhăm" after "mươi"/"mười"),
"mười", "mươi", "chục", "trăm", "linh"/"lẻ", "nửa", "rưỡi", and the scale words of
``data/scales.toml`` ("nghìn", "ngàn", "vạn", "triệu", "tỷ", "tỉ"), which combine:
"1,2 nghìn tỷ" = 1.2e12. The word lists are data (``number_words.toml``, ``scales.toml``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from cyberlib.resources import load_toml

__all__ = ["parse_digits", "parse_number", "parse_words", "number_words", "scale_words"]

_VN_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+")
_VN_DECIMAL = re.compile(r"\d+(?:,\d+)?")
_DOT_DECIMAL = re.compile(r"\d+\.\d+")


@lru_cache(maxsize=1)
def number_words() -> dict[str, dict]:
    """The number-word tables of ``data/number_words.toml`` (cached)."""
    return load_toml("number_words.toml")


@lru_cache(maxsize=1)
def scale_words() -> dict[str, float]:
    """Scale word -> multiplier, from ``data/scales.toml`` ("triệu" -> 1e6)."""
    return {k: float(v) for k, v in load_toml("scales.toml")["scales"].items()}


def parse_digits(text: str) -> float | None:
    """Value of a numeral written in digits, or None when it is not a well-formed number.

    >>> parse_digits("55.000"), parse_digits("83,5"), parse_digits("1.325")
    (55000.0, 83.5, 1325.0)
    >>> parse_digits("1,234,567"), parse_digits("3.5"), parse_digits("0865015015")
    (1234567.0, 3.5, None)
    """
    if not text or not text[0].isdigit():
        return None
    if len(text) > 1 and text[0] == "0" and text[1].isdigit():
        return None
    if _VN_GROUPED.fullmatch(text):
        return float(text.replace(".", "").replace(",", "."))
    if _EN_GROUPED.fullmatch(text):
        return float(text.replace(",", ""))
    if _VN_DECIMAL.fullmatch(text):
        return float(text.replace(",", "."))
    if _DOT_DECIMAL.fullmatch(text):
        return float(text)
    return None


def parse_words(words: list[str], start: float | None = None) -> float | None:
    """Value of a sequence of number and scale words (lowercase), or None if malformed.

    ``start`` is a value already read in digits ("83,5" in "83,5 triệu").

    >>> parse_words(["hai", "mươi", "mốt"]), parse_words(["một", "trăm", "linh", "năm"])
    (21.0, 105.0)
    >>> parse_words(["nghìn", "tỷ"], start=1.2)
    1200000000000.0
    >>> parse_words(["hai", "triệu", "rưỡi"]), parse_words(["tư"])
    (2500000.0, None)
    """
    table = number_words()
    digits, special = table["digits"], table["special"]
    after_tens = set(table["grammar"]["after_tens_only"])
    scales = scale_words()
    total = 0.0
    top = 0.0  # largest scale applied so far
    chunk = 0.0  # value below the current scale
    cur = start  # pending digit (or number read in digits)
    prev = ""
    for w in words:
        if w in after_tens and prev not in ("mươi", "mười"):
            return None
        if w in digits:
            if cur is not None:
                return None
            cur = float(digits[w])
        elif w == "mười":
            if cur is not None:
                return None
            chunk += special["mười"]
        elif w in ("mươi", "chục"):
            chunk += (cur if cur is not None else 1.0) * special[w]
            cur = None
        elif w == "trăm":
            chunk = (chunk + (cur if cur is not None else 1.0)) * special["trăm"]
            cur = None
        elif w in ("linh", "lẻ"):
            if cur is not None:
                return None
        elif w == "nửa":
            if cur is not None:
                return None
            cur = float(special["nửa"])
        elif w == "rưỡi":
            if cur is not None or (prev not in scales and prev != "trăm"):
                return None
            if prev in scales:
                total += scales[prev] * special["rưỡi"]
            else:
                chunk += special["trăm"] * special["rưỡi"]
        elif w in scales:
            value = chunk + (cur if cur is not None else 0.0)
            if value == 0 and total == 0:
                value = 1.0
            mult = scales[w]
            if mult > top:
                total = (total + value) * mult
                top = mult
            else:
                total += value * mult
            chunk, cur = 0.0, None
        else:
            return None
        prev = w
    if not words and start is None:
        return None
    return total + chunk + (cur if cur is not None else 0.0)


_SPLIT = re.compile(r"\s+")


def parse_number(text: str) -> float | None:
    """Value of a numeral in digits and/or words, with scale words; None if not a number.

    >>> parse_number("83,5 triệu"), parse_number("1,2 nghìn tỷ"), parse_number("ba mươi")
    (83500000.0, 1200000000000.0, 30.0)
    >>> parse_number("mười lăm"), parse_number("nửa"), parse_number("Một Trăm")
    (15.0, 0.5, 100.0)
    >>> parse_number("một quỹ") is None
    True
    """
    parts = _SPLIT.split(text.strip().lower())
    if not parts or not parts[0]:
        return None
    start = None
    if parts[0][0].isdigit():
        start = parse_digits(parts[0])
        if start is None:
            return None
        parts = parts[1:]
    return parse_words(parts, start)
