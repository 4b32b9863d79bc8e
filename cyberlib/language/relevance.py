"""How much an article is about cybercrime or online harm: a transparent lexicon model.

The evidence is a lexicon of Vietnamese terms in three groups (``cyberlib/data/relevance.toml``):
``strong`` terms name a cybercrime, an online harm or cyber security itself ("mã độc", "lừa đảo
qua mạng", "rò rỉ dữ liệu"); ``harm`` words ("lừa đảo", "chiếm đoạt") and ``channel`` words
("Facebook", "điện thoại", "trực tuyến") count only together, as the number of sentences that
hold both (a fraud done through a phone or a social network).

Four features are read from the hits: ``strong`` and ``harm_channel`` (each as
``log(1 + count)``), ``density`` (``log(1 + hits per 1,000 syllables)``, so that one passing
mention in a long article weighs little) and ``head`` (``log(1 + hits in the title and
lead)``, the first two non-empty lines, at most 500 characters). The relevance is the logistic
function of their weighted sum; the weights are data (``[model]`` of the same file), fitted on
our own labels.
An article is ``relevant`` when its relevance reaches ``threshold`` (0.5).
"""

from __future__ import annotations

import hashlib
import math
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from cyberlib.language.lexicon import Lexicon
from cyberlib.normalization import normalize
from cyberlib.resources import data_text, load_toml

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "FEATURES",
    "GROUPS",
    "RelevanceCounts",
    "relevance_counts",
    "relevance_evidence",
    "relevance_of",
    "relevance_threshold",
]

GROUPS = ("strong", "harm", "channel")
FEATURES = ("strong", "harm_channel", "density", "head")
_SYLLABLES = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?;…\n]+")
_HEAD_CHARS = 500


class RelevanceCounts(NamedTuple):
    """Raw counts behind the features of one text."""

    strong: int
    harm_channel: int
    head: int
    n_syllables: int


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    data = load_toml("relevance.toml")
    return Lexicon.from_groups(((g, data[g]["terms"]) for g in GROUPS), "relevance.toml")


@lru_cache(maxsize=1)
def _model() -> dict[str, float]:
    model = load_toml("relevance.toml")["model"]
    return {k: float(model[k]) for k in ("threshold", "intercept", *FEATURES)}


def relevance_version() -> str:
    """A short hash of the relevance data file (part of the cache key of theme scores)."""
    return hashlib.sha256(data_text("relevance.toml").encode("utf-8")).hexdigest()[:16]


def relevance_threshold() -> float:
    """The relevance an article must reach to count as ``relevant`` (from the data file).

    >>> relevance_threshold()
    0.5
    """
    return _model()["threshold"]


_LINE = re.compile(r"[^\n]*\S[^\n]*")


def _head_end(text: str) -> int:
    """End of the title and the lead: the first two non-empty lines, at most 500 characters."""
    end = 0
    for i, m in enumerate(_LINE.finditer(text)):
        end = m.end()
        if i == 1:
            break
    return min(end, _HEAD_CHARS)


def _hits(text: str) -> list[tuple[str, str, int]]:
    return list(_lexicon().finditer(text))


