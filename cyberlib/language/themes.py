"""Which of the nine fixed themes each article and each sentence carries.

A theme is a lexicon of Vietnamese words and phrases (``cyberlib/data/themes.toml``).
Matching is on whole syllables of normalised text (NFC, one tone placement), case-
insensitive except for acronyms; at any position the longest term wins, and each term
belongs to one theme, so a phrase is counted once. Some terms of each theme are
``generic`` ("trẻ em", "đào tạo"): an article carries a theme only with at least one of its
specific terms, or, for the themes flagged ``generic_in_cyber_sentence`` (cooperation, law,
capacity building, children), a generic term in a sentence with cyber evidence ("hai nước hợp
tác về an ninh mạng"). Article scores are hits per 1,000 syllables (the ``n_words`` unit of
:func:`cyberlib.load_corpus`) of the themes carried, 0 for the others. ``top_theme`` is the
carried theme with the highest weighted count (a specific hit 1, a generic hit
``generic_weight``) times its ``rank`` weight (ties go to the earlier theme in
:data:`THEMES`), and ``None`` for an article that is not ``relevant`` (about cybercrime or
online harm, :mod:`cyberlib.language.relevance`) or carries no theme.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cyberlib.language.lexicon import Lexicon
from cyberlib.language.relevance import (
    RelevanceCounts,
    cyber_sentences_of_normalized,
    relevance_evidence,
    relevance_of,
    relevance_threshold,
    relevance_version,
    sentence_index,
)
from cyberlib.normalization import normalize
from cyberlib.resources import data_text, load_toml

if TYPE_CHECKING:
    import pandas as pd

    from cyberlib.language.parallel import Engine

__all__ = [
    "THEMES",
    "carried_themes_of",
    "count_themes",
    "relevance_evidence",
    "sentence_themes",
    "theme_scores",
    "themes_of_statistics",
]

THEMES = (
    "child_protection",
    "fraud_scams",
    "cyberattacks",
    "international_cooperation",
    "legal_framework",
    "law_enforcement",
    "technology_ai",
    "privacy_data",
    "capacity_building",
)
_SYLLABLES = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _generic_weight() -> float:
    """How much a generic hit weighs against a specific one when the top theme is chosen."""
    return float(load_toml("themes.toml").get("generic_weight", 1.0))


@lru_cache(maxsize=1)
def _promotable() -> frozenset[str]:
    """Themes whose generic terms carry the theme in a sentence with cyber evidence."""
    data = load_toml("themes.toml")
    return frozenset(t for t in THEMES if data[t].get("generic_in_cyber_sentence", False))


@lru_cache(maxsize=1)
def _lexicon() -> tuple[Lexicon, frozenset[str], dict[str, float]]:
    """The theme lexicon, its generic terms (lower-cased keys) and the ranking weights."""
    data = load_toml("themes.toml")
    lexicon = Lexicon.from_groups(((t, data[t]["terms"]) for t in THEMES), "themes.toml")
    generic: set[str] = set()
    for theme in THEMES:
        for term in data[theme].get("generic", []):
            key = normalize(term)
            key = key if key in lexicon.owner else key.lower()
            if lexicon.owner.get(key) != theme:
                raise ValueError(f"themes.toml: generic {term!r} is not a term of {theme}")
            generic.add(key)
    rank = {t: float(data[t].get("rank", 1.0)) for t in THEMES}
    return lexicon, frozenset(generic), rank


def count_themes(text: str) -> dict[str, int]:
    """Number of lexicon hits of each theme in ``text`` (themes without a hit left out).

    >>> count_themes("Tin tặc dùng mã độc tống tiền; công an đã khởi tố vụ án.")
    {'cyberattacks': 2, 'law_enforcement': 3}
    >>> count_themes("Hôm nay trời đẹp.")
    {}
    """
    return _count_themes(normalize(text))[0]


def _count_themes(
    text: str, cyber: frozenset[int] = frozenset()
) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Hits of each theme in normalised ``text``: all of them, the specific ones (of terms that
    are not generic) and the promoted ones (generic terms in a sentence of ``cyber``, the
    indexes of the sentences with cyber evidence, :func:`cyber_sentences_of_normalized`)."""
    lexicon, generic, _ = _lexicon()
    promotable = _promotable()
    counts: Counter[str] = Counter()
    specific: Counter[str] = Counter()
    promoted: Counter[str] = Counter()
    candidates: list[tuple[str, int]] = []  # generic hits that a cyber sentence promotes
    for term, theme, start in lexicon.finditer(text):
        counts[theme] += 1
        if term not in generic:
            specific[theme] += 1
        elif cyber and theme in promotable:
            candidates.append((theme, start))
    if candidates:
        where = sentence_index(text, [start for _, start in candidates])
        for (theme, _), sentence in zip(candidates, where, strict=True):
            if sentence in cyber:
                promoted[theme] += 1
    return tuple({t: c[t] for t in THEMES if c[t]} for c in (counts, specific, promoted))


