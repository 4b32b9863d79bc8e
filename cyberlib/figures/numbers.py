"""Parse Vietnamese numerals: digits with Vietnamese or English separators, number words
and scale words.

Separator rules (Vietnamese first, English only when unambiguous):

* ``.`` followed by groups of exactly three digits groups thousands: "55.000" = 55000,
  "1.325" = 1325 (never 1.325); ``,`` is the decimal mark: "83,5" = 83.5, "1,234" = 1.234.
* Two or more ``,``-groups of three digits ("1,234,567"), or ``,``-groups followed by a
  ``.`` fraction ("1,234.5"), can only be English and are read so; so is one group of
  ",000" ("25,000", "2,000 tỷ"): nobody writes a decimal fraction of three zeros, while
  "3,460 triệu" (other digits) is a Vietnamese decimal, as real news writes prices.
* A ``.`` followed by anything but three digits ("3.5", "4.0") cannot group thousands, so it
  is read as a decimal point: "3.5" = 3.5. Malformed numbers ("1.2.3", "12.34.567") give None.
* Numbers with a leading zero ("08", "0865015015") are codes or phone numbers: None.

Words: digits "một" ... "chín" (with "mốt", "tư", "lăm"/"nhăm" after "mươi"/"mười"),
"mười", "mươi", "chục", "trăm", "linh"/"lẻ", "nửa", "rưỡi", and the scale words of
``data/scales.toml`` ("nghìn", "ngàn", "vạn", "triệu", "tỷ", "tỉ"), which combine:
"1,2 nghìn tỷ" = 1.2e12. The word lists are data (``number_words.toml``, ``scales.toml``).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from cyberlib.resources import load_toml

__all__ = ["parse_digits", "parse_number", "parse_words", "number_words", "scale_words"]

_VN_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d{1,3}(?:,\d{3})+\.\d+|\d{1,3},000")
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
    >>> parse_digits("25,000"), parse_digits("3,460")
    (25000.0, 3.46)
    """
    if not text or not text[0].isdigit():
        return None
    if len(text) > 1 and text[0] == "0" and text[1].isdigit():
        return None
    if text.isdigit() and text.isascii():  # most numbers: no separator to read
        value = float(text)
    elif _VN_GROUPED.fullmatch(text):
        value = float(text.replace(".", "").replace(",", "."))
    elif _EN_GROUPED.fullmatch(text):
        value = float(text.replace(",", ""))
    elif _VN_DECIMAL.fullmatch(text):
        value = float(text.replace(",", "."))
    elif _DOT_DECIMAL.fullmatch(text):
        value = float(text)
    else:
        return None
    return value if math.isfinite(value) else None  # "1" * 310 is no figure


def parse_words(words: list[str], start: float | None = None) -> float | None:
    """Value of a sequence of number and scale words (lowercase), or None if malformed.

    ``start`` is a value already read in digits ("83,5" in "83,5 triệu"); a word in digits
    may also stand inside the sequence ("2 tỷ 350 triệu": ``["tỷ", "350", "triệu"]``
    after ``start=2``). Besides whole numbers it reads decimals with "phẩy" ("không phẩy
    bảy" = 0.7), fractions with "phần" ("một phần ba"), the short forms after a scale
    word ("một triệu hai" = 1,200,000, "trăm mốt" = 110, "hai nghìn tư" = 2,400),
    "không trăm", "linh"/"lẻ", "rưỡi", and a leading "âm" (minus).

    >>> parse_words(["hai", "mươi", "mốt"]), parse_words(["một", "trăm", "linh", "năm"])
    (21.0, 105.0)
    >>> parse_words(["nghìn", "tỷ"], start=1.2)
    1200000000000.0
    >>> parse_words(["hai", "triệu", "rưỡi"]), parse_words(["tư"])
    (2500000.0, None)
    >>> parse_words("không phẩy bảy".split()), parse_words("một triệu hai".split())
    (0.7, 1200000.0)
    >>> parse_words("ba phần tư".split()), parse_words(["tỷ", "350", "triệu"], start=2)
    (0.75, 2350000000.0)
    """
    if words and words[0] == "âm" and start is None:
        value = parse_words(words[1:])
        return None if value is None else -value
    if "phẩy" in words:
        return _decimal(words, start)
    if "phần" in words and start is None:
        i = words.index("phần")
        below = words[i + 1 :]
        top = _integer(words[:i], None)
        bottom = 4.0 if below == ["tư"] else _integer(below, None, short=False)  # "phần tư"
        if top is None or not bottom:
            return None
        return top / bottom
    return _integer(words, start)


