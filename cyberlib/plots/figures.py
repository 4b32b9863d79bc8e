"""Charts of the corpus and of the statistics frame (one idea per chart)."""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from cyberlib.comparison import reshape
from cyberlib.plots.style import (
    HEDGE_COLORS,
    PER_ARTICLE_MAX,
    REST,
    TOP_N,
    _axes,
    _clip,
    _counts_axis,
    _empty,
    _ranked_bars,
    short_id,
    top_with_rest,
)


def _log_histogram(ax: Axes, groups: dict[str, pd.Series], colors: dict[str, str]) -> None:
    """Stacked histogram of positive values on a log x axis (bins of a quarter decade)."""
    allv = pd.concat(list(groups.values())) if groups else pd.Series(dtype=float)
    allv = allv[allv > 0]
    lo, hi = np.floor(np.log10(allv.min())), np.ceil(np.log10(allv.max())) + 1e-9
    bins = 10 ** np.arange(lo, max(hi, lo + 1) + 0.25, 0.25)
    data = [g[g > 0].to_numpy(float) for g in groups.values()]
    ax.hist(data, bins=bins, stacked=True, label=list(groups),
            color=[colors.get(k, "0.5") for k in groups])  # fmt: skip
    ax.set_xscale("log")
    _counts_axis(ax.yaxis)
    ax.legend(fontsize=8, loc="upper right")


# --------------------------------------------------------------------------- corpus


