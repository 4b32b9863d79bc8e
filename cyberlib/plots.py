"""Charts of cyberlib frames, shared by the notebooks and the report.

Each function takes a frame (and an optional matplotlib ``ax``), draws one idea, sets the
title and axis labels, and returns the :class:`matplotlib.axes.Axes`. Importing this module
selects a font that covers Vietnamese diacritics (see :func:`use_vietnamese_font`); plain
``import cyberlib`` never imports matplotlib.

>>> import pandas as pd
>>> from cyberlib import plots
>>> corpus = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["TTXVN", "TPO"],
...                        "n_words": [812, 1020]})
>>> plots.article_lengths(corpus).get_title()
'Độ dài bài viết (số từ)'
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.ft2font import FT2Font
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from cyberlib import compare

#: Every Vietnamese letter, lower and upper case (precomposed, NFC).
VIETNAMESE_LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"
)

#: Fonts tried in order; DejaVu Sans ships with matplotlib, so the first always exists.
FONT_CANDIDATES = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial")

#: Colours of the hedge classes, from exact (dark) to order of magnitude (light).
HEDGE_COLORS = {
    "exact": "#1b4f72",
    "bound": "#2e86c1",
    "approximate": "#f39c12",
    "order": "#e74c3c",
}

_WIDTH = 8.0  # inches; about the width of a notebook output cell at 100 dpi


def font_covers(name: str, text: str = VIETNAMESE_LETTERS) -> bool:
    """True when the font family ``name`` has a glyph for every character of ``text``.

    >>> font_covers("DejaVu Sans", "Tiếng Việt có dấu: ơ ư đ ỹ")
    True
    """
    path = font_manager.findfont(name, fallback_to_default=False)
    charmap = FT2Font(path).get_charmap()
    return all(ord(ch) in charmap for ch in set(text) if not ch.isspace())


def use_vietnamese_font(candidates: Sequence[str] = FONT_CANDIDATES) -> str:
    """Set matplotlib's default font to the first candidate covering Vietnamese; return it.

    Called on import of :mod:`cyberlib.plots`. DejaVu Sans (bundled with matplotlib)
    covers every precomposed Vietnamese letter and the combining tone marks.

    >>> use_vietnamese_font()
    'DejaVu Sans'
    """
    for name in candidates:
        try:
            if font_covers(name):
                matplotlib.rcParams["font.family"] = "sans-serif"
                rest = [f for f in matplotlib.rcParams["font.sans-serif"] if f != name]
                matplotlib.rcParams["font.sans-serif"] = [name, *rest]
                return name
        except (ValueError, RuntimeError, OSError):
            continue
    raise RuntimeError(f"no font among {list(candidates)} covers Vietnamese letters")


FONT = use_vietnamese_font()


# --------------------------------------------------------------------------- helpers


def short_id(doc_id: str) -> str:
    """A short label for an article id: the leading number of ``000_c1cb96a4…`` ids.

    >>> short_id("003_798b77d547a8fad6"), short_id("bai-bao-ve-tre-em")
    ('003', 'bai-bao-ve-tre-em')
    """
    doc_id = str(doc_id)
    m = re.fullmatch(r"(\d+)_[0-9a-f]{6,}", doc_id)
    if m:
        return m.group(1)
    return doc_id if len(doc_id) <= 24 else doc_id[:23] + "…"


def _clip(text: object, width: int = 42) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _wrap(text: object, width: int = 28) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def _axes(ax: Axes | None, height: float) -> Axes:
    if ax is not None:
        return ax
    _, ax = plt.subplots(figsize=(_WIDTH, max(2.5, min(height, 12.0))), layout="constrained")
    return ax


def _empty(ax: Axes, title: str, message: str = "không có dữ liệu (no data)") -> Axes:
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color="0.4")
    ax.set_xticks([])
    ax.set_yticks([])
    return ax


def _label(name: object) -> str:
    """Axis label of an id: ``international_cooperation`` → ``international cooperation``."""
    return str(name).replace("_", " ")


def _heatmap(
    frame: pd.DataFrame,
    ax: Axes,
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    cbar_label: str,
    fmt: str = "{:.0f}",
    cmap: str = "Blues",
    diagonal_as_text: bool = False,
) -> Axes:
    """Annotated heatmap; with ``diagonal_as_text`` the diagonal (a row's own total) is
    written in grey but left out of the colour scale, so the off-diagonal pairs stand out."""
    values = frame.to_numpy(dtype=float)
    shown = values.copy()
    if diagonal_as_text and shown.shape[0] == shown.shape[1]:
        np.fill_diagonal(shown, np.nan)
    finite = shown[np.isfinite(shown)]
    top = float(finite.max()) if finite.size else 0.0
    image = ax.imshow(shown, cmap=cmap, aspect="auto", vmin=0, vmax=max(top, 1e-9))
    ax.set_xticks(range(frame.shape[1]), [_label(c) for c in frame.columns], fontsize=8)
    ax.set_yticks(range(frame.shape[0]), [_label(i) for i in frame.index], fontsize=9)
    ax.tick_params(axis="x", labelrotation=40)
    for label in ax.get_xticklabels():
        label.set_horizontalalignment("right")
        label.set_rotation_mode("anchor")
    for (i, j), v in np.ndenumerate(values):
        if np.isnan(v):
            continue
        if np.isnan(shown[i, j]):
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8, color="0.45",
                    style="italic")  # fmt: skip
            continue
        color = "white" if top and v > 0.6 * top else "black"
        ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=8, color=color)
    bar = ax.figure.colorbar(image, ax=ax, label=cbar_label, shrink=0.8)
    if fmt == "{:.0f}":  # counts: whole-number ticks only
        bar.locator = matplotlib.ticker.MaxNLocator(integer=True)
        bar.update_ticks()
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax


# --------------------------------------------------------------------------- corpus


def article_lengths(corpus: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Horizontal bars of the number of words of each article, labelled ``id · outlet``.

    >>> corpus = pd.DataFrame({"doc_id": ["000_c1cb96a4c5d75fab"], "outlet": ["TTXVN"],
    ...                        "n_words": [1003]})
    >>> article_lengths(corpus).get_xlabel()
    'số từ (words)'
    """
    ax = _axes(ax, 0.5 * len(corpus) + 1.5)
    labels = [
        f"{short_id(d)} · {o}" if isinstance(o, str) and o else short_id(d)
        for d, o in zip(corpus["doc_id"], corpus.get("outlet", [None] * len(corpus)), strict=True)
    ]
    y = np.arange(len(corpus))
    bars = ax.barh(y, corpus["n_words"], color="#2e86c1")
    ax.bar_label(bars, padding=3, fontsize=9)
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
    counts = stats["unit"].fillna("(không rõ)").value_counts()
    counts = counts.sort_values(ascending=False, kind="stable")
    counts = counts.iloc[np.lexsort((counts.index.astype(str), -counts.to_numpy()))]
    ax = _axes(ax, 0.32 * len(counts) + 1.5)
    if counts.empty:
        return _empty(ax, title)
    y = np.arange(len(counts))
    bars = ax.barh(y, counts.to_numpy(), color="#1b4f72")
    ax.bar_label(bars, padding=3, fontsize=9)
    ax.set_yticks(y, counts.index)
    ax.invert_yaxis()
    ax.margins(x=0.1)
    ax.set_title(title)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
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
        cls = compare.hedge_class(qual)
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
    shares = compare.hedge_shares(stats, doc_ids=doc_ids)
    ax = _axes(ax, 0.5 * len(shares) + 2.0)
    if shares.empty:
        return _empty(ax, "Mức rào đón của số liệu theo bài")
    y = np.arange(len(shares))
    left = np.zeros(len(shares))
    for cls in compare.hedge_classes():
        vals = shares[cls].to_numpy()
        ax.barh(y, vals, left=left, color=HEDGE_COLORS[cls], label=compare.hedge_label(cls))
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


def sources_by_count(stats: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Who the figures are attributed to, by number of figures; unattributed ones in grey.

    >>> stats = pd.DataFrame({"source": ["Interpol", "Interpol", None]})
    >>> sources_by_count(stats).get_title()
    'Nguồn của số liệu'
    """
    none = "(không nêu nguồn)"
    src = stats["source"].where(stats["source"].notna() & (stats["source"] != ""), none)
    counts = src.value_counts()
    counts = counts.iloc[np.lexsort((counts.index.astype(str), -counts.to_numpy()))]
    ax = _axes(ax, 0.36 * len(counts) + 1.5)
    if counts.empty:
        return _empty(ax, "Nguồn của số liệu")
    y = np.arange(len(counts))
    colors = ["0.65" if s == none else "#117a65" for s in counts.index]
    bars = ax.barh(y, counts.to_numpy(), color=colors)
    ax.bar_label(bars, padding=3, fontsize=9)
    ax.set_yticks(y, [_clip(s, 40) for s in counts.index])
    ax.invert_yaxis()
    ax.margins(x=0.1)
    ax.set_title("Nguồn của số liệu")
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_xlabel("số số liệu (figures)")
    ax.set_ylabel("nguồn (source)")
    return ax


def figures_timeline(stats: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Figures placed on the years their ``period`` names; a range of years is a line.

    Figures with a relative period ("mỗi năm", "năm qua") or none are counted in the title.

    >>> stats = pd.DataFrame({"doc_id": ["a", "b"], "surface": ["381 vụ", "10 tỷ USD"],
    ...                       "period": ["2024", "mỗi năm"]})
    >>> figures_timeline(stats).get_title()
    'Số liệu theo thời kỳ (1 số liệu không gắn với năm cụ thể)'
    """
    spans = stats["period"].map(compare.period_span)
    dated = stats.assign(y0=[s[0] for s in spans], y1=[s[1] for s in spans])
    dated = dated[dated["y0"].notna()]
    n_undated = len(stats) - len(dated)
    title = f"Số liệu theo thời kỳ ({n_undated} số liệu không gắn với năm cụ thể)"
    dated = dated.sort_values(["doc_id", "y0", "y1", "surface"], kind="stable")
    docs = list(dict.fromkeys(dated["doc_id"]))
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
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_yticks([centers[d] for d in docs], [short_id(d) for d in docs])
    ax.set_ylim(y - 0.5, -0.75)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title)
    ax.set_xlabel("năm (year)")
    ax.set_ylabel("bài viết")
    return ax


# --------------------------------------------------------------------------- themes


def theme_heatmap(scores: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Heatmap of theme scores, articles × themes (the frame of :func:`cyberlib.theme_scores`).

    >>> scores = pd.DataFrame({"doc_id": ["a", "b"], "fraud_scams": [0.7, 0.1],
    ...                        "child_protection": [0.0, 0.9], "top_theme": ["x", "y"]})
    >>> theme_heatmap(scores).get_title()
    'Điểm chủ đề theo bài'
    """
    frame = scores.set_index("doc_id") if "doc_id" in scores.columns else scores
    frame = frame.select_dtypes("number")
    frame.index = [short_id(d) for d in frame.index]
    ax = _axes(ax, 0.45 * len(frame) + 2.5)
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


def theme_cooccurrence(co: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Heatmap of a theme × theme co-occurrence frame (:func:`cyberlib.compare.theme_cooccurrence`).

    >>> co = pd.DataFrame([[3, 1], [1, 2]], index=["fraud_scams", "technology_ai"],
    ...                   columns=["fraud_scams", "technology_ai"])
    >>> theme_cooccurrence(co).get_title()
    'Chủ đề cùng xuất hiện trong một câu'
    """
    ax = _axes(ax, 0.5 * len(co) + 2.5)
    ax = _heatmap(
        co,
        ax,
        title="Chủ đề cùng xuất hiện trong một câu",
        xlabel="chủ đề",
        ylabel="chủ đề",
        cbar_label="số câu có cả hai chủ đề",
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
    none = "(không chủ đề)"
    themes = stat_themes["theme"].where(stat_themes["theme"].notna(), none)
    counts = themes.value_counts()
    counts = counts.iloc[np.lexsort((counts.index.astype(str), -counts.to_numpy()))]
    ax = _axes(ax, 0.36 * len(counts) + 1.5)
    if counts.empty:
        return _empty(ax, "Chủ đề mang số liệu")
    y = np.arange(len(counts))
    colors = ["0.65" if t == none else "#6c3483" for t in counts.index]
    bars = ax.barh(y, counts.to_numpy(), color=colors)
    ax.bar_label(bars, padding=3, fontsize=9)
    ax.set_yticks(y, counts.index)
    ax.invert_yaxis()
    ax.margins(x=0.1)
    ax.set_title("Chủ đề mang số liệu")
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_xlabel("số số liệu trong các câu thuộc chủ đề")
    ax.set_ylabel("chủ đề (theme)")
    return ax


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
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True))
    ax.set_xlabel("số thực thể khác nhau")
    ax.set_ylabel("bài viết")
    return ax


# --------------------------------------------------------------------------- comparison


def pair_heatmap(
    matrix: pd.DataFrame,
    ax: Axes | None = None,
    *,
    title: str = "Điểm chung giữa các cặp bài",
    what: str = "số mục chung",
) -> Axes:
    """Heatmap of an article × article matrix (:func:`cyberlib.compare.pair_matrix`).

    >>> m = pd.DataFrame([[3, 1], [1, 2]], index=["a", "b"], columns=["a", "b"])
    >>> pair_heatmap(m, title="Chủ đề chung").get_title()
    'Chủ đề chung'
    """
    frame = matrix.copy()
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
    )
    ax.set_aspect("equal")
    return ax
