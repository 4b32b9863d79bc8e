"""One regular expression over a lexicon of Vietnamese terms, matched on whole syllables.

Shared by the theme lexicons (:mod:`cyberlib.language.themes`) and the relevance lexicon
(:mod:`cyberlib.language.relevance`). Terms are normalised (NFC, one tone placement);
matching is case-insensitive except for terms with two or more capitals ("AI", "OTP",
"DDoS"), which are acronyms; at any position the longest term wins, so a phrase is
counted once.

The terms are compiled as a trie of shared prefixes (:func:`syllable_pattern`), not as
one long list of alternatives: the regex engine then reads each character of the text
once per position instead of once per term, which is what makes matching a lexicon of
hundreds of terms cheap. The matches are the same as those of the plain list of
alternatives, longest first (``benchmarks/bench_language.py`` checks it on real articles).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from cyberlib.normalization import normalize

__all__ = ["Lexicon", "syllable_pattern"]

_CAPITALS = re.compile(r"[A-ZĐ]")
_B, _E = r"(?<![^\W_])", r"(?![^\W_])"  # whole syllables: no letter or digit either side
_WS = " "  # the trie unit of a run of whitespace between two syllables
_END = ""  # the trie key marking the end of a term


def _case_sensitive(term: str) -> bool:
    return len(_CAPITALS.findall(term)) >= 2


def _variants(unit: tuple[str, bool]) -> set[str]:
    """Characters of the text that ``unit`` (character, case-sensitive) can match."""
    char, exact = unit
    if exact:
        return {char}
    return {char, char.lower(), char.upper(), char.title(), char.casefold(), char.swapcase()}


def _unit_source(unit: str | tuple[str, bool], ignorecase: bool) -> str:
    if unit == _WS:
        return r"\s+"
    char, exact = unit
    return f"(?-i:{re.escape(char)})" if exact and ignorecase else re.escape(char)


def _paths(node: dict) -> Iterator[list]:
    for unit, child in node.items():
        if unit == _END:
            yield []
        else:
            for rest in _paths(child):
                yield [unit, *rest]


def _node_source(node: dict, ignorecase: bool) -> str:
    children = [(u, c) for u, c in node.items() if u != _END]
    # Children that can match the same character of the text (a case-sensitive "O" and a
    # case-insensitive "o") would make the engine stop at the first one that matches, not
    # at the longest: such a group is written out as whole suffixes, longest first.
    groups: list[list[tuple]] = []
    for unit, child in children:
        seen = set() if unit == _WS else _variants(unit)
        joined = [g for g in groups if seen & g[0]]
        merged = (seen.union(*(g[0] for g in joined)), [x for g in joined for x in g[1]])
        merged[1].append((unit, child))
        groups = [g for g in groups if g not in joined] + [merged]
    branches = []
    for _, members in groups:
        if len(members) == 1:
            unit, child = members[0]
            branches.append(_unit_source(unit, ignorecase) + _node_source(child, ignorecase))
            continue
        suffixes = [[u, *rest] for u, child in members for rest in _paths(child)]
        suffixes.sort(key=len, reverse=True)
        branches.extend("".join(_unit_source(u, ignorecase) for u in s) for s in suffixes)
    if not branches:
        return ""
    if len(branches) == 1 and _END not in node:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if _END in node else "")


def syllable_pattern(terms: Iterable[tuple[str, int]], ignorecase: bool = True) -> str:
    """Regex source matching any of ``terms`` on whole syllables, the longest term at any
    position; whitespace inside a term matches any run of whitespace.

    Each term is ``(text, exact)``: its first ``exact`` characters match with their case,
    the others in any case when ``ignorecase`` (compile the source with ``re.I``), with
    their case otherwise. The terms are written as a trie of shared prefixes.

    >>> terms = [("lừa đảo", 0), ("lừa đảo qua mạng", 0), ("OTP", 3)]
    >>> p = re.compile(syllable_pattern(terms), re.I)
    >>> [m.group() for m in p.finditer("Lừa  đảo qua mạng, lừa đảo, otp, OTP")]
    ['Lừa  đảo qua mạng', 'lừa đảo', 'OTP']
    """
    root: dict = {}
    for text, exact in terms:
        key = " ".join(text.split())
        if not key:
            continue
        node = root
        for i, char in enumerate(key):
            sensitive = i < exact or not ignorecase
            unit = _WS if char == " " else (char if sensitive else char.lower(), sensitive)
            node = node.setdefault(unit, {})
        node[_END] = {}
    if not root:
        return "(?!)"
    return _B + "(?:" + _node_source(root, ignorecase) + ")" + _E


class Lexicon:
    """Terms, each owned by one label (a theme id, an evidence group), compiled once.

    ``source`` names the data file in error messages.

    >>> lex = Lexicon({"lừa đảo": "harm", "lừa đảo qua mạng": "strong", "OTP": "strong"})
    >>> [(term, label) for term, label, _ in lex.finditer("Lừa đảo qua mạng, lừa đảo, otp")]
    [('lừa đảo qua mạng', 'strong'), ('lừa đảo', 'harm')]
    """

    def __init__(self, owner_of: dict[str, str], source: str = "lexicon") -> None:
        self.owner: dict[str, str] = {}
        for term, label in owner_of.items():
            term = normalize(term)
            key = term if _case_sensitive(term) else term.lower()
            if self.owner.setdefault(key, label) != label:
                raise ValueError(f"{source}: {term!r} is in {self.owner[key]} and {label}")
        # Two tries: the case-insensitive terms (compiled with re.I) and the acronyms (exact).
        # Each gives, at every position where one of its terms starts, its longest term
        # there (a lookahead, so that no position is skipped); finditer merges the two.
        exact = [k for k in self.owner if _case_sensitive(k)]
        loose = [k for k in self.owner if not _case_sensitive(k)]
        self._loose = re.compile(_lookahead(syllable_pattern((k, 0) for k in loose)), re.I)
        self._exact = (
            re.compile(_lookahead(syllable_pattern(((k, len(k)) for k in exact), False)))
            if exact
            else None
        )

    @classmethod
    def from_groups(cls, groups: Iterable[tuple[str, Iterable[str]]], source: str) -> Lexicon:
        """A lexicon from ``(label, terms)`` pairs; a term listed under two labels is an error."""
        owner: dict[str, str] = {}
        for label, terms in groups:
            for term in terms:
                key = normalize(term)
                key = key if _case_sensitive(key) else key.lower()
                if owner.setdefault(key, label) != label:
                    raise ValueError(f"{source}: {term!r} is in {owner[key]} and {label}")
        return cls(owner, source)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every hit in normalised ``text``: scanning from the left, the
        longest term at the first position where one starts, then on from its end."""
        ends = {m.start(): m.end(1) for m in self._loose.finditer(text)}
        if self._exact is not None:
            for m in self._exact.finditer(text):
                start, end = m.start(), m.end(1)
                if end > ends.get(start, -1):
                    ends[start] = end
        out, last = [], 0
        for start in sorted(ends) if self._exact is not None else ends:
            if start >= last:
                last = ends[start]
                out.append((start, last))
        return out

    def finditer(self, text: str) -> Iterator[tuple[str, str, int]]:
        """``(term, label, start)`` of every hit in ``text``, which must be normalised already;
        ``term`` is the lexicon's spelling (lower case unless an acronym)."""
        owner = self.owner
        for start, end in self.spans(text):
            found = " ".join(text[start:end].split())
            key = found if found in owner else found.lower()
            yield key, owner[key], start


def _lookahead(source: str) -> str:
    """``source`` as a zero-width match whose group 1 is the match: every start is found."""
    if source.startswith(_B):
        return _B + "(?=(" + source[len(_B) :] + "))"
    return "(?=(" + source + "))"