def article_lengths(corpus: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the number of words of each article, labelled ``id · outlet``.

    >>> corpus = pd.DataFrame({"doc_id": ["000_c1cb96a4c5d75fab"], "outlet": ["TTXVN"],
    ...                        "n_words": [1003]})
    >>> article_lengths(corpus).get_xlabel()
    'số từ (words)'
    """
    if len(corpus) > PER_ARTICLE_MAX:
        ax = _axes(ax, 4.0)
        ax.hist(corpus["n_words"].to_numpy(float), bins=30, color="#2e86c1")
        ax.set_title(f"Độ dài bài viết: phân bố trên {len(corpus):,} bài")
        ax.set_xlabel("số từ (words)")
        ax.set_ylabel("số bài (articles)")
        _counts_axis(ax.yaxis)
        return ax
    ax = _axes(ax, 0.5 * len(corpus) + 1.5)
    labels = [
        f"{short_id(d)} · {o}" if isinstance(o, str) and o else short_id(d)
        for d, o in zip(corpus["doc_id"], corpus.get("outlet", [None] * len(corpus)), strict=True)
    ]
    y = np.arange(len(corpus))
    bars = ax.barh(y, corpus["n_words"], color="#2e86c1")
    ax.bar_label(bars, padding=3, fontsize=9, fmt="{:,.0f}")
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.margins(x=0.12)
    ax.set_title("Độ dài bài viết (số từ)")
    ax.set_xlabel("số từ (words)")
    ax.set_ylabel("bài viết · báo (article · outlet)")
    return ax


# --------------------------------------------------------------------------- figures


def figures_by_unit(stats: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Number of figures per unit across the corpus, most frequent first.

    >>> stats = pd.DataFrame({"unit": ["usd", "case", "case", "person"]})
    >>> figures_by_unit(stats).get_title()
    'Số liệu theo đơn vị'
    """
    title = "Số liệu theo đơn vị"
    counts = top_with_rest(stats["unit"].fillna("(không rõ)").value_counts(), top=TOP_N)
    ax = _axes(ax, 0.32 * len(counts) + 1.5)
    if counts.empty:
        return _empty(ax, title)
    y = np.arange(len(counts))
    colors = ["0.65" if str(u).startswith(REST) else "#1b4f72" for u in counts.index]
    bars = ax.barh(y, counts.to_numpy(), color=colors)
    ax.bar_label(bars, padding=3, fontsize=9, fmt="{:,.0f}")
    ax.set_yticks(y, counts.index)
    ax.invert_yaxis()
    ax.margins(x=0.1)
    ax.set_title(title)
    _counts_axis(ax.xaxis)
    ax.set_xlabel("số số liệu (figures)")
    ax.set_ylabel("đơn vị (unit)")
    return ax


def money_usd(stats: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Money figures converted to USD on a log scale, with their hedge drawn.

    Needs ``value_usd`` (from :func:`cyberlib.to_usd`). Marker and colour give the hedge
    class; a right-pointing triangle is a lower bound ("hơn"), left-pointing an upper bound
    ("dưới", "lên tới"); a bar from the value to ten times it marks an order of magnitude
    ("hàng trăm tỷ USD" = 100–999 tỷ); a line joins the two ends of a range.

    >>> stats = pd.DataFrame({"doc_id": ["a", "b"],
    ...                       "surface": ["hơn 10 tỷ USD", "hàng trăm tỷ USD"],
    ...                       "qualifier": ["more_than", "order_of"], "value_high": [None, None],
    ...                       "value_usd": [1e10, 1e11]})
    >>> money_usd(stats).get_xscale()
    'log'
    """
    title = "Số tiền quy ra USD (thang log), kèm mức rào đón"
    money = stats[stats["value_usd"].notna() & (stats["value_usd"] > 0)].copy()
    if len(money) > PER_ARTICLE_MAX:
        ax = _axes(ax, 4.0)
        cls = money["qualifier"].map(reshape.hedge_class)
        groups = {reshape.hedge_label(c): money.loc[cls == c, "value_usd"]
                  for c in reshape.hedge_classes() if (cls == c).any()}  # fmt: skip
        colors = {reshape.hedge_label(c): HEDGE_COLORS[c] for c in reshape.hedge_classes()}
        _log_histogram(ax, groups, colors)
        ax.set_title(f"Số tiền quy ra USD: phân bố của {len(money):,} số liệu")
        ax.set_xlabel("giá trị quy đổi (USD, thang log)")
        ax.set_ylabel("số số liệu (figures)")
        return ax
    ax = _axes(ax, 0.36 * len(money) + 2.0)
    if money.empty:
        return _empty(ax, title, "không có số liệu tiền tệ")
    money = money.sort_values(["doc_id", "start"] if "start" in money else ["doc_id"])
    ratio = pd.Series(1.0, index=money.index)
    if "value" in money and "value_high" in money:
        ok = money["value"].gt(0) & money["value_high"].notna()
        ratio[ok] = money.loc[ok, "value_high"].astype(float) / money.loc[ok, "value"]
    markers = {"more_than": ">", "less_than": "<", "up_to": "<", "approx": "D", "nearly": "D"}
    y = np.arange(len(money))
    for yi, (_, row) in zip(y, money.iterrows(), strict=True):
        qual = row.get("qualifier")
        cls = reshape.hedge_class(qual)
        color = HEDGE_COLORS[cls]
        x = float(row["value_usd"])
        if cls == "order":
            ax.plot([x, 10 * x], [yi, yi], color=color, lw=4, alpha=0.45, solid_capstyle="butt")
        if ratio[row.name] > 1:
            ax.plot([x, x * ratio[row.name]], [yi, yi], color=color, lw=2)
        ax.plot([x], [yi], marker=markers.get(str(qual), "o"), ms=8, color=color, ls="none")
    ax.set_xscale("log")
    pairs = zip(money["doc_id"], money["surface"], strict=True)
    labels = [f"{short_id(d)}: {_clip(s, 34)}" for d, s in pairs]
    ax.set_yticks(y, labels, fontsize=9)
    ax.invert_yaxis()
    lo, hi = money["value_usd"].min(), (money["value_usd"] * ratio.clip(lower=10)).max()
    ax.set_xlim(lo / 3, hi * 3)
    ax.grid(axis="x", which="major", alpha=0.3)
    handles = [
        Line2D([], [], marker="o", ls="none", color=HEDGE_COLORS["exact"], label="chính xác"),
        Line2D([], [], marker=">", ls="none", color=HEDGE_COLORS["bound"], label="hơn (≥)"),
        Line2D(
            [], [], marker="<", ls="none", color=HEDGE_COLORS["bound"], label="dưới / lên tới (≤)"
        ),
        Line2D(
            [], [], marker="D", ls="none", color=HEDGE_COLORS["approximate"], label="khoảng / gần"
        ),
        Line2D(
            [], [], lw=4, alpha=0.45, color=HEDGE_COLORS["order"], label="hàng chục/trăm… (×1–×10)"
        ),
    ]
    ax.legend(handles=handles, fontsize=8, loc="lower right", framealpha=0.9)
    ax.set_title(title)
    ax.set_xlabel("giá trị quy đổi (USD, thang log)")
    ax.set_ylabel("bài · số liệu như trong bài")
    return ax


def cases_vs_people(stats: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Figures counting cases (vụ, vụ án) beside those counting people, per article (log).

    >>> stats = pd.DataFrame({"doc_id": ["a", "a"], "surface": ["381 vụ", "3 tỷ người"],
    ...                       "unit": ["case", "person"], "value": [381.0, 3e9]})
    >>> cases_vs_people(stats).get_title()
    'Số vụ và số người được nêu, theo bài'
    """
    title = "Số vụ và số người được nêu, theo bài"
    colors = {"case": "#8e44ad", "person": "#16a085"}
    sub = stats[stats["unit"].isin(list(colors)) & stats["value"].gt(0)].copy()
    if len(sub) > PER_ARTICLE_MAX:
        ax = _axes(ax, 4.0)
        names = {"case": "vụ (case)", "person": "người (person)"}
        groups = {names[u]: sub.loc[sub["unit"] == u, "value"] for u in colors
                  if (sub["unit"] == u).any()}  # fmt: skip
        _log_histogram(ax, groups, {names[u]: c for u, c in colors.items()})
        ax.set_title(f"Số vụ và số người được nêu: phân bố ({len(sub):,} số liệu)"
                     )  # fmt: skip
        ax.set_xlabel("giá trị (thang log)")
        ax.set_ylabel("số số liệu (figures)")
        return ax
    ax = _axes(ax, 0.36 * len(sub) + 2.0)
    if sub.empty:
        return _empty(ax, title, "không có số vụ hay số người")
    sub["_u"] = sub["unit"].map({"case": 0, "person": 1})
    sub = sub.sort_values(["doc_id", "_u", "value"], kind="stable")
    y = np.arange(len(sub))
    bars = ax.barh(y, sub["value"], color=sub["unit"].map(colors).tolist(), log=True)
    ax.bar_label(bars, labels=[_clip(s, 30) for s in sub["surface"]], padding=3, fontsize=8)
    ax.set_yticks(y, [f"{short_id(d)}" for d in sub["doc_id"]], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlim(0.8, sub["value"].max() * 300)
    ax.legend(
        handles=[
            Patch(color=colors["case"], label="vụ (case)"),
            Patch(color=colors["person"], label="người (person)"),
        ],
        fontsize=8,
        loc="lower right",
    )
    ax.set_title(title)
    ax.set_xlabel("giá trị (thang log)")
    ax.set_ylabel("bài viết")
    return ax


def hedging_share(
    stats: pd.DataFrame, ax: Axes | None = None, doc_ids: Iterable[str] | None = None
) -> Axes:
    """Stacked bars: share of exact, bounded, approximate and order-of-magnitude figures.

    >>> stats = pd.DataFrame({"doc_id": ["a", "a", "b"],
    ...                       "qualifier": ["exact", "approx", "order_of"]})
    >>> tuple(float(x) for x in hedging_share(stats).get_xlim())
    (0.0, 1.0)
    """
    ids = list(doc_ids) if doc_ids is not None else None
    n_docs = len(ids) if ids is not None else stats["doc_id"].nunique()
    if n_docs > PER_ARTICLE_MAX:
        return _hedging_by_group(stats, ax)
    shares = reshape.hedge_shares(stats, doc_ids=ids)
    ax = _axes(ax, 0.5 * len(shares) + 2.0)
    if shares.empty:
        return _empty(ax, "Mức rào đón của số liệu theo bài")
    y = np.arange(len(shares))
    left = np.zeros(len(shares))
    for cls in reshape.hedge_classes():
        vals = shares[cls].to_numpy()
        ax.barh(y, vals, left=left, color=HEDGE_COLORS[cls], label=reshape.hedge_label(cls))
        left += vals
    pairs = zip(shares.index, shares["n_figures"], strict=True)
    labels = [f"{short_id(d)} (n={n})" for d, n in pairs]
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0.0, 1.0)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False)
    ax.set_title("Mức rào đón của số liệu theo bài")
    ax.set_xlabel("tỉ lệ số liệu trong bài")
    ax.set_ylabel("bài viết (số số liệu)")
    return ax


def _hedging_by_group(stats: pd.DataFrame, ax: Axes | None) -> Axes:
    """Hedge shares by outlet (top N, the rest grouped) or, without outlets, by kind."""
    has_outlet = "outlet" in stats and stats["outlet"].notna().any()
    col, what = ("outlet", "báo (outlet)") if has_outlet else ("unit", "loại số liệu (kind)")
    group = stats[col].fillna("(không rõ)").astype(str)
    if col == "unit":
        group = stats["unit"].map(reshape.figure_kind)
    keep = top_with_rest(group.value_counts(), top=TOP_N)
    rest = [g for g in keep.index if str(g).startswith("(còn lại")]
    group = group.where(group.isin(keep.index), rest[0] if rest else "(còn lại)")
    cls = stats["qualifier"].map(reshape.hedge_class)
    counts = pd.crosstab(group, cls).reindex(
        index=list(keep.index), columns=reshape.hedge_classes(), fill_value=0
    )
    shares = counts.div(counts.sum(axis=1).where(lambda t: t > 0, 1), axis=0)
    title = "Mức rào đón của số liệu theo " + ("báo" if has_outlet else "loại số liệu")
    ax = _axes(ax, 0.4 * len(shares) + 2.0)
    if shares.empty:
        return _empty(ax, title)
    y = np.arange(len(shares))
    left = np.zeros(len(shares))
    for c in reshape.hedge_classes():
        vals = shares[c].to_numpy(float)
        ax.barh(y, vals, left=left, color=HEDGE_COLORS[c], label=reshape.hedge_label(c))
        left += vals
    labels = [f"{_clip(g, 30)} (n={n:,})"
              for g, n in zip(shares.index, counts.sum(axis=1), strict=True)]  # fmt: skip
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0.0, 1.0)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, frameon=False)
    ax.set_title(title)
    ax.set_xlabel("tỉ lệ số liệu")
    ax.set_ylabel(what + " (số số liệu)")
    return ax


