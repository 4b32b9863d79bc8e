"""One regular expression over a lexicon of Vietnamese terms, matched on whole syllables.

Shared by the theme lexicons (:mod:`cyberlib.language.themes`) and the relevance lexicon
(:mod:`cyberlib.language.relevance`). Terms are normalised (NFC, one tone placement);
matching is case-insensitive except for terms with two or more capitals ("AI", "OTP",
"DDoS"), which are acronyms; at any position the longest term wins, so a phrase is
counted once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from cyberlib.normalization import normalize

__all__ = ["Lexicon"]

_CAPITALS = re.compile(r"[A-ZĐ]")


def _case_sensitive(term: str) -> bool:
    return len(_CAPITALS.findall(term)) >= 2


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
        alternatives = []
        for key in sorted(self.owner, key=len, reverse=True):
            body = r"\s+".join(re.escape(part) for part in key.split())
            alternatives.append(f"(?-i:{body})" if _case_sensitive(key) else body)
        self.pattern = re.compile(
            r"(?<![^\W_])(?:" + "|".join(alternatives or ["(?!)"]) + r")(?![^\W_])", re.I
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

    def finditer(self, text: str) -> Iterator[tuple[str, str, int]]:
        """``(term, label, start)`` of every hit in ``text``, which must be normalised already;
        ``term`` is the lexicon's spelling (lower case unless an acronym)."""
        owner = self.owner
        for m in self.pattern.finditer(text):
            found = " ".join(m.group().split())
            key = found if found in owner else found.lower()
            yield key, owner[key], m.start()
