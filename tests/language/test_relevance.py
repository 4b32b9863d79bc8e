"""Relevance: is an article about cybercrime or online harm, and which theme leads it.

Every text below was written by us for these tests (no article of any outlet).
"""

from __future__ import annotations

import csv
import json
import math
import subprocess
import sys
import unicodedata

import pandas as pd
import pytest
from langhelpers import new_style

from cyberlib.language.relevance import (
    FEATURES,
    GROUPS,
    relevance_counts,
    relevance_evidence,
    relevance_of,
    relevance_threshold,
)
from cyberlib.language.themes import THEMES, sentence_themes, theme_scores
from cyberlib.normalization import normalize
from cyberlib.resources import data_text, load_toml

# Short stories of our own, one per kind of article the issue names.
TEXTS = {
    "scam": (
        "Cảnh giác chiêu lừa đảo qua mạng xã hội\n"
        "Một phụ nữ ở Hà Nội bị kẻ gian mạo danh nhân viên ngân hàng nhắn tin qua Zalo, "
        "dụ bấm vào đường link lạ rồi chiếm đoạt 200 triệu đồng trong tài khoản.\n"
        "Theo công an, đối tượng gửi tin nhắn báo tài khoản bị khóa và yêu cầu nạn nhân "
        "cung cấp mã OTP. Sau khi có mã, kẻ gian chuyển hết tiền sang nhiều tài khoản khác. "
        "Cơ quan chức năng khuyến cáo người dân không cung cấp mã OTP cho bất kỳ ai."
    ),
    "school": (
        "Hà Nội công bố kế hoạch tuyển sinh lớp 1 năm học mới\n"
        "Sở Giáo dục và Đào tạo Hà Nội cho biết năm nay các trường tiểu học sẽ nhận hồ sơ "
        "của trẻ em sinh năm 2019 theo tuyến cư trú.\n"
        "Phụ huynh nộp hồ sơ trực tiếp tại trường học hoặc đăng ký trực tuyến. Nhà trường "
        "tăng cường đào tạo giáo viên, bồi dưỡng kỹ năng sống cho học sinh và nâng cao chất "
        "lượng giáo dục. Các em sẽ được học hai buổi mỗi ngày."
    ),
    "land": (
        "Xét xử vụ lừa đảo bán đất nền ở Bình Dương\n"
        "Tòa án nhân dân tỉnh Bình Dương đã tuyên phạt bị cáo Nguyễn Văn A 12 năm tù về tội "
        "lừa đảo chiếm đoạt tài sản.\n"
        "Theo cáo trạng, bị cáo làm giả giấy tờ quyền sử dụng đất rồi bán một lô đất cho "
        "nhiều người, nhận tiền đặt cọc hơn 5 tỷ đồng. Các bị hại đến tận văn phòng của bị "
        "cáo để ký hợp đồng và giao tiền mặt. Viện kiểm sát đề nghị bị cáo bồi thường "
        "toàn bộ số tiền đã chiếm đoạt."
    ),
    "breach": (
        "Dữ liệu cá nhân của 2 triệu khách hàng bị rò rỉ\n"
        "Một công ty bán lẻ thừa nhận tin tặc đã đánh cắp dữ liệu gồm họ tên, số điện thoại "
        "và địa chỉ của khách hàng.\n"
        "Dữ liệu bị rò rỉ đang được rao bán trên một diễn đàn với giá 3.000 USD. Chuyên gia "
        "khuyên người dùng đổi mật khẩu và cảnh giác với các cuộc gọi lạ, vì thông tin cá "
        "nhân có thể bị dùng để lừa đảo. Công ty cho biết đã báo cáo cơ quan bảo vệ dữ "
        "liệu cá nhân."
    ),
    "ransomware": (
        "Bệnh viện tê liệt vì mã độc tống tiền\n"
        "Hệ thống máy tính của một bệnh viện lớn bị nhóm tin tặc tấn công bằng mã độc tống "
        "tiền, mọi hồ sơ bệnh án bị mã hóa.\n"
        "Nhóm tấn công đòi tiền chuộc bằng bitcoin để giải mã dữ liệu. Các chuyên gia an "
        "ninh mạng cho biết mã độc lây qua một lỗ hổng bảo mật chưa được vá của hệ điều "
        "hành và khuyến cáo các đơn vị cập nhật bản vá ngay."
    ),
    "grooming": (
        "Cảnh báo kẻ xấu dụ dỗ trẻ em qua mạng xã hội\n"
        "Công an tỉnh vừa bắt một đối tượng dùng tài khoản Facebook ảo làm quen với nhiều "
        "bé gái rồi dụ dỗ gửi ảnh nhạy cảm.\n"
        "Khi có ảnh, đối tượng đe dọa phát tán trên mạng xã hội để ép các em gửi thêm ảnh "
        "khỏa thân. Đây là hành vi xâm hại tình dục trẻ em qua mạng. Cơ quan chức năng đề "
        "nghị phụ huynh theo dõi việc dùng mạng của con."
    ),
    "football": (
        "Đội tuyển Việt Nam thắng 2-0 trong trận giao hữu\n"
        "Hai bàn thắng ở hiệp hai giúp đội tuyển có chiến thắng trước đội khách.\n"
        "Huấn luyện viên cho biết các cầu thủ đã chơi tập trung và kỷ luật. Trận đấu thu "
        "hút hơn 20.000 khán giả đến sân, nhiều cổ động viên theo dõi trực tuyến trên "
        "mạng xã hội. Đội tuyển sẽ tiếp tục tập huấn trước vòng loại."
    ),
    "economy": (
        "Xuất khẩu nông sản tăng mạnh trong quý III\n"
        "Kim ngạch xuất khẩu nông sản quý III đạt hơn 14 tỷ USD, tăng 12% so với cùng kỳ.\n"
        "Gạo, cà phê và trái cây là những mặt hàng đóng góp lớn nhất. Bộ Nông nghiệp cho "
        "biết nhu cầu ở các thị trường châu Á phục hồi nhanh, giá gạo xuất khẩu ở mức cao. "
        "Doanh nghiệp đang đầu tư vào kho lạnh và chế biến sâu để giữ chất lượng hàng. "
        "Nhiều hợp tác xã đã ký hợp đồng dài hạn với nhà nhập khẩu, giúp nông dân yên tâm "
        "sản xuất. Trong quý IV, ngành dự kiến xuất khẩu thêm 3 triệu tấn gạo. Một doanh "
        "nghiệp cho biết hệ thống email của họ từng bị tin tặc tấn công năm ngoái nhưng "
        "không ảnh hưởng đến đơn hàng. Các chuyên gia dự báo cả năm kim ngạch có thể vượt "
        "55 tỷ USD nếu thời tiết thuận lợi và giá cả ổn định."
    ),
}


