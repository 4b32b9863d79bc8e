"""Charts of a corpus at any size (by outlet, by month) and of the measures frame."""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from cyberlib.comparison import reshape
from cyberlib.plots.style import (
    HEDGE_COLORS,
    TOP_N,
    _axes,
    _clip,
    _counts_axis,
    _empty,
    _ranked_bars,
)

VERDICT_COLORS = {"agree": "#1e8449", "differ": "#f39c12", "conflict": "#c0392b"}
_MARKERS = {"more_than": ">", "less_than": "<", "up_to": "<", "approx": "D", "nearly": "D",
            "order_of": "s"}  # fmt: skip


def articles_by_outlet(corpus: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Articles per outlet, the top outlets and the rest grouped; no outlet in grey.

    >>> corpus = pd.DataFrame({"outlet": ["Tiền Phong", "Tiền Phong", None]})
    >>> articles_by_outlet(corpus).get_title()
    'Số bài theo báo'
    """
    outlet = corpus["outlet"] if "outlet" in corpus else pd.Series([None] * len(corpus))
    return _ranked_bars(
        outlet,
        ax,
        missing="(không ghi tên báo)",
        color="#2e86c1",
        title="Số bài theo báo",
        xlabel="số bài (articles)",
        ylabel="báo (outlet)",
    )


def articles_by_month(corpus: pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Articles per month of their date; the undated are counted in the title.

    >>> corpus = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-03-01", None])})
    >>> articles_by_month(corpus).get_title()
    'Số bài theo tháng đăng (1 bài không có ngày)'
    """
    dates = pd.to_datetime(corpus["date"] if "date" in corpus else pd.Series([], dtype=object),
                           errors="coerce")  # fmt: skip
    n_undated = int(dates.isna().sum())
    title = f"Số bài theo tháng đăng ({n_undated:,} bài không có ngày)"
    ax = _axes(ax, 3.5)
    dated = dates.dropna()
    if dated.empty:
        return _empty(ax, title, "không bài nào có ngày đăng")
    months = dated.dt.to_period("M").value_counts().sort_index()
    full = pd.period_range(months.index.min(), months.index.max(), freq="M")
    months = months.reindex(full, fill_value=0)
    x = months.index.to_timestamp()
    ax.bar(x, months.to_numpy(), width=20, color="#1b4f72")
    locator = matplotlib.dates.AutoDateLocator(maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(matplotlib.dates.ConciseDateFormatter(locator))
    _counts_axis(ax.yaxis)
    ax.set_title(title)
    ax.set_xlabel("tháng (month)")
    ax.set_ylabel("số bài (articles)")
    return ax


def measures_overview(measures: pd.DataFrame, ax: Axes | None = None, top: int = TOP_N) -> Axes:
    """The measures reported by the most articles, one bar each, coloured by verdict.

    ``measures`` is the frame of :func:`cyberlib.align_figures`.

    >>> m = pd.DataFrame({"measure_id": [1, 1], "n_articles": [2, 2], "verdict": "agree",
    ...     "kind": "money", "subject_head": "thiệt hại", "period": "2024"})
    >>> measures_overview(m).get_title()
    'Số liệu được nhiều bài cùng nêu (1 đo lường)'
    """
    per = measures.drop_duplicates("measure_id")
    title = f"Số liệu được nhiều bài cùng nêu ({len(per):,} đo lường)"
    shown = per.head(top)
    ax = _axes(ax, 0.4 * len(shown) + 1.8)
    if shown.empty:
        return _empty(ax, title, "không có số liệu nào được từ hai bài trở lên cùng nêu")
    y = np.arange(len(shown))
    colors = [VERDICT_COLORS.get(v, "0.5") for v in shown["verdict"]]
    bars = ax.barh(y, shown["n_articles"].to_numpy(), color=colors)
    ax.bar_label(bars, padding=3, fontsize=9, fmt="{:,.0f}")
    labels = [
        f"#{i} {k} · {_clip(h, 24)} · {_clip(p, 22)}"
        for i, k, h, p in zip(shown["measure_id"], shown["kind"], shown["subject_head"],
                              shown["period"], strict=True)
    ]  # fmt: skip
    ax.set_yticks(y, labels, fontsize=9)
    ax.invert_yaxis()
    ax.margins(x=0.1)
    _counts_axis(ax.xaxis)
    handles = [Line2D([], [], color=c, lw=6, label=v) for v, c in VERDICT_COLORS.items()]
    ax.legend(handles=handles, fontsize=8, loc="lower right")
    if len(per) > top:
        title += f"\n{top} đo lường được nhiều bài nêu nhất"
    ax.set_title(title)
    ax.set_xlabel("số bài khác nhau (bản sao tính một)")
    ax.set_ylabel("đo lường: loại · chủ thể · thời kỳ")
    return ax


def measure_reports(
    measures: pd.DataFrame, measure_id: int, ax: Axes | None = None, top: int = 25
) -> Axes:
    """The reports of one measure: value on a log scale, hedge marker, source and date.

    Each row is one report (one article, its copies in brackets); the marker is the hedge
    ("hơn" ▶, "dưới"/"lên tới" ◀, "khoảng"/"gần" ◆, "hàng trăm" ■ with a bar to ×10), the
    line behind it the values its hedge allows, the green band the consensus value. At
    most ``top`` reports are drawn, the earliest first.

    >>> m = pd.DataFrame({"measure_id": [1, 1], "verdict": "agree", "kind": "money",
    ...     "subject_head": "thiệt hại", "period": "2024", "n_articles": 2,
    ...     "doc_id": ["a", "b"], "date": pd.to_datetime(["2024-06-01", "2024-07-01"]),
    ...     "outlet": ["Báo A", "Báo B"], "source": ["Bộ Công an", None],
    ...     "surface": ["hơn 10 tỷ USD", "khoảng 10 tỷ USD"], "value": [1e10, 1e10],
    ...     "value_usd": [1e10, 1e10], "qualifier": ["more_than", "approx"],
    ...     "low": [0.99e10, 0.89e10], "high": [1.26e10, 1.11e10], "consensus": 0.99e10,
    ...     "in_consensus": True, "copies": [[], []]})
    >>> measure_reports(m, 1).get_xscale()
    'log'
    """
    rows = measures[measures["measure_id"] == measure_id]
    rows = rows.sort_values(["date", "doc_id"], kind="stable", na_position="last").head(top)
    ax = _axes(ax, 0.42 * len(rows) + 2.0)
    if rows.empty:
        return _empty(ax, f"Đo lường #{measure_id}", "không có báo cáo")
    first = rows.iloc[0]
    money = first["kind"] == "money"
    value = rows["value_usd"] if money else rows["value"]
    y = np.arange(len(rows))
    for yi, v, lo, hi, q in zip(y, value, rows["low"], rows["high"], rows["qualifier"],
                                strict=True):  # fmt: skip
        cls = reshape.hedge_class(q)
        color = HEDGE_COLORS[cls]
        ax.plot([lo, hi], [yi, yi], color=color, lw=3, alpha=0.35, solid_capstyle="butt")
        ax.plot([v], [yi], marker=_MARKERS.get(str(q), "o"), ms=9, color=color, ls="none")
    ax.axvline(float(first["consensus"]), color=VERDICT_COLORS["agree"], lw=6, alpha=0.25)
    ax.set_xscale("log")
    labels = []
    for _, r in rows.iterrows():  # at most `top` rows
        date = "" if pd.isna(r["date"]) else f"{pd.Timestamp(r['date']):%d/%m/%Y}"
        outlet = r["outlet"] if isinstance(r.get("outlet"), str) else r["doc_id"]
        source = r["source"] if isinstance(r.get("source"), str) else "không nêu nguồn"
        n_copies = len(r["copies"]) if isinstance(r.get("copies"), list | np.ndarray) else 0
        extra = f" (+{n_copies} bản sao)" if n_copies else ""
        labels.append(f"{_clip(outlet, 18)} {date}{extra}\n{_clip(r['surface'], 26)} · "
                      f"{_clip(source, 20)}")  # fmt: skip
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()
    lo, hi = float(rows["low"].min()), float(rows["high"].max())
    ax.set_xlim(lo / 2, hi * 2)
    ax.grid(axis="x", which="major", alpha=0.3)
    unit = "USD" if money else str(first.get("unit", first["kind"]))
    ax.set_title(f"#{measure_id} {first['kind']} · {first['subject_head']} · {first['period']}"
                 f" — {first['verdict']}")  # fmt: skip
    ax.set_xlabel(f"giá trị ({unit}, thang log)")
    ax.set_ylabel("báo · ngày · số liệu · nguồn")
    return ax