def carried_themes_of(text: str) -> dict[str, int]:
    """The themes ``text`` carries on its own evidence: hits of each theme that has at least
    one specific hit. A generic term such as "trẻ em", "hợp tác" or "đào tạo" is specific
    only in a sentence with cyber evidence (a strong relevance term such as "an ninh mạng",
    or a harm word with a channel word); elsewhere it adds to a carried theme and alone
    carries nothing.

    >>> carried_themes_of("Nhà trường tuyển sinh lớp 1, trẻ em được đào tạo kỹ năng.")
    {}
    >>> carried_themes_of("Kẻ xấu dụ dỗ trẻ em gửi ảnh qua mạng xã hội.")
    {'child_protection': 2}
    >>> carried_themes_of("Hai nước hợp tác về an ninh mạng.")
    {'international_cooperation': 2}
    """
    counts, specific, promoted, _ = _doc_counts(text)
    return {t: n for t, n in counts.items() if t in specific or t in promoted}


_Counts = dict[str, int]


def _doc_counts(text: str) -> tuple[_Counts, _Counts, _Counts, RelevanceCounts]:
    """All, specific and promoted theme hits of ``text`` and its relevance counts, in one
    pass over the normalised text."""
    text = normalize(text)  # once: both lexicons read the normalised text
    relevance, cyber = cyber_sentences_of_normalized(text)
    return (*_count_themes(text, cyber), relevance)


def _decode_counts(value: list) -> tuple[_Counts, _Counts, _Counts, RelevanceCounts]:
    """A cached result read back from JSON (lists where the tuples were)."""
    *counts, relevance = value
    return (*counts, RelevanceCounts(*relevance))


def _lexicon_version() -> str:
    return hashlib.sha256(
        (data_text("themes.toml") + relevance_version() + _FORMAT).encode("utf-8")
    ).hexdigest()[:16]


_FORMAT = "all+specific+promoted+relevance/2"  # the shape of the cached per-article result


def theme_scores(
    corpus: Any,
    *,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
    threshold: float | None = None,
    explain: bool = False,
) -> pd.DataFrame:
    """One row per ``doc_id``: the score of each theme, ``relevance``, ``relevant`` and
    ``top_theme``.

    A theme's score is its lexicon hits per 1,000 syllables when the article carries the
    theme on specific evidence (:func:`carried_themes_of`), else 0. ``relevance`` (0–1) says
    how much the article is about cybercrime or online harm (:mod:`cyberlib.language.relevance`);
    ``relevant`` is ``relevance >= threshold`` (default: the threshold of the data file, 0.5).
    ``top_theme`` is the carried theme with the highest weighted count (generic hits weigh
    ``generic_weight``) times its ranking weight (``rank`` in themes.toml), and None for an
    article that is not relevant. With
    ``explain=True`` a last column ``evidence`` lists the relevance evidence found
    ("strong: mã độc×3; harm+channel: 2 sentences"; see :func:`relevance_evidence`).

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "Lừa đảo qua mạng xã hội\\nKẻ gian mạo danh công an gọi điện, chiếm đoạt tiền.",
    ...     "Trường tuyển sinh lớp 1\\nTrẻ em được đào tạo kỹ năng sống."]})
    >>> scores = theme_scores(corpus, cache=False)
    >>> scores[["doc_id", "relevant", "top_theme"]]
      doc_id  relevant    top_theme
    0      a      True  fraud_scams
    1      b     False         None
    >>> float(scores.loc[1, "capacity_building"]), float(scores.loc[1, "child_protection"])
    (0.0, 0.0)
    """
    import numpy as np
    import pandas as pd

    from cyberlib.language.parallel import map_texts
    from cyberlib.language.tokens import as_corpus

    corpus = as_corpus(corpus)
    texts = [str(t) for t in corpus["text"].fillna("")]
    results = map_texts(
        _doc_counts,
        texts,
        namespace="themes",
        params=_lexicon_version(),
        engine=engine,
        cache=cache,
        cache_dir=cache_dir,
        decode=_decode_counts,
    )
    _, _, rank = _lexicon()
    weight = _generic_weight()
    n = np.array([max(r[-1].n_syllables, 1) for r in results], dtype="float64")

    def frame(i: int) -> np.ndarray:
        data = pd.DataFrame([r[i] for r in results], columns=list(THEMES), dtype="float64")
        return data.fillna(0.0).to_numpy()

    hits_np, spec_np, promoted_np = frame(0), frame(1), frame(2)
    carried = (spec_np + promoted_np) > 0
    scores = pd.DataFrame(
        np.where(carried, 1000.0 * hits_np / n[:, None], 0.0), columns=list(THEMES)
    )
    relevance = np.array([relevance_of(r[-1]) for r in results], dtype="float64")
    cut = relevance_threshold() if threshold is None else float(threshold)
    relevant = relevance >= cut
    rank_np = np.array([rank[t] for t in THEMES])
    ranked = np.where(carried, (spec_np + weight * (hits_np - spec_np)) * rank_np, 0.0)
    themes = np.array(THEMES, dtype=object)
    best = [
        themes[row.argmax()] if ok and row.max() > 0 else None
        for row, ok in zip(ranked, relevant, strict=True)
    ]
    scores.insert(0, "doc_id", corpus["doc_id"].to_numpy())
    scores["relevance"] = relevance
    scores["relevant"] = relevant
    scores["top_theme"] = pd.Series(best, dtype=object)
    if explain:
        scores["evidence"] = [_evidence_line(text) for text in texts]
    return scores