def scores_of(*names: str, **kwargs) -> pd.DataFrame:
    frame = pd.DataFrame({"doc_id": list(names), "text": [TEXTS[n] for n in names]})
    return theme_scores(frame, cache=False, engine="serial", **kwargs).set_index("doc_id")


@pytest.mark.parametrize(
    ("name", "theme"),
    [
        ("scam", "fraud_scams"),
        ("breach", "privacy_data"),
        ("ransomware", "cyberattacks"),
        ("grooming", "child_protection"),
    ],
)
def test_cybercrime_stories_are_relevant_with_their_theme(name, theme):
    row = scores_of(name).loc[name]
    assert row["relevant"]
    assert row["relevance"] > 0.9
    assert row["top_theme"] == theme


@pytest.mark.parametrize("name", ["school", "land", "football", "economy"])
def test_ordinary_stories_are_not_relevant_and_have_no_top_theme(name):
    row = scores_of(name).loc[name]
    assert not row["relevant"]
    assert row["relevance"] < 0.5
    assert row["top_theme"] is None


def test_generic_words_alone_carry_no_theme():
    # "trẻ em", "học sinh", "đào tạo", "bồi dưỡng", "giáo dục" are all lexicon terms
    row = scores_of("school").loc["school"]
    assert row["child_protection"] == 0.0
    assert row["capacity_building"] == 0.0
    assert (row[list(THEMES)] == 0).all()


