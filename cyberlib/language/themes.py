"""Which of the nine fixed themes each article and each sentence carries.

A theme is a lexicon of Vietnamese words and phrases (``cyberlib/data/themes.toml``).
Matching is on whole syllables of normalised text (NFC, one tone placement), case-
insensitive except for acronyms; at any position the longest term wins, and each term
belongs to one theme, so a phrase is counted once. Article scores are hits per 1,000
syllables (the ``n_words`` unit of :func:`cyberlib.load_corpus`); ``top_theme`` is the
highest score (ties go to the earlier theme in :data:`THEMES`; ``None`` with no hit).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cyberlib.normalization import normalize
from cyberlib.resources import data_text, load_toml

if TYPE_CHECKING:
    import pandas as pd

    from cyberlib.language.parallel import Engine

__all__ = ["THEMES", "count_themes", "sentence_themes", "theme_scores", "themes_of_statistics"]

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
_CAPITALS = re.compile(r"[A-ZĐ]")


def _case_sensitive(term: str) -> bool:
    return len(_CAPITALS.findall(term)) >= 2


@lru_cache(maxsize=1)
def _lexicon() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every term (longest first) and the map term -> theme."""
    data = load_toml("themes.toml")
    owner: dict[str, str] = {}
    for theme in THEMES:
        for term in data[theme]["terms"]:
            term = normalize(term)
            key = term if _case_sensitive(term) else term.lower()
            if owner.setdefault(key, theme) != theme:
                raise ValueError(f"themes.toml: {term!r} is in {owner[key]} and {theme}")
    alternatives = []
    for key in sorted(owner, key=len, reverse=True):
        body = r"\s+".join(re.escape(part) for part in key.split())
        alternatives.append(f"(?-i:{body})" if _case_sensitive(key) else body)
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.I)
    return pattern, owner


def count_themes(text: str) -> dict[str, int]:
    """Number of lexicon hits of each theme in ``text`` (themes without a hit left out).

    >>> count_themes("Tin tặc dùng mã độc tống tiền; công an đã khởi tố vụ án.")
    {'cyberattacks': 2, 'law_enforcement': 3}
    >>> count_themes("Hôm nay trời đẹp.")
    {}
    """
    pattern, owner = _lexicon()
    counts: Counter[str] = Counter()
    for m in pattern.finditer(normalize(text)):
        found = " ".join(m.group().split())
        counts[owner.get(found) or owner[found.lower()]] += 1
    return {t: counts[t] for t in THEMES if counts[t]}


def _doc_counts(text: str) -> tuple[dict[str, int], int]:
    return count_themes(text), len(_SYLLABLES.findall(normalize(text)))


def _lexicon_version() -> str:
    return hashlib.sha256(data_text("themes.toml").encode("utf-8")).hexdigest()[:16]


def theme_scores(
    corpus: Any,
    *,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """One row per ``doc_id``: lexicon hits per 1,000 syllables of each theme, and ``top_theme``.

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Trẻ em bị dụ dỗ qua các mạng xã hội."]})
    >>> row = theme_scores(corpus, cache=False).iloc[0]
    >>> float(row["child_protection"]), float(row["technology_ai"]), row["top_theme"]
    (200.0, 100.0, 'child_protection')
    """
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
    )
    per_1000 = [{t: 1000.0 * counts.get(t, 0) / max(n, 1) for t in THEMES} for counts, n in results]
    scores = pd.DataFrame(per_1000, columns=list(THEMES), dtype="float64")
    best = [
        t if m > 0 else None for t, m in zip(scores.idxmax(axis=1), scores.max(axis=1), strict=True)
    ]
    scores.insert(0, "doc_id", corpus["doc_id"].to_numpy())
    scores["top_theme"] = pd.Series(best, dtype=object)
    return scores


def sentence_themes(
    corpus: Any,
    *,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Long frame ``doc_id, sentence_id, start, end, sentence, theme, hits``: one row per
    sentence and theme it carries (sentences without a theme are left out). ``start`` and
    ``end`` index the corpus ``text``, like the offsets of the statistics frame.

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a"], "text": ["Hôm nay trời đẹp. Công an bắt tin tặc."]})
    >>> sentence_themes(corpus, cache=False)[["sentence_id", "start", "end", "theme", "hits"]]
       sentence_id  start  end            theme  hits
    0            1     18   38     cyberattacks     1
    1            1     18   38  law_enforcement     1
    """
    import pandas as pd

    from cyberlib.language.tokens import analyse_corpus, as_corpus

    corpus = as_corpus(corpus)
    analyses = analyse_corpus(corpus, engine=engine, cache=cache, cache_dir=cache_dir)
    rows = []
    for doc_id, text, analysis in zip(corpus["doc_id"], corpus["text"], analyses, strict=True):
        for sid, (start, end, _) in enumerate(analysis):
            sentence = text[start:end]
            for theme, hits in count_themes(sentence).items():
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
