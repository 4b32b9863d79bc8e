"""Charts: Vietnamese glyphs render, each chart has a title and labels, helpers classify right."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from cyberlib import plots  # noqa: E402
from cyberlib.comparison import reshape  # noqa: E402

VIET_LABEL = "Số vụ xâm hại trẻ em qua mạng — Cục An ninh mạng; Đặng Hoàng Giang; ửữựỹỵ"


def _glyph_warnings(draw) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig = draw()
        fig.canvas.draw()
        plt.close(fig)
    return [str(w.message) for w in caught if "missing from" in str(w.message)]


def _vietnamese_figure():
    fig, ax = plt.subplots()
    ax.set_title(VIET_LABEL)
    ax.set_xlabel(plots.VIETNAMESE_LETTERS[:67])
    ax.set_ylabel(plots.VIETNAMESE_LETTERS[67:])
    return fig


def test_detector_sees_missing_glyphs_in_a_font_without_vietnamese():
    # the check below is only meaningful if a font lacking the letters does warn
    with matplotlib.rc_context({"font.family": "cmr10"}):
        assert _glyph_warnings(_vietnamese_figure)


def test_vietnamese_labels_emit_no_missing_glyph_warning():
    assert plots.FONT in plots.FONT_CANDIDATES
    assert _glyph_warnings(_vietnamese_figure) == []


def test_font_covers_every_vietnamese_letter_but_cmr10_does_not():
    assert plots.font_covers(plots.FONT)
    assert not plots.font_covers("cmr10")


def test_use_vietnamese_font_skips_fonts_that_lack_the_letters():
    with matplotlib.rc_context():
        assert plots.use_vietnamese_font(["cmr10", "DejaVu Sans"]) == "DejaVu Sans"
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"


@pytest.fixture
def stats() -> pd.DataFrame:
    rows = [
        ("000_aaaaaaaa", "hàng triệu hình ảnh", 1e6, np.nan, "image", "order_of", None, None),
        ("000_aaaaaaaa", "hơn 30 nước", 30.0, np.nan, "country", "more_than", None, None),
        (
            "001_bbbbbbbb",
            "hàng trăm tỷ USD",
            1e11,
            np.nan,
            "usd",
            "order_of",
            "mỗi năm",
            "Interpol",
        ),
        ("001_bbbbbbbb", "khoảng 10 tỷ USD", 1e10, np.nan, "usd", "approx", "mỗi năm", "Interpol"),
        ("003_cccccccc", "381 vụ", 381.0, np.nan, "case", "exact", "2024", "Cục A05"),
        ("003_cccccccc", "từ 10 đến 15 tỷ đồng", 1e10, 1.5e10, "vnd", "exact", "2024–2028", None),
        ("003_cccccccc", "3 tỷ người", 3e9, np.nan, "person", "exact", None, None),
    ]
    cols = ["doc_id", "surface", "value", "value_high", "unit", "qualifier", "period", "source"]
    frame = pd.DataFrame(rows, columns=cols)
    frame["start"] = range(len(frame))
    usd = {"usd": 1.0, "vnd": 1 / 25000}
    frame["value_usd"] = [
        v * usd[u] if u in usd else np.nan for v, u in zip(frame.value, frame.unit, strict=True)
    ]
    return frame


def test_hedge_class_groups_the_design_qualifiers():
    got = {q: reshape.hedge_class(q) for q in ["exact", "more_than", "less_than", "up_to",
                                                "approx", "nearly", "order_of"]}  # fmt: skip
    assert got == {"exact": "exact", "more_than": "bound", "less_than": "bound",
                   "up_to": "bound", "approx": "approximate", "nearly": "approximate",
                   "order_of": "order"}  # fmt: skip


def test_hedge_shares_sum_to_one_and_count_figures(stats):
    shares = reshape.hedge_shares(stats, doc_ids=["000_aaaaaaaa", "001_bbbbbbbb", "003_cccccccc",
                                                  "009_dddddddd"])  # fmt: skip
    assert shares.loc["001_bbbbbbbb", "approximate"] == 0.5
    assert shares.loc["001_bbbbbbbb", "order"] == 0.5
    assert shares.loc["003_cccccccc", "exact"] == 1.0
    assert shares.loc["009_dddddddd", "n_figures"] == 0
    sums = shares[reshape.hedge_classes()].sum(axis=1)
    assert list(sums) == [1.0, 1.0, 1.0, 0.0]


def test_pairs_and_cooccurrence():
    themes = pd.DataFrame({"doc_id": ["a", "a", "b", "b", "c"],
                           "sentence_id": [0, 0, 0, 1, 0],
                           "theme": ["fraud_scams", "technology_ai", "fraud_scams",
                                     "technology_ai", "legal_framework"]})  # fmt: skip
    pairs = reshape.shared_pairs(themes, "theme")
    assert pairs.loc[0].to_dict() == {"doc_a": "a", "doc_b": "b", "n_shared": 2,
                                      "shared": "fraud_scams, technology_ai"}  # fmt: skip
    assert list(pairs["n_shared"]) == [2, 0, 0]
    matrix = reshape.pair_matrix(themes, "theme")
    assert matrix.loc["a", "a"] == 2 and matrix.loc["a", "c"] == 0
    co = reshape.theme_cooccurrence(themes)
    # only document a has both themes in one sentence; b has them in two different sentences
    assert co.loc["fraud_scams", "technology_ai"] == 1
    assert co.loc["fraud_scams", "fraud_scams"] == 2


CHARTS = {
    "figures_by_unit": lambda s: plots.figures_by_unit(s),
    "money_usd": lambda s: plots.money_usd(s),
    "cases_vs_people": lambda s: plots.cases_vs_people(s),
    "hedging_share": lambda s: plots.hedging_share(s),
    "sources_by_count": lambda s: plots.sources_by_count(s),
    "figures_timeline": lambda s: plots.figures_timeline(s),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_figure_charts_have_title_labels_and_no_missing_glyph(stats, name):
    holder = {}

    def draw():
        holder["ax"] = CHARTS[name](stats)
        return holder["ax"].figure

    assert _glyph_warnings(draw) == []
    ax = holder["ax"]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()


def test_money_chart_draws_only_money_on_log_scale(stats):
    ax = plots.money_usd(stats)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["001: hàng trăm tỷ USD", "001: khoảng 10 tỷ USD", "003: từ 10 đến 15 tỷ đồng"]
    assert ax.get_xscale() == "log"
    plt.close(ax.figure)


def test_timeline_places_years_and_counts_the_undated(stats):
    ax = plots.figures_timeline(stats)
    assert "(5 số liệu không gắn với năm cụ thể)" in ax.get_title()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["003"]
    plt.close(ax.figure)


def test_cases_vs_people_one_bar_per_figure(stats):
    ax = plots.cases_vs_people(stats)
    assert len(ax.patches) == 2
    plt.close(ax.figure)


def test_heatmaps_annotate_each_cell():
    scores = pd.DataFrame({"doc_id": ["000_aaaaaaaa", "001_bbbbbbbb"],
                           "fraud_scams": [0.25, 0.5], "child_protection": [0.75, 0.0],
                           "top_theme": ["child_protection", "fraud_scams"]})  # fmt: skip
    ax = plots.theme_heatmap(scores)
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["0.0", "0.2", "0.5", "0.8"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["000", "001"]
    plt.close(ax.figure)


def test_charts_draw_into_a_given_axes_and_handle_empty_frames(stats):
    fig, axes = plt.subplots(1, 2)
    assert plots.figures_by_unit(stats, ax=axes[0]) is axes[0]
    empty = stats.iloc[0:0]
    ax = plots.money_usd(empty, ax=axes[1])
    assert ax is axes[1] and ax.texts
    plt.close(fig)


def test_entities_per_article_stacks_distinct_entities_by_kind():
    ents = pd.DataFrame({"doc_id": ["a", "a", "a", "b"],
                         "entity": ["FBI", "FBI", "Lê Xuân Minh", "Anh"],
                         "kind": ["org", "org", "person", "country"]})  # fmt: skip
    ax = plots.entities_per_article(ents)
    widths = sorted(p.get_width() for p in ax.patches if p.get_width() > 0)
    assert widths == [1, 1, 1]
    plt.close(ax.figure)
