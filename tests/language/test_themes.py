"""Theme lexicons, article scores, sentence tags and the join with statistics."""

from __future__ import annotations

import pandas as pd
import pytest
from langhelpers import gold_rows, respelled

from cyberlib.language.themes import (
    THEMES,
    carried_themes_of,
    count_themes,
    sentence_themes,
    theme_scores,
    themes_of_statistics,
)
from cyberlib.normalization import normalize
from cyberlib.resources import data_text, load_toml

DESIGN_IDS = {
    "child_protection",
    "fraud_scams",
    "cyberattacks",
    "international_cooperation",
    "legal_framework",
    "law_enforcement",
    "technology_ai",
    "privacy_data",
    "capacity_building",
}


def test_lexicon_file_has_the_nine_themes_25_terms_each_and_no_shared_term():
    assert data_text("themes.toml").startswith("# ")
    data = load_toml("themes.toml")
    assert set(THEMES) == DESIGN_IDS == {k for k, v in data.items() if isinstance(v, dict)}
    assert 0 < data["generic_weight"] <= 1
    seen: dict[str, str] = {}
    for theme in THEMES:
        terms = [normalize(t).lower() for t in data[theme]["terms"]]
        assert len(set(terms)) >= 25, theme
        for term in terms:
            assert seen.setdefault(term, theme) == theme, f"{term!r} in {seen[term]} and {theme}"
        generic = {normalize(t).lower() for t in data[theme].get("generic", [])}
        assert generic <= set(terms), theme
        assert len(set(terms) - generic) >= 8, f"{theme} needs specific terms"
        assert data[theme].get("rank", 1.0) > 0


# One sentence of our own per theme; none of them comes from the shipped articles.
POSITIVE = {
    "child_protection": "Nhiều học sinh bị kẻ xấu dụ dỗ gửi ảnh nhạy cảm.",
    "fraud_scams": "Đối tượng mạo danh nhân viên ngân hàng để chiếm đoạt tài sản.",
    "cyberattacks": "Nhóm tin tặc phát tán mã độc tống tiền vào bệnh viện.",
    "international_cooperation": "Hai nước ký bản ghi nhớ về hợp tác song phương.",
    "legal_framework": "Quốc hội sửa đổi bộ luật hình sự và ban hành nghị định mới.",
    "law_enforcement": "Cơ quan điều tra đã khởi tố và bắt giữ ba nghi phạm.",
    "technology_ai": "Kẻ gian dùng trí tuệ nhân tạo để tạo deepfake giọng nói.",
    "privacy_data": "Hàng triệu bản ghi dữ liệu cá nhân bị rò rỉ trên diễn đàn.",
    "capacity_building": "Khóa tập huấn giúp cán bộ nâng cao năng lực điều phối.",
}


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_fires_on_a_sentence_of_its_own(theme):
    counts = count_themes(POSITIVE[theme])
    assert counts.get(theme, 0) >= 1
    assert max(counts, key=counts.get) == theme
    assert theme in carried_themes_of(POSITIVE[theme])


@pytest.mark.parametrize(
    ("sentence", "theme"),
    [
        ("Trường mầm non nhận trẻ em và học sinh lớp 1.", "child_protection"),
        ("Công ty đầu tư đào tạo kỹ năng cho cán bộ trẻ.", "capacity_building"),
        ("Hai nước hợp tác xây cầu, các nước láng giềng chung tay.", "international_cooperation"),
        ("Cửa hàng bán điện thoại thông minh và máy tính.", "technology_ai"),
    ],
)
def test_generic_terms_alone_do_not_carry_their_theme(sentence, theme):
    assert count_themes(sentence).get(theme, 0) >= 2  # the words are in the lexicon
    assert theme not in carried_themes_of(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hôm nay trời nắng đẹp, chúng tôi đi dạo trong công viên.",
        "Ai cũng biết bữa sáng rất quan trọng.",  # "Ai" is not "AI"
        "Cô ấy bắt đầu nấu ăn từ sớm.",
        "Quốc tế ngữ là một ngôn ngữ nhân tạo.",
    ],
)
def test_unrelated_sentences_carry_no_theme(sentence):
    assert count_themes(sentence) == {}


