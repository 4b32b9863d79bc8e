"""Distinctive words of each article: TF-IDF over underthesea words.

Only words of two or more syllables count ("an ninh mạng", "trẻ em"): single syllables
are mostly function words or fragments in Vietnamese. Stopwords, punctuation and numbers
are removed first (:func:`cyberlib.tokenize` with ``stopwords=True``). Words are compared
lowercased and normalised; a word keeps its capitals only when every syllable of every
occurrence in the corpus is capitalised, as in names ("Việt Nam", "Lê Quý Vương").
Scores are the weights of scikit-learn's ``TfidfVectorizer`` with its defaults (raw
counts times smoothed IDF ``ln((1 + n) / (1 + df)) + 1``, rows L2-normalised), so they
compare within one corpus only. They are computed with pandas from a table of term counts
(:func:`document_terms`), so that :func:`cyberlib.analyze` can count terms partition by
partition and score them over the whole corpus at the end, with the same result.
"""

from __future__ import annotations

import os
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cyberlib.normalization import normalize

if TYPE_CHECKING:
    from collections.abc import Sequence

    import pandas as pd

    from cyberlib.language.parallel import Engine
    from cyberlib.language.tokens import Analysis

__all__ = ["document_terms", "keywords", "score_keywords", "term_display"]

KEYWORD_COLUMNS = ["doc_id", "keyword", "score"]


@lru_cache(maxsize=1 << 18)
def _word(token: str) -> str | None:
    """The normalised form of a token that can be a keyword, else None (one syllable,
    stopword, punctuation, number). Cached: a corpus repeats its words."""
    from cyberlib.language.tokens import _NUMBER, _WORDCHAR, stopwords

    token = " ".join(normalize(token).split())
    if " " not in token or not _WORDCHAR.search(token) or _NUMBER.fullmatch(token):
        return None
    return None if token.lower() in stopwords() else token


def _words(analysis: Analysis) -> list[str]:
    out = []
    for _, _, tokens in analysis:
        for token in tokens:
            if " " in token:  # one syllable never counts: skip the lookup
                word = _word(token)
                if word is not None:
                    out.append(word)
    return out


