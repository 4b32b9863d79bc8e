"""Charts of themes, entities and the pairwise comparison of articles."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from cyberlib.plots.style import (
    CELL_LABELS_MAX,
    PER_ARTICLE_MAX,
    TOP_N,
    _axes,
    _clip,
    _counts_axis,
    _empty,
    _heatmap,
    _label,
    _ranked_bars,
    short_id,
)

# --------------------------------------------------------------------------- themes


def theme_heatmap(scores: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Heatmap of theme scores, articles × themes (the frame of :func:`cyberlib.theme_scores`).

    >>> scores = pd.DataFrame({"doc_id": ["a", "b"], "fraud_scams": [0.7, 0.1],
    ...                        "child_protection": [0.0, 0.9], "top_theme": ["x", "y"]})
    >>> theme_heatmap(scores).get_title()
    'Điểm chủ đề theo bài'
    """
    frame = scores.set_index("doc_id") if "doc_id" in scores.columns else scores
    if len(frame) > PER_ARTICLE_MAX:
        return _top_themes(frame, ax)
    frame = frame.select_dtypes("number").drop(columns=["relevance"], errors="ignore")
    frame.index = [short_id(d) for d in frame.index]
    ax = _axes(ax, 0.45 * len(frame) + 2.5)
    if frame.empty or frame.shape[1] == 0:
        return _empty(ax, "Điểm chủ đề theo bài")
    return _heatmap(
        frame,
        ax,
        title="Điểm chủ đề theo bài",
        xlabel="chủ đề (theme)",
        ylabel="bài viết",
        cbar_label="điểm (score)",
        fmt="{:.1f}",
        cmap="YlGnBu",
    )


def _top_themes(frame: pd.DataFrame, ax: Axes | None) -> Axes:
    """Bars: how many articles have each theme as their top theme."""
    if "top_theme" in frame.columns:
        top = frame["top_theme"]
    else:
        num = frame.select_dtypes("number").drop(columns=["relevance"], errors="ignore")
        top = num.idxmax(axis=1).where(num.max(axis=1) > 0)
    top = top.map(lambda t: _label(t) if isinstance(t, str) and t else None)
    return _ranked_bars(
        top,
        ax,
        missing="(không chủ đề)",
        color="#117a65",
        title=f"Chủ đề chính của bài ({len(frame):,} bài)",
        xlabel="số bài (articles)",
        ylabel="chủ đề chính (top theme)",
    )


def theme_cooccurrence(
    co: pd.DataFrame,
    ax: Axes | None = None,
    *,
    title: str = "Chủ đề cùng xuất hiện trong một câu",
    what: str = "số câu có cả hai chủ đề",
) -> Axes:
    """Heatmap of a theme × theme co-occurrence frame.

    The frame is :func:`cyberlib.comparison.reshape.theme_cooccurrence`.

    >>> co = pd.DataFrame([[3, 1], [1, 2]], index=["fraud_scams", "technology_ai"],
    ...                   columns=["fraud_scams", "technology_ai"])
    >>> theme_cooccurrence(co).get_title()
    'Chủ đề cùng xuất hiện trong một câu'
    """
    ax = _axes(ax, 0.5 * len(co) + 2.5)
    if co.empty:
        return _empty(ax, title)
    ax = _heatmap(
        co,
        ax,
        title=title,
        xlabel="chủ đề",
        ylabel="chủ đề",
        cbar_label=what,
        cmap="Purples",
        diagonal_as_text=True,
    )
    ax.set_aspect("equal")
    return ax