def test_longest_phrase_wins_and_counts_once():
    assert count_themes("cơ quan thực thi pháp luật") == {"law_enforcement": 1}
    assert count_themes("AI") == {"technology_ai": 1}
    assert count_themes("toạ đàm về hoà giải và văn hoá") == count_themes(
        "tọa đàm về hòa giải và văn hóa"
    )


def test_top_theme_matches_gold(corpus):
    scores = theme_scores(corpus, cache=False, engine="serial").set_index("doc_id")
    gold = gold_rows("seed_themes.csv")
    assert gold
    for row in gold:
        assert scores.loc[row["doc"], "top_theme"] == row["top_theme"], row["doc"]
    assert scores["relevant"].all()  # the five shipped articles are all about cybercrime


def test_scores_frame_shape(corpus):
    scores = theme_scores(corpus, cache=False, engine="serial")
    assert list(scores.columns) == ["doc_id", *THEMES, "relevance", "relevant", "top_theme"]
    assert len(scores) == len(corpus)
    assert (scores[list(THEMES)] >= 0).all().all()
    assert (scores[list(THEMES)].dtypes == "float64").all()


def test_no_hit_gives_no_top_theme():
    frame = pd.DataFrame({"doc_id": ["x"], "text": ["Hôm nay trời đẹp."]})
    scores = theme_scores(frame, cache=False)
    assert scores.loc[0, "top_theme"] is None
    assert scores[list(THEMES)].sum().sum() == 0


def test_scores_do_not_depend_on_nfd_or_tone_placement(corpus):
    a = theme_scores(corpus, cache=False, engine="serial")
    b = theme_scores(respelled(corpus), cache=False, engine="serial")
    pd.testing.assert_frame_equal(a, b)
    sa = sentence_themes(corpus, cache=False, engine="serial")
    sb = sentence_themes(respelled(corpus), cache=False, engine="serial")
    cols = ["doc_id", "sentence_id", "theme", "hits"]
    pd.testing.assert_frame_equal(sa[cols], sb[cols])


def test_sentence_offsets_index_the_corpus_text(corpus):
    tags = sentence_themes(corpus, cache=False, engine="serial")
    assert list(tags.columns) == [
        "doc_id", "sentence_id", "start", "end", "sentence", "theme", "hits"
    ]  # fmt: skip
    texts = corpus.set_index("doc_id")["text"]
    for row in tags.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.sentence
    assert set(tags["theme"]) <= set(THEMES)


def test_figures_inherit_the_themes_of_their_sentence(corpus):
    stats = pd.DataFrame(
        {"doc_id": ["d", "d", "d"], "start": [10, 40, 90], "end": [16, 50, 95], "value": [1, 2, 3]}
    )
    tags = pd.DataFrame(
        {
            "doc_id": ["d", "d", "d"],
            "sentence_id": [0, 1, 1],
            "start": [0, 30, 30],
            "end": [29, 60, 60],
            "theme": ["fraud_scams", "child_protection", "law_enforcement"],
        }
    )
    joined = themes_of_statistics(stats, tags)
    assert joined[["value", "theme"]].values.tolist() == [
        [1, "fraud_scams"],
        [2, "child_protection"],
        [2, "law_enforcement"],
        [3, None],
    ]


def test_join_with_extracted_statistics(corpus):
    from cyberlib import extract_statistics

    stats = extract_statistics(corpus)
    joined = themes_of_statistics(stats, sentence_themes(corpus, cache=False, engine="serial"))
    assert set(joined.columns) == set(stats.columns) | {"theme"}
    assert set(zip(stats["doc_id"], stats["start"], strict=True)) == set(
        zip(joined["doc_id"], joined["start"], strict=True)
    )
    # "381 vụ xâm hại trẻ em qua mạng" is a child-protection figure
    rows = joined[joined["surface"].str.startswith("381")]
    assert "child_protection" in set(rows["theme"])


