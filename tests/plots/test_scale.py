"""Charts stay readable on large frames: a bounded number of bars and tick labels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from cyberlib import plots  # noqa: E402
from cyberlib.comparison import reshape  # noqa: E402

N = 2_000
MAX_TICKS = 40  # no chart may write more tick labels than this on an axis


@pytest.fixture(scope="module")
def big():
    rng = np.random.default_rng(0)
    doc_ids = [f"{i:04d}_{i:016x}" for i in range(N)]
    outlets = [f"Báo số {k}" for k in range(60)]
    corpus = pd.DataFrame({
        "doc_id": doc_ids,
        "outlet": rng.choice(outlets, N),
        "date": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 1500, N), "D"),
        "n_words": rng.integers(100, 3000, N),
    })  # fmt: skip
    n = 3 * N
    units = rng.choice(["vnd", "usd", "case", "person", "percent"] + [f"u{k}" for k in range(40)],
                       n)  # fmt: skip
    stats = pd.DataFrame({
        "doc_id": rng.choice(doc_ids, n),
        "surface": [f"{k} vụ" for k in range(n)],
        "start": np.arange(n),
        "value": 10 ** rng.uniform(0, 12, n),
        "value_high": np.nan,
        "unit": units,
        "qualifier": rng.choice(["exact", "more_than", "approx", "order_of", "up_to"], n),
        "period": rng.choice(["2019", "2020", "mỗi năm", None, "2015–2024"], n),
        "source": rng.choice([f"Nguồn {k}" for k in range(300)] + [None], n),
        "outlet": rng.choice(outlets, n),
    })  # fmt: skip
    stats["value_usd"] = np.where(stats["unit"].isin(["vnd", "usd"]), stats["value"], np.nan)
    themes = ["fraud_scams", "cyberattacks", "child_protection"]
    scores = pd.DataFrame({"doc_id": doc_ids, **{t: rng.uniform(0, 40, N) for t in themes}})
    scores["top_theme"] = scores[themes].idxmax(axis=1)
    ents = pd.DataFrame({"doc_id": rng.choice(doc_ids, 5 * N),
                         "entity": [f"Tổ chức {k}" for k in rng.integers(0, 800, 5 * N)],
                         "kind": rng.choice(["org", "person", "country"], 5 * N)})  # fmt: skip
    return {"corpus": corpus, "stats": stats, "scores": scores, "ents": ents}


def _bounded(ax):
    ticks_y = [t for t in ax.get_yticklabels() if t.get_text()]
    ticks_x = [t for t in ax.get_xticklabels() if t.get_text()]
    bars = [p for p in ax.patches if p.get_width() > 0 and p.get_height() > 0]
    assert len(ticks_y) <= MAX_TICKS and len(ticks_x) <= MAX_TICKS, ax.get_title()
    assert len(ax.texts) <= 2 * MAX_TICKS, ax.get_title()
    height = ax.figure.get_size_inches()[1]
    assert height <= 12.0
    return ticks_y, bars


CHARTS = {
    "article_lengths": lambda d: plots.article_lengths(d["corpus"]),
    "articles_by_outlet": lambda d: plots.articles_by_outlet(d["corpus"]),
    "articles_by_month": lambda d: plots.articles_by_month(d["corpus"]),
    "figures_by_unit": lambda d: plots.figures_by_unit(d["stats"]),
    "money_usd": lambda d: plots.money_usd(d["stats"]),
    "cases_vs_people": lambda d: plots.cases_vs_people(d["stats"]),
    "hedging_share": lambda d: plots.hedging_share(d["stats"], doc_ids=d["corpus"]["doc_id"]),
    "sources_by_count": lambda d: plots.sources_by_count(d["stats"]),
    "figures_timeline": lambda d: plots.figures_timeline(d["stats"]),
    "theme_heatmap": lambda d: plots.theme_heatmap(d["scores"]),
    "entities_per_article": lambda d: plots.entities_per_article(d["ents"]),
    "pair_heatmap": lambda d: plots.pair_heatmap(
        reshape.pair_matrix(d["stats"].assign(kind=d["stats"]["unit"]).head(3000), "kind")
    ),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_of_2000_articles_has_bounded_labels(big, name):
    ax = CHARTS[name](big)
    ax.figure.canvas.draw()
    _bounded(ax)
    assert ax.get_title()
    plt.close(ax.figure)


def test_ranked_bars_group_the_rest(big):
    ax = plots.sources_by_count(big["stats"])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == plots.TOP_N + 1
    assert labels[-1].startswith("(còn lại: ")
    # the grouped bar holds every figure not in the top N
    widths = [p.get_width() for p in ax.patches]
    assert sum(widths) == len(big["stats"])
    plt.close(ax.figure)


def test_small_frames_keep_one_row_per_article(big):
    small = big["corpus"].head(plots.PER_ARTICLE_MAX)
    ax = plots.article_lengths(small)
    assert len(ax.get_yticklabels()) == plots.PER_ARTICLE_MAX
    plt.close(ax.figure)
    ax = plots.article_lengths(big["corpus"].head(plots.PER_ARTICLE_MAX + 1))
    assert "phân bố" in ax.get_title()
    plt.close(ax.figure)


def test_pair_heatmap_writes_no_cell_labels_at_scale(big):
    kinds = big["stats"].assign(kind=big["stats"]["unit"])
    ax = plots.pair_heatmap(reshape.pair_matrix(kinds.head(500), "kind"))
    assert len(ax.texts) == 0
    assert len(ax.get_yticklabels()) == plots.PER_ARTICLE_MAX
    plt.close(ax.figure)


def test_measure_charts():
    m = pd.DataFrame({
        "measure_id": [1, 1, 1], "verdict": "conflict", "kind": "money",
        "subject_head": "thiệt hại", "period": "2024", "n_articles": 3, "unit": "vnd",
        "doc_id": ["a", "b", "c"], "date": pd.to_datetime(["2024-06-01", "2024-07-01", None]),
        "outlet": ["Báo A", None, "Báo C"], "source": ["Bộ Công an", None, None],
        "surface": ["hơn 10 tỷ USD", "khoảng 10 tỷ USD", "40 tỷ USD"],
        "value": [1e10, 1e10, 4e10], "value_usd": [1e10, 1e10, 4e10],
        "qualifier": ["more_than", "approx", "exact"], "low": [0.99e10, 0.89e10, 3.96e10],
        "high": [1.26e10, 1.11e10, 4.04e10], "consensus": 0.99e10,
        "in_consensus": [True, True, False], "copies": [["a2"], [], []],
    })  # fmt: skip
    ax = plots.measure_reports(m, 1)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0].startswith("Báo A 01/06/2024 (+1 bản sao)")
    assert "conflict" in ax.get_title() and ax.get_xscale() == "log"
    plt.close(ax.figure)
    ax = plots.measures_overview(m)
    assert len(ax.patches) == 1 and ax.patches[0].get_width() == 3
    plt.close(ax.figure)
    ax = plots.measures_overview(m.iloc[0:0])
    assert ax.texts
    plt.close(ax.figure)


def test_the_grouped_rest_is_drawn_in_grey(big):
    ax = plots.figures_by_unit(big["stats"])
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[-1].startswith("(còn lại: ") and len(labels) == plots.TOP_N + 1
    colors = [matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches]
    assert colors[-1] == "#a6a6a6" and colors[0] != colors[-1]
    plt.close(ax.figure)
