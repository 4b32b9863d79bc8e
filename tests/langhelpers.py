"""Helpers for the language-analysis tests: respelled corpora and the gold files."""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

GOLD = Path(__file__).resolve().parent / "gold"

# NFD: a tone mark after "o"/"u" followed by a closing "a", "e" or "y" moves to that vowel
# ("hòa" -> "hoà", "thủy" -> "thuỷ"): the new-style spelling normalisation must undo.
_OLD_STYLE_NFD = re.compile(
    r"(?<![qQ])([oOuU])([\u0300\u0301\u0309\u0303\u0323])([aAeEyY])(?![^\W\d_])"
)


def new_style(text: str) -> str:
    """The text with new-style tone placement (NFC)."""
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _OLD_STYLE_NFD.sub(r"\1\3\2", nfd))


def respelled(corpus):
    """The corpus in NFD with new-style tone placement (same words, other code points)."""
    texts = [unicodedata.normalize("NFD", new_style(t)) for t in corpus["text"]]
    return corpus.assign(text=texts)


def gold_rows(name: str) -> list[dict[str, str]]:
    with (GOLD / name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
