"""Reshape cyberlib frames for comparison: hedge classes, periods, shared items, co-occurrence.

Pure pandas, no matplotlib: the notebooks and :mod:`cyberlib.plots` both use these, so the
logic lives here once. The vocabulary (which qualifier is which hedge class, which units are
money) is data: ``cyberlib/data/figure_kinds.toml``.

>>> from cyberlib.comparison.reshape import hedge_class
>>> hedge_class("order_of")  # "hàng trăm tỷ USD"
'order'
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import pandas as pd

from cyberlib.resources import load_toml

_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


def _kinds() -> dict:
    return load_toml("figure_kinds.toml")


def hedge_classes() -> list[str]:
    """The hedge classes, from the most to the least precise.

    >>> hedge_classes()
    ['exact', 'bound', 'approximate', 'order']
    """
    return list(_kinds()["hedge"]["order"])


def hedge_label(cls: str) -> str:
    """Vietnamese label of a hedge class, for legends.

    >>> hedge_label("approximate")
    'xấp xỉ (khoảng, gần)'
    """
    return _kinds()["hedge"]["labels"].get(cls, cls)


def hedge_class(qualifier: str | None) -> str:
    """Map a statistics ``qualifier`` to its hedge class.

    ``exact`` for plain numbers, ``bound`` for one-sided ones (hơn, dưới, lên tới),
    ``approximate`` for khoảng/gần, ``order`` for hàng chục/hàng trăm.

    >>> [hedge_class(q) for q in ["exact", "more_than", "approx", "order_of", None]]
    ['exact', 'bound', 'approximate', 'order', 'exact']
    """
    hedge = _kinds()["hedge"]
    if qualifier is None or (isinstance(qualifier, float) and qualifier != qualifier):
        return hedge["default"]
    return hedge["classes"].get(str(qualifier), hedge["default"])


def figure_kind(unit: str | None) -> str:
    """Kind of a figure for comparisons: money units collapse to ``money``, others stay.

    >>> figure_kind("usd"), figure_kind("vnd"), figure_kind("case")
    ('money', 'money', 'case')
    """
    money = _kinds()["money"]
    if unit is None or (isinstance(unit, float) and unit != unit):
        return "unknown"
    return money["kind"] if str(unit) in set(money["codes"]) else str(unit)


def period_span(period: str | None) -> tuple[int | None, int | None]:
    """First and last year named in a ``period`` ("2024", "2024–2028"); (None, None) if none.

    Relative periods ("mỗi năm", "năm qua") name no year and give (None, None).

    >>> period_span("năm 2024"), period_span("2024–2028"), period_span("mỗi năm")
    ((2024, 2024), (2024, 2028), (None, None))
    """
    if not isinstance(period, str):
        return (None, None)
    years = [int(y) for y in _YEAR.findall(period)]
    if not years:
        return (None, None)
    return (min(years), max(years))


def hedge_shares(stats: pd.DataFrame, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Share of each hedge class among the figures of each article (rows sum to 1).

    Returns one row per ``doc_id`` and one column per hedge class, plus ``n_figures``.
    Articles in ``doc_ids`` without any figure get zeros.

    >>> stats = pd.DataFrame({"doc_id": ["a", "a", "b"],
    ...                       "qualifier": ["exact", "more_than", "order_of"]})
    >>> shares = hedge_shares(stats)
    >>> shares[["exact", "bound", "order", "n_figures"]]  # doctest: +NORMALIZE_WHITESPACE
            exact  bound  order  n_figures
    doc_id
    a         0.5    0.5    0.0          2
    b         0.0    0.0    1.0          1
    """
    classes = hedge_classes()
    cls = stats["qualifier"].map(hedge_class)
    counts = pd.crosstab(stats["doc_id"], cls).reindex(columns=classes, fill_value=0)
    if doc_ids is not None:
        counts = counts.reindex(list(doc_ids), fill_value=0)
    total = counts.sum(axis=1)
    shares = counts.div(total.where(total > 0, 1), axis=0).astype(float)
    shares["n_figures"] = total.astype(int)
    shares.index.name = "doc_id"
    shares.columns.name = None
    return shares


def items_by_doc(long: pd.DataFrame, item: str, doc: str = "doc_id") -> dict[str, set[str]]:
    """Set of distinct ``item`` values per document of a long frame.

    >>> long = pd.DataFrame({"doc_id": ["a", "a", "b"], "theme": ["x", "y", "x"]})
    >>> sets = items_by_doc(long, "theme")
    >>> sorted(sets["a"]), sorted(sets["b"])
    (['x', 'y'], ['x'])
    """
    out: dict[str, set[str]] = {}
    for d, value in zip(long[doc], long[item], strict=True):
        if isinstance(value, str) and value:
            out.setdefault(str(d), set()).add(value)
    return out


