"""Statistic extraction: every figure of a Vietnamese text with its value, unit, hedge,
change, subject, period and source (the statistics frame of DESIGN.md).

One compiled regular expression finds candidate quantities (digits, number words, "hàng
trăm", ranges, a unit or head noun after them) in a single linear pass; each candidate is
then checked against its left context (labels such as "năm", "ngày", "số", "Điều"; names
such as "Hà Nội 2025"; glued codes such as "A05", "59-NQ/TW", "0:00", file names).
Rules worth knowing:

* a figure needs a unit: a listed unit word (``data/units.toml``), "%" or a currency, or —
  for numbers in digits and "hàng ..." — an unlisted lowercase head noun, kept as its unit;
* a plain four-digit year (1900–2099) is a year unless money or percent follows;
* "một" or "nửa" alone is an article or a fraction word, never a figure ("một quỹ");
* numbers written in words need a listed unit ("hai bên" is not reported, "hai nước" is)
  or a concrete noun of ``counted_nouns.txt`` ("hai hợp đồng");
* a person's age ("59 tuổi") and times of day ("8 giờ sáng") are not figures;
* ranges ("từ 10 đến 15 tỷ đồng", "10-15%", "20.000đ-40.000đ") are one row with
  ``value_high``; a scale word after the upper bound also scales the lower one;
* an unlisted counted noun keeps its whole word ("khách sạn"), nouns for people are
  ``person``; currencies are every ISO 4217 currency of Babel's CLDR data;
* values are finite and >= 0: a minus sign gives no row, nor a number too long for a float;
  a signed change in per cent in brackets ("(-0,07%)") is 0.07 with ``change`` decrease;
* ``source_scope`` says whether the source is named in the figure's sentence or carried
  from the statement before it in the paragraph ("Cụ thể, …"); a sentence longer than
  :data:`~cyberlib.figures.context.MAX_SENTENCE` characters is cut into windows of at most
  :data:`~cyberlib.figures.context.WINDOW` characters (the ``sentence`` of its rows).

See the README, "Statistics: what counts as a figure", for every rule.

Offsets index the caller's string: NFD or new-style tone input gives the same rows.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import islice
from typing import TYPE_CHECKING, Any

from cyberlib.figures.context import (
    SentenceIndex,
    _of_units,
    dates_report_day,
    head_noun,
    item_named,
    period_of,
    source_of,
    speaks_as_pronoun,
    subject_of,
)
from cyberlib.figures.numbers import parse_digits, parse_words
from cyberlib.figures.ranges import Fig, merge_ranges, multiples
from cyberlib.figures.units import (
    COUNT,
    DURATION,
    MEASURE,
    MONEY,
    PERCENT,
    alternation,
    head_words,
    lexicon,
    lower_same_length,
)
from cyberlib.normalization import normalize_unicode, normalize_with_offsets

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "ExtractionWarning", "extract_statistics", "iter_statistics"]

COLUMNS = [
    "doc_id", "surface", "start", "end", "value", "value_high", "unit", "unit_text",
    "qualifier", "change", "subject", "period", "source", "source_scope", "sentence",
]  # fmt: skip
PROGRESS_MIN_DOCS = 200  # a progress bar (on a terminal only) above this many documents

_S = r"[^\S\n]"
_YEARLIKE = re.compile(r"(?:19|20)\d\d")
_CONVERSION = re.compile(r"[^\S\n]*\([^\d()\n]{0,20}")  # "USD (khoảng 9458 tỷ đồng)"
_YEAR_AFTER = re.compile(r"[^\S\n]+(?:19|20)\d\d(?!\d)")  # a year after "năm": a date
_SHORT_LOW = re.compile(r"[1-9]\d{0,2}")  # the low end of "16-18.000": no group of its own
_GROUPED = re.compile(r"[1-9]\d{0,2}(?:\.000)+")  # "18.000", "700.000": whole thousands
_VERSION = re.compile(r"\d+\.\d{1,2}")
_NEXT_WORD = re.compile(r"[^\S\n]+([^\W\d_]+)")
_HYPHENATED = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
# "oà", "uý" at a word's end; written to open with one character class, which the regex
# engine looks for alone before trying the rest (three times faster than an alternation)
_NEEDS_TONES = re.compile(
    r"[oOuU](?:(?<=[oO])[àáảãạèéẻẽẹÀÁẢÃẠÈÉẺẼẸ]|(?<=[uU])[ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])"
)
_OPENERS = " \t\"'“‘([-–•*"


@lru_cache(maxsize=4)
def _pattern(ignore_case: bool = False, compound: bool = True) -> re.Pattern[str]:
    """The candidate pattern, in lowercase: it runs on the lowercased text.

    ``compound`` lets a number in digits go on with smaller amounts ("2 tỷ 350 triệu",
    "1 triệu 500 nghìn"); the caller falls back to ``compound=False`` when the parts do
    not make one amount ("10 triệu 20 triệu")."""
    lex = lexicon()
    scales = alternation([*lex.scales, "rưỡi"])
    scales = rf"(?:{scales})(?!{_S}+(?:{alternation(lex.not_after_scale)})(?!\w))"
    digits = alternation([*lex.digit_words, "không"])
    tens = rf"(?:mười(?:{_S}+(?:{digits})(?!\w))?|(?:{digits})(?!\w))"
    first = (
        rf"(?:mười(?:{_S}+(?:{digits})(?!\w))?|(?:{alternation(lex.starts)})(?!\w)"
        rf"|không(?={_S}+phẩy))"
    )
    decimal = rf"(?:{_S}+phẩy(?:{_S}+(?:{digits}|mươi|mười|trăm)(?!\w)){{1,6}})?"
    words = (
        rf"{first}(?:{_S}+(?:{alternation(lex.multipliers)})(?!\w)(?:{_S}+{tens})?){{0,16}}"
        rf"{decimal}(?:{_S}+(?:{scales})(?!\w)){{0,3}}"
    )
    # at most 24 digits and 6 separators: longer digit runs are codes, never figures, and a
    # bounded repeat keeps the regex engine's memory flat on "1.1.1.1…" soups
    digit = r"\d{1,24}(?:[.,]\d{1,24}){0,6}(?![.,]?\d)"
    # "136,1triệu": a scale word glued to its digits, the space lost
    dignum = rf"{digit}(?:{_S}*(?:{scales})(?!\w))?(?:{_S}+(?:{scales})(?!\w)){{0,3}}"
    if compound:
        dignum += rf"(?:{_S}+\d{{1,3}}(?:{_S}+(?:{scales})(?!\w)){{1,2}}){{0,2}}"
    # "$173m", "£2bn" (after a currency sign only); "7.548m 2" is square metres, the
    # superscript lost
    short = r"(?:m(?![^\S\n]2(?!\w))|bn|k)(?![^\W_])"
    order = (
        rf"(?:{alternation(lex.order_words)}){_S}+(?:{alternation(lex.orders)})(?!\w)"
        rf"(?:{_S}+(?:{scales})(?!\w)){{0,4}}"
    )
    return re.compile(
        rf"{_LOOKBEHIND}(?:(?P<pcur>{alternation(lex.money_prefix)}){_S}?)?"
        rf"(?P<num>{order}|{dignum}|{words})(?P<short>(?<=\d){short})?"
        r"(?P<of>(?<=\d)/\d{1,7}(?:\.\d{3}){0,2}(?![.,/]?\d))?"
        rf"(?:(?:{_S}*[-–—]{_S}*|{_S}+(?:đến|tới){_S}+)(?P<num2>{dignum}|{words}))?"
        # a listed unit may stand in quotes: '5 triệu "đô"' (a slangy or ironic unit)
        rf"(?:{_S}*(?P<uq>[\"“])?(?P<unit>{alternation(lex.units)})(?(uq)[\"”])(?![^\W_])"
        # a counted noun may stand in quotes too: 'gần 10 “cò”' (brokers), '300 "ngôi sao"'
        rf"|(?={_S}+(?:[\"“](?=[^\W\d_][^\"”\n]{{0,30}}[\"”]))?(?P<head>[^\W\d_]+)))?",
        re.IGNORECASE if ignore_case else 0,
    )


_GLUED = r"\w.,/:#@&"  # a number or word right after one of these starts no figure
_LOOKBEHIND = rf"(?<![{_GLUED}])"


_WHOLE_MARK, _ORDER_MARK = "\ue000", "\ue001"  # see _starts


@lru_cache(maxsize=2)
def _starts(ignore_case: bool = False) -> re.Pattern[str]:
    """Where a candidate can begin: a digit, a currency sign, "mười", a number word that is
    a whole word ("ba", not "bao"), an order word before an order ("hàng trăm", not "hàng
    hóa") or "không phẩy".

    Scanning for these first and trying :func:`_pattern` only there finds the same
    matches as ``_pattern().finditer`` about a third faster (see benchmarks/). The word
    ends and the orders are checked at the leaves of the one trie of these words (every
    blank of a text is tried against it, so a second alternation would cost more than
    it saves); they are the checks of :func:`_opens_no_figure`, which so drops no start
    of this pattern (about a sixth fewer starts on news, the same candidates)."""
    lex = lexicon()
    whole = r"(?![^\W\d_])"
    order = rf"{whole}(?={_S}+(?:{alternation(lex.orders)}){whole})"
    words = [  # the leaves' checks marked by private-use characters, then written in
        *lex.money_prefix, "mười",
        *(w + _WHOLE_MARK for w in lex.starts if w != "mười"),
        *(w + _ORDER_MARK for w in lex.order_words),
    ]  # fmt: skip
    alts = alternation(words).replace(_WHOLE_MARK, whole).replace(_ORDER_MARK, order)
    return re.compile(
        rf"{_LOOKBEHIND}(?:\d|{alts}|không(?={_S}+phẩy))",
        re.IGNORECASE if ignore_case else 0,
    )


@lru_cache(maxsize=1)
def _after_separator() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """:func:`_starts` as "a separator, then a start" (group 1), in two patterns: after a
    space, and after any other separator. A pattern that opens with a character class lets
    the regex engine skip to the next separator at once instead of trying a look-behind at
    every character, and one that opens with a plain space skips faster still; most starts
    follow a space, so the two scans together take about a sixth less time than one scan
    with the whole class (see benchmarks/)."""
    body = _starts().pattern[len(_LOOKBEHIND) :]
    other = rf"[^{_GLUED} ]"
    # the other separators as an explicit class of the characters of the Basic Multilingual
    # Plane (looked up in a bitmap, faster than the Unicode categories of \w at each
    # character), plus every character beyond it, checked again with the class itself
    return re.compile(rf" (?=({body}))"), re.compile(
        rf"[{_bmp_class(other)}\U00010000-\U0010FFFF](?<={other})(?=({body}))"
    )


def _bmp_class(cls: str) -> str:
    """The characters of the Basic Multilingual Plane that the regex class ``cls``
    matches, as the inside of an explicit character class (ranges)."""
    one = re.compile(cls)
    spans: list[list[int]] = []
    for i in range(0x10000):  # lone surrogates too: a str may hold them
        if one.match(chr(i)) is None:
            continue
        if spans and spans[-1][1] == i - 1:
            spans[-1][1] = i
        else:
            spans.append([i, i])
    return "".join(
        re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
        for a, b in spans
    )


def _start_positions(low: str) -> Iterable[int]:
    """Where :func:`_starts` matches in ``low``, left to right: the same positions as
    ``_starts().finditer`` (a start follows a separator, which may itself be a start:
    "$5"; no start lies inside another, tested in tests/figures/test_robustness.py)."""
    after_space, after_other = _after_separator()
    found = [m.start(1) for m in after_other.finditer(low)]
    if _starts().match(low) is not None:
        found.append(0)
    if found:
        found.extend(m.start(1) for m in after_space.finditer(low))
        return sorted(found)
    return [m.start(1) for m in after_space.finditer(low)]


def _candidates(low: str) -> Iterable[re.Match[str]]:
    """The matches of :func:`_pattern` in ``low``, left to right, not overlapping.

    A number right after a dash counts only when the match before ends at that dash
    ("20.000đ-40.000đ"): else the dash glues it to a code ("COVID-19", "-5")."""
    pattern = _pattern()
    go_on = _word_number_goes_on()
    done = 0
    signed: set[int] = set()  # "(-1,08%)": a sign in brackets before a per cent
    if "%" in low and "(" in low:
        signed = {s.end() for s in _SIGNED_PERCENT.finditer(low)}
    coded: set[int] = set()  # "sơ đồ 4-3-3": three or more small numbers dashed together
    if "-" in low and _DASH_RUN.search(low) is not None:  # a quick look first: rare
        coded = {i for c in _DASHED_CODE.finditer(low) for i in range(c.start(), c.end())}
    for at in _start_positions(low):
        if at in coded:
            continue
        if at < done or (
            at
            and low[at - 1] in "-+−"
            and (at - 1 != done or low[at - 1] == "+")
            and at not in signed
            and not _lone_sign(low, at - 1)
        ):
            continue
        if not low[at].isdigit():
            w = _WORD_AND_NEXT.match(low, at)
            if w is None:
                pass  # a sign: "$5", "€"
            elif w.group(1) in go_on[0]:
                if (w[2] or w[3]) not in go_on[1]:
                    continue  # "năm 2024", "một trong": a number word needs more words or a unit
            elif _opens_no_figure(low, at, w.group(1), w[3]):
                continue  # "chính", "bao": a longer word that begins like a number word
        m = pattern.match(low, at)
        if m is not None and m.group("num")[0].isdigit() and not _one_amount(m):
            m = _pattern(compound=False).match(low, at)
        if m is not None and m.group("num2") is not None and _named_before_dash(low, m):
            continue  # "Vol. 2 - 851,2 triệu USD": the amount after the dash stands alone
        if m is not None:
            done = m.end()
            yield m


def _named_before_dash(low: str, m: re.Match[str]) -> bool:
    """Whether the small number before a spaced dash ends a name or a list item, not a
    range, because the amount after the dash, in millions or billions, is far from it: more
    than :data:`_RANGE_SPREAD` times its size, or smaller ("Guardians of the Galaxy Vol. 2 -
    851,2 triệu USD", "Fast & Furious 8 - 1,238 tỷ USD"); a range opened by "từ" stays one.

    >>> low = "vol. 2 - 851,2 triệu usd"
    >>> _named_before_dash(low, _pattern().match(low, 5))
    True
    >>> low = "giá 5 - 7 triệu đồng"
    >>> _named_before_dash(low, _pattern().match(low, 4))
    False
    """
    num, num2 = m.group("num"), m.group("num2")
    if not (num.isdigit() and len(num) <= 2 and " " in num2 and num2[0].isdigit()):
        return False
    if not _SPACED_DASH.fullmatch(low, m.end("num"), m.start("num2")):
        return False
    if low[max(0, m.start() - 4) : m.start()].rstrip().endswith("từ"):
        return False
    low_end, high_end = int(num), parse_digits(num2.split()[0])
    return high_end is not None and not low_end < high_end <= low_end * _RANGE_SPREAD


_SPACED_DASH = re.compile(r"[^\S\n]+[-–—][^\S\n]+")
_RANGE_SPREAD = 20  # "5 - 7 triệu", "10 - 150 triệu" are ranges; "2 - 851,2 triệu" is not


def _lone_sign(text: str, at: int) -> bool:
    """Whether the "+" or "-" at ``at`` stands alone before its number: after a space that
    follows a word, not a digit or a dash ("VNM +70,9 tỷ đồng", "SSI -11,9 tỷ"; not the
    range "1,5 -7,5 triệu", nor "COVID-19"), or right after a bracket ("(+89 USD/ounce)").
    Only an amount of money keeps such a sign (:func:`_figure`)."""
    if at == 0 or text[at - 1] == "(":
        return True  # "(+89 USD/ounce)": the change stated in brackets
    if not text[at - 1].isspace():
        return False
    before = text[max(0, at - 8) : at].rstrip()
    return not before or not (before[-1].isdigit() or before[-1] in "-–—+−")


# the end of a sentence, between two figures
_SENTENCE_END = re.compile(r"[.!?\n](?!\d)")
# one comma before three digits: a Vietnamese decimal or English thousands ("1,600 chợ")
_EN_THOUSANDS = re.compile(r"[1-9]\d{0,2},\d{3}")
# a change in per cent written with its sign in brackets, as market reports do:
# "VN-Index giảm 8,04 điểm (-1,08%)"; the end of a match is where the number starts
_SIGNED_PERCENT = re.compile(r"\([^\S\n]?[-+−][^\S\n]?(?=\d[\d.,]*[^\S\n]?%)")
_NUMBER_HEAD = re.compile(r"[\d.,]+")  # the digits of "136,1triệu", before a glued scale
_SIGNS = {"+": "increase", "-": "decrease", "−": "decrease"}
# a football formation or a code of small numbers ("4-3-3", "4-2-3-1"): no figure in it
_DASH_RUN = re.compile(r"-\d{1,2}-\d")  # opens with a literal: scanned for fast
_DASHED_CODE = re.compile(r"(?<![\w.,-])\d{1,2}(?:-\d{1,2}){2,}(?![\w-])")
# an hour written "15h" right before a number of minutes: a time of day ("15h 20 phút")
_HOUR_MARK = re.compile(r"(?<![\w.,])\d{1,2}h[^\S\n]*$")


# a word at a start and what follows it: a sign ("-", "%") or the next word (else None)
_WORD_AND_NEXT = re.compile(r"([^\W\d_]+)(?:[^\S\n]*([^\w\s])|[^\S\n]+([^\W\d_]+))?")


@lru_cache(maxsize=1)
def _word_number_goes_on() -> tuple[frozenset[str], frozenset[str]]:
    """(number words that start a figure, the words that may follow one in a figure).

    A figure in words needs a listed unit (:func:`_figure`), so its first word is followed
    by another number word, a scale word, "phẩy", a range ("đến", "-") or a unit's first
    word: any other next word ("năm 2024", "một trong") is no figure and the long pattern
    is not tried there (a few per cent of a whole extraction; the output is the same)."""
    lex = lexicon()
    starts = frozenset([*lex.starts, "mười", "không"])
    follow = {"không", "mười", "mươi", "phẩy", "trăm", "rưỡi", "đến", "tới", "linh", "lẻ"}
    follow |= {"phần", "-", "–", "—"}
    follow |= set(lex.number_words) | set(lex.scale_set) | set(lex.digit_words)
    follow |= set(lex.multipliers) | set(lex.orders)
    follow |= {noun.split()[0] for noun in lex.counted_nouns}  # "hai hợp đồng"
    follow |= {p.strip() for p in lex.person_prefixes}  # "Hai kẻ tình nghi"
    for key in lex.units:  # "vụ việc" -> "vụ", "m2" -> "m"
        first = re.match(r"[^\W\d_]+|[^\w\s]", key)  # a word or a sign ("%", "$")
        if first is not None:
            follow.add(first.group())
    return starts, frozenset(follow)


def _opens_no_figure(low: str, at: int, word: str, after: str | None) -> bool:
    """Whether the word ``word`` at a start ``at`` (its letters, whole; ``after``: the word
    after it, if any), which is no number word of :func:`_word_number_goes_on`, opens no
    match of :func:`_pattern`. A number in words must be the whole word ("chín", not
    "chính"; "ba", not "bao") and an order word needs an order after it ("hàng trăm", not
    "hàng hóa"), so only those, "mười" (no word end needed after it) or a currency written
    before its amount ("usd 5") can open one. :func:`_starts` finds no other word start
    (this check states the rule for the candidates; tests turn it off to show that it
    changes no output)."""
    order_words, orders, prefixes = _figure_openers()
    if low.startswith(prefixes, at):
        return False
    return word not in order_words or after not in orders


@lru_cache(maxsize=1)
def _figure_openers() -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """(the order words, the orders that may follow them, and the prefixes that may open
    a match of :func:`_pattern` whatever follows: "mười" and the currencies written before
    an amount)."""
    lex = lexicon()
    return frozenset(lex.order_words), frozenset(lex.orders), ("mười", *lex.money_prefix)


def _one_amount(m: re.Match[str]) -> bool:
    """Whether a number in digits with words in digits after its scale words is one amount."""
    parts = m.group("num").split()
    for p in parts[1:]:  # most numbers are one word: no generator made for them
        if p[0].isdigit():
            return parse_words(parts[1:], parse_digits(parts[0]) or 0.0) is not None
    return True


def _prev_words(text: str, pos: int, n: int) -> list[tuple[str, int]]:
    """Up to ``n`` whole words before ``pos`` separated by blanks only, nearest first.

    A word is a run of letters (``str.isalpha``) not glued to a letter or digit before it.
    Read with one regex on the reversed stretch before ``pos`` (a character loop cost a
    few per cent of a whole extraction); :func:`_prev_words_loop` is the plain reading,
    used where the stretch is cut inside a word and kept as the reference in tests."""
    lo = max(0, pos - _PREV_WINDOW)
    rev = text[lo:pos][::-1]
    out: list[tuple[str, int]] = []
    at = 0
    if n == 3:  # the three words at once, with the checks of the loop below
        m = _PREV3_REV.match(rev)
        for g in (1, 2, 3):
            if m is None or m.start(g) < 0:
                if lo > 0 and not rev[at:].strip(" \t"):
                    return _prev_words_loop(text, pos, n)  # blanks up to the cut
                return out
            word, at = m.group(g), m.end(g)
            if (at == len(rev) and lo > 0) or not word.isalpha():
                return _prev_words_loop(text, pos, n)
            out.append((word[::-1], pos - at))
        return out
    while len(out) < n:
        m = _PREV_REV.match(rev, at)
        if m is None:
            if lo > 0 and not rev[at:].strip(" \t"):
                return _prev_words_loop(text, pos, n)  # blanks up to the cut
            break
        if m.end(1) == len(rev) and lo > 0:
            return _prev_words_loop(text, pos, n)  # the stretch may cut a word
        word = m.group(1)
        if not word.isalpha():
            return _prev_words_loop(text, pos, n)  # "²", "Ⅳ": letters to re, not to str
        k = pos - m.end(1)
        out.append((word[::-1], k))
        at = m.end(1)
    return out


_PREV_WINDOW = 120
# reversed: blanks, then a word, not followed (= preceded, in the text) by a letter or digit
_PREV_REV = re.compile(r"[ \t]+([^\W\d_]+)(?![^\W_])")
_PREV3_REV = re.compile(
    r"[ \t]+([^\W\d_]+)(?![^\W_])(?:[ \t]+([^\W\d_]+)(?![^\W_])(?:[ \t]+([^\W\d_]+)(?![^\W_]))?)?"
)


def _prev_words_loop(text: str, pos: int, n: int) -> list[tuple[str, int]]:
    """:func:`_prev_words` read character by character."""
    out: list[tuple[str, int]] = []
    i = pos
    while len(out) < n:
        j = i
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        k = j
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        if j == i or k == j or (k > 0 and text[k - 1].isalnum()):
            break
        out.append((text[k:j], k))
        i = k
    return out


def _digit_before(text: str, pos: int) -> bool:
    while pos > 0 and text[pos - 1] in " \t":
        pos -= 1
    return pos > 0 and text[pos - 1].isdigit()


def _sentence_initial(text: str, pos: int) -> bool:
    while pos > 0 and text[pos - 1] in _OPENERS:
        pos -= 1
    return pos == 0 or text[pos - 1] in "\n.!?…:;"


def _value(num: str) -> tuple[float | None, bool, list[str]]:
    """(value, written in words, trailing scale words) of a matched number."""
    parts = num.lower().split()
    if len(parts) == 1 and parts[0][-1].isdigit():
        return _digits(parts[0]), False, []  # most figures: one number in digits
    head = parts[0]
    if head[0].isdigit() and not head[-1].isdigit():
        glued = _NUMBER_HEAD.match(head).end()  # "136,1triệu": a scale glued to its digits
        parts[:1] = [head[:glued], head[glued:]]
    scales = lexicon().scale_set
    tail = []
    for w in reversed(parts):
        if w not in scales:
            break
        tail.append(w)
    tail.reverse()
    if parts[0] in lexicon().order_words:
        words = parts[1:]
        return parse_words(words), False, tail
    if parts[0][0].isdigit():
        start = _digits(parts[0])
        return (None if start is None else parse_words(parts[1:], start)), False, tail
    return parse_words(parts), True, tail


def _digits(num: str) -> float | None:
    """:func:`parse_digits`, but one digit after a zero is that digit: official and police
    prose writes small counts so ("04 đại biểu", "03 cơ sở", "01 triệu đồng"); a longer
    number with a leading zero stays a code or a phone number."""
    if len(num) == 2 and num[0] == "0" and num[1] in "123456789":
        return float(num[1])
    return parse_digits(num)


def _group(text: str, m: re.Match[str], name: str) -> str | None:
    start = m.start(name)
    return None if start < 0 else text[start : m.end(name)]


def _implied_money(
    text: str,
    m: re.Match[str],
    money_at: int = -(10**9),
    last_money: tuple[int, str] = (-(10**9), ""),
) -> bool:
    """An amount in triệu/tỷ with no unit, after a money verb in its clause ("chiếm đoạt
    hơn 2 tỷ") or within ``context`` characters after an amount written in đồng
    (``money_at``: where the last one ended), or shortly after an amount in any currency
    (``last_money``): Vietnamese news leaves "đồng" out there (see units.toml [implied])."""
    lex = lexicon()
    words = m.group("num").lower().split()
    if not words[0][0].isdigit() and words[0] not in lex.order_words:
        return False
    if not (words[-1] in lex.implied_scales or " ".join(words[-2:]) in lex.implied_scales):
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    if nxt is not None and nxt.group(1)[0].isupper() and not _vietnamese(nxt.group(1).lower()):
        return False  # "hơn 650 triệu Malaysian ringgits", "1 triệu RM": not in đồng
    if 0 <= m.start() - money_at <= lex.implied_context:
        return True
    if last_money[1] and 0 <= m.start() - last_money[0] <= lex.implied_other:
        return True  # "50 tỷ USD … nhập khẩu khoảng 10 tỷ"
    return _money_cue_before(text, m.start())


def _implied_currency(m: re.Match[str], last_money: tuple[int, str]) -> str:
    """Currency of a bare amount: that of the amount just before it when that one is in
    another currency than the usual one ("kim ngạch 50 tỷ USD … nhập khẩu khoảng 10 tỷ,
    xuất khẩu khoảng 40 tỷ": dollars), within units.toml [implied] ``other_context``
    characters; else the usual currency (đồng). ``last_money`` names no currency after an
    amount without a scale word (:func:`_final_figures`: "150 AUD và 2 triệu" is đồng)."""
    lex = lexicon()
    at, unit = last_money
    if unit and unit != lex.implied_unit and 0 <= m.start() - at <= lex.implied_other:
        return unit
    return lex.implied_unit


def _money_cue_before(text: str, start: int) -> bool:
    """Whether a money verb or noun of units.toml [implied] ("chiếm đoạt", "phạt", "số
    tiền") stands before ``start`` in its clause."""
    lex = lexicon()
    before = text[max(0, start - lex.implied_window) : start]
    before = re.split(r"[.;:!?,()\n]", before)[-1]
    return lex.implied_cues.search(before.lower()) is not None


def _figure(
    text: str,
    m: re.Match[str],
    money_at: int = -(10**9),
    last_money: tuple[int, str] = (-(10**9), ""),
) -> dict[str, Any] | None:
    """Check one candidate (matched on the lowercased text); return its row fields or None.

    ``money_at``: where the last amount in đồng ended (for bare "3 tỷ" after it);
    ``last_money``: where the last amount in any currency ended, and its currency."""
    lex = lexicon()
    low_num, low_unit = m.group("num", "unit")
    key = None if low_unit is None else " ".join(low_unit.split())  # the unit's lookup key
    ordered = low_num.split(None, 1)[0] in lex.order_words
    counted = False
    if not low_num[0].isdigit() and not ordered:
        counted = low_unit is None and low_num != "năm" and _counted_noun(text, m)
        if (low_unit is None and not counted) or low_num in lex.lone_words:
            return None  # words need a listed unit; "một", "nửa" alone are no figure
        if not counted and key in lex.words_not_before:
            return None  # "hai bên": both sides
    elif low_unit is None and m.group("head") is None and m.group("pcur") is None:
        if not _implied_money(text, m, money_at, last_money):
            return None
    unit_w, head = _group(text, m, "unit"), _group(text, m, "head")
    num, num2 = _group(text, m, "num"), _group(text, m, "num2")
    value, in_words, tail = _value(low_num)
    if value is None:
        return None
    if m.group("of") is not None and not _part_of_whole(value, m.group("of"), m, num2):
        return None
    start = m.start()
    prev = _prev_words(text, start, 3)
    if in_words and num[0].isupper() and not _sentence_initial(text, start):
        return None  # a name: "Ba Lan", "Hai Bà Trưng"
    if (in_words or ordered) and prev and prev[0][0].lower() in _GLUE:
        return None  # the end of a longer number ("… không trăm mười lăm nghìn đồng"), or a
        # hedge inside one ("mười mấy tỉ": ten-odd billions, no value of ours)
    if in_words and prev and prev[0][0].lower() in lex.words_not_after:
        return None  # "nhiều năm Ảnh: …": a noun after "nhiều", no number
    keys = [w.lower() for w, _ in prev]
    pair = " ".join(keys[1::-1])
    if (
        keys
        and (keys[0] in lex.labels or pair in lex.labels)
        and pair not in lex.not_labels
        and not (len(keys) > 1 and keys[1] in lex.not_labels_after)
        and not (tail and low_unit is not None)
        and not _amount_after_label(num, key)
    ):
        return None  # "Công ty 19", "số 5"; but "công ty 40 tỉ đồng" is an amount
    pcur = _group(text, m, "pcur")
    if m.group("short") is not None and not pcur:
        return None  # "100m", "5k": not an amount without a currency sign before it
    factor = 1.0
    if key is not None:
        unit, kind = lex.units[key]
        after = _NEXT_WORD.match(text, m.end())
        nxt = after.group(1).lower() if after else ""
        if key in lex.scale_only and not tail:
            # "phạt 20.000 bảng ở …": pounds when the text names them in full elsewhere
            # ("bảng Anh", "£"), else no figure; before a noun a counted noun ("5 bảng
            # quảng cáo")
            if nxt and nxt not in lex.not_nouns and after.group(1).islower():
                unit_w = None
            elif not (
                _named_in_full(text, unit)
                or unit_w[:1].isupper()  # "200.000 Bảng": the currency's name
                or _money_cue_before(text, m.start())  # "bị phạt 20.000 bảng"
                # "180.000 bảng/tuần" (a wage); a thousand and more: "5 bảng/ngày" are boards
                or (_thousands(value, num) and _per_time().match(text, m.end()) is not None)
            ):
                return None
        elif key in lex.codes and not unit_w.isupper():
            unit_w = None  # "all", "top" are no currency codes
        elif key in lex.lowercase_only and not unit_w.islower():
            return None  # "4G", "5G": a mobile network, no grams
        elif (
            kind in (MONEY, MEASURE)
            and nxt not in lex.not_nouns
            and _longer_word(key, nxt, scaled=bool(tail) or _thousands(value, num))
        ):
            unit_w = None  # "5 đồng nghiệp", "3 tấn công"; but "3.217.897.856 đồng tiền
            # hoa hồng" is money: a thousand and more after a number are đồng as after a scale
        if unit_w is None:
            if key[:1].isalpha() and key.islower() and " " not in key:
                head = text[m.start("unit") : m.start("unit") + len(key)]
            else:
                return None
    if unit_w is not None:
        factor = lex.factors.get(key, 1.0)
        if kind == DURATION and (nxt in lex.time_of_day or nxt in lex.age_words):
            return None  # "8 giờ sáng": a time of day; "9 tháng tuổi": an age
        if unit == "year" and value >= lex.years_before_year and _YEAR_AFTER.match(text, m.end()):
            return None  # "lên đến 210.000 năm 2016": "năm" opens a date, no years counted
            # (but "trong 2 năm 2012 và 2013", "kế hoạch 5 năm 2016-2020" are years)
        if kind == MEASURE and nxt in lex.time_of_day:
            return None  # "3g sáng": 3 o'clock in the morning, no grams
        if (
            unit == "hour"
            and nxt != "đồng"
            and not (keys and (keys[0] in lex.hour_cues or pair in lex.hour_cues))
        ):
            return None  # "Hẹn 11 giờ", "12 giờ 20 phút": a time of day
        if kind == DURATION and after and after.group(1)[:1].isupper():
            return None  # "kỷ niệm 20 năm Làn sóng xanh": part of an event's name
        if kind == DURATION and low_num in lex.not_before_duration:
            return None  # "năm tháng" (the years), not "5 months"
        if kind == DURATION and _not_a_duration_after(text, m.end()):
            return None  # "phim 4 năm 2 chàng …": a title, not 4 years
        if kind == DURATION and _HOUR_MARK.search(text, max(0, start - 8), start):
            return None  # "Khoảng 15h 20 phút ngày 15/1": the minutes of a time of day
        if (
            unit == "month"
            and low_num.isdigit()
            and int(low_num) <= 31
            and _MONTH_NUMBER_ENDS.match(text, m.end())
        ):
            return None  # "ngày 29, 30 và 31 tháng 2": a day of a month, not 31 months
        end, unit_text = m.end(), unit_w
    elif head is not None and (not in_words or counted):
        h = head.lower()
        if not head.islower() and not _known_capitalised(text, m.start("head"), head):
            h = None  # "Công ty 19 Hà Nội" … but "6 Nghị định", "2 Thẩm phán" are counts
        elif h in lex.reject_after or (h in lex.not_nouns and not _listed_word(text, m, h)):
            h = None
        elif _VERSION.fullmatch(num):
            h = None  # "4.0", "2.1": a version or an English decimal, not a count
        if h is None or h in lex.number_words or pcur:
            if pcur:
                unit, kind, unit_text = lex.money_prefix[pcur.lower()], MONEY, pcur
            elif _implied_money(text, m, money_at, last_money):
                unit, kind, unit_text = _implied_currency(m, last_money), MONEY, ""
            else:
                return None
            end = m.end()
        else:
            head_start = m.start("head") if m.start("head") >= 0 else m.start("unit")
            end, h = _quoted_noun(text, head_start) or _whole_word(text, head_start, h)
            if h in lex.former:
                end, h = _noun_after_classifier(text, end)  # "6 nguyên lãnh đạo"
            elif h in lex.owners:
                owned_end, owned = _noun_after_classifier(text, end)
                if owned is not None:
                    end, h = owned_end, f"{h} {owned}"  # "57 chủ tàu": owners of boats
            if h in lex.classifiers:
                h = _classified(text, head_start, end, h, text[m.start() : head_start])
                if h is not None:
                    end = head_start + len(h[1])
                    h = h[0]
            if h is None or len(h) < 2 or h in lex.prefixes:
                return None  # "gái 1 con": a classifier with no noun; "430 m": no noun;
                # "Hiệp 2 siêu bùng nổ": "siêu" before an adjective, no noun
            implied = h in lex.not_counted and _implied_money(text, m, money_at, last_money)
            if implied:
                # "vay mượn 7 triệu đưa cháu đi viện": an amount, the word after it a verb
                unit, kind, end, unit_text = _implied_currency(m, last_money), MONEY, m.end(), ""
            elif h in lex.not_counted and not tail:
                return None  # "5 rõ", "số 20 vừa được ký": no noun, no count
            else:  # an amount in triệu/tỷ before a word no number counts waits for
                # _money_echo, and is dropped if no currency is found for it
                if h in lex.address_nouns and _capitalised_next(text, end):
                    return None  # "34 đường Bình Thành": an address
                if value == 1 and h in lex.after_one:
                    return None  # "1 số nguồn vốn" is "một số", some
                if (
                    keys
                    and keys[0] in lex.all_of
                    and value <= lex.all_of_most
                    and not (len(keys) > 1 and keys[1] in lex.all_of_not_after)
                    and not tail
                    and not _curated(h)
                ):
                    return None  # "cả 2 chia tay", "cả 3 leo lên": both, all three of them
                unit, kind, unit_text = _count_unit(h), COUNT, text[head_start:end]
                if tail and _money_noun(h):
                    # "2 tỷ tiền mặt": the noun says the amount is money, in the usual currency
                    unit, kind, unit_text, end = lex.implied_unit, MONEY, "", m.end()
    elif pcur:
        unit, kind, end, unit_text = lex.money_prefix[pcur.lower()], MONEY, m.end(), pcur
    elif _implied_money(text, m, money_at, last_money):
        unit, kind, end, unit_text = _implied_currency(m, last_money), MONEY, m.end(), ""
    else:
        return None
    if pcur and kind != MONEY:
        return None
    if kind == MONEY and value == 1 and not tail and num2 is None and _rate_base(text, start, end):
        return None  # "1 euro = 1,1023 USD", "77,3 riyal đổi 1 USD": the base of a rate
    if (
        kind == COUNT
        and value == 1
        and not tail
        and num2 is None
        and not _listed(text, start, end, None if unit in lex.canonical else unit_text)
        and pair not in lex.one_after
    ):
        return None  # "mượn 1 cây xẻng", "gọi 1 người": one thing in a story, not a figure
    if unit == "person" and value * factor > lex.people_most:
        return None  # "giải 28,7 tỷ khách không đến nhận": money, then a word for people
    if kind == COUNT and value <= lex.kinship_most and not tail:
        said = " ".join(unit_text.lower().split())
        after = _NEXT_WORD.match(text, end)
        if said in lex.kinship or (after and f"{said} {after.group(1).lower()}" in lex.kinship):
            return None  # "2 vợ chồng", "6 con trai", "3 người con": a family in a story
        if value <= lex.pair_most and said in lex.pairs:
            return None  # "hai nhà lãnh đạo đã thảo luận": the pair of a story
    if head is not None and head.lower() in lex.reject_after:
        return None
    if m.group("short") is not None:
        value *= {"m": 1e6, "bn": 1e9, "k": 1e3}[m.group("short").lower()]
    if not tail and _YEARLIKE.fullmatch(num) and kind not in (MONEY, PERCENT):
        hedged = bool(keys) and keys[0] in lex.year_hedges and kind in (COUNT, MEASURE)
        if not hedged or num2 is not None:
            return None  # "năm 2016 vụ án …" names a year; "gần 2000 người" counts
    high = math.nan
    if num2 is not None:
        high, _, tail2 = _value(m.group("num2"))
        if high is None or (_YEARLIKE.fullmatch(num2) and kind not in (MONEY, PERCENT)):
            return None
        if not tail and tail2 and (value < 1000 or value * (parse_words(tail2) or 1.0) < high):
            value *= parse_words(tail2) or 1.0  # "2-3 triệu": both in millions
            # ... but "từ 50.000 đến 3 triệu đồng": the low end written in full, in thousands
        elif not tail and not tail2 and _SHORT_LOW.fullmatch(num) and _GROUPED.fullmatch(num2):
            scale = 1000.0 ** num2.count(".")
            if high / 10 < value * scale < high:
                value *= scale  # "16-18.000 đồng": 16.000 to 18.000, the thousands said once
        if not value < high:
            return None
    qualifier, change, qstart, used = "exact", None, start, 0
    qualifier_ends, change_ends = _last_words()
    for n in range(min(3, len(keys)) if keys and keys[0] in qualifier_ends else 0, 0, -1):
        phrase = " ".join(reversed(keys[:n]))
        if phrase in lex.qualifiers:
            if len(keys) > n and f"{keys[n]} {phrase}" in lex.not_qualifiers:
                break  # "Xung quanh mức 25 nghìn đồng": concerning, not around
            qualifier, qstart, used = lex.qualifiers[phrase], prev[n - 1][1], n
            break
    if used and keys[0] in lex.negated_bounds and qualifier == "more_than":
        if any(
            w.lower() in lex.negations for w, _ in _prev_words(text, qstart, lex.negation_reach)
        ):
            qualifier = "less_than"  # "không tăng quá 2 độ C": at most 2 degrees
    if used == 1 and keys[0] == "hơn" and len(keys) > 1 and keys[1] in lex.comparatives:
        qualifier = _comparative(text, end, keys[1], unit)  # "nhỏ hơn 20 triệu"
        if qualifier == "exact":
            qstart = start
    near = keys[used] if used < len(keys) else ""  # the word a change phrase ends with
    for n in range(min(2, len(keys) - used) if near in change_ends else 0, 0, -1):
        phrase = " ".join(reversed(keys[used : used + n]))
        if phrase in lex.changes:
            at = prev[used][1] + len(prev[used][0])  # the end of the change word
            before = " ".join(text[max(0, at - 40) : at].lower().split())
            if not before.endswith(lex.not_changes):
                change = lex.changes[phrase]  # but "thuế giá trị gia tăng 3 tỷ đồng": a name
            break
    if keys and keys[0] in lex.ratio_words and _digit_before(text, prev[0][1]):
        return None  # a ratio: "3 trên 10 người", "2 trong 3 người"
    after_q = _AFTER.match(text, end)
    if after_q is not None and qualifier == "exact":
        qualifier = lex.after_qualifiers[" ".join(after_q.group(1).lower().split())]
        if keys and keys[0] == "từ" and qstart == start:
            qstart = prev[0][1]  # "từ 5 người trở lên"
    elif (
        qualifier == "exact"
        and keys
        and keys[0] == "từ"
        and math.isnan(high)
        and kind in (MONEY, PERCENT)
        and not (len(keys) > 1 and keys[1] in lex.changes)
        and not _FROM_TO.match(text, end)
    ):
        qualifier, qstart = "more_than", prev[0][1]  # "lãi suất chỉ từ 7%/năm", "giá từ 1 tỷ"
    if qualifier == "exact" and change is None and _estimated(text, m.string, start):
        # "Ước tính sản lượng … đạt 1,6 triệu tấn"; "Ước 6 tháng đầu năm, Quỹ … thu được
        # 907 tỷ đồng, tổng chi … là 1.714 tỷ đồng": the opener hedges its whole sentence
        qualifier = "approx"
    if ordered:
        qualifier = lex.order_qualifier
    bracket = text.rfind("(", max(0, start - 4), start)
    signed = _SIGNED_PERCENT.match(text, bracket) if bracket >= 0 else None
    if signed is not None and signed.end() == start:
        sign = signed.group().strip(" (")
        change = change or _SIGNS[sign]  # "(-0,07%)": a fall of 0.07 per cent
        qstart = bracket + signed.group().index(sign)
    if start and text[start - 1] in _SIGNS and _lone_sign(text, start - 1) and not signed:
        if kind != MONEY:
            return None  # "-71 độ C", "+2 vòng", "mức -0,1%": no figure of ours
        change = change or _SIGNS[text[start - 1]]  # "mua ròng ở VNM +70,9 tỷ đồng"
        if qstart == start:
            qstart = start - 1
    if (
        qstart == start
        and change is None
        and prev
        and kind in (COUNT, DURATION)
        and not prev[0][0].islower()  # a word in lowercase (most) has no capital: no name
    ):
        word, pos = prev[0]
        if (
            any(c.isupper() for c in word)
            and not _sentence_initial(text, pos)
            and not _plainly_counted(num, unit_text)
        ):
            return None  # a number inside a name: "Công ước Hà Nội 2025", "iPhone 15"
        if (
            any(c.isupper() for c in word[1:])
            and any(c.islower() for c in word)
            and not _plainly_counted(num, unit_text)
        ):
            return None  # a product's name, also first in a sentence: "OnePlus 5 chính thức"
    half = _HALF.match(text, end)
    if half is not None and math.isnan(high):
        # "1 năm rưỡi", "3 triệu đồng rưỡi": half of the last scale word, else of one
        value += 0.5 * (parse_words(tail) if tail else 1.0)
        end = half.end()
        unit_text = text[end - len(unit_text) - len(half.group()) : end - len(half.group())]
    if (
        kind == MONEY
        and not tail
        and unit != lex.implied_unit
        and _EN_THOUSANDS.fullmatch(num)
        and not text.startswith("/", end)
    ):
        value = float(num.replace(",", ""))  # "kiếm được 57,945 USD", "giá 1,849 USD": an
        # amount in a foreign currency, written as its own news does, with English thousands
        # (a price per unit stays a decimal: "giá đồng 2,652 USD/pound")
    if (
        kind == COUNT
        and not tail
        and value != int(value)
        and _EN_THOUSANDS.fullmatch(num)
        and unit not in lex.fractional
        and (unit in lex.canonical or " " in unit or _curated(unit))
    ):
        value = float(num.replace(",", ""))  # "135,400 người": people are whole, so the
        # comma groups thousands, as English does (a noun of the lists or of two syllables:
        # "97,267 nhờ …" stays no figure)
    if (
        kind == COUNT
        and not tail
        and value != int(value)
        and unit not in lex.fractional
        and not lex.averages.search(_clause_until(text, start))
    ):
        return None  # "1,6 tôm hùm": things are counted whole (a word is missing), but an
        # average need not be ("số giàn bình quân chỉ đạt 2,5 giàn")
    value, high = value * factor, high * factor
    if not (math.isfinite(value) and value >= 0) or math.isinf(high):
        return None  # a value that is not finite is no figure; minus signs are not read
    unit_start = end - len(unit_text)
    if pcur and unit_text == pcur:
        unit_start = end  # "$173m": the sign stands before the number, nothing after it
    return Fig(
        start=qstart, end=end, value=float(value), value_high=float(high), unit=unit,
        unit_text=unit_text, qualifier=qualifier, change=change, kind=kind,
        unit_start=unit_start, num_start=start, num_end=m.end("num"),
        # ... but a classifier says things are counted ("180 triệu chiếc iPhone"), and so
        # does a loanword, which is no Vietnamese verb ("hơn 5 triệu view")
        scaled=bool(tail)
        and kind == COUNT
        and unit not in lex.canonical
        and unit.split(" ", 1)[0] not in lex.classifiers
        and _vietnamese(unit.split(" ", 1)[0]),
    )  # fmt: skip


@lru_cache(maxsize=1)
def _last_words() -> tuple[frozenset[str], frozenset[str]]:
    """The last words of the qualifier and of the change phrases: a phrase before a figure
    ends with the word next to it, so where that word is none of these the phrases of two
    and three words are not built."""
    lex = lexicon()
    return (
        frozenset(k.split()[-1] for k in lex.qualifiers if k.split()),
        frozenset(k.split()[-1] for k in lex.changes if k.split()),
    )


# a number word after one of these ends a longer number the pattern could not read whole
_GLUE = frozenset(
    ["không", "trăm", "mươi", "mười", "nghìn", "ngàn", "vạn", "triệu", "tỷ", "tỉ", "linh", "lẻ"]
)
_HALF = re.compile(r"[^\S\n]+rưỡi(?!\w)", re.IGNORECASE)
# "từ X" goes on to another value in its clause ("tăng từ 5% lên 7%", "từ 2 tỷ xuống còn")
# or a range goes on after it ("từ 20.000đ-40.000đ")
_FROM_TO = re.compile(
    r"[^\S\n]*[-–—]|[^.;!?\n]{0,60}?(?<!\w)(?:lên|xuống|đến|tới|sang|còn|về|thành|so với)(?!\w)",
    re.I,
)
_AFTER = re.compile(r"[^\S\n]+(trở[^\S\n]+(?:lên|xuống))(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=4)
def _carry_pattern(key: str = "carry_openers") -> re.Pattern[str]:
    """Sentence openers that carry the statement before on (a list of figure_context.toml
    [source]: ``carry_openers`` for source and period, ``period_carry_openers`` for the
    period only)."""
    cues = lexicon().context["source"].get(key) or ["(?!)"]
    return re.compile(rf"[\"'“(\s-]*(?:{alternation(cues)})(?!\w)")


def _in_set_phrase(set_phrases: re.Pattern[str], low: str, pos: int) -> bool:
    """Whether a set phrase ("ba cọc ba đồng") of the data list covers ``pos``: looked for
    only around number words, so the whole text is never scanned for them."""
    for p in set_phrases.finditer(low, max(0, pos - 30), pos + 40):
        if p.start() <= pos < p.end():
            return True
    return False


@lru_cache(maxsize=1)
def _not_carried() -> frozenset[str]:
    """Period phrases never carried to the next sentence: a rate ("hàng tháng"), the
    adverb "hiện" (now), which dates its own clause only, and the day of the report
    ("sáng nay"; its date neither, see :func:`dates_report_day`)."""
    period = lexicon().context["period"]
    return frozenset(
        [
            *period.get("frequencies", ()),
            *period.get("not_carried", ()),
            *period.get("report_days", ()),
        ]
    )


def _estimated(text: str, low: str, pos: int) -> bool:
    """Whether the clause holding ``pos`` or its sentence opens with a word of qualifiers.toml
    [estimate] (:func:`_clause_starts`; ``low``: ``text`` in lowercase, the same length).

    An opening starts right after a clause mark, a blank, a quote or a bracket, or where
    :func:`_clause_starts` stops looking back: the openings are read only when the first
    word of an estimate stands in one of those places before ``pos`` (seldom; "ước" is in
    "nước" and "trước", so the place is checked)."""
    lo = max(0, pos - _CLAUSE_REACH)
    for word in _estimate_words():
        at = low.find(word, lo, pos)
        while at >= 0:
            if at == lo or low[at - 1] in _OPENING_AFTER:
                lex = lexicon()
                return any(lex.estimate.search(o) for o in _clause_starts(text, pos))
            at = low.find(word, at + 1, pos)
    return False


_OPENING_AFTER = frozenset(".;:!?\n, \"'“(")  # what an opening of _clause_starts follows
_CLAUSE_REACH = 300  # how far back a clause or its sentence is looked for


@lru_cache(maxsize=1)
def _estimate_words() -> tuple[str, ...]:
    """The first words of the estimate openers (qualifiers.toml [estimate])."""
    return tuple(sorted({op.split()[0] for op in lexicon().estimate_openers}))


def _clause_starts(text: str, pos: int) -> tuple[str, ...]:
    """The first words (lowercase, at most 40 characters) of the clause holding ``pos`` and
    of its sentence, where a comma ends no clause; one string when the two are the same
    (no comma since the sentence began, within :data:`_CLAUSE_REACH` characters)."""
    lo = max(0, pos - _CLAUSE_REACH)
    cut = max(
        text.rfind(".", lo, pos), text.rfind(";", lo, pos), text.rfind(":", lo, pos),
        text.rfind("!", lo, pos), text.rfind("?", lo, pos), text.rfind("\n", lo, pos),
    )  # fmt: skip
    sentence = _opening(text, max(lo, cut + 1), pos)
    comma = text.rfind(",", max(lo, cut + 1), pos)
    return (sentence,) if comma < 0 else (_opening(text, comma + 1, pos), sentence)


def _opening(text: str, lo: int, pos: int) -> str:
    """The first words of ``text[lo:pos]`` (lowercase, at most 40 characters)."""
    return text[lo : min(pos, lo + 40)].lstrip(" \"'“(").lower()


def _clause_until(text: str, pos: int) -> str:
    """The clause holding ``pos`` up to it (lowercase, at most :data:`_CLAUSE_REACH`
    characters back); a point or comma between digits ("2,5", "1.000") ends no clause."""
    lo = max(0, pos - _CLAUSE_REACH)
    for m in _CLAUSE_MARKS.finditer(text, lo, pos):
        lo = m.end()
    return text[lo:pos].lower()


_CLAUSE_MARKS = re.compile(r"[;:!?\n]|[.,](?!(?<=\d.)\d)")


def _money_echo(text: str, figs: list[dict[str, Any]]) -> None:
    """An amount with a scale word before an unlisted noun ("giữ lại 67.000 tỷ cổ phần
    hóa", a headline) is money when the same text states that amount in a currency
    elsewhere ("67.000 tỷ đồng"): the noun is then not its unit."""
    if not any(f.get("scaled") for f in figs):
        return
    money = {}
    for f in figs:
        if f["kind"] == MONEY and math.isnan(f["value_high"]):
            money.setdefault(f["value"], f["unit"])
    for f in figs:
        if f.get("scaled") and f["value"] in money and math.isnan(f["value_high"]):
            end = f["num_end"]
            f.update(unit=money[f["value"]], kind=MONEY, unit_text="", end=end, unit_start=end)


def _not_a_duration_after(text: str, end: int) -> bool:
    """Whether a duration ending at ``end`` is followed by a number of something other
    than time ("4 năm 2 chàng", a title), unlike "4 năm 2 tháng"."""
    m = _NUMBER_NOUN.match(text, end)
    if m is None:
        return False
    lex = lexicon()
    word = m.group(1).lower()
    if word in lex.not_nouns:
        return False  # "trong hai ngày 10 và 11-12": dates, no number of something
    return not (word in lex.units and lex.units[word][1] == DURATION)


_NUMBER_NOUN = re.compile(r"[^\S\n]+\d+[^\S\n]+([^\W\d_]+)")
# a month's number closing "N tháng M" (a date: "31 tháng 2."), not "3 tháng 2 ngày"
_MONTH_NUMBER_ENDS = re.compile(
    r"[^\S\n]+(?:0?[1-9]|1[0-2])(?:[^\S\n]*(?:[.,](?!\d)|[;:!?()\n\"”]|$)|[^\S\n]+năm(?!\w))"
)


@lru_cache(maxsize=1)
def _per_time() -> re.Pattern[str]:
    """An amount per week, month … right after a unit ("/tuần", " mỗi tuần", " một tháng"):
    units.toml ``scale_only_per``."""
    times = alternation(lexicon().scale_only_per, True)
    return re.compile(
        rf"(?:[^\S\n]*/[^\S\n]*|[^\S\n]+(?:mỗi|một)[^\S\n]+){times}(?!\w)", re.IGNORECASE
    )


def _named_in_full(text: str, code: str) -> bool:
    """Whether ``text`` names currency ``code`` by a name that is not ambiguous alone
    ("bảng Anh", "£", "GBP" for gbp: not "bảng")."""
    return _full_names(code).search(text) is not None


@lru_cache(maxsize=16)
def _full_names(code: str) -> re.Pattern[str]:
    lex = lexicon()
    names = [
        w for w, (unit, kind) in lex.units.items()
        if unit == code and kind == MONEY and w not in lex.scale_only and len(w) > 1
    ]  # fmt: skip
    return re.compile(rf"{alternation(names, True)}(?!\w)", re.IGNORECASE)


def _thousands(value: float, num: str) -> bool:
    """Whether a number in digits is a thousand or more and no year: after it "đồng tiền",
    "đồng tính" are đồng as after a scale word ("3.217.897.856 đồng tiền hoa hồng")."""
    return value >= 1000 and not _YEARLIKE.fullmatch(num)


def _longer_word(key: str, nxt: str, scaled: bool = False) -> bool:
    """Whether unit word ``key`` and the next word make another word ("đồng nghiệp").

    After a scale word ("3 tỷ đồng tiền hoa hồng") the unit is money whatever follows:
    only the explicit list of ``units.toml`` is checked then."""
    lex = lexicon()
    pair = f"{key} {nxt}"
    if pair in lex.units or (scaled and pair in lex.money_after_scale):
        return False
    return pair in lex.not_after_money or (not scaled and pair in head_words())


# a list number after a sentence mark or a closing bracket ("… CIES. 1. Neymar, …
# ($173m) 3. Harry Kane"), not after a word ("lọt vào Top 10. Nếu …")
def _opens_bracket(text: str, lo: int, at: int) -> bool:
    """Whether ``(`` stands right before ``at`` (blanks between), not before ``lo``."""
    j = at - 1
    while j >= lo and text[j] in " \t":
        j -= 1
    return j >= lo and text[j] == "("


_LIST_MARK = re.compile(r"(?:[.!?:;)\]\"”][^\S\n]+|\n|^)\d{1,2}[.)][^\S\n]*\Z")
_LIST_FIRST = re.compile(r"(?:[.!?:;)\]\"”][^\S\n]+|\n|^)(1[.)])[^\S\n]+(?=\w)")


def _list_source(text: str, index: SentenceIndex, paragraph: int, s0: int) -> str | None:
    """The source of the sentence just before item "1." of the numbered list that the
    sentence at ``s0`` belongs to, within the paragraph; None when there is none."""
    first = None
    for m in _LIST_FIRST.finditer(text, max(paragraph - 1, 0), s0 + 1):
        first = m.start(1)
    if first is None or first <= paragraph:
        return None
    lo, hi = index.span(max(paragraph, first - 1))
    intro = _tones(text[lo : min(hi, first)])
    return source_of(intro, len(intro)) if intro else None


_LOOK_BACK = 1500  # how far back a pronoun's speaker is looked for (characters)


def _named_before(text: str, index: SentenceIndex, lo: int, s0: int) -> str | None:
    """The source named by the nearest of the (at most six) sentences before ``s0`` that
    names one, not looking before ``lo``."""
    pos = s0
    for _ in range(6):
        while pos > lo and text[pos - 1].isspace():
            pos -= 1
        if pos <= lo:
            return None
        a, b = index.span(pos - 1)
        if a >= pos or b <= a:
            return None
        sentence = _tones(text[a:b])
        found = source_of(sentence, len(sentence))
        if found is not None:
            return found
        pos = a
    return None


def _whole_word(text: str, head_start: int, h: str) -> tuple[int, str]:
    """End and lowercase text of the whole counted noun starting at ``head_start``:
    the longest word of :func:`~cyberlib.figures.units.head_words`, of the unit list or of
    the nouns for people ("khách sạn", "chi cục", "sàn giao dịch", "bé gái"), else the one
    syllable. A hyphenated word is one word ("6 xi-lanh"); a prefix of figure_context.toml
    joins the word after it ("siêu xe")."""
    lex = lexicon()
    joined = _HYPHENATED.match(text, head_start)
    if joined is not None and joined.end() > head_start + len(h):
        return joined.end(), joined.group().lower()
    words, ends = [h], [head_start + len(h)]
    for _ in range(2):
        nxt = _NEXT_WORD.match(text, ends[-1])
        if not nxt or not nxt.group(1).islower():
            break
        words.append(nxt.group(1))
        ends.append(nxt.end())
    known = head_words()
    if h in lex.prefixes and len(words) > 1 and " ".join(words[1:3]) not in known:
        return ends[1], " ".join(words[:2])  # "siêu xe": a prefix and its word
    for n in range(len(words), 1, -1):
        phrase = " ".join(words[:n]).replace("sỹ", "sĩ")  # old spelling: "binh sỹ"
        if (
            phrase in known
            or phrase in lex.units
            or phrase in lex.compounds
            or phrase in lex.people
        ):
            return ends[n - 1], phrase
    return ends[0], h


def _money_noun(word: str) -> bool:
    """Whether a counted noun after an amount in triệu/tỷ says the amount is money: a
    money noun ("tiền mặt", "lợi nhuận") or a word whose first or last syllable is one
    ("tiền công", "chi phí", "viện phí")."""
    lex = lexicon()
    syllables = word.split()
    return word in lex.money_nouns or (
        bool(syllables) and (syllables[0] in lex.money_first or syllables[-1] in lex.money_last)
    )


def _quoted_noun(text: str, head_start: int) -> tuple[int, str] | None:
    """End (after the closing quote) and lowercase text of a counted noun of at most three
    words in quotes ('4 “cò”', '300 "ngôi sao"'); None when the head is not quoted, and no
    noun ("") when the quote runs on longer ('2 “con đường đắt nhất hành tinh”' is a
    phrase, not a noun)."""
    if head_start == 0 or text[head_start - 1] not in '"“':
        return None
    close = _CLOSING_QUOTE.match(text, head_start)
    if close is None or len(close.group(1).split()) > 3:
        return head_start, ""
    return close.end(), " ".join(close.group(1).lower().split())


_CLOSING_QUOTE = re.compile(r"([^\W\d_][^\"”\n]{0,30}?)[\"”]")


def _rate_base(text: str, start: int, end: int) -> bool:
    """Whether the amount at ``start``-``end`` (one unit of a currency) stands next to a link
    of an exchange rate (``rate_links``): right after it ("1 euro = 1,1023 USD", "1 AUD đổi
    được 0,72 USD") or right before it, "được" aside ("77,3 riyal đổi 1 USD").

    >>> _rate_base("77,3 riyal đổi 1 USD", 15, 20), _rate_base("lương 1 USD mỗi ngày", 6, 11)
    (True, False)
    """
    links = lexicon().rate_links
    before = text[max(0, start - 16) : start].lower().split()
    if before[-1:] == ["được"]:
        before.pop()
    if before and before[-1] in links:
        return True
    after = text[end : end + 12].lstrip().lower()
    return any(after.startswith(w) and not after[len(w) : len(w) + 1].isalnum() for w in links)


def _curated(word: str) -> bool:
    """Whether ``word`` is a counted noun of the curated lists: a listed unit, a noun for
    people, a compound or a concrete noun of ``counted_nouns.txt`` ("đối tượng", "bị
    can", "giao dịch", "hợp đồng"), not merely a word of the dictionary ("chia tay")."""
    lex = lexicon()
    return (
        word in lex.units
        or word in lex.compounds
        or word in lex.counted_nouns
        or word in lex.classifiers
        or _count_unit(word) == "person"
    )


def _listed_word(text: str, m: re.Match[str], h: str) -> bool:
    """Whether the head word ``h`` (a function word alone: "quy", "hàng") starts a
    counted noun of the curated lists ("3.372 quy hoạch", "200 hàng hóa")."""
    at = m.start("head") if m.start("head") >= 0 else m.start("unit")
    _, word = _whole_word(text, at, h)
    lex = lexicon()
    return " " in word and (
        word in lex.compounds or word in lex.units or _count_unit(word) == "person"
    )


def _listed(text: str, start: int, end: int, noun: str | None = None) -> bool:
    """Whether another number stands shortly before ``start`` or after ``end`` in the same
    sentence, as in a list of counts ("3 nam, 1 nữ", "giành 1 giải Nhất, 4 giải Nhì"),
    where a count of one is a figure too. With ``noun`` (a counted noun outside the unit
    lists), that number must count the same noun: a tally ("5 huy chương vàng, 1 huy
    chương bạc") is figures, an inventory ("13 xe máy, 1 dao, 1 kiếm") is not."""
    before = text[max(0, start - 25) : start]
    cut = max(before.rfind(c) for c in ".;:!?\n")
    head = noun.split()[0].lower() if noun else None
    for n in _COUNTED.finditer(before, cut + 1):
        if n.group(1) != "1" and (head is None or (n.group(2) or "").lower() == head):
            return True
    nxt = _NEXT_IN_LIST.match(text, end)
    if nxt is None or nxt.group(1) == "1":
        return False
    word = _NEXT_WORD.match(text, nxt.end())
    return head is None or (word is not None and word.group(1).lower() == head)


# a number and the word after it, in the words before a count of one
_COUNTED = re.compile(r"(\d+)(?:[^\S\n]+([^\W\d_]+))?")
# the next count of a list: a few words, a comma or "và", a number ("1 giải Nhất, 4 …")
_NEXT_IN_LIST = re.compile(r"[^\d.;:!?\n,]{0,15}?(?:,|[^\S\n]và)[^\S\n]*(\d+)")


def _known_capitalised(text: str, at: int, head: str) -> bool:
    """Whether a capitalised word after a number is a listed counted noun of two or three
    syllables that news writes with a capital ("6 Nghị định", "2 Thẩm phán"): a unit, a
    noun for people or a kind of document; other capitalised words may be a name or a
    table's heading ("13 Phạm lỗi") and are left alone."""
    if at < 0 or not head[:1].isupper() or not head[1:].islower():
        return False
    _, word = _whole_word(text, at, head.lower())
    lex = lexicon()
    return " " in word and (
        word in lex.units or word in lex.labels or _count_unit(word) == "person"
    )


def _noun_after_classifier(text: str, end: int) -> tuple[int, str | None]:
    """End and lowercase whole word of the noun after a classifier ending at ``end``
    ("3 bản quy hoạch": "quy hoạch"), or None when no counted noun follows ("gái 1 con")."""
    lex = lexicon()
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None or not nxt.group(1).islower():
        return end, None
    end, noun = _whole_word(text, nxt.start(1), nxt.group(1))
    if (
        noun in lex.classifiers
        or (
            " " not in noun
            and (noun in lex.not_nouns or noun in lex.reject_after or noun in lex.number_words)
        )
        or (
            (noun.split(" ", 1)[0] in lex.not_noun_starts or noun in lex.not_noun_starts)
            and noun not in lex.units
        )
    ):
        return end, None  # "2 con và …", "7 cây còn lại": no noun after the classifier
    if (
        " " not in noun
        and noun not in lex.units
        and noun not in lex.foreign_nouns
        and not _vietnamese(noun)
    ):
        return end, None  # "gái 1 con sexy": a foreign word, likely no noun; "xe" is ours
    return end, noun


def _vietnamese(word: str) -> bool:
    """Whether a lowercase word may be Vietnamese: not plain ASCII, or a syllable of the
    word list of two letters or more ("xe", but not "sexy", "x")."""
    return not word.isascii() or (len(word) >= 2 and word in _syllables())


def _comparative(text: str, end: int, adjective: str, unit: str) -> str:
    """Qualifier of a figure after "ADJ hơn": a bound in the adjective's direction ("rộng
    hơn 30ha": more_than, "nhỏ hơn 20 triệu": less_than), but the size of a difference
    (exact) when the figure is relative ("nhanh hơn 26%", "lớn hơn 30 lần") or a baseline
    follows in its clause ("sớm hơn 5 năm so với mục tiêu")."""
    lex = lexicon()
    if unit in ("percent", "times"):
        return "exact"
    after = text[end : end + 40]
    cut = min((i for i in map(after.find, ".;!?\n") if i >= 0), default=len(after))
    words = " ".join(after[:cut].lower().split())
    if any(re.search(rf"(?<!\w){b}(?!\w)", words) for b in lex.baselines):
        return "exact"
    return lex.comparatives[adjective]


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """The syllables of the Vietnamese word list (:func:`head_words`): "quy", "trang" are
    Vietnamese, "bit", "inch" are not."""
    return frozenset(w for word in head_words() for w in word.split())


def _counted_noun(text: str, m: re.Match[str]) -> bool:
    """Whether a number in words is followed by a noun of ``counted_nouns.txt`` ("hai hợp
    đồng", "bảy lĩnh vực"), or by a person's noun that opens with a listed prefix ("Hai kẻ
    tình nghi", "ba thợ săn"), which counts as a listed unit does (but not after "năm", also
    the year: "vào năm dự án khởi công")."""
    head = m.group("head")
    if head is None or not text[m.start("head")].islower():
        return False
    nxt = _NEXT_WORD.match(text, m.start("head") + len(head))
    if nxt is None or not nxt.group(1)[:1].islower():
        return False
    lex = lexicon()
    return f"{head} {nxt.group(1).lower()}" in lex.counted_nouns or f"{head} " in (
        lex.person_prefixes
    )


def _plainly_counted(num: str, unit_text: str) -> bool:
    """Whether a count is plainly one even right after a name: a number grouped in
    thousands ("Nhật Bản 39.938 LĐ"), a classifier with its noun ("bà Mai Phương 4 bức
    thư") or people named in two syllables ("Bệnh viện Thận Hà Nội 20 bệnh nhân"); no
    model or place name reads so ("iPhone 15", "Hà Nội 2025", "SEA Games 28 tổ chức")."""
    if _THOUSANDS.fullmatch(num):
        return True
    first = unit_text.split(None, 1)
    if len(first) != 2:
        return False
    lex = lexicon()
    listed = lex.units.get(" ".join(unit_text.lower().split()))
    if listed is None:
        return first[0].lower() in lex.classifiers  # but "SEA Games 28 tổ chức" is listed
    return unit_text.islower() and listed == ("person", COUNT)  # "Lào Cai 7 bác sĩ"


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def _capitalised_next(text: str, end: int) -> bool:
    """Whether the word after ``end`` (blanks between) starts with a capital letter."""
    nxt = _NEXT_WORD.match(text, end)
    return nxt is not None and nxt.group(1)[0].isupper()


def _part_of_whole(value: float, of: str, m: re.Match[str], num2: str | None) -> bool:
    """Whether "25/63 cơ sở" (``of`` = "/63") is a part of a whole: the figure is the part
    (25); a date ("25/12", "5/2019"), a number with no counted noun after it or a range
    is not read."""
    whole = parse_digits(of[1:])
    if whole is None or num2 is not None or (m.group("unit") is None and m.group("head") is None):
        return False
    if m.group("unit") is None and m.group("head").lower() not in _syllables():
        return False  # "32/64 bit", "14/15 inch": one size or the other, no part of a whole
    if value <= 31 and whole <= 12 or _YEARLIKE.fullmatch(of[1:]):
        return False  # "25/12 người dân", "5/2019": a date; "99/2015": a document's number
    return value <= whole


def _amount_after_label(num: str, unit_key: str | None) -> bool:
    """Whether a number after a label word is plainly an amount: a percentage ("tốc độ
    52%"), or money written with a thousands separator or a decimal ("mỗi tháng 300.000
    đồng", "lần 20.000 USD"), which no date, ordinal or name is ("tháng 5", "lần 2");
    ``unit_key``: the listed unit after the number, lowercase with single spaces."""
    if unit_key is None:
        return False
    kind = lexicon().units.get(unit_key, ("", ""))[1]
    if kind == PERCENT:
        return True  # "tốc độ 52%": no label's number is a percentage
    return kind == MONEY and any(c in num for c in ".,")


def _classified(
    text: str, at: int, end: int, word: str, number: str = ""
) -> tuple[str, str] | None:
    """(counted noun, its text) of classifier ``word`` (lowercase, from ``at`` to ``end``)
    and the noun after it, or None when no noun follows ("gái 1 con"); ``number``: the
    number before it as written.

    The classifier stays with its noun ("12 chiếc ô tô": "chiếc ô tô", "4 bức thư"), as
    DESIGN.md keeps a counted noun's whole head; when the noun alone is a listed unit the
    classifier adds nothing ("77 chiếc ảnh": image). After "bản" the document is what is
    counted ("3 bản quy hoạch": "quy hoạch"), and a container or kind keeps its noun even
    when the noun is a listed unit ("3 mẫu nước": water samples); "con" counts alone only
    where no noun follows ("hơn 1.000 con.", "100 con còn lại"), and keeps its noun like the
    others ("8 con bò")."""
    lex = lexicon()
    nend, noun = _noun_after_classifier(text, end)
    if noun in lex.not_counted and not (noun in lex.rare_verbs and word in lex.verb_classifiers):
        # "2 hộp liền", "hơn 10 chiếc chủ yếu", "181 chiếc chia thành": no noun after the
        # classifier; but "46 đợt kiểm tra", "2.073 cuộc tiếp xúc" count events
        noun = None
    if word in lex.kept_classifiers and noun is None:
        nxt = _NEXT_WORD.match(text, end)
        if (
            _clause_ends(text, end)
            or lex.remaining.match(text, end)
            or (nxt is not None and nxt.group(1) in lex.changes)
            or (nxt is not None and nxt.group(1) in lex.many_before and _ten_or_more(number))
        ):
            # "hơn 1.000 con.", "100 con còn lại", "12 con giảm dần", "700 con của gia đình":
            # named before; but "gái 1 con sexy", "mua 2 con và …", "bà mẹ 5 con", "2 con
            # của anh" (children): no count
            return word, text[at:end]
        return None
    if noun is None:
        if (word in lex.alone_classifiers or word in lex.end_classifiers) and not _TIMES.match(
            text, end
        ):
            # "hơn 30 cây bị đục", "bán 304.427 chiếc.", "9.137 chiếc và …": named before;
            # but "26 căn x 4 tầng" is a size, a product of counts
            return word, text[at:end]
        return None
    if noun in lex.people_classifiers:
        return f"{word} {noun}", text[at:nend]  # "8 cái tên": names, not people
    if word in lex.dropped_classifiers or (
        word not in lex.measure_classifiers and _count_unit(noun) != noun
    ):
        return noun, text[at:nend]
    return f"{word} {noun}", text[at:nend]


_TIMES = re.compile(r"[^\S\n]*[x×][^\S\n]*\d")  # "26 căn x 4 tầng": times a number


def _ten_or_more(written: str) -> bool:
    """Whether a number as written is ten or more: two digits before any separator ("700"),
    thousands ("1.400") or a scale word ("6-7 nghìn", "hàng trăm", "chục").

    >>> _ten_or_more("700 "), _ten_or_more("1.400 "), _ten_or_more("hàng trăm ")
    (True, True, True)
    >>> _ten_or_more("hai "), _ten_or_more("1,5 "), _ten_or_more("2-3 ")
    (False, False, False)
    """
    if _MANY_DIGITS.search(written) is not None:
        return True
    orders = lexicon().orders  # "chục", "trăm", "nghìn" …: each ten or more
    return any(w in orders or w in _TENS for w in written.lower().split())


_MANY_DIGITS = re.compile(r"(?<![\d.,])[1-9](?:\d|\.\d{3})")
_TENS = ("mười", "mươi")  # ten, and the tens of "hai mươi"


# "(" opens an aside, which ends the clause too: "537,5 nghìn con (tăng 18,3%)"
_CLAUSE_END = re.compile(r"[^\S\n]*(?:[.,;:!?()\n\"”»]|$)")


def _clause_ends(text: str, end: int) -> bool:
    """Whether punctuation, a closing quote or the end of the text follows ``end`` (blanks
    between): "bắt được gần 20 con\" …"."""
    return _CLAUSE_END.match(text, end) is not None


def _count_unit(h: str) -> str:
    """Canonical unit of a counted noun: a listed unit's, ``person`` for people, else the
    noun itself ("khách sạn")."""
    lex = lexicon()
    listed = lex.units.get(h)
    if listed is not None and listed[1] == COUNT:
        return listed[0]
    if h in lex.people or h.startswith(lex.person_prefixes):
        return "person"
    first, _, rest = h.partition(" ")
    if first in lex.owners and rest and rest not in lex.not_owned and h not in head_words():
        return "person"  # "chủ tàu", "chủ xe": owners; but "chủ đề" is a word of its own
    if h.endswith(lex.person_suffixes) and h not in lex.not_person:
        if first in lex.measure_classifiers and " " in rest:
            return h  # "8 nhóm sinh viên": groups of people
        return "person"  # "lập trình viên", "điều tra viên", "bộ trưởng"
    return h


def _tones(text: str) -> str:
    """Old-style tone placement, skipped when no "o"/"u" + toned vowel could need it."""
    return normalize_unicode(text) if _NEEDS_TONES.search(text) else text


_BLOCK = 1024  # figures read ahead of their rows (at most this many, in most texts)


def _final_figures(norm: str, low: str) -> Iterator[Fig]:
    """The figures of ``norm`` (``low``: its lowercase) with ranges joined and money echoes
    read, in text order, each freed once its row is made.

    Read in blocks of :data:`_BLOCK`, each made into rows before the next is read: a dense
    text ("10 vụ 10 vụ …") never holds all its figures at once (a figure costs about 400
    bytes, its row 120). The last figure of a block waits for the next one (a range "A đến
    B" may join them). What needs the whole text waits for its end: a text with "gấp" (the
    multiples are sorted in) and, from the first amount with a scale word before an
    unlisted noun on (:func:`_money_echo` looks for the same amount in a currency anywhere
    in the text), the rest of it. The figures are the same as read all at once."""
    held: list[Fig] = []
    carry: list[Fig] = []  # the last figure of the block before
    money: dict[float, str] = {}  # amounts in a currency seen before the text was held
    hold = "gấp" in low
    money_at = count_at = -(10**9)
    last_money = (-(10**9), "")
    set_phrases = lexicon().set_phrases
    for m in _candidates(low):
        if not m.group("num")[0].isdigit() and _in_set_phrase(set_phrases, low, m.start()):
            continue  # "ba cọc ba đồng": a set phrase
        if count_at > max(money_at, last_money[0]) and not _SENTENCE_END.search(
            norm, count_at, m.start()
        ):
            # "đạt 9,8 triệu lượt, giảm 1,4 triệu": a bare amount after a count in millions
            # in its sentence may be more of that count: the money before names no currency
            fig = _figure(norm, m)
        else:
            fig = _figure(norm, m, money_at, last_money)
        if fig is None:
            continue
        held.append(fig)
        has_scale = len(norm[fig.num_start : fig.num_end].split()) > 1  # "50 tỷ"
        if fig.unit == "vnd":
            money_at = fig.end
        elif fig.kind == COUNT and has_scale:
            count_at = fig.end  # "9,8 triệu lượt": a count in millions
        if fig.kind == MONEY and not _converts(norm, last_money[0], fig.start):
            # only an amount with a scale word lends its currency to a bare one after it:
            # "150 AUD và 2 triệu" is 2 million đồng (not ``Fig.scaled``, which is a count's);
            # an amount in brackets right after another converts it and lends nothing:
            # "429,9 triệu USD (9458 tỷ đồng), trong đó 193,5 triệu" is in dollars
            last_money = (fig.end, fig.unit if has_scale else "")
        if hold:
            continue
        if fig.kind == MONEY and math.isnan(fig.value_high):
            money.setdefault(fig.value, fig.unit)
        if fig.scaled:
            hold = True
        elif len(held) >= _BLOCK:
            block = merge_ranges(norm, carry + held)
            carry, held = block[-1:], []
            del block[-1]
            yield from _drain(block)
    if money and any(f.scaled for f in held):
        # the amounts in a currency of the blocks already made into rows, first
        seen = [Fig(start=0, end=0, value=v, unit=u, kind=MONEY) for v, u in money.items()]
        _money_echo(norm, seen + held)
    else:
        _money_echo(norm, held)
    if hold:
        # "lỗ ròng hơn 727 tỷ nâng …" stays only as money ("727 tỷ đồng" elsewhere)
        not_counted = lexicon().not_counted
        held = [f for f in held if not (f.get("scaled") and f["unit"] in not_counted)]
    if "gấp" in low:
        held = sorted(held + multiples(norm), key=lambda f: f["start"])
    held = merge_ranges(norm, carry + held)  # the only list of them left: drained, freed
    yield from _drain(held)


def _converts(norm: str, after: int, start: int) -> bool:
    """Whether an amount at ``start`` opens a bracket right after the amount that ends at
    ``after``: a conversion of it ("429,9 triệu USD (9458 tỷ đồng)")."""
    return after >= 0 and _CONVERSION.fullmatch(norm, after, start) is not None


def _drain(figs: list[Fig]) -> Iterator[Fig]:
    """The items of ``figs`` in order, each dropped from the list as it is given."""
    figs.reverse()
    while figs:
        yield figs.pop()


_LOWER_PIECE = 1 << 18  # characters lowercased at once by :func:`_lowercase`


def _lowercase(text: str) -> str:
    """:func:`~cyberlib.figures.units.lower_same_length` of ``text``, a piece at a time.

    ``str.lower`` first fills a buffer of 12 bytes a character (room for three UCS-4
    characters each), 300 MB on 25 M characters of Vietnamese. Pieces end after a space or
    a line break, where no lowercase depends on what comes next (the one such rule, the
    final sigma, stops at them), so the pieces joined are ``text.lower()``; when that
    changes the length ("İ") the whole text is read as before."""
    if len(text) <= _LOWER_PIECE or text.isascii():
        return lower_same_length(text)
    pieces, at, total = [], 0, 0
    while at < len(text):
        end = at + _LOWER_PIECE
        if end < len(text):
            cut = max(text.rfind(" ", at, end), text.rfind("\n", at, end))
            if cut < at:  # no break in this stretch: the next one after it
                after = [i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0]
                cut = min(after, default=len(text) - 1)
            end = cut + 1
        pieces.append(text[at:end].lower())
        total += len(pieces[-1])
        at = end
    if total != len(text):
        del pieces
        return lower_same_length(text)
    return "".join(pieces)


def iter_statistics(text: str, doc_id: Any = None) -> Iterable[tuple]:
    """Rows (tuples in :data:`COLUMNS` order) of the figures of one text."""
    if not isinstance(text, str) or not text:
        return
    if unicodedata.is_normalized("NFC", text):
        # tone placement keeps the length of NFC text and no lexicon word depends on it,
        # so it is applied to the output strings only (cheaper than to the whole text)
        norm, offsets = text, None
    else:
        norm, offsets = normalize_with_offsets(text)
    low = _lowercase(norm)  # "İ" lowercases to two characters: keep offsets
    index = None
    last_span, sentence, paragraph, opens_on, opens_period = None, "", 0, False, False
    last_subject, subject_span = "", None  # the subject of the sentence's figure before
    # the last subject of a money, percent or measure figure that is no list item's name: its
    # head noun goes before the items' names ("lợi nhuận … JP Morgan")
    list_subject, list_span = "", None
    last_period: tuple | None = None  # (paragraph start, period, sentence span) seen last
    shared: dict[str, str] = {}
    carried: tuple | None = None  # (paragraph start, source, sentence span) seen last
    list_source: tuple | None = None  # (paragraph start, source of its numbered list)
    for fig in _final_figures(norm, low):
        if index is None:
            index = SentenceIndex(norm)
        span = index.span(fig.num_start)
        s0, s1 = span
        if span != last_span:  # figures of one sentence share its string
            sentence, last_span = _tones(norm[s0:s1]), span
            sentence = shared.setdefault(sentence, sentence)  # and equal windows one string
            paragraph = index.line(s0)[0]
            opens_on = _carry_pattern().match(sentence[:40].lower()) is not None
            opens_period = opens_on or (
                _carry_pattern("period_carry_openers").match(sentence[:40].lower()) is not None
            )
        rel = fig.start - s0
        subject = subject_of(sentence, fig.unit_start - s0, fig.end - s0, rel, fig.kind)
        item = item_named(sentence, fig.unit_start - s0, fig.end - s0, rel, fig.kind)
        if item:
            # item_named runs in subject_of too; a second time only after a "(", which is rare
            head = head_noun(list_subject) if span == list_span else ""
            if head:
                # "lợi nhuận của Apple là 45 tỉ USD, vượt xa … JP Morgan (24 tỉ USD)": what
                # the list's figures are, then the item's name
                subject = f"{head} … {item}"
        elif span == subject_span and last_subject and _opens_bracket(norm, s0, fig.start):
            # "tăng 1,49 điểm (0,2%)", "10 USD/tháng tại Mỹ (230.000 đồng)": the figure
            # before, restated; but not "Hoa Kỳ (29.756 triệu USD), Hà Lan (5.341 triệu
            # USD)", where the figure before ends a list item of its own
            subject = last_subject
        elif subject and fig.kind != COUNT:
            list_subject, list_span = subject, span  # its head noun read when an item needs it
        if (
            not subject
            and (fig.kind != COUNT or fig.unit_text.lower() in _of_units())
            and span == subject_span
        ):
            subject = last_subject  # "sản lượng đạt 1,6 triệu tấn, tăng 4,8%": the same
        if subject and fig.kind != DURATION:
            # "tốc độ nhập khẩu 4 tháng tăng 24,9%": a duration's unit is no subject to carry
            last_subject, subject_span = subject, span
        period = period_of(sentence, rel, fig.end - s0)
        if period is not None:
            if period.lower() not in _not_carried() and not dates_report_day(sentence, period):
                last_period = (paragraph, period, span)  # "hàng tháng" is this sentence's
        elif (
            opens_period
            and last_period is not None
            and last_period[0] == paragraph
            and last_period[2] != span
        ):
            period = last_period[1]  # "Năm 2023, … . Trong đó, …": the statement's period
        source = source_of(sentence, rel)
        scope = None
        if source is not None:
            scope = "sentence"
            carried = (paragraph, source, span)
        elif carried is not None and carried[0] == paragraph and carried[2] != span and opens_on:
            # attribution holds through the paragraph ("Theo X, … . Cụ thể, …")
            source, scope = carried[1], "paragraph"
        elif s0 > paragraph and _LIST_MARK.search(norm, max(paragraph - 1, s0 - 8, 0), s0):
            # an item of a numbered list: the source of the sentence that opens the list
            # ("Top 10 … theo nghiên cứu của CIES. 1. Neymar, … 2. …")
            if list_source is None or list_source[0] != paragraph or list_source[1] is None:
                list_source = (paragraph, _list_source(norm, index, paragraph, s0))
            if list_source[1] is not None:
                source, scope = list_source[1], "paragraph"
        if source is None and (opens_on or speaks_as_pronoun(sentence, rel)):
            # "Thiếu tướng X … cho biết … . Ước tính có khoảng 100.000 vụ …", "Ông cũng
            # nhấn mạnh …": the speaker named in a sentence before, with no figure of its own
            back = paragraph if opens_on else max(0, s0 - _LOOK_BACK)
            source = _named_before(norm, index, back, s0)
            scope = "paragraph" if source is not None else None
        start, end = fig.start, fig.end
        if offsets is not None:
            start, end = offsets[start], offsets[end]
        # equal strings of a text share one object: dense figures ("10 vụ 10 vụ …") keep
        # one "10 vụ", one "vụ", one subject … instead of a copy per row
        pool = shared.setdefault
        surface = text[start:end]
        yield (
            doc_id, pool(surface, surface), start, end, fig.value, fig.value_high,
            fig.unit, pool(u := _tones(fig.unit_text), u), fig.qualifier, fig.change,
            pool(subject, subject) if subject else None, period, source, scope, sentence,
        )  # fmt: skip


class ExtractionWarning(UserWarning):
    """A document gave no statistics because extraction failed on it (a bug in cyberlib).

    ``doc_id`` names the document, ``error`` is the exception and ``reason`` says both (the
    pipeline lists it with its skipped inputs); the message adds that the rest is kept.
    """

    def __init__(self, doc_id: Any, error: BaseException) -> None:
        self.doc_id, self.error = doc_id, error
        self.reason = (
            f"no statistics for document {doc_id!r}: extraction failed with "
            f"{type(error).__name__}: {error} (a bug in cyberlib; please report it with the "
            "text of this document)"
        )
        super().__init__(f"cyberlib: {self.reason}; the other documents are kept")


def extract_statistics(
    text_or_corpus: str | pd.DataFrame,
    *,
    on_error: Callable[[ExtractionWarning], Any] | None = None,
) -> pd.DataFrame:
    """The statistics frame (columns :data:`COLUMNS`) of a text or a corpus frame.

    A ``str`` gives ``doc_id`` None; a DataFrame needs a ``text`` column and uses its
    ``doc_id`` column (else its index, as str). Above 200 documents a tqdm progress bar is
    shown, on a terminal only.

    Extraction should never fail, but if it does on one document (a bug), that document
    gives no rows and an :class:`ExtractionWarning` names it; the rest of the batch is kept.
    ``on_error``, if given, is called with that warning instead of warning (the pipeline
    uses it to list the document with the skipped inputs of its run).

    >>> df = extract_statistics("Năm 2024, FBI ghi nhận hơn 55.000 vụ tống tiền mạng.")
    >>> row = df.iloc[0]
    >>> row.surface, float(row.value), row.unit, row.qualifier, row.period, row.source
    ('hơn 55.000 vụ', 55000.0, 'case', 'more_than', '2024', 'FBI')
    """
    import numpy as np
    import pandas as pd

    columns = _Columns(np)
    if isinstance(text_or_corpus, pd.DataFrame):
        if "text" not in text_or_corpus.columns:
            raise ValueError("extract_statistics needs a DataFrame with a 'text' column")
        pairs: Iterable = _documents(text_or_corpus)
        if len(text_or_corpus) > PROGRESS_MIN_DOCS:
            from tqdm.auto import tqdm

            total = len(text_or_corpus)
            pairs = tqdm(pairs, total=total, desc="statistics", unit="doc", disable=None)
        for doc_id, text in pairs:
            _add_guarded(columns, text, doc_id, on_error)
    else:
        _add_guarded(columns, text_or_corpus, None, on_error)
    return _frame(columns, pd)


def _add_guarded(
    columns: _Columns,
    text: Any,
    doc_id: Any,
    on_error: Callable[[ExtractionWarning], Any] | None,
) -> None:
    """Add the rows of one document; if making them fails, drop the ones already added
    and report the document (an :class:`ExtractionWarning`): one document's bug must not
    lose the rest of a batch. Rows still stream in (a long text is never held as a list)."""
    mark = columns.n + len(columns.waiting)
    try:
        columns.add(iter_statistics(text, doc_id))
    except Exception as error:  # any bug: reported, never silent
        columns.drop_from(mark)
        problem = ExtractionWarning(doc_id, error)
        if on_error is not None:
            on_error(problem)
        else:
            import warnings

            warnings.warn(problem, stacklevel=3)


def _documents(corpus: pd.DataFrame) -> Iterator[tuple[Any, Any]]:
    """``(doc_id, text)`` of each row of ``corpus``, taken :data:`_DOCS` rows at a time: a
    text column of Arrow strings (pandas >= 3) becomes Python strings a slice at a time,
    not all at once (about 2 bytes a character: 37 MB for 5,000 articles)."""
    texts = corpus["text"]
    ids = corpus["doc_id"] if "doc_id" in corpus.columns else None
    for lo in range(0, len(corpus), _DOCS):
        hi = lo + _DOCS
        if ids is None:
            some = [str(i) for i in corpus.index[lo:hi]]
        else:
            some = ids.iloc[lo:hi].tolist()
        yield from zip(some, texts.iloc[lo:hi].tolist(), strict=True)


class _Columns:
    """The columns of a statistics frame, filled as rows come: one array per dtype (object,
    int64, float64), rows by columns, grown in place (``ndarray.resize``: the rows stay
    where they are, a large array is remapped, not copied) by an eighth at a time.

    A row costs 120 bytes here and no Python object of its own (numbers are stored as
    machine numbers; strings are shared with the other rows that hold them), so that
    dense figures ("10 vụ 10 vụ …") take memory in proportion to the frame they make.
    Rows wait in a list until :data:`_CHUNK` of them (of one text or of several) are put in
    by column, one numpy assignment each."""

    def __init__(self, np: Any) -> None:
        self.np, self.n, self.waiting = np, 0, []
        self._new(0)

    def _new(self, rows: int) -> None:
        np = self.np
        self.obj = np.empty((rows, len(_OBJ_AT)), dtype=object)
        self.ints = np.empty((rows, len(_INT_AT)), dtype="int64")
        self.floats = np.empty((rows, len(_FLOAT_AT)), dtype="float64")

    def add(self, rows: Iterable[tuple]) -> None:
        """Add ``rows`` (tuples in :data:`COLUMNS` order)."""
        rows, waiting = iter(rows), self.waiting
        while True:
            waiting.extend(islice(rows, _CHUNK - len(waiting)))
            if len(waiting) < _CHUNK:
                return  # ``rows`` ran out
            self._put()

    def drop_from(self, row: int) -> None:
        """Forget the rows added from number ``row`` on (those of a document that failed)."""
        if row >= self.n:
            del self.waiting[row - self.n :]
        else:
            self.n = row
            self.waiting.clear()

    def _put(self) -> None:
        """Put the waiting rows into the arrays."""
        chunk = self.waiting
        lo, hi = self.n, self.n + len(chunk)
        if hi > len(self.obj):
            self._grow(hi)
        cols = list(zip(*chunk, strict=True))
        chunk.clear()
        obj, ints, floats = self.obj, self.ints, self.floats
        # doc_id (first) may be any object, a tuple too: taken one by one, never unpacked
        obj[lo:hi, 0] = self.np.fromiter(cols[0], dtype=object, count=hi - lo)
        for j in range(1, len(_OBJ_AT)):
            obj[lo:hi, j] = cols[_OBJ_AT[j]]  # strings and None only: nothing to unpack
        for j, at in enumerate(_INT_AT):
            ints[lo:hi, j] = cols[at]
        for j, at in enumerate(_FLOAT_AT):
            floats[lo:hi, j] = cols[at]
        self.n = hi

    def _grow(self, need: int) -> None:
        rows = max(need, len(self.obj) + len(self.obj) // 8)
        if self.n == 0:
            self._new(rows)  # nothing to keep (faster than growing an empty array)
            return
        for array in (self.obj, self.ints, self.floats):
            array.resize((rows, array.shape[1]), refcheck=False)  # no view of it exists yet

    def blocks(self) -> tuple[Any, Any, Any]:
        """The object, int and float blocks (columns by rows) of all rows added."""
        if self.waiting:
            self._put()
        for array in (self.obj, self.ints, self.floats):
            if len(array) != self.n:
                array.resize((self.n, array.shape[1]), refcheck=False)
        return self.obj.T, self.ints.T, self.floats.T


def _frame(columns: _Columns, pd: Any) -> pd.DataFrame:
    """The statistics frame of ``columns``: ``start``/``end`` int64, ``value``/``value_high``
    float64, every other column object (Python strings and None, shared, not copied: the
    figures of one sentence hold one ``sentence`` string).

    Built from its three dtype blocks with ``pandas.api.internals`` (pandas >= 3), which
    skips the per-column inference of ``pd.DataFrame(dict)`` and the grouping of columns
    into blocks: on a single short string those cost more than the extraction itself
    (benchmarks/bench_statistics.py); the blocks are the arrays the rows were put in, not
    copies. Older pandas: one array per column."""
    obj, ints, floats = columns.blocks()
    index = pd.RangeIndex(columns.n)
    try:
        from pandas.api.internals import create_dataframe_from_blocks
    except ImportError:
        return _frame_from_arrays((obj, ints, floats), pd, index)
    at_obj, at_int, at_float = _placements()
    blocks = [(obj, at_obj), (ints, at_int), (floats, at_float)]
    return create_dataframe_from_blocks(blocks, index=index, columns=_column_index())


def _frame_from_arrays(blocks: tuple[Any, Any, Any], pd: Any, index: Any) -> pd.DataFrame:
    """:func:`_frame` on a pandas without ``create_dataframe_from_blocks``."""
    arrays: list[Any] = [None] * len(COLUMNS)
    for block, places in zip(blocks, (_OBJ_AT, _INT_AT, _FLOAT_AT), strict=True):
        for row, at in enumerate(places):
            arrays[at] = block[row]
    try:
        return pd.DataFrame._from_arrays(
            arrays, columns=_column_index(), index=index, verify_integrity=False
        )
    except (AttributeError, TypeError):  # a pandas without it: the public constructor
        pairs = zip(COLUMNS, arrays, strict=True)
        frame = pd.DataFrame({name: pd.Series(a, index=index, dtype=a.dtype) for name, a in pairs})
        frame.columns = _column_index()
        return frame


@lru_cache(maxsize=1)
def _placements() -> tuple[Any, Any, Any]:
    """Where the object, int and float blocks' columns stand (numpy arrays, built once)."""
    import numpy as np

    return np.array(_OBJ_AT), np.array(_INT_AT), np.array(_FLOAT_AT)


@lru_cache(maxsize=1)
def _column_index() -> Any:
    """The frame's column labels, built once (a new ``pd.Index`` infers its dtype each
    time, which cost a third of a single-string call); the dtype is the one pandas infers,
    so the labels compare equal to those of a frame read back from Parquet."""
    import pandas as pd

    return pd.Index(COLUMNS)


_CHUNK = 1024
_DOCS = 256  # texts made into Python strings at once
_INT_COLUMNS = frozenset(["start", "end"])
_FLOAT_COLUMNS = frozenset(["value", "value_high"])
_INT_AT = [i for i, c in enumerate(COLUMNS) if c in _INT_COLUMNS]
_FLOAT_AT = [i for i, c in enumerate(COLUMNS) if c in _FLOAT_COLUMNS]
_OBJ_AT = [i for i, c in enumerate(COLUMNS) if c not in _INT_COLUMNS and c not in _FLOAT_COLUMNS]
