"""Unit words, qualifiers and label words for statistic extraction, read from data files.

Everything here is built once from ``data/units.toml``, ``data/qualifiers.toml``,
``data/scales.toml``, ``data/number_words.toml`` and ``data/figure_context.toml``; the
extractor in :mod:`cyberlib.figures.extraction` only compiles what this module gives it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cyberlib.figures.numbers import number_words, scale_words
from cyberlib.resources import load_toml

__all__ = ["Lexicon", "lexicon", "alternation", "unit_kind"]

MONEY, PERCENT, COUNT, DURATION = "money", "percent", "count", "duration"


def alternation(words: list[str] | set[str]) -> str:
    r"""Regex alternation of ``words``, longest first, spaces matching any run of blanks.

    >>> alternation(["vụ", "vụ việc"])
    'vụ[^\\S\\n]+việc|vụ'
    """
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(r"[^\S\n]+".join(re.escape(p) for p in w.split()) for w in ordered)


@dataclass(frozen=True)
class Lexicon:
    """All word lists of the extractor, lowercased, with their canonical values."""

    units: dict[str, tuple[str, str]]  # unit words -> (canonical unit, kind)
    money_prefix: dict[str, str]
    reject_after: frozenset[str]
    time_of_day: frozenset[str]
    qualifiers: dict[str, str]
    changes: dict[str, str]
    order_qualifier: str
    order_words: tuple[str, ...]
    orders: dict[str, float]
    labels: frozenset[str]
    not_labels: frozenset[str]
    not_nouns: frozenset[str]
    compounds: frozenset[str]
    ratio_words: frozenset[str]
    number_words: frozenset[str]
    starts: tuple[str, ...]
    digit_words: tuple[str, ...]
    multipliers: tuple[str, ...]
    scales: tuple[str, ...]
    scale_set: frozenset[str]
    lone_words: frozenset[str]
    not_before_duration: frozenset[str]
    context: dict
    implied_unit: str
    implied_window: int
    implied_scales: frozenset[str]
    implied_cues: re.Pattern[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The extractor's word lists (cached).

    >>> lexicon().units["bảng anh"], lexicon().qualifiers["gần"]
    (('gbp', 'money'), 'nearly')
    """
    u = load_toml("units.toml")
    units: dict[str, tuple[str, str]] = {}
    for kind in (MONEY, PERCENT, COUNT, DURATION):
        for word, canon in u[kind].items():
            units[_key(word)] = (canon, kind)
    q = load_toml("qualifiers.toml")
    nw = number_words()
    ctx = load_toml("figure_context.toml")
    scales = tuple(scale_words())
    special = [w for w in nw["special"] if w not in ("nửa",)]
    return Lexicon(
        units=units,
        money_prefix={k.lower(): v for k, v in u["money_prefix"].items()},
        reject_after=frozenset(u["reject"]["after"]),
        time_of_day=frozenset(u["reject"]["time_of_day"]),
        qualifiers={_key(k): v for k, v in q["qualifiers"].items()},
        changes={_key(k): v for k, v in q["changes"].items()},
        order_qualifier=q["orders"]["qualifier"],
        order_words=tuple(q["orders"]["words"]),
        orders={k: float(v) for k, v in load_toml("scales.toml")["orders"].items()},
        labels=frozenset(_key(w) for w in ctx["labels"]["before"]),
        not_labels=frozenset(_key(w) for w in ctx["labels"]["except"]),
        not_nouns=frozenset(ctx["head"]["not_nouns"]),
        compounds=frozenset(ctx["head"]["compounds"]),
        ratio_words=frozenset(ctx["head"]["ratio_words"]),
        number_words=frozenset(nw["digits"]) | frozenset(nw["special"]) | frozenset(scales),
        starts=tuple(nw["grammar"]["starts"]),
        digit_words=tuple(nw["digits"]),
        multipliers=tuple(special) + scales,
        scales=scales,
        scale_set=frozenset(scales),
        lone_words=frozenset(nw["grammar"]["never_alone"]),
        not_before_duration=frozenset(nw["grammar"]["not_before_duration"]),
        context=ctx,
        implied_unit=u["implied"]["unit"],
        implied_window=int(u["implied"]["window"]),
        implied_scales=frozenset(u["implied"]["scales"]),
        implied_cues=re.compile(rf"(?<!\w)(?:{alternation(u['implied']['cues'])})(?!\w)"),
    )


def _key(words: str) -> str:
    """Lookup key of a phrase: lowercase, single spaces."""
    return " ".join(words.lower().split())


def unit_kind(unit_text: str) -> tuple[str, str] | None:
    """``(canonical unit, kind)`` of unit words as written, or None if not listed.

    >>> unit_kind("Bảng  Anh"), unit_kind("vụ việc"), unit_kind("lớp")
    (('gbp', 'money'), ('case', 'count'), None)
    """
    return lexicon().units.get(_key(unit_text))