def sources_by_count(stats: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Who the figures are attributed to, by number of figures; unattributed ones in grey.

    >>> stats = pd.DataFrame({"source": ["Interpol", "Interpol", None]})
    >>> sources_by_count(stats).get_title()
    'Nguồn của số liệu'
    """
    return _ranked_bars(
        stats["source"],
        ax,
        missing="(không nêu nguồn)",
        color="#117a65",
        title="Nguồn của số liệu",
        xlabel="số số liệu (figures)",
        ylabel="nguồn (source)",
    )


def figures_timeline(stats: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Figures placed on the years their ``period`` names; a range of years is a line.

    Figures with a relative period ("mỗi năm", "năm qua") or none are counted in the title.

    >>> stats = pd.DataFrame({"doc_id": ["a", "b"], "surface": ["381 vụ", "10 tỷ USD"],
    ...                       "period": ["2024", "mỗi năm"]})
    >>> figures_timeline(stats).get_title()
    'Số liệu theo thời kỳ (1 số liệu không gắn với năm cụ thể)'
    """
    spans = stats["period"].map(reshape.period_span)
    dated = stats.assign(y0=[s[0] for s in spans], y1=[s[1] for s in spans])
    dated = dated[dated["y0"].notna()]
    n_undated = len(stats) - len(dated)
    title = f"Số liệu theo thời kỳ ({n_undated} số liệu không gắn với năm cụ thể)"
    dated = dated.sort_values(["doc_id", "y0", "y1", "surface"], kind="stable")
    docs = list(dict.fromkeys(dated["doc_id"]))
    if len(docs) > PER_ARTICLE_MAX or len(dated) > 3 * PER_ARTICLE_MAX:
        ax = _axes(ax, 4.0)
        per_year = dated["y0"].astype(int).value_counts().sort_index()
        ax.bar(per_year.index, per_year.to_numpy(), color="#1b4f72", width=0.8)
        ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=12))
        _counts_axis(ax.yaxis)
        ax.set_title(title)
        ax.set_xlabel("năm đầu của thời kỳ (first year of the period)")
        ax.set_ylabel("số số liệu (figures)")
        return ax
    ax = _axes(ax, 0.3 * len(dated) + 0.3 * len(docs) + 1.8)
    if dated.empty:
        return _empty(ax, title, "không có số liệu gắn với năm")
    lo, hi = int(dated["y0"].min()), int(dated["y1"].max())
    ypos, centers, y = [], {}, 0.0
    for doc in docs:
        n = int((dated["doc_id"] == doc).sum())
        ypos.extend(y + k for k in range(n))
        centers[doc] = y + (n - 1) / 2
        if y:
            ax.axhline(y - 0.75, color="0.8", lw=0.8)
        y += n + 0.5
    for yi, (_, r) in zip(ypos, dated.iterrows(), strict=True):
        y0, y1 = int(r["y0"]), int(r["y1"])
        if y1 > y0:
            ax.plot([y0, y1], [yi, yi], color="#2e86c1", lw=3, alpha=0.6)
        ax.plot([y0], [yi], "o", color="#1b4f72")
        label = f"{_clip(r['surface'], 28)}  ({r['period']})"
        ax.annotate(label, (y1, yi), xytext=(6, 0), textcoords="offset points",
                    fontsize=8, va="center")  # fmt: skip
    ax.set_xlim(lo - 0.5, hi + 2.5)
    _counts_axis(ax.xaxis)
    ax.set_yticks([centers[d] for d in docs], [short_id(d) for d in docs])
    ax.set_ylim(y - 0.5, -0.75)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title)
    ax.set_xlabel("năm (year)")
    ax.set_ylabel("bài viết")
    return ax