def _evidence_line(text: str) -> str:
    ev = relevance_evidence(text).set_index("feature")
    parts = []
    if ev.loc["strong", "terms"]:
        parts.append("strong: " + ev.loc["strong", "terms"])
    if ev.loc["harm_channel", "count"]:
        n = int(ev.loc["harm_channel", "count"])
        parts.append(
            f"harm+channel: {n} sentence{'s' if n > 1 else ''} ({ev.loc['harm_channel', 'terms']})"
        )
    return "; ".join(parts)


def sentence_themes(
    corpus: Any,
    *,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
    relevant_only: bool = True,
) -> pd.DataFrame:
    """Long frame ``doc_id, sentence_id, start, end, sentence, theme, hits``: one row per
    sentence and theme it carries (sentences without a theme are left out). ``start`` and
    ``end`` index the corpus ``text``, like the offsets of the statistics frame.

    A sentence carries only themes its article carries (:func:`theme_scores`: the theme has
    specific evidence in the article), so a figure next to "trẻ em" in a fraud story is not a
    child-protection figure unless the story is also about child abuse. Sentences of articles
    that are not ``relevant`` carry no theme, as their articles have no ``top_theme``; with
    ``relevant_only=False`` they are tagged too (on the themes their article carries).

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "Hôm nay trời đẹp. Công an bắt tin tặc phát tán mã độc.",
    ...     "Trường tuyển sinh lớp 1. Trẻ em được đào tạo kỹ năng sống."]})
    >>> sentence_themes(corpus, cache=False)[["doc_id", "sentence_id", "theme", "hits"]]
      doc_id  sentence_id         theme  hits
    0      a            1  cyberattacks     2
    """
    import pandas as pd

    from cyberlib.language.tokens import analyse_corpus, as_corpus

    corpus = as_corpus(corpus)
    scores = theme_scores(corpus, engine=engine, cache=cache, cache_dir=cache_dir)
    carried = scores[list(THEMES)].to_numpy() > 0
    keep = scores["relevant"].to_numpy() if relevant_only else carried.any(axis=1)
    corpus = corpus.reset_index(drop=True)[keep]
    carried = carried[keep]
    analyses = analyse_corpus(corpus, engine=engine, cache=cache, cache_dir=cache_dir)
    rows = []
    for doc_id, text, analysis, flags in zip(
        corpus["doc_id"], corpus["text"], analyses, carried, strict=True
    ):
        own = {t for t, flag in zip(THEMES, flags, strict=True) if flag}
        for sid, (start, end, _) in enumerate(analysis):
            sentence = text[start:end]
            for theme, hits in count_themes(sentence).items():
                if theme in own:
                    rows.append((doc_id, sid, start, end, sentence, theme, hits))
    columns = ["doc_id", "sentence_id", "start", "end", "sentence", "theme", "hits"]
    return pd.DataFrame(rows, columns=columns)


def themes_of_statistics(stats: pd.DataFrame, sent_themes: pd.DataFrame) -> pd.DataFrame:
    """The statistics frame with a ``theme`` column: one row per figure and theme of the
    sentence that contains it (by ``doc_id`` and offsets); ``theme`` is None when the
    sentence carries no theme.

    >>> import pandas as pd
    >>> stats = pd.DataFrame({"doc_id": ["a", "a"], "start": [3, 40], "end": [9, 45]})
    >>> sents = pd.DataFrame({"doc_id": ["a", "a"], "sentence_id": [0, 0], "start": [0, 0],
    ...                       "end": [20, 20], "theme": ["fraud_scams", "law_enforcement"]})
    >>> themes_of_statistics(stats, sents)
      doc_id  start  end            theme
    0      a      3    9      fraud_scams
    1      a      3    9  law_enforcement
    2      a     40   45             None
    """
    import pandas as pd

    stats = stats.reset_index(drop=True)
    left = stats[["doc_id", "start", "end"]].assign(_row=range(len(stats)))
    right = sent_themes[["doc_id", "start", "end", "theme"]]
    pairs = left.merge(right, on="doc_id", suffixes=("", "_s"))
    inside = (pairs["start"] >= pairs["start_s"]) & (pairs["end"] <= pairs["end_s"])
    hits = pairs.loc[inside, ["_row", "theme"]].drop_duplicates()
    out = stats.assign(_row=range(len(stats))).merge(hits, on="_row", how="left")
    out["theme"] = out["theme"].astype(object).where(out["theme"].notna(), None)
    return pd.DataFrame(out.drop(columns="_row").reset_index(drop=True))