def _sentences_of(text: str, hits: list[tuple[str, str, int]]) -> list[int]:
    """Index of the sentence of each hit (sentences end at . ! ? ; … or a line break)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    out, sentence = [], 0
    for _, _, start in hits:
        while sentence < len(ends) and ends[sentence] <= start:
            sentence += 1
        out.append(sentence)
    return out


def _count(
    text: str, hits: list[tuple[str, str, int]]
) -> tuple[RelevanceCounts, set[int], set[int]]:
    """The counts, the sentences that hold both a harm and a channel word, and the sentences
    that hold a strong term."""
    head_end = _head_end(text)
    sentences = _sentences_of(text, hits)
    harm = {s for (_, g, _), s in zip(hits, sentences, strict=True) if g == "harm"}
    channel = {s for (_, g, _), s in zip(hits, sentences, strict=True) if g == "channel"}
    strong_sents = {s for (_, g, _), s in zip(hits, sentences, strict=True) if g == "strong"}
    both = (harm & channel) - strong_sents  # a sentence with a strong term counts once
    strong = sum(1 for _, g, _ in hits if g == "strong")
    head = sum(1 for _, g, start in hits if g == "strong" and start < head_end)
    head += len(
        {
            s
            for (_, g, start), s in zip(hits, sentences, strict=True)
            if s in both and start < head_end
        }
    )
    n = len(_SYLLABLES.findall(text))
    return RelevanceCounts(strong, len(both), head, n), both, strong_sents


def relevance_counts(text: str) -> RelevanceCounts:
    """The raw counts of evidence in ``text``.

    >>> relevance_counts("Lừa đảo qua Facebook\\nKẻ gian mạo danh công an gọi điện thoại.")
    RelevanceCounts(strong=1, harm_channel=1, head=2, n_syllables=13)
    """
    return counts_of_normalized(normalize(text))


def counts_of_normalized(text: str) -> RelevanceCounts:
    """:func:`relevance_counts` of a text that is already normalised (no second pass)."""
    return _count(text, _hits(text))[0]


def cyber_sentences_of_normalized(text: str) -> tuple[RelevanceCounts, frozenset[int]]:
    """The counts of a normalised text, and the indexes of its sentences that hold cyber
    evidence: a strong term, or a harm word and a channel word together (sentences end at
    . ! ? ; … or a line break, as in :func:`sentence_index`).

    >>> counts, sents = cyber_sentences_of_normalized("Trời đẹp. Tin tặc phát tán mã độc.")
    >>> sorted(sents)
    [1]
    """
    counts, both, strong = _count(text, _hits(text))
    return counts, frozenset(strong | both)


def sentence_index(text: str, starts: list[int]) -> list[int]:
    """Index of the sentence of each offset in ``starts`` (ascending), sentences ending at
    . ! ? ; … or a line break.

    >>> sentence_index("Một câu. Hai câu!\\nBa", [0, 9, 18])
    [0, 1, 2]
    """
    return _sentences_of(text, [("", "", start) for start in starts])


def _features(counts: RelevanceCounts) -> dict[str, float]:
    evidence = counts.strong + counts.harm_channel
    return {
        "strong": math.log1p(counts.strong),
        "harm_channel": math.log1p(counts.harm_channel),
        "density": math.log1p(1000.0 * evidence / max(counts.n_syllables, 1)),
        "head": math.log1p(counts.head),
    }


def relevance_of(counts: RelevanceCounts) -> float:
    """Relevance (0–1) from the counts of :func:`relevance_counts`.

    >>> relevance_of(relevance_counts("Hôm nay trời đẹp, cả nhà đi dạo.")) < 0.01
    True
    >>> relevance_of(relevance_counts("Mã độc tống tiền\\nTin tặc tấn công mạng ngân hàng.")) > 0.9
    True
    """
    model = _model()
    z = model["intercept"] + sum(model[f] * v for f, v in _features(counts).items())
    return 1.0 / (1.0 + math.exp(-z))


def relevance_evidence(text: str) -> pd.DataFrame:
    """Why a text gets its relevance: one row per feature with its raw ``count``, the
    ``value`` the model reads, its ``weight``, the ``contribution`` (weight × value) and the
    ``terms`` found (``term×n``, most frequent first); a last row ``intercept``. The
    relevance is the logistic function of the sum of ``contribution``.

    >>> ev = relevance_evidence("Tin tặc phát tán mã độc\\nNhiều máy tính bị mã độc tấn công.")
    >>> ev[["feature", "count"]]
            feature  count
    0        strong      3
    1  harm_channel      0
    2       density    214
    3          head      3
    4     intercept      0
    >>> ev.loc[0, "terms"]
    'mã độc×2, tin tặc×1'
    >>> ev = relevance_evidence("Cảnh giác\\nKẻ gian mạo danh công an gọi điện cho bà. Bà đi chợ.")
    >>> ev.loc[1, "terms"]
    'gọi điện×1, mạo danh×1'
    """
    import pandas as pd

    text = normalize(text)
    hits = _hits(text)
    counts, both, _ = _count(text, hits)
    model = _model()
    features = _features(counts)
    terms: dict[str, dict[str, int]] = {g: {} for g in GROUPS}
    for (term, group, _), sentence in zip(hits, _sentences_of(text, hits), strict=True):
        if group == "strong" or sentence in both:  # harm and channel words of those sentences
            terms[group][term] = terms[group].get(term, 0) + 1

    def listed(*groups: str) -> str:
        found = [(t, n) for g in groups for t, n in terms[g].items()]
        found.sort(key=lambda tn: (-tn[1], tn[0]))
        return ", ".join(f"{t}×{n}" for t, n in found)

    evidence = counts.strong + counts.harm_channel
    raw = {
        "strong": (counts.strong, listed("strong")),
        "harm_channel": (counts.harm_channel, listed("harm", "channel")),
        "density": (round(1000 * evidence / max(counts.n_syllables, 1)), ""),
        "head": (counts.head, ""),
    }
    rows = [
        (f, raw[f][0], features[f], model[f], model[f] * features[f], raw[f][1]) for f in FEATURES
    ]
    rows.append(("intercept", 0, 1.0, model["intercept"], model["intercept"], ""))
    columns = ["feature", "count", "value", "weight", "contribution", "terms"]
    return pd.DataFrame(rows, columns=columns)
