"""Distinctive words of each article: TF-IDF over underthesea words.

Only words of two or more syllables count ("an ninh mạng", "trẻ em"): single syllables
are mostly function words or fragments in Vietnamese. Stopwords, punctuation and numbers
are removed first (:func:`cyberlib.tokenize` with ``stopwords=True``). Words are compared
lowercased and normalised; a word keeps its capitals only when every syllable of every
occurrence in the corpus is capitalised, as in names ("Việt Nam", "Lê Quý Vương").
Scores are scikit-learn ``TfidfVectorizer`` weights (smoothed IDF, L2-normalised rows),
so they compare within one corpus only.
"""

from __future__ import annotations

import os
from collections import Counter
from typing import TYPE_CHECKING, Any

from cyberlib.normalization import normalize

if TYPE_CHECKING:
    import pandas as pd

    from cyberlib.language.parallel import Engine

__all__ = ["keywords"]


def _identity(tokens: list[str]) -> list[str]:
    return tokens


def _words(analysis: list[tuple[int, int, list[str]]], surfaces: dict[str, Counter]) -> list[str]:
    from cyberlib.language.tokens import _filter

    out = []
    for _, _, tokens in analysis:
        for token in _filter(tokens, True, True, True):
            token = " ".join(normalize(token).split())
            if " " not in token:
                continue
            key = token.lower()
            surfaces.setdefault(key, Counter())[token] += 1
            out.append(key)
    return out


def _display(key: str, seen: Counter) -> str:
    if all(all(w[:1].isupper() for w in form.split()) for form in seen):
        return seen.most_common(1)[0][0]
    return key


def keywords(
    corpus: Any,
    top: int = 20,
    *,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
) -> pd.DataFrame:
    """Long frame ``doc_id, keyword, score``: the ``top`` highest TF-IDF words of each
    article, best first (ties in alphabetical order).

    >>> import pandas as pd
    >>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": [
    ...     "Lừa đảo trực tuyến tăng mạnh ở Việt Nam. Kẻ lừa đảo hoạt động trên mạng xã hội.",
    ...     "Trẻ em cần được bảo vệ trên mạng xã hội."]})
    >>> keywords(corpus, top=2, cache=False)[["doc_id", "keyword"]].values.tolist()
    [['a', 'lừa đảo'], ['a', 'trực tuyến'], ['b', 'bảo vệ'], ['b', 'trẻ em']]
    """
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer

    from cyberlib.language.tokens import analyse_corpus, as_corpus

    corpus = as_corpus(corpus)
    analyses = analyse_corpus(corpus, engine=engine, cache=cache, cache_dir=cache_dir)
    surfaces: dict[str, Counter] = {}
    docs = [_words(a, surfaces) for a in analyses]
    columns = ["doc_id", "keyword", "score"]
    if not any(docs):
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(columns, "OOf", strict=True)})
    vectorizer = TfidfVectorizer(analyzer=_identity, lowercase=False)
    matrix = vectorizer.fit_transform(docs).tocsr()
    vocab = vectorizer.get_feature_names_out()
    rows = []
    for doc_id, k in zip(corpus["doc_id"], range(matrix.shape[0]), strict=True):
        row = matrix.getrow(k)
        best = sorted(zip(row.data, row.indices, strict=True), key=lambda x: (-x[0], vocab[x[1]]))
        for score, j in best[:top]:
            rows.append((doc_id, _display(vocab[j], surfaces[vocab[j]]), float(score)))
    return pd.DataFrame(rows, columns=columns)