def test_a_passing_mention_in_a_long_article_is_not_enough():
    counts = relevance_counts(TEXTS["economy"])
    assert counts.strong == 1  # "tin tặc" is there, once
    assert relevance_of(counts) < relevance_threshold()


def test_threshold_parameter_moves_the_cut():
    everything = scores_of("scam", "land", threshold=0.0)
    assert everything["relevant"].all()
    assert everything.loc["land", "top_theme"] == "fraud_scams"  # offline fraud words are there
    nothing = scores_of("scam", "land", threshold=1.01)
    assert not nothing["relevant"].any()
    assert nothing["top_theme"].isna().all()


def test_relevance_columns_and_types():
    scores = scores_of(*TEXTS)
    assert list(scores.columns) == [*THEMES, "relevance", "relevant", "top_theme"]
    assert scores["relevance"].dtype == "float64"
    assert scores["relevant"].dtype == bool
    assert scores["relevance"].between(0, 1).all()
    assert (scores["relevant"] == (scores["relevance"] >= relevance_threshold())).all()
    assert scores.loc[~scores["relevant"], "top_theme"].isna().all()


def test_explain_lists_the_evidence_terms():
    scores = scores_of("ransomware", "school", explain=True)
    assert "mã độc tống tiền" in scores.loc["ransomware", "evidence"]
    assert "tin tặc" in scores.loc["ransomware", "evidence"]
    assert scores.loc["school", "evidence"] == ""


def test_evidence_contributions_add_up_to_the_relevance():
    for name in ("scam", "economy", "school"):
        ev = relevance_evidence(TEXTS[name])
        assert list(ev["feature"]) == [*FEATURES, "intercept"]
        z = ev["contribution"].sum()
        assert 1 / (1 + math.exp(-z)) == pytest.approx(relevance_of(relevance_counts(TEXTS[name])))
        assert scores_of(name).loc[name, "relevance"] == pytest.approx(1 / (1 + math.exp(-z)))


def test_harm_and_channel_count_only_in_the_same_sentence():
    together = relevance_counts("Bà bị kẻ gian lừa qua điện thoại.")
    apart = relevance_counts("Bà bị kẻ gian lừa. Hôm sau bà mua điện thoại mới.")
    assert together.harm_channel == 1
    assert apart.harm_channel == 0
    ev = relevance_evidence("Bà bị kẻ gian lừa. Hôm sau bà mua điện thoại mới.")
    assert ev.loc[ev["feature"] == "harm_channel", "terms"].item() == ""


def test_relevance_ignores_nfd_and_tone_placement():
    for text in TEXTS.values():
        assert relevance_counts(text) == relevance_counts(
            unicodedata.normalize("NFD", new_style(text))
        )


def test_sentences_of_articles_that_are_not_relevant_carry_no_theme():
    frame = pd.DataFrame({"doc_id": ["land", "scam"], "text": [TEXTS["land"], TEXTS["scam"]]})
    tags = sentence_themes(frame, cache=False, engine="serial")
    assert set(tags["doc_id"]) == {"scam"}
    assert set(tags["theme"]) == {"fraud_scams"}  # the only theme the scam story carries
    every = sentence_themes(frame, cache=False, engine="serial", relevant_only=False)
    assert set(every["doc_id"]) == {"land", "scam"}
    land = every[every["doc_id"] == "land"]
    assert set(land["theme"]) <= {"fraud_scams", "law_enforcement"}


def test_relevance_file_groups_share_no_term_and_model_names_every_feature():
    assert data_text("relevance.toml").startswith("# ")
    data = load_toml("relevance.toml")
    seen: dict[str, str] = {}
    for group in GROUPS:
        for term in data[group]["terms"]:
            key = normalize(term)
            key = key if sum(c.isupper() for c in key) >= 2 else key.lower()
            assert seen.setdefault(key, group) == group, f"{term!r} in {seen[key]} and {group}"
    assert set(data["model"]) == {"threshold", "intercept", *FEATURES}