def document_terms(
    doc_ids: Sequence[Any], analyses: Sequence[Analysis]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Term counts of each article and the spellings seen, from segmented articles.

    Returns ``terms`` (``doc_id, term, count``: ``term`` lowercased, articles in the given
    order) and ``forms`` (``term, form, count``: how often each spelling occurred).

    >>> terms, forms = document_terms(["a"], [[(0, 9, ["Việt Nam", "và", "việt nam"])]])
    >>> terms.values.tolist(), forms.values.tolist()
    ([['a', 'việt nam', 2]], [['việt nam', 'Việt Nam', 1], ['việt nam', 'việt nam', 1]])
    """
    import pandas as pd

    rows: list[tuple[Any, str, int]] = []
    seen: Counter[tuple[str, str]] = Counter()
    for doc_id, analysis in zip(doc_ids, analyses, strict=True):
        counts: Counter[str] = Counter()
        for word in _words(analysis):
            key = word.lower()
            counts[key] += 1
            seen[(key, word)] += 1
        rows.extend((doc_id, key, n) for key, n in counts.items())
    terms = pd.DataFrame(rows, columns=["doc_id", "term", "count"]).astype({"count": "int64"})
    form_rows = [(key, form, n) for (key, form), n in sorted(seen.items())]
    forms = pd.DataFrame(form_rows, columns=["term", "form", "count"]).astype({"count": "int64"})
    return terms, forms


def _all_capitalised(form: str) -> bool:
    return all(w[:1].isupper() for w in form.split())


def term_display(forms: pd.DataFrame) -> pd.Series:
    """How each term is shown: its most frequent spelling when every spelling of it has
    every syllable capitalised (names: "Việt Nam"), else the lowercase term. ``forms`` may
    hold one term several times (e.g. one row per partition); counts are added up.

    >>> import pandas as pd
    >>> forms = pd.DataFrame({"term": ["việt nam", "lừa đảo", "lừa đảo"],
    ...                       "form": ["Việt Nam", "Lừa đảo", "lừa đảo"], "count": [3, 1, 4]})
    >>> term_display(forms).to_dict()
    {'lừa đảo': 'lừa đảo', 'việt nam': 'Việt Nam'}
    """
    import pandas as pd

    if forms.empty:
        return pd.Series(dtype=object)
    totals = forms.groupby(["term", "form"], sort=True)["count"].sum().reset_index()
    caps = totals["form"].map(_all_capitalised)
    named = caps.groupby(totals["term"]).all()
    best = totals.sort_values(["term", "count", "form"], ascending=[True, False, True])
    first = best.drop_duplicates("term").set_index("term")["form"]
    out = pd.Series(named.index.to_numpy(), index=named.index, dtype=object)
    out[named] = first[named[named].index]
    return out


def score_keywords(
    terms: pd.DataFrame,
    doc_freq: pd.Series,
    n_docs: int,
    display: pd.Series,
    top: int = 20,
) -> pd.DataFrame:
    """Long frame ``doc_id, keyword, score`` from term counts (:func:`document_terms`),
    the number of articles containing each term and the number of articles in the corpus:
    the ``top`` best of each article, best first, ties in alphabetical order.

    >>> import pandas as pd
    >>> terms = pd.DataFrame({"doc_id": ["a", "a", "b"], "term": ["lừa đảo", "trẻ em", "trẻ em"],
    ...                       "count": [2, 1, 1]})
    >>> df = terms.groupby("term").size()
    >>> display = pd.Series({"lừa đảo": "lừa đảo", "trẻ em": "trẻ em"})
    >>> score_keywords(terms, df, 2, display).round(3).values.tolist()
    [['a', 'lừa đảo', 0.942], ['a', 'trẻ em', 0.335], ['b', 'trẻ em', 1.0]]
    """
    import numpy as np
    import pandas as pd

    if terms.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype=t) for c, t in zip(KEYWORD_COLUMNS, "OOf", strict=True)}
        )
    idf = np.log((1.0 + n_docs) / (1.0 + doc_freq.reindex(terms["term"]).to_numpy(float))) + 1.0
    weight = terms["count"].to_numpy(float) * idf
    pos = pd.factorize(terms["doc_id"])[0]
    norm = np.sqrt(np.bincount(pos, weights=weight * weight))
    frame = pd.DataFrame(
        {"_pos": pos, "doc_id": terms["doc_id"].to_numpy(), "term": terms["term"].to_numpy(),
         "score": weight / norm[pos]}
    )  # fmt: skip
    frame = frame.sort_values(
        ["_pos", "score", "term"], ascending=[True, False, True], kind="stable"
    )
    frame = frame.groupby("_pos", sort=False).head(top)
    keyword = display.reindex(frame["term"]).to_numpy()
    out = pd.DataFrame({"doc_id": frame["doc_id"].to_numpy(), "keyword": keyword,
                        "score": frame["score"].to_numpy(float)})  # fmt: skip
    return out


def keywords(
    corpus: Any,
    top: int = 20,
    *,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
    analyses: Sequence[Analysis] | None = None,
) -> pd.DataFrame:
    """Long frame ``doc_id, keyword, score``: the ``top`` highest TF-IDF words of each
    article, best first (ties in alphabetical order). ``analyses`` (one
    :func:`~cyberlib.language.tokens.analyse` result per article) skips the segmentation.

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "Lừa đảo trực tuyến tăng mạnh ở Việt Nam. Kẻ lừa đảo hoạt động trên mạng xã hội.",
    ...     "Trẻ em cần được bảo vệ trên mạng xã hội."]})
    >>> keywords(corpus, top=2, cache=False)[["doc_id", "keyword"]].values.tolist()
    [['a', 'lừa đảo'], ['a', 'trực tuyến'], ['b', 'bảo vệ'], ['b', 'trẻ em']]
    """
    from cyberlib.language.tokens import analyse_corpus, as_corpus

    corpus = as_corpus(corpus)
    if analyses is None:
        analyses = analyse_corpus(corpus, engine=engine, cache=cache, cache_dir=cache_dir)
    elif len(analyses) != len(corpus):
        raise ValueError(f"{len(analyses)} analyses for {len(corpus)} articles")
    terms, forms = document_terms(corpus["doc_id"].tolist(), analyses)
    doc_freq = terms.groupby("term").size()
    return score_keywords(terms, doc_freq, len(corpus), term_display(forms), top)
