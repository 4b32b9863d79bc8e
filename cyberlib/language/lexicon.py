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

__all__ = ["Lexicon", "SyllableMatcher", "lower_as_ignorecase", "syllable_pattern"]

_CAPITALS = re.compile(r"[A-ZĐ]")
_B, _E = r"(?<![^\W_])", r"(?![^\W_])"  # whole syllables: no letter or digit either side
# the boundary before a term checked after its first character: the pattern then opens
# with the set of first characters, which the regex engine scans for quickly (not re.I)
_B_AFTER_FIRST = r"(?<![^\W_](?s:.))"
_WS = " "  # the trie unit of a run of whitespace between two syllables
_END = ""  # the trie key marking the end of a term
# Characters that re.I matches with a letter other than their lower case (Python's case
# equivalences: dotless i, long s, micro sign, Greek variants, ...) and the capital sigma
# (lower-cased by context): a text with one of them is matched under re.I instead.
_FOLDS = re.compile(
    "[\u0131\u017f\u00b5\u0345\u0390\u03b0\u03c2\u03a3\u03d0-\u03d1\u03d5-\u03d6"
    "\u03f0-\u03f1\u03f5\u1e9b\u1fbe\u1fd3\u1fe3\ufb05\ufb06\u212a\u2126\u1e9e]"
)


def lower_as_ignorecase(text: str) -> str | None:
    """``text.lower()`` when a plain match on it finds what a match under ``re.I`` finds on
    ``text`` (same length, none of the few characters re.I equates with another letter),
    else None.

    >>> lower_as_ignorecase("Lừa Đảo"), lower_as_ignorecase("ſ")
    ('lừa đảo', None)
    """
    lower = text.lower()
    return lower if len(lower) == len(text) and not _FOLDS.search(text) else None


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


def _node_source(node: dict, ignorecase: bool, root: bool = False) -> str:
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
            after = _B_AFTER_FIRST if root else ""
            branches.append(
                _unit_source(unit, ignorecase) + after + _node_source(child, ignorecase)
            )
            continue
        suffixes = [[u, *rest] for u, child in members for rest in _paths(child)]
        suffixes.sort(key=len, reverse=True)
        for suffix in suffixes:
            units = [_unit_source(u, ignorecase) for u in suffix]
            if root:
                units.insert(1, _B_AFTER_FIRST)
            branches.append("".join(units))
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

    Two branches that can read the same character (an exact "M" and a case-free "m") are
    written out whole, longest first, so the longest term still wins:

    >>> p = re.compile(syllable_pattern([("Mã", 2), ("mã độc tống tiền", 0)]), re.I)
    >>> [m.group() for m in p.finditer("Mã độc tống tiền. Mã số. mã số")]
    ['Mã độc tống tiền', 'Mã']
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
    if ignorecase:  # no set of first characters to scan for under re.I: boundary first
        return _B + "(?:" + _node_source(root, ignorecase) + ")" + _E
    return "(?:" + _node_source(root, ignorecase, root=True) + ")" + _E


class SyllableMatcher:
    """Terms matched on whole syllables of normalised text, the longest at any position:
    ``loose`` ones in any case, ``exact`` ones (acronyms) with their case.

    Two tries: the loose terms, matched on the lower-cased text (a plain match is several
    times faster than one under ``re.I``, which is used instead for the rare text where the
    two differ), and the exact ones.

    >>> m = SyllableMatcher(["lừa đảo", "lừa đảo qua mạng"], ["OTP"])
    >>> m.spans("Lừa đảo qua mạng, lừa đảo, otp, OTP")
    [(0, 16), (18, 25), (32, 35)]
    """

    def __init__(self, loose: Iterable[str], exact: Iterable[str] = ()) -> None:
        loose = sorted({" ".join(t.split()).lower() for t in loose})
        exact = sorted({" ".join(t.split()) for t in exact})
        self._lower = re.compile(syllable_pattern(((k, len(k)) for k in loose), False))
        self._loose = re.compile(syllable_pattern((k, 0) for k in loose), re.I)
        self._exact = (
            re.compile(syllable_pattern(((k, len(k)) for k in exact), False)) if exact else None
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        """``(start, end)`` of every hit in normalised ``text``: scanning from the left, the
        longest term at the first position where one starts, then on from its end."""
        lower = lower_as_ignorecase(text)
        if self._exact is None or not self._exact.search(text):  # one trie: a plain scan
            if lower is not None:
                return [m.span() for m in self._lower.finditer(lower)]
            return [m.span() for m in self._loose.finditer(text)]
        # both tries hit: the longest term at each start of either, then left to right
        loose = _starts(self._lower, lower) if lower is not None else _starts(self._loose, text)
        for start, end in _starts(self._exact, text).items():
            if end > loose.get(start, -1):
                loose[start] = end
        out, last = [], 0
        for start in sorted(loose):
            if start >= last:
                last = loose[start]
                out.append((start, last))
        return out


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
        self.matcher = SyllableMatcher(
            [k for k in self.owner if not _case_sensitive(k)],
            [k for k in self.owner if _case_sensitive(k)],
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
        """``(start, end)`` of every hit in normalised ``text`` (:class:`SyllableMatcher`)."""
        return self.matcher.spans(text)

    def finditer(self, text: str) -> Iterator[tuple[str, str, int]]:
        """``(term, label, start)`` of every hit in ``text``, which must be normalised already;
        ``term`` is the lexicon's spelling (lower case unless an acronym)."""
        owner = self.owner
        for start, end in self.spans(text):
            found = " ".join(text[start:end].split())
            key = found if found in owner else found.lower()
            yield key, owner[key], start


def _starts(pattern: re.Pattern[str], text: str) -> dict[int, int]:
    """``start -> end`` of the longest match at every position where ``pattern`` matches."""
    ahead = re.compile("(?=(" + pattern.pattern + "))", pattern.flags)
    return {m.start(): m.end(1) for m in ahead.finditer(text)}