def _decimal(words: list[str], start: float | None) -> float | None:
    """ "hai phẩy năm triệu" = 2.5e6: whole part, "phẩy", decimal digits, scale words."""
    table = number_words()
    scales = scale_words()
    i = words.index("phẩy")
    left = words[:i]
    if left == ["không"] and start is None:
        whole: float | None = 0.0
    else:
        whole = _integer(left, start)
    if whole is None:
        return None
    right = words[i + 1 :]
    tail = []
    while right and right[-1] in scales:
        tail.insert(0, right.pop())
    if not right or (tail and any(w in scales for w in left)):
        return None  # "hai nghìn phẩy năm" is 2000.5; "hai nghìn phẩy năm triệu" is nothing
    digits = {**table["digits"], "không": 0}
    if all(w in digits and w not in table["grammar"]["after_tens_only"] for w in right):
        frac = float("0." + "".join(str(digits[w]) for w in right))
    else:
        n = _integer(right, None, short=False)
        if n is None or n != int(n) or n >= 1000:
            return None
        frac = n / 10 ** len(str(int(n)))
    mult = 1.0
    for w in tail:
        mult *= scales[w]
    return (whole + frac) * mult


@lru_cache(maxsize=1)
def _after_tens_only() -> frozenset[str]:
    """Digit words read only after "mươi"/"mười" or as a short form ("mốt", "tư", "lăm")."""
    return frozenset(number_words()["grammar"]["after_tens_only"])


def _integer(words: list[str], start: float | None, short: bool = True) -> float | None:
    """A whole number in words (and words in digits after a scale word), or None."""
    table = number_words()
    digits, special = table["digits"], table["special"]
    after_tens = _after_tens_only()
    scales = scale_words()
    total = 0.0
    top = 0.0  # largest scale applied so far
    last = 0.0  # the scale applied last ("2 tỷ 350 triệu": tỷ, then triệu)
    chunk = 0.0  # value below the current scale
    cur = start  # pending digit (or number read in digits)
    prev = ""
    n = len(words)
    for i, w in enumerate(words):
        final = i == n - 1
        if w in after_tens and prev not in ("mươi", "mười"):
            # "trăm mốt", "nghìn tư", "triệu lăm": only as the last word after a scale
            if not (short and final and (prev in scales or prev == "trăm")):
                return None
        if w[:1].isdigit():
            if cur is not None or prev not in scales or chunk:
                return None
            cur = parse_digits(w)
            if cur is None or cur >= 1000:
                return None
        elif w in digits or w == "không":
            if cur is not None:
                return None
            d = float(digits.get(w, 0))
            if short and final and (prev in scales or prev == "trăm") and i > 0:
                # the short form: "một triệu hai" = 1.2 million, "trăm hai" = 120
                step = (last if prev in scales else special["trăm"]) / 10
                if prev == "trăm":
                    chunk += d * step
                else:
                    total += d * step
                prev = w
                continue
            cur = d
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
            if mult > top and prev in scales and i > 0:
                # "tám nghìn tỷ": two scale words make one (10^12), and the groups after
                # it count below that ("tám nghìn tỷ tám trăm tỷ …")
                total = (total + value) * mult
                top = mult = last * mult
            elif mult > top:
                total = (total + value) * mult
                top = mult
            elif mult < last:
                total += value * mult
            else:
                return None  # "10 triệu 20 triệu": two amounts, not one
            last = mult
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
    >>> parse_number("một quỹ") is None, parse_number("âm năm"), parse_number("1e400") is None
    (True, -5.0, True)
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
    value = parse_words(parts, start)
    return value if value is None or math.isfinite(value) else None
