"""The knowledge behind entity finding, loaded once: gazetteer and rule lists.

``cyberlib/data/gazetteer.csv`` maps every alias to one canonical name and a kind;
``cyberlib/data/entity_rules.toml`` lists titles, honorifics, organisation and place heads.
Aliases match on normalised text; acronyms exactly, other names with their first letter's
case and the rest case-insensitive ("Liên Hợp Quốc" = "Liên hợp quốc", but not "bộ").
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from cyberlib.language.lexicon import SyllableMatcher, syllable_pattern
from cyberlib.normalization import normalize
from cyberlib.resources import load_csv, load_toml

__all__ = ["KINDS", "canonical", "gazetteer_index", "is_acronym", "place_names", "rule_lists"]

KINDS = ("org", "person", "location", "country")


def is_acronym(word: str) -> bool:
    """Two or more characters, every letter a capital.

    >>> is_acronym("LHQ"), is_acronym("A05"), is_acronym("Bộ"), is_acronym("Đ")
    (True, True, False, False)
    """
    letters = [c for c in word if c.isalpha()]
    return len(word) > 1 and bool(letters) and all(c.isupper() or not c.isalpha() for c in word)


def _alternation(words: list[str], first_exact: bool, ignorecase: bool = True) -> str:
    """One pattern over ``words`` on whole syllables, the longest at any position: acronyms
    exactly, the others with their first letter's case when ``first_exact``, the rest in
    any case when ``ignorecase`` (compile with ``re.I``), else exactly; written as a trie of
    shared prefixes (fast on long lists)."""
    terms = []
    for w in sorted({normalize(x) for x in words}, key=len, reverse=True):
        terms.append((w, len(w) if is_acronym(w) else int(first_exact)))
    return syllable_pattern(terms, ignorecase)


@lru_cache(maxsize=1)
def gazetteer_index() -> tuple[re.Pattern[str], dict[str, tuple[str, str, bool]]]:
    """One regex over every alias, and ``casefolded alias -> (canonical, kind, ambiguous)``.

    >>> pattern, entries = gazetteer_index()
    >>> pattern.search("Đoàn đại biểu Liên Hợp Quốc").group(), entries["lhq"]
    ('Liên Hợp Quốc', ('Liên hợp quốc', 'org', False))
    """
    rows = load_csv("gazetteer.csv")
    entries = {
        normalize(r["alias"]).casefold(): (
            normalize(r["canonical"]),
            r["kind"],
            r["ambiguous"] == "1",
        )
        for r in rows
    }
    return re.compile(_alternation([r["alias"] for r in rows], first_exact=True), re.I), entries


@lru_cache(maxsize=1)
def rule_lists() -> dict[str, Any]:
    """Compiled title, honorific and head patterns and the word sets of ``entity_rules.toml``.

    >>> rule_lists()["titles"].search("Thượng tướng Lê Quý Vương").group()
    'Thượng tướng'
    """
    cfg = load_toml("entity_rules.toml")
    honorifics = set(cfg["honorifics"])
    titles = [t for t in cfg["person_titles"] if t not in honorifics]
    normal = {normalize(t) for t in titles}
    return {
        "titles": re.compile(_alternation(titles, first_exact=False), re.I),
        # the same matches, faster (on the lower-cased text, acronyms apart)
        "titles_matcher": SyllableMatcher(
            [t for t in normal if not is_acronym(t)], [t for t in normal if is_acronym(t)]
        ),
        "honorifics": re.compile(
            syllable_pattern(((h, len(h)) for h in map(normalize, honorifics)), ignorecase=False)
        ),
        "org": re.compile(_alternation(cfg["org_heads"], first_exact=True, ignorecase=False)),
        "loc": re.compile(_alternation(cfg["location_heads"], True, ignorecase=False)),
        "heads": {normalize(h) for h in cfg["org_heads"] if " " not in h.strip()},
        "not_names": {normalize(w) for w in cfg["not_names"]},
        "not_after": {normalize(w).casefold() for w in cfg.get("ambiguous_not_after", [])},
        "org_tails_not_before": {normalize(w) for w in cfg.get("org_tails_not_before", [])},
        "org_tails": sorted(
            (tuple(normalize(t).split()) for t in cfg.get("org_tails", [])), key=len, reverse=True
        ),
    }


def canonical(name: str) -> str:
    """The canonical form of a name the gazetteer knows (else the name, normalised).

    >>> canonical("Hoa Kỳ"), canonical("LHQ"), canonical("Thụy Sỹ"), canonical("Marc Knapper")
    ('Mỹ', 'Liên hợp quốc', 'Thụy Sĩ', 'Marc Knapper')
    """
    return _canonical(name)


@lru_cache(maxsize=8192)
def _canonical(name: str) -> str:
    name = " ".join(normalize(name).split())
    entry = gazetteer_index()[1].get(name.casefold())
    return entry[0] if entry else name


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Casefolded aliases of countries and places ("hoa kỳ", "hà nội").

    >>> "hoa kỳ" in place_names(), "bộ công an" in place_names()
    (True, False)
    """
    _, entries = gazetteer_index()
    return frozenset(k for k, (_, kind, _) in entries.items() if kind in ("country", "location"))