def themes_with_figures(stat_themes: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """How many figures stand in sentences of each theme (figures × sentence themes).

    ``stat_themes`` has one row per (figure, theme) with a ``theme`` column; figures in
    sentences with no theme are counted as "(không chủ đề)".

    >>> st = pd.DataFrame({"surface": ["381 vụ", "381 vụ", "44%"],
    ...                    "theme": ["child_protection", "law_enforcement", None]})
    >>> themes_with_figures(st).get_title()
    'Chủ đề mang số liệu'
    """
    return _ranked_bars(
        stat_themes["theme"],
        ax,
        missing="(không chủ đề)",
        color="#6c3483",
        title="Chủ đề mang số liệu",
        xlabel="số số liệu trong các câu thuộc chủ đề",
        ylabel="chủ đề (theme)",
    )


def entities_per_article(ents: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Stacked bars: distinct entities each article names, by kind (org, person, …).

    >>> ents = pd.DataFrame({"doc_id": ["a", "a", "b"], "entity": ["FBI", "Lê Xuân Minh", "Anh"],
    ...                      "kind": ["org", "person", "country"]})
    >>> entities_per_article(ents).get_title()
    'Thực thể được nêu tên trong mỗi bài'
    """
    title = "Thực thể được nêu tên trong mỗi bài"
    kinds = ["person", "org", "location", "country"]
    colors = {"person": "#16a085", "org": "#2e86c1", "location": "#f39c12", "country": "#c0392b"}
    if ents["doc_id"].nunique() > PER_ARTICLE_MAX:
        return _top_entities(ents, ax, colors)
    counts = pd.crosstab(ents["doc_id"], ents["kind"], values=ents["entity"], aggfunc="nunique")
    counts = counts.fillna(0).astype(int)
    extra = sorted(c for c in counts.columns if c not in kinds)
    cols = [k for k in kinds if k in counts.columns] + extra
    ax = _axes(ax, 0.5 * len(counts) + 2.0)
    if counts.empty:
        return _empty(ax, title)
    y = np.arange(len(counts))
    left = np.zeros(len(counts))
    for k in cols:
        vals = counts[k].to_numpy()
        ax.barh(y, vals, left=left, label=k, color=colors.get(k, "0.5"))
        left += vals
    ax.set_yticks(y, [short_id(d) for d in counts.index])
    ax.invert_yaxis()
    ax.legend(fontsize=8, loc="lower right")
    ax.set_title(title)
    _counts_axis(ax.xaxis)
    ax.set_xlabel("số thực thể khác nhau")
    ax.set_ylabel("bài viết")
    return ax


def _top_entities(ents: pd.DataFrame, ax: Axes | None, colors: dict[str, str]) -> Axes:
    """Bars: the entities named by the most articles (top N), coloured by kind."""
    named = ents.drop_duplicates(["doc_id", "entity", "kind"])
    counts = named.groupby(["entity", "kind"]).size().reset_index(name="n")
    counts = counts.sort_values(["n", "entity"], ascending=[False, True], kind="stable")
    top = counts.head(TOP_N)
    title = (f"Thực thể được nhiều bài nêu tên nhất ({TOP_N} đầu, "
             f"{named['doc_id'].nunique():,} bài)")  # fmt: skip
    ax = _axes(ax, 0.36 * len(top) + 1.5)
    if top.empty:
        return _empty(ax, title)
    y = np.arange(len(top))
    bars = ax.barh(y, top["n"].to_numpy(), color=[colors.get(k, "0.5") for k in top["kind"]])
    ax.bar_label(bars, padding=3, fontsize=9, fmt="{:,.0f}")
    ax.set_yticks(y, [f"{_clip(e, 34)} ({k})" for e, k in zip(top["entity"], top["kind"],
                                                               strict=True)])  # fmt: skip
    ax.invert_yaxis()
    ax.margins(x=0.1)
    _counts_axis(ax.xaxis)
    ax.set_title(title)
    ax.set_xlabel("số bài nêu tên (articles)")
    ax.set_ylabel("thực thể (loại)")
    return ax


# --------------------------------------------------------------------------- comparison


def pair_heatmap(
    matrix: pd.DataFrame,
    ax: Axes | None = None,
    *,
    title: str = "Điểm chung giữa các cặp bài",
    what: str = "số mục chung",
) -> Axes:
    """Heatmap of an article × article matrix (:func:`cyberlib.comparison.reshape.pair_matrix`).

    >>> m = pd.DataFrame([[3, 1], [1, 2]], index=["a", "b"], columns=["a", "b"])
    >>> pair_heatmap(m, title="Chủ đề chung").get_title()
    'Chủ đề chung'
    """
    frame = matrix.copy()
    if len(frame) > PER_ARTICLE_MAX:  # keep the articles with the most in common
        off = frame.to_numpy(dtype=float).copy()
        np.fill_diagonal(off, 0)
        keep = pd.Series(off.sum(axis=1), index=frame.index).sort_values(
            ascending=False, kind="stable").index[:PER_ARTICLE_MAX]  # fmt: skip
        title = f"{title} ({PER_ARTICLE_MAX} / {len(frame):,} bài chung nhiều nhất)"  # fmt: skip
        frame = frame.loc[list(keep), list(keep)]
    if frame.empty:
        return _empty(_axes(ax, 3.0), title)
    frame.index = [short_id(d) for d in frame.index]
    frame.columns = [short_id(d) for d in frame.columns]
    ax = _axes(ax, 0.6 * len(frame) + 2.0)
    ax = _heatmap(
        frame,
        ax,
        title=title,
        xlabel="bài viết",
        ylabel="bài viết",
        cbar_label=what,
        cmap="Greens",
        diagonal_as_text=True,
        annotate=len(frame) <= CELL_LABELS_MAX,
    )
    ax.set_aspect("equal")
    return ax
