"""Each cleaning rule, on texts of our own and on the shipped articles."""

import unicodedata
from datetime import date

import pytest

from cyberlib.reading.cleaning import clean_article

LEAD = "TPO - Gần 100 quốc gia đăng ký tham dự lễ mở ký tại Hà Nội."


def rules(text):
    return [r.rule for r in clean_article(text).removed]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("0:00 / 0:00", "media_counter"),
        ("0:00", "media_counter"),
        ("01:02:03 / 1:10:00", "media_counter"),
        ("gen-o-cong-uoc-1.jpg", "image_file"),
        ("Anh_Bia.PNG", "image_file"),
        ("toa-dam.webp", "image_file"),
        ("Hotline: 0865015015 Nhật báo Sinh viên Việt Nam", "masthead"),
        ("Tòa soạn Quảng cáo Liên hệ", "masthead"),
    ],
)
def test_boilerplate_lines_are_removed(line, rule):
    text = f"Tiêu đề bài báo\n\n{LEAD}\n{line}\nĐoạn thứ hai của bài."
    cleaned = clean_article(text)
    assert rules(text) == [rule]
    assert line not in cleaned.text.split("\n")
    assert cleaned.text == f"Tiêu đề bài báo\n\n{LEAD}\nĐoạn thứ hai của bài."


@pytest.mark.parametrize(
    "line",
    [
        "Lúc 0:00 ngày 1/1, hệ thống bị tấn công.",  # a time inside a sentence
        "Ảnh chụp màn hình tệp anh-1.jpg được chia sẻ.",  # a file name inside a sentence
        "Người dân có thể liên hệ tòa soạn hoặc đăng ký nhận tin qua hotline.",
        "Hotline",
    ],
)
def test_article_sentences_that_resemble_boilerplate_are_kept(line):
    text = f"Tiêu đề\n\n{LEAD}\n{line}\nKết thúc."
    assert rules(text) == []
    assert line in clean_article(text).text


def test_a_caption_printed_twice_in_a_row_is_kept_once():
    caption = "Việt Nam cần đầu tư công nghệ. Ảnh: Phạm Hương"
    text = f"Tiêu đề\n\nĐoạn mở đầu.\n{caption}\n{caption}\n\nĐoạn sau.\n\n{caption}"
    cleaned = clean_article(text)
    assert rules(text) == ["repeated_line"]
    # the third copy is not adjacent to the others and stays
    assert cleaned.text.count(caption) == 2


def test_a_byline_repeated_at_the_end_is_removed_once():
    text = "Tiêu đề\n\nBình Giang - Như Ý\nTPO - Đoạn một.\n\nĐoạn hai.\n\nBình Giang - Như Ý\n"
    cleaned = clean_article(text)
    assert rules(text) == ["trailing_byline"]
    assert cleaned.text.count("Bình Giang - Như Ý") == 1
    assert cleaned.text.endswith("Đoạn hai.")


def test_a_last_line_that_only_resembles_the_top_is_kept():
    text = "Tiêu đề\n\nBình Giang\nĐoạn một.\n\nPhóng viên Như Ý"
    assert rules(text) == []


@pytest.mark.parametrize(
    ("header", "day", "outlet"),
    [
        (" date 2025-10-29 (VTC News) -", date(2025, 10, 29), "VTC News"),
        (
            " date 2025-10-08 Hotline: 0865015015 Tiền Phong Tòa soạn",
            date(2025, 10, 8),
            "Tiền Phong",
        ),
        ("date 2024-01-31", date(2024, 1, 31), None),
        (" date 2024-02-31 (VTC News) -", None, "VTC News"),  # impossible date: NaT, not a crash
    ],
)
def test_header_line_gives_date_and_outlet_and_is_removed(header, day, outlet):
    cleaned = clean_article(f"{header}\n\nMột đoạn văn của bài báo.\n\nĐoạn hai.")
    assert (cleaned.date, cleaned.outlet) == (day, outlet)
    assert rules(f"{header}\n\nMột đoạn.\n\nHai.") == ["header"]
    assert "date" not in cleaned.text


@pytest.mark.parametrize(
    ("lead", "outlet"),
    [
        ("Theo phóng viên TTXVN tại London, hội nghị đã khai mạc.", "TTXVN"),
        ("TPO - Ngày 25/10, tọa đàm diễn ra.", "Tiền Phong"),
        ("(VTC News) - Hội nghị diễn ra.", "VTC News"),
        ("Một bài báo nói về VTC News và TTXVN ở giữa câu.", None),
    ],
)
def test_outlet_from_the_dateline(lead, outlet):
    assert clean_article(f"Tiêu đề\n\n{lead}\n\nĐoạn hai.").outlet == outlet


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Mở rộng hợp tác quốc tế", "Mở rộng hợp tác quốc tế"),
        ("Hội nghị đã khai mạc tại London và kéo dài hai ngày.", None),
        ("Bà May nói: “Chúng ta phải hành động”", None),
    ],
)
def test_title_is_the_first_line_when_it_reads_like_one(first, title):
    assert clean_article(f"{first}\n\nĐoạn một.\n\nĐoạn hai.").title == title


