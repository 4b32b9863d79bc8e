"""Vietnamese text normalisation: one Unicode form, one tone-mark placement.

Vietnamese text reaches us in several equivalent spellings: composed (NFC) or
decomposed (NFD) code points, and two conventions for where the tone mark sits in
the syllables ``oa``, ``oe`` and ``uy`` without a final consonant: the "old" style
("hóa", "tọa", "thủy", "khỏe") and the "new" style ("hoá", "toạ", "thuỷ", "khoẻ").
underthesea writes the old style, so we do too.

Two levels are offered:

* :func:`normalize_unicode` — NFC plus tone placement. Every replacement keeps the
  length of NFC text, so offsets survive; :func:`normalize_with_offsets` returns the
  map back to the caller's original string (used by the statistics extractor, whose
  spans must index the text the user gave).
* :func:`normalize` — the above plus unified quotes, dashes and whitespace, for
  comparing or keying text.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["normalize", "normalize_unicode", "normalize_with_offsets", "strip_tones"]

# combining tone marks: grave, acute, hook above, tilde, dot below
_TONES = "\u0300\u0301\u0309\u0303\u0323"
_LETTER = r"[^\W\d_]"


def _toned(base: str) -> str:
    """All NFC characters of ``base`` (one letter) carrying a tone mark."""
    return "".join(unicodedata.normalize("NFC", base + t) for t in _TONES)


def _move_tone(first: str, second: str) -> str:
    """Move the tone of ``second`` onto ``first`` ("o" + "à" -> "ò" + "a")."""
    decomposed = unicodedata.normalize("NFD", second)
    tone = next(c for c in decomposed if c in _TONES)
    bare = unicodedata.normalize("NFC", decomposed.replace(tone, ""))
    return unicodedata.normalize("NFC", first + tone) + bare


# "oà", "oé", "uỷ"... at the end of a syllable (no final consonant follows) -> tone on
# the first vowel. "qu" + "y" is excluded: there "u" belongs to the consonant ("quý").
# The pattern starts with a character class (no lookbehind) so the scan stays fast; the
# "q" before it is checked in the replacement.
_NEW_STYLE = re.compile(
    rf"([oO])([{_toned('a')}{_toned('A')}{_toned('e')}{_toned('E')}])(?!{_LETTER})"
    rf"|([uU])([{_toned('y')}{_toned('Y')}])(?!{_LETTER})"
)


def _tone_placement(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        start = m.start()
        if start and text[start - 1] in "qQ":
            return m.group()
        if m.group(1) is not None:
            return _move_tone(m.group(1), m.group(2))
        return _move_tone(m.group(3), m.group(4))

    return _NEW_STYLE.sub(repl, text)


def normalize_unicode(text: str) -> str:
    """NFC with the old-style tone placement; the result has the length of ``NFC(text)``.

    >>> normalize_unicode("toạ đàm") == normalize_unicode("tọa đàm") == "tọa đàm"
    True
    >>> import unicodedata
    >>> normalize_unicode(unicodedata.normalize("NFD", "Thuỷ")) == "Thủy"
    True
    >>> normalize_unicode("quý khoẻ hoàng")
    'quý khỏe hoàng'
    """
    return _tone_placement(unicodedata.normalize("NFC", text))


_QUOTES = str.maketrans(
    {
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
        "\u3000": " ", "\t": " ", "\u200b": "", "\ufeff": "",
    }
)  # fmt: skip
_SPACES = re.compile(r" {2,}")
_LINE_END_SPACE = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


def normalize(text: str) -> str:
    """Normalise Vietnamese text for comparison: NFC, old-style tones, plain quotes,
    ASCII hyphens for every dash, single spaces, at most one blank line in a row.

    >>> normalize("toạ đàm") == normalize("tọa đàm")
    True
    >>> import unicodedata
    >>> nfd = unicodedata.normalize("NFD", "Công ước Hà Nội")
    >>> nfd == "Công ước Hà Nội", normalize(nfd) == "Công ước Hà Nội"
    (False, True)
    >>> normalize("“Không Một Mình”  –  2024\u00a0–\u00a02028")
    '"Không Một Mình" - 2024 - 2028'
    """
    text = normalize_unicode(text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_QUOTES)
    text = _SPACES.sub(" ", text)
    text = _LINE_END_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()


def normalize_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Return ``(normalize_unicode(text), offsets)``.

    ``offsets`` maps every index of the normalised string (and its end) to the index of
    ``text`` it came from, so a span ``(s, e)`` found in the normalised string is
    ``text[offsets[s]:offsets[e]]`` in the original. It is ``None`` when the two strings
    have the same length (the common case: input already NFC), meaning indices are equal.

    >>> import unicodedata
    >>> nfd = unicodedata.normalize("NFD", "hơn 30 nước")
    >>> norm, off = normalize_with_offsets(nfd)
    >>> norm
    'hơn 30 nước'
    >>> nfd[off[4]:off[11]] == unicodedata.normalize("NFD", "30 nước")
    True
    >>> normalize_with_offsets("tọa đàm")[1] is None
    True
    """
    if unicodedata.is_normalized("NFC", text):
        return _tone_placement(text), None
    pieces: list[str] = []
    offsets: list[int] = []
    start = 0
    n = len(text)
    while start < n:
        end = start + 1
        # a cluster is a starter followed by its combining marks
        while end < n and unicodedata.combining(text[end]):
            end += 1
        composed = unicodedata.normalize("NFC", text[start:end])
        pieces.append(composed)
        offsets.extend([start] * len(composed))
        start = end
    offsets.append(n)
    norm = _tone_placement("".join(pieces))
    return norm, offsets


def strip_tones(text: str) -> str:
    """Remove tone marks (not vowel quality marks), e.g. for loose matching.

    >>> strip_tones("Việt Nam")
    'Viêt Nam'
    """
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
