"""Figures that the main pattern sees in two pieces: multiples and ranges.

* "tăng gấp đôi", "gấp ba", "gấp 2,5" without "lần": a multiple (unit ``times``, change
  ``increase``). "gấp 3 lần" is read by the main pattern already.
* "từ 20% đến 30%", "10 tỷ đồng - 15 tỷ đồng": two figures of the same unit joined by
  "đến"/"tới"/a dash become one range row (``value`` … ``value_high``).

Both work on the figure dicts of :mod:`cyberlib.figures.extraction` (offsets into the
normalised text).
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from cyberlib.figures.numbers import parse_digits, parse_words
from cyberlib.figures.units import COUNT, alternation, lexicon
from cyberlib.resources import load_toml

__all__ = ["Fig", "merge_ranges", "multiples"]


class Fig:
    """One figure found in a text, before its row is made: the fields of a dict in a
    slotted object (a dense text holds hundreds of thousands of them at once, and a dict
    costs four times the memory). Read like a dict: ``fig["value"]``, ``fig.get("x")``.

    >>> f = Fig(start=0, end=5, value=10.0, unit="case")
    >>> f["value"], f.get("scaled"), sorted(dict(f))[:2]
    (10.0, False, ['change', 'end'])
    """

    __slots__ = (
        "start", "end", "value", "value_high", "unit", "unit_text", "qualifier", "change",
        "kind", "unit_start", "num_start", "num_end", "scaled",
    )  # fmt: skip

    def __init__(
        self, *, start: int, end: int, value: float, unit: str | None,
        value_high: float = math.nan, unit_text: str = "", qualifier: str = "exact",
        change: str | None = None, kind: str = COUNT, unit_start: int = 0,
        num_start: int = 0, num_end: int = 0, scaled: bool = False,
    ) -> None:  # fmt: skip
        self.start, self.end, self.value, self.unit = start, end, value, unit
        self.value_high, self.unit_text, self.qualifier = value_high, unit_text, qualifier
        self.change, self.kind, self.unit_start = change, kind, unit_start
        self.num_start, self.num_end, self.scaled = num_start, num_end, scaled

    def __getitem__(self, name: str) -> Any:
        return getattr(self, name)

    def get(self, name: str, default: Any = None) -> Any:
        return getattr(self, name, default)

    def keys(self) -> tuple[str, ...]:
        return self.__slots__

    def update(self, **fields: Any) -> None:
        for name, value in fields.items():
            setattr(self, name, value)


_BETWEEN = re.compile(r"[^\S\n]*(?:đến|tới|[-–—])[^\S\n]*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _multiple_pattern() -> tuple[re.Pattern[str], dict[str, float]]:
    words = {k: float(v) for k, v in load_toml("number_words.toml")["multiples"].items()}
    digits = alternation(lexicon().digit_words)
    pattern = re.compile(
        rf"(?<!\w)gấp[^\S\n]+(?P<num>{alternation(words)}|\d+(?:,\d+)?|mười|{digits})"
        rf"(?!\w)(?!,\d)(?![^\S\n]+lần(?!\w))"
        # "gấp 2-3 lần", "gấp 2 đến 3 lần": the start of a range, read with its "lần"
        rf"(?![^\S\n]*[-–—][^\S\n]*\w)(?![^\S\n]+(?:đến|tới)[^\S\n]+\w)",
        re.IGNORECASE,
    )
    return pattern, words


def multiples(text: str) -> list[dict[str, Any]]:
    """Figure dicts for "gấp đôi", "gấp ba" … written without "lần".

    >>> [(f["value"], f["change"]) for f in multiples("Số vụ tăng gấp đôi, thiệt hại gấp 3 lần.")]
    [(2.0, 'increase')]
    """
    pattern, words = _multiple_pattern()
    out = []
    for m in pattern.finditer(text):
        num = m.group("num").lower()
        if num in words:
            value = words[num]
        elif num[0].isdigit():
            value = parse_digits(num)
        else:
            value = parse_words([num])
        if value is None:
            continue
        out.append(
            Fig(
                start=m.start(), end=m.end(), value=float(value), value_high=math.nan,
                unit="times", unit_text="gấp", qualifier="exact", change="increase",
                kind=COUNT, unit_start=m.start(), num_start=m.start("num"),
                num_end=m.end("num"),
            )
        )  # fmt: skip
    return out


def merge_ranges(text: str, figs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Join neighbours "A đến B" of one unit (A < B, neither a range or a change) into one
    range row, keeping A's qualifier.

    >>> a = dict(start=3, end=6, value=20.0, value_high=math.nan, unit="percent",
    ...          change=None, unit_text="%", unit_start=5, num_start=3)
    >>> b = dict(a, start=11, end=14, value=30.0, unit_start=13, num_start=11)
    >>> [(f["value"], f["value_high"]) for f in merge_ranges("Từ 20% đến 30% người", [a, b])]
    [(20.0, 30.0)]
    """
    out: list[dict[str, Any]] = []
    for fig in figs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev["unit"] == fig["unit"]
            and math.isnan(prev["value_high"])
            and math.isnan(fig["value_high"])
            and prev["change"] is None
            and fig["change"] is None
            and prev["value"] < fig["value"]
            and _BETWEEN.fullmatch(text, prev["end"], fig["start"])
        ):
            prev.update(
                end=fig["end"], value_high=fig["value"], unit_text=fig["unit_text"],
                unit_start=fig["unit_start"],
            )  # fmt: skip
        else:
            out.append(fig)
    return out