def test_relevance_labels_in_the_repo_are_ours_and_split_by_round(root):
    path = root / "benchmarks" / "gold" / "relevance_labels.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["doc", "label", "themes", "top_theme", "split", "round", "note"]
    assert len(rows) == len({r["doc"] for r in rows}) >= 600
    for r in rows:
        assert r["label"] in {"relevant", "borderline", "not"}
        # rounds 1 and 2 were looked at while tuning; round 3 is the held-out test
        assert r["round"] in {"1", "2", "3"}
        assert r["split"] == ("test" if r["round"] == "3" else "dev")
        if r["label"] == "relevant":
            assert r["top_theme"] in THEMES
            assert set(r["themes"].split(";")) <= set(THEMES)
        assert len(r["note"]) < 200  # a note of ours, never article text
    for split in ("dev", "test"):
        labels = [r["label"] for r in rows if r["split"] == split]
        assert labels.count("relevant") >= 30
        assert labels.count("not") >= 100


def test_cli_themes_shows_relevance_first(tmp_path, capsys):
    from cyberlib.cli import main

    for name in ("scam", "school"):
        (tmp_path / f"{name}.txt").write_text(TEXTS[name], encoding="utf-8")
    assert main(["themes", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["doc_id", "relevance", "relevant", "top_theme"]
    rows = {line.split()[0]: line.split()[1:4] for line in lines[1:]}
    assert rows["scam"][1:] == ["True", "fraud_scams"]
    assert rows["school"][1] == "False"
    assert main(["themes", str(tmp_path), "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["doc_id"]: r["relevant"] for r in records} == {"scam": True, "school": False}


def test_evidence_helper_is_public():
    import cyberlib

    assert cyberlib.relevance_evidence is relevance_evidence
    assert "relevance_evidence" in cyberlib.__all__


def test_empty_and_missing_texts_are_not_relevant():
    frame = pd.DataFrame(
        {"doc_id": ["empty", "missing", "scam"], "text": ["", None, TEXTS["scam"]]}
    )
    scores = theme_scores(frame, cache=False, engine="serial", explain=True).set_index("doc_id")
    assert list(scores["relevant"]) == [False, False, True]
    assert scores.loc[["empty", "missing"], "top_theme"].isna().all()
    assert (scores.loc[["empty", "missing"], list(THEMES)] == 0).all().all()
    assert relevance_evidence("")["count"].sum() == 0


def test_eval_script_skips_cleanly_without_the_corpus(root, tmp_path):
    script = root / "benchmarks" / "eval_relevance.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--vinews", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "skipped" in proc.stdout
    assert str(tmp_path / "articles.jsonl.gz") in proc.stdout


@pytest.mark.parametrize(
    "text",
    [
        # users' data collected and sold in secret
        "Hãng TV bán dữ liệu người dùng\nHãng sản xuất TV thông minh bị phạt vì theo dõi người "
        "dùng và bán dữ liệu người dùng cho các công ty quảng cáo.",
        # a law on harmful online content
        "Luật mới buộc mạng xã hội gỡ ngôn từ thù địch\nQuốc hội thông qua luật buộc các mạng "
        "xã hội gỡ bỏ ngôn từ thù địch và nội dung độc hại trong 24 giờ.",
        # a victim picked through an online acquaintance
        "Quen qua mạng, bị lừa mất xe\nCô gái quen qua mạng xã hội một thanh niên, sau đó bị "
        "người này lừa lấy xe máy.",
    ],
)
def test_data_selling_online_content_law_and_online_lures_are_relevant(text):
    counts = relevance_counts(text)
    assert counts.strong >= 2
    assert relevance_of(counts) >= 0.5
    assert relevance_evidence(text).loc[0, "terms"]  # the strong terms are listed