# Short stories of our own writing for the rules of the second pass on themes.
STORIES = {
    "legal_framework": (
        "Quốc hội thông qua Luật An ninh mạng\nLuật An ninh mạng có hiệu lực từ năm sau, quy "
        "định trách nhiệm của doanh nghiệp trên không gian mạng. Theo luật, các hành vi phát tán "
        "mã độc và tấn công mạng bị nghiêm cấm. Nghị định hướng dẫn luật sẽ quy định mức phạt "
        "với doanh nghiệp vi phạm."
    ),
    "international_cooperation": (
        "Cảnh sát hai nước hợp tác chống lừa đảo trực tuyến\nCảnh sát hai nước ký thỏa thuận "
        "hợp tác, trao đổi thông tin về các đường dây lừa đảo trực tuyến xuyên biên giới. Hai "
        "bên tăng cường hợp tác trong điều tra tội phạm mạng và dẫn độ đối tượng. Đại diện hai "
        "nước cho biết sẽ phối hợp quốc tế để truy vết dòng tiền lừa đảo qua mạng."
    ),
    "privacy_data": (
        "Công ty bị phạt vì bán dữ liệu người dùng\nMột công ty ứng dụng đã thu thập dữ liệu "
        "người dùng và bán thông tin cá nhân của khách hàng cho bên thứ ba mà không có sự đồng "
        "ý. Cơ quan quản lý cho biết dữ liệu cá nhân của hàng triệu người đã bị mua bán. Người "
        "dùng được khuyên bảo vệ quyền riêng tư của mình."
    ),
    # many generic privacy words ("dữ liệu", "mã hóa") around a ransomware attack
    "cyberattacks": (
        "Mã độc tống tiền tấn công bệnh viện\nMã độc tống tiền đã mã hóa dữ liệu của bệnh viện. "
        "Tin tặc phát tán mã độc qua email và đòi tiền chuộc để giải mã dữ liệu. Dữ liệu bệnh "
        "nhân bị mã hóa. Chuyên gia khuyên sao lưu để bảo vệ dữ liệu."
    ),
}


def test_stories_of_our_own_get_their_top_theme():
    corpus = pd.DataFrame({"doc_id": list(STORIES), "text": list(STORIES.values())})
    scores = theme_scores(corpus, cache=False, engine="serial").set_index("doc_id")
    assert scores["relevant"].all()
    for theme in STORIES:
        assert scores.loc[theme, "top_theme"] == theme, theme


def test_generic_hits_weigh_less_than_specific_ones_for_the_top_theme():
    # privacy_data is carried ("bảo vệ dữ liệu") and has more hits per 1,000 syllables than
    # cyberattacks, but most of them are generic words of a ransomware story
    story = STORIES["cyberattacks"]
    scores = theme_scores(pd.DataFrame({"doc_id": ["r"], "text": [story]}), cache=False)
    assert scores.loc[0, "privacy_data"] > scores.loc[0, "cyberattacks"] > 0
    assert scores.loc[0, "top_theme"] == "cyberattacks"


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Hai nước hợp tác về an ninh mạng.", "international_cooperation"),
        ("Bộ trưởng giới thiệu dự thảo luật an ninh mạng.", "legal_framework"),
        ("Tập đoàn đào tạo nhân lực an toàn thông tin.", "capacity_building"),
        ("Kẻ gian lừa đảo trẻ em qua mạng xã hội.", "child_protection"),
    ],
)
def test_generic_terms_carry_their_theme_next_to_cyber_evidence(text, theme):
    assert theme in carried_themes_of(text)


def test_generic_terms_away_from_cyber_evidence_still_carry_nothing():
    text = (
        "Tin tặc phát tán mã độc vào máy tính của công ty. Hai nước hợp tác xây cầu. "
        "Trường tuyển sinh, trẻ em được đào tạo kỹ năng."
    )
    carried = carried_themes_of(text)
    assert "cyberattacks" in carried
    assert not {"international_cooperation", "child_protection", "capacity_building"} & set(carried)
    # a theme whose generic words are everywhere in cyber stories is not promoted
    assert "privacy_data" not in carried_themes_of("Mã độc mã hóa dữ liệu của bệnh viện.")