def shared_pairs(
    long: pd.DataFrame,
    item: str,
    doc: str = "doc_id",
    doc_ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """For each pair of articles, the ``item`` values they share.

    Returns ``doc_a, doc_b, n_shared, shared`` (shared items sorted, joined by ", "),
    one row per unordered pair, pairs in sorted order.

    >>> themes = pd.DataFrame({"doc_id": ["a", "a", "b", "c"],
    ...                        "theme": ["fraud_scams", "child_protection",
    ...                                  "fraud_scams", "legal_framework"]})
    >>> shared_pairs(themes, "theme")  # doctest: +NORMALIZE_WHITESPACE
      doc_a doc_b  n_shared       shared
    0     a     b         1  fraud_scams
    1     a     c         0
    2     b     c         0
    """
    sets = items_by_doc(long, item, doc)
    docs = sorted(set(doc_ids) if doc_ids is not None else set(map(str, long[doc])))
    rows = []
    for a, b in itertools.combinations(docs, 2):
        common = sorted(sets.get(a, set()) & sets.get(b, set()))
        rows.append({"doc_a": a, "doc_b": b, "n_shared": len(common), "shared": ", ".join(common)})
    return pd.DataFrame(rows, columns=["doc_a", "doc_b", "n_shared", "shared"])


def pair_matrix(
    long: pd.DataFrame,
    item: str,
    doc: str = "doc_id",
    doc_ids: Iterable[str] | None = None,
    top: int | None = None,
) -> pd.DataFrame:
    """Square article × article frame: number of distinct ``item`` values both carry.

    The diagonal is the number of distinct values the article carries itself. With
    ``top``, only the ``top`` articles sharing the most with all the others are kept (ties
    by id); that choice is linear in the corpus size (each article's total is the sum, over
    its items, of how many other articles carry the item), so a large corpus never builds
    its N × N matrix.

    >>> kinds = pd.DataFrame({"doc_id": ["a", "a", "b"], "kind": ["money", "case", "money"]})
    >>> pair_matrix(kinds, "kind")  # doctest: +NORMALIZE_WHITESPACE
    doc_id  a  b
    doc_id
    a       2  1
    b       1  1
    >>> list(pair_matrix(kinds.assign(doc_id=["a", "a", "c"]).pipe(
    ...     lambda f: pd.concat([f, kinds.iloc[[2]].assign(doc_id="d")])), "kind", top=2).index)
    ['a', 'c']
    """
    sets = items_by_doc(long, item, doc)
    docs = sorted(set(doc_ids) if doc_ids is not None else set(map(str, long[doc])))
    if top is not None and len(docs) > top:
        carriers: dict[str, int] = {}
        for d in docs:
            for value in sets.get(d, ()):
                carriers[value] = carriers.get(value, 0) + 1
        shared = {d: sum(carriers[v] - 1 for v in sets.get(d, ())) for d in docs}
        docs = sorted(sorted(docs, key=lambda d: (-shared[d], d))[:top])
    data = [[len(sets.get(a, set()) & sets.get(b, set())) for b in docs] for a in docs]
    idx = pd.Index(docs, name="doc_id")
    return pd.DataFrame(data, index=idx, columns=idx.copy())


def carried_themes(scores: pd.DataFrame, min_score: float = 10.0) -> pd.DataFrame:
    """Long frame ``doc_id, theme, score`` of the themes an article carries.

    ``scores`` is the frame of :func:`cyberlib.theme_scores` (lexicon hits per 1,000
    syllables); an article carries a theme when its score reaches ``min_score``
    (10 = one theme word in every hundred syllables). Rows sorted by article, then score.

    >>> scores = pd.DataFrame({"doc_id": ["a", "b"], "child_protection": [26.1, 0.0],
    ...                        "legal_framework": [4.8, 32.8], "top_theme": ["x", "y"]})
    >>> carried_themes(scores)  # doctest: +NORMALIZE_WHITESPACE
      doc_id             theme  score
    0      a  child_protection   26.1
    1      b   legal_framework   32.8
    """
    frame = scores.set_index("doc_id").select_dtypes("number")
    frame = frame.drop(columns=["relevance"], errors="ignore")  # 0-1, not a theme
    long = frame.stack().rename("score").reset_index()
    long.columns = ["doc_id", "theme", "score"]
    long = long[long["score"] >= min_score]
    long = long.sort_values(["doc_id", "score", "theme"], ascending=[True, False, True])
    return long.reset_index(drop=True)


def theme_cooccurrence(sent_themes: pd.DataFrame) -> pd.DataFrame:
    """Square theme × theme frame: how many sentences carry both themes.

    ``sent_themes`` is the long frame of :func:`cyberlib.sentence_themes`
    (``doc_id, sentence_id, …, theme``); the diagonal counts the sentences of each theme.

    >>> st = pd.DataFrame({"doc_id": ["a", "a", "a"], "sentence_id": [0, 0, 1],
    ...                    "theme": ["fraud_scams", "technology_ai", "fraud_scams"]})
    >>> theme_cooccurrence(st)  # doctest: +NORMALIZE_WHITESPACE
    theme          fraud_scams  technology_ai
    theme
    fraud_scams              2              1
    technology_ai            1              1
    """
    st = sent_themes.dropna(subset=["theme"])
    themes = sorted(set(st["theme"]))
    onehot = (
        pd.crosstab([st["doc_id"], st["sentence_id"]], st["theme"])
        .reindex(columns=themes, fill_value=0)
        .clip(upper=1)
    )
    co = onehot.T @ onehot
    co.index.name = "theme"
    co.columns.name = "theme"
    return co.astype(int)
