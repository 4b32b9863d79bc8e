"""Sources named in a sentence with no figure, carried to the figures after them."""

from __future__ import annotations

from cyberlib.figures.extraction import extract_statistics


def _row(text: str, surface: str):
    df = extract_statistics(text)
    return df[df["surface"] == surface].iloc[0]


def test_an_estimate_goes_on_with_the_speaker_before():
    text = (
        "Tại cuộc họp, Đại tá Nguyễn Văn A, Phó Cục trưởng Cục A05, cho biết tình hình "
        "phức tạp. Ước tính có khoảng 100.000 vụ tấn công mạng trong năm qua."
    )
    row = _row(text, "khoảng 100.000 vụ")
    assert "Cục A05" in row["source"]  # "Phó Cục trưởng Cục A05": the title kept
    assert row["source_scope"] == "paragraph"


def test_a_pronoun_speaker_is_the_one_named_before():
    text = (
        "Thủ tướng Anh David Cameron phát biểu tại hội nghị.\n"
        "Ông cũng nhấn mạnh cam kết của hơn 30 nước về bảo vệ trẻ em."
    )
    row = _row(text, "hơn 30 nước")
    assert "David Cameron" in row["source"]
    assert row["source_scope"] == "paragraph"


def test_no_speaker_before_means_no_source():
    row = _row("Ông cũng nhấn mạnh cam kết của hơn 30 nước.", "hơn 30 nước")
    assert row["source"] is None and row["source_scope"] is None


def test_a_contrast_carries_the_period_not_the_source():
    text = (
        "Theo Cục A05, năm 2024, Việt Nam ghi nhận 381 vụ. Trong khi đó, nội dung "
        "xâm hại do AI tạo ra tăng 1.325% so với năm 2023."
    )
    row = _row(text, "1.325%")
    assert row["period"] == "2024"
    assert row["source"] is None


def test_a_frequency_is_the_rate_of_its_own_sentence_only():
    text = (
        "Năm 2016, các doanh nghiệp vận tải nộp 200 triệu đồng. Theo đó, hàng tháng các cá "
        "nhân phải nộp 2 triệu đồng. Cụ thể, ông A đã nhận của 57 doanh nghiệp hơn 4 tỉ đồng."
    )
    assert _row(text, "2 triệu đồng")["period"] == "hàng tháng"
    assert _row(text, "hơn 4 tỉ đồng")["period"] == "2016"  # the statement's, not the rate
