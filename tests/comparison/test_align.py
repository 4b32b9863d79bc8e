"""align_figures(): the same measure across articles, one report per story, verdicts."""

from __future__ import annotations

import pandas as pd
import pytest

from cyberlib import extract_statistics
from cyberlib.comparison.align import align_figures, resolve_period, subject_head

# Our own short articles: one loss reported by three outlets with different hedges, a
# conflicting figure from a fourth, and a syndicated copy of the first.
ARTICLES = {
    "tin-a": ("2024-06-10", "Tin Nhanh",
              "Theo Bộ Công an, năm nay thiệt hại do lừa đảo trực tuyến là hơn 10.000 tỷ đồng. "
              "Cơ quan chức năng đã khởi tố 120 vụ lừa đảo qua mạng trong năm 2024."),
    "tin-b": ("2024-06-12", "Báo Mạng Số",
              "Thiệt hại do lừa đảo trực tuyến năm 2024 ước tính khoảng 10.000 tỷ đồng, theo "
              "Cục A05. Người dân được khuyên không bấm vào đường dẫn lạ."),
    "tin-c": ("2024-07-01", "Thời Sự 24",
              "Năm 2024, thiệt hại do lừa đảo trực tuyến được ghi nhận là 10.200 tỷ đồng."),
    "tin-d": ("2024-07-15", "An Ninh Số",
              "Một chuyên gia cho rằng thiệt hại do lừa đảo trực tuyến trong năm 2024 lên tới "
              "40.000 tỷ đồng, gấp nhiều lần con số được công bố."),
}  # fmt: skip


def _corpus(with_conflict: bool = True) -> pd.DataFrame:
    rows = [
        {"doc_id": k, "date": d, "outlet": o, "text": t}
        for k, (d, o, t) in ARTICLES.items()
        if with_conflict or k != "tin-d"
    ]
    first = ARTICLES["tin-a"]
    rows.append({"doc_id": "tin-a-copy", "date": "2024-06-11", "outlet": "Đời Sống Số",
                 "text": "Đời Sống Số đưa tin\n" + first[2]})  # fmt: skip
    corpus = pd.DataFrame(rows)
    corpus["date"] = pd.to_datetime(corpus["date"])
    return corpus


def test_three_outlets_a_conflict_and_a_copy():
    corpus = _corpus()
    measures = align_figures(extract_statistics(corpus), corpus)
    assert set(measures["measure_id"]) == {1}
    m = measures.set_index("doc_id")
    # the copy is not a report of its own: it is listed with the report it copies
    assert sorted(m.index) == ["tin-a", "tin-b", "tin-c", "tin-d"]
    assert m.loc["tin-a", "copies"] == ["tin-a-copy"]
    assert m.loc["tin-b", "copies"] == []
    assert set(m["n_articles"]) == {4}
    assert set(m["kind"]) == {"money"} and set(m["subject_head"]) == {"thiệt hại"}
    assert set(m["period"]) == {"2024"}  # "năm nay" in an article of 2024
    assert m.loc["tin-a", "period_text"] == "năm nay"
    assert set(m["verdict"]) == {"conflict"}
    assert m["in_consensus"].to_dict() == {"tin-a": True, "tin-b": True, "tin-c": True,
                                           "tin-d": False}  # fmt: skip
    assert m.loc["tin-a", "qualifier"] == "more_than" and m.loc["tin-b", "qualifier"] == "approx"
    assert m.loc["tin-a", "source"] == "Bộ Công an"
    assert m.loc["tin-c", "outlet"] == "Thời Sự 24"
    assert m.loc["tin-c", "value_usd"] == pytest.approx(10_200e9 / 24_000, rel=0.05)
    # the case count is reported by one story only (tin-a and its copy): not a measure
    assert "case" not in set(measures["kind"])


def test_without_the_conflicting_figure_the_hedged_reports_agree():
    corpus = _corpus(with_conflict=False)
    measures = align_figures(extract_statistics(corpus), corpus)
    assert sorted(measures["doc_id"]) == ["tin-a", "tin-b", "tin-c"]
    assert set(measures["verdict"]) == {"agree"}
    assert measures["in_consensus"].all()


def _stats(rows):
    frame = pd.DataFrame(rows)
    for col, default in [("unit", "case"), ("unit_text", "vụ"), ("qualifier", "exact"),
                         ("subject", "vụ lừa đảo qua mạng"), ("period", "2024")]:  # fmt: skip
        if col not in frame:
            frame[col] = default
    frame["surface"] = frame["value"].astype(int).astype(str) + " vụ"
    return frame


def test_close_figures_differ_far_ones_conflict():
    near = align_figures(_stats([{"doc_id": "a", "value": 1000.0},
                                 {"doc_id": "b", "value": 1100.0}]))  # fmt: skip
    assert set(near["verdict"]) == {"differ"}
    far = align_figures(_stats([{"doc_id": "a", "value": 1000.0},
                                {"doc_id": "b", "value": 3000.0}]))  # fmt: skip
    assert set(far["verdict"]) == {"conflict"}


def test_order_of_magnitude_agrees_with_a_value_inside_it():
    m = align_figures(_stats([{"doc_id": "a", "value": 100.0, "qualifier": "order_of"},
                              {"doc_id": "b", "value": 450.0}]))  # fmt: skip
    assert set(m["verdict"]) == {"agree"}


