"""normalize / normalize_unicode / normalize_with_offsets."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cyberlib.normalization import (
    normalize,
    normalize_unicode,
    normalize_with_offsets,
    strip_tones,
)

# (new-style or other spelling, the old-style spelling underthesea writes)
TONE_PAIRS = [
    ("toạ đàm", "tọa đàm"),
    ("hoà bình", "hòa bình"),
    ("hiện đại hoá", "hiện đại hóa"),
    ("Thuỷ Sỹ", "Thủy Sỹ"),
    ("khoẻ mạnh", "khỏe mạnh"),
    ("xoè ra", "xòe ra"),
    ("tuỳ theo", "tùy theo"),
    ("HOÀ", "HÒA"),
    ("Hoá", "Hóa"),
]
UNCHANGED = ["quý", "quỳ", "hoàng", "toán", "khuyến", "huỳnh", "thuế", "quả", "hòa", "Nguyễn"]


@pytest.mark.parametrize(("variant", "expected"), TONE_PAIRS)
def test_new_style_tones_move_to_the_first_vowel(variant, expected):
    assert normalize_unicode(variant) == expected
    assert normalize(variant) == normalize(expected)


@pytest.mark.parametrize("word", UNCHANGED)
def test_words_with_a_fixed_tone_position_are_left_alone(word):
    assert normalize_unicode(word) == word


@pytest.mark.parametrize("form", ["NFD", "NFKD"])
def test_decomposed_input_gives_the_composed_text(form):
    text = "Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao"
    assert normalize(unicodedata.normalize(form, text)) == text


def test_quotes_dashes_and_spaces_are_unified():
    raw = "“Không Một Mình”\u00a0 –  ‘an toàn’ — 2024—2028 \n\n\n\nhết "
    assert normalize(raw) == "\"Không Một Mình\" - 'an toàn' - 2024-2028\n\nhết"


def test_normalize_unicode_keeps_the_length_of_nfc_text():
    raw = "Thoả thuận “hoà bình” – toạ đàm"
    assert len(normalize_unicode(raw)) == len(unicodedata.normalize("NFC", raw))


def test_strip_tones_keeps_vowel_quality():
    assert strip_tones("Hà Nội ngày 25") == "Ha Nôi ngay 25"


vietnamese_text = st.text(
    alphabet=st.sampled_from(
        list("aăâeêioôơuưyđ qQ0123456789,.\n")
        + ["\u0300", "\u0301", "\u0309", "\u0303", "\u0323", "\u0302"]
    ),
    max_size=60,
)


@given(vietnamese_text)
def test_offsets_map_back_to_the_original(text):
    norm, offsets = normalize_with_offsets(text)
    assert norm == normalize_unicode(text)
    if offsets is None:
        assert len(norm) == len(text)
        return
    assert len(offsets) == len(norm) + 1
    assert offsets[0] == 0 and offsets[-1] == len(text)
    assert offsets == sorted(offsets)
    # any span between word boundaries maps to the same text in the original
    for start in range(len(norm) + 1):
        if start == len(norm) or norm[start] == " ":
            piece = text[: offsets[start]]
            assert normalize_unicode(piece) == norm[:start]