# --- the shipped articles -------------------------------------------------------------


def read(articles_dir, stem):
    path = next(articles_dir.glob(f"{stem}_*.txt"))
    return unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))


EXPECTED = {
    # stem: (rules applied, title, outlet, date)
    "000": ([], None, "TTXVN", None),
    "001": (["media_counter", "media_counter", "repeated_line"], "Mở rộng hợp tác quốc tế",
            None, None),
    "002": (["header"], None, "VTC News", date(2025, 10, 29)),
    "003": ([], "Chiến dịch bảo vệ trẻ em và thanh thiếu niên trước tội phạm mạng",
            "Tiền Phong", None),
    "004": (["header"] + ["image_file"] * 4 + ["trailing_byline"],
            "Hà Nội chuẩn bị đón hàng trăm đoàn quốc tế dự sự kiện quan trọng của Liên Hợp Quốc",
            "Tiền Phong", date(2025, 10, 8)),
}  # fmt: skip


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_shipped_articles(articles_dir, stem):
    raw = read(articles_dir, stem)
    cleaned = clean_article(raw)
    applied, title, outlet, day = EXPECTED[stem]
    assert [r.rule for r in cleaned.removed] == applied
    assert (cleaned.title, cleaned.outlet, cleaned.date) == (title, outlet, day)


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_nothing_but_removed_lines_changes(articles_dir, stem):
    raw = read(articles_dir, stem)
    cleaned = clean_article(raw)
    lines = raw.split("\n")
    removed_numbers = {r.line for r in cleaned.removed}
    for r in cleaned.removed:
        assert lines[r.line - 1] == r.text
    kept = [ln for i, ln in enumerate(lines, 1) if i not in removed_numbers and ln.strip()]
    assert [ln for ln in cleaned.text.split("\n") if ln.strip()] == [ln.strip() for ln in kept]


def test_the_media_player_and_image_names_are_gone_from_the_corpus(corpus):
    text = "\n".join(corpus.text)
    assert "0:00" not in text
    assert ".jpg" not in text
    assert "Hotline" not in text
    doc = corpus.set_index("doc_id").text
    assert doc["001_434c56572f580cfd"].count("Ảnh: Phạm Hương") == 1
    assert doc["004_8441360021e80842"].count("Bình Giang - Như Ý") == 1


# --- one-line bodies: the shape of scraped corpora (a title line, a lead line, the body)


def one_line_articles():
    from readsamples import ARTICLES

    return [a["text"] for a in ARTICLES]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_one_line_bodies_keep_every_word(index):
    from readsamples import words

    text = one_line_articles()[index]
    cleaned = clean_article(text)
    assert cleaned.removed == []
    assert cleaned.text == text.strip()
    assert words(cleaned.text) == words(text)


def test_navigation_words_in_a_long_line_are_not_a_masthead():
    # the body names "liên hệ", "đăng nhập", "đăng ký", "tòa soạn", "quảng cáo" in prose
    text = one_line_articles()[0]
    assert "đăng nhập" in text and "tòa soạn" in text
    assert rules(text) == []


def test_a_one_line_article_after_the_header_date_is_kept():
    body = one_line_articles()[1].replace("\n", " ")
    cleaned = clean_article(f" date 2024-03-12 (VTC News) - {body}")
    assert cleaned.text == body
    assert str(cleaned.date) == "2024-03-12" and cleaned.outlet == "VTC News"
    assert [(r.rule, r.text) for r in cleaned.removed] == [
        ("header", "date 2024-03-12 (VTC News) -")
    ]


def test_a_short_header_line_still_goes_whole():
    cleaned = clean_article(" date 2025-10-29 (VTC News) -\nTiêu đề\nNội dung bài viết.")
    assert cleaned.text == "Tiêu đề\nNội dung bài viết."


def test_removed_share_and_flags_on_articles_of_our_own():
    import pandas as pd
    from readsamples import ARTICLES

    from cyberlib import load_corpus

    furniture = "\n".join(["Trang chủ | Đăng nhập | Đăng ký | Liên hệ | Quảng cáo"] * 12)
    heavy = "Tiêu đề\nMột câu ngắn của bài.\n" + furniture
    frame = pd.DataFrame(
        {"id": ["a", "b", "nang"], "text": [ARTICLES[0]["text"], ARTICLES[1]["text"], heavy]}
    )
    with pytest.warns(UserWarning, match="nang"):
        corpus = load_corpus(frame)
    shares = corpus.set_index("doc_id").removed_share
    assert shares["a"] == 0.0 and shares["b"] == 0.0
    assert 0.8 < shares["nang"] < 1.0
    assert [f["doc_id"] for f in corpus.attrs["flagged"]] == ["nang"]
    assert "cleaning removed" in corpus.attrs["flagged"][0]["reason"]


def test_shipped_articles_lose_little(corpus):
    # page furniture only: the heaviest (Tiền Phong's masthead and photo names) under 10%
    assert corpus.removed_share.max() < 0.1
    assert corpus.attrs["flagged"] == []