def test_a_repeat_inside_one_article_counts_once():
    stats = _stats([{"doc_id": "a", "value": 381.0}, {"doc_id": "a", "value": 381.0},
                    {"doc_id": "a", "value": 381.0}, {"doc_id": "b", "value": 381.0}])  # fmt: skip
    m = align_figures(stats)
    assert sorted(m["doc_id"]) == ["a", "b"] and set(m["n_articles"]) == {2}
    # one article repeating itself is not a measure
    assert align_figures(stats[stats["doc_id"] == "a"]).empty


def test_different_periods_subjects_or_kinds_are_different_measures():
    stats = _stats([
        {"doc_id": "a", "value": 381.0, "period": "2023"},
        {"doc_id": "b", "value": 381.0, "period": "2024"},
        {"doc_id": "c", "value": 381.0, "subject": "vụ tấn công mạng"},
        {"doc_id": "d", "value": 381.0, "unit": "person", "unit_text": "người",
         "subject": "người lừa đảo qua mạng"},
    ])  # fmt: skip
    assert align_figures(stats).empty


def test_irrelevant_articles_are_set_aside_unless_asked():
    stats = _stats([{"doc_id": "a", "value": 381.0}, {"doc_id": "b", "value": 381.0},
                    {"doc_id": "c", "value": 381.0}])  # fmt: skip
    themes = pd.DataFrame({"doc_id": ["a", "b", "c"], "relevant": [True, True, False]})
    m = align_figures(stats, themes=themes)
    assert sorted(m["doc_id"]) == ["a", "b"] and m.attrs["set_aside"] == 1
    assert m.attrs["relevance_known"] and not align_figures(stats).attrs["relevance_known"]
    m_all = align_figures(stats, themes=themes, relevant_only=False)
    assert sorted(m_all["doc_id"]) == ["a", "b", "c"] and m_all.attrs["set_aside"] == 0


def test_money_in_two_currencies_is_one_kind_compared_in_usd():
    stats = pd.DataFrame({
        "doc_id": ["a", "b"], "value": [1e6, 24_000e6], "unit": ["usd", "vnd"],
        "unit_text": ["triệu USD", "tỷ đồng"], "qualifier": ["approx", "exact"],
        "subject": "thiệt hại", "period": "2023", "surface": ["khoảng 1 triệu USD", "24 tỷ đồng"],
    })  # fmt: skip
    m = align_figures(stats)
    assert set(m["kind"]) == {"money"} and set(m["verdict"]) == {"agree"}


def test_periods_and_heads():
    d = pd.Timestamp("2024-05-20")
    assert resolve_period("trong năm 2024", d) == ("2024", 2024)
    assert resolve_period("quý I/2024", d) == ("quý i/2024", 2024)
    assert resolve_period("3 năm qua", d) == ("3 năm qua · 2024", 2024)
    assert resolve_period("hằng năm", None) == ("hằng năm", None)
    assert resolve_period(None, None) == (None, None)
    assert subject_head("số tiền bị chiếm đoạt", "tỷ đồng", "money") == "số tiền"
    assert subject_head(None) is None


def test_empty_input_gives_an_empty_frame_with_the_columns():
    out = align_figures(pd.DataFrame(columns=["doc_id", "value", "unit"]))
    assert out.empty and "measure_id" in out.columns and "verdict" in out.columns
    with pytest.raises(ValueError, match="min_articles"):
        align_figures(_stats([{"doc_id": "a", "value": 1.0}]), min_articles=1)


def test_an_article_with_values_that_cannot_all_be_true_is_left_out():
    stats = _stats([
        {"doc_id": "a", "value": 200.0}, {"doc_id": "a", "value": 5000.0},  # two companies
        {"doc_id": "b", "value": 200.0}, {"doc_id": "c", "value": 200.0},
    ])  # fmt: skip
    m = align_figures(stats)
    assert sorted(m["doc_id"]) == ["b", "c"] and m.attrs["ambiguous"] == 2
    assert set(m["verdict"]) == {"agree"}


def test_a_compatible_restatement_counts_once_as_its_first_mention():
    stats = _stats([
        {"doc_id": "a", "value": 10_000.0, "qualifier": "more_than", "start": 0},
        {"doc_id": "a", "value": 10_200.0, "start": 50},
        {"doc_id": "b", "value": 10_000.0, "qualifier": "approx", "start": 0},
    ])  # fmt: skip
    m = align_figures(stats).set_index("doc_id")
    assert len(m) == 2 and m.loc["a", "qualifier"] == "more_than"
    assert m.attrs["ambiguous"] == 0


def test_a_copy_that_changed_the_figure_stays_a_report_of_the_same_story():
    stats = _stats(
        [
            {"doc_id": "goc", "value": 100.0},
            {"doc_id": "sao", "value": 300.0},
            {"doc_id": "sao-2", "value": 100.0},
            {"doc_id": "khac", "value": 100.0},
        ]
    )
    copies = pd.DataFrame({"doc_id": ["goc", "sao", "sao-2"], "group": 0,
                           "canonical": "goc", "similarity": [1.0, 0.8, 0.9]})  # fmt: skip
    m = align_figures(stats, copies=copies).set_index("doc_id")
    assert sorted(m.index) == ["goc", "khac", "sao"]
    assert m.loc["goc", "copies"] == ["sao-2"] and m.loc["sao", "copies"] == []
    assert set(m["n_articles"]) == {2}  # two stories: goc (with its copies) and khac
    assert set(m["verdict"]) == {"conflict"}
