"""Shared style of cyberlib charts: a font that covers Vietnamese, colours, helpers."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.ft2font import FT2Font

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

#: The one threshold between the two ways of drawing: up to this many articles, charts
#: draw one row per article; above it, they draw aggregates (top-N with the rest grouped,
#: distributions, by outlet, by month, by theme). Notebooks read it from here.
PER_ARTICLE_MAX = 30
#: Bars shown by a ranked chart; the rest are grouped in one grey bar.
TOP_N = 15
#: Article x article heatmaps write a number in each cell only up to this many articles.
CELL_LABELS_MAX = 15


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


#: Label of the bar that groups what is not in the top N.
REST = "(còn lại"


def top_with_rest(counts: pd.Series, top: int = TOP_N) -> pd.Series:
    """The ``top`` largest counts (ties by label), the others summed in one last entry
    labelled ``(còn lại: K mục)`` ("the rest: K items").

    >>> counts = pd.Series({"Bộ Công an": 5, "Interpol": 3, "FBI": 1, "NCMEC": 1})
    >>> top_with_rest(counts, top=2).to_dict()
    {'Bộ Công an': 5, 'Interpol': 3, '(còn lại: 2 mục)': 2}
    """
    counts = counts[counts > 0] if len(counts) else counts
    counts = counts.iloc[np.lexsort((counts.index.astype(str), -counts.to_numpy()))]
    if len(counts) <= top:
        return counts
    head, rest = counts.iloc[:top], counts.iloc[top:]
    label = f"{REST}: {len(rest):,} mục)"
    return pd.concat([head, pd.Series({label: rest.sum()})])


def _counts_axis(axis) -> None:
    """A count axis: whole numbers, at most about six ticks, thousands separated."""
    axis.set_major_locator(matplotlib.ticker.MaxNLocator(integer=True, nbins=6))
    axis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))


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
    annotate: bool = True,
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
    for (i, j), v in np.ndenumerate(values if annotate else np.empty((0, 0))):
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


def _ranked_bars(
    values: pd.Series,
    ax: Axes | None,
    *,
    missing: str,
    color: str,
    title: str,
    xlabel: str,
    ylabel: str,
    width: int = 40,
) -> Axes:
    """Horizontal bars of how often each value occurs, most frequent first; the label
    ``missing`` (for empty values) is drawn in grey."""
    values = values.where(values.notna() & (values.astype(str) != ""), missing)
    counts = top_with_rest(values.value_counts(), top=TOP_N)
    ax = _axes(ax, 0.36 * len(counts) + 1.5)
    if counts.empty:
        return _empty(ax, title)
    y = np.arange(len(counts))
    colors = ["0.65" if v == missing or str(v).startswith(REST) else color for v in counts.index]
    bars = ax.barh(y, counts.to_numpy(), color=colors)
    ax.bar_label(bars, padding=3, fontsize=9, fmt="{:,.0f}")
    ax.set_yticks(y, [_clip(v, width) for v in counts.index])
    ax.invert_yaxis()
    ax.margins(x=0.1)
    ax.set_title(title)
    _counts_axis(ax.xaxis)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return ax
