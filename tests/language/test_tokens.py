"""Tokens and sentences (cyberlib.language.tokens) and the stopword list."""

from __future__ import annotations

import unicodedata

import pytest
from langhelpers import new_style, respelled

from cyberlib.language.tokens import analyse, sentences, stopwords, tokenize, tokenize_corpus
from cyberlib.normalization import normalize
from cyberlib.resources import data_text


def test_multisyllable_words_are_joined_by_a_space():
    words = tokenize("Bộ Công an triệt phá đường dây lừa đảo qua mạng xã hội.")
    assert "lừa đảo" in words and "triệt phá" in words and "đường dây" in words


def test_default_drops_punctuation_and_numbers_keeps_stopwords():
    words = tokenize("Năm 2024, Việt Nam ghi nhận 381 vụ xâm hại trẻ em qua mạng.")
    assert "," not in words and "." not in words
    assert "2024" not in words and "381" not in words
    assert "qua" in words  # a stopword, kept by default


def test_flags():
    text = "Mỹ thiệt hại hơn 10 tỷ USD do lừa đảo."
    assert "10" in tokenize(text, numbers=False)
    assert "." in tokenize(text, punctuation=False)
    kept = tokenize(text, stopwords=True)
    assert "hơn" not in kept and "do" not in kept
    assert "lừa đảo" in kept and "thiệt hại" in kept


def test_sentences_split_paragraphs_and_sentences():
    text = "Công ước được ký tại Hà Nội. Gần 100 quốc gia tham dự!\nẢnh: TTXVN"
    assert sentences(text) == [
        "Công ước được ký tại Hà Nội.",
        "Gần 100 quốc gia tham dự!",
        "Ảnh: TTXVN",
    ]
    assert sentences("") == []


def test_sentence_offsets_index_the_given_text_even_in_nfd():
    text = "Hội nghị khai mạc hôm qua. Các đại biểu thảo luận về hợp tác quốc tế."
    nfd = unicodedata.normalize("NFD", text)
    spans = [(s, e) for s, e, _ in analyse(nfd)]
    assert [nfd[s:e] for s, e in spans] == [
        unicodedata.normalize("NFD", x) for x in sentences(text)
    ]


@pytest.mark.parametrize("variant", [lambda t: unicodedata.normalize("NFD", t), new_style])
def test_tokens_do_not_depend_on_spelling(variant):
    text = "Thủy thủ hòa giải, khỏe mạnh và tọa đàm về an ninh mạng."
    assert variant(text) != text
    assert tokenize(variant(text)) == tokenize(text)


def test_stopword_list_is_documented_clean_and_excludes_field_words():
    assert data_text("stopwords_vi.txt").startswith("# ")
    assert "vietnamese-stopwords" in data_text("stopwords_vi.txt").split("\n\n")[0]
    words = stopwords()
    assert len(words) > 150
    assert all(w == normalize(w).lower() for w in words)
    for content in ("tội phạm", "trẻ em", "lừa đảo", "an ninh mạng", "công ước", "quốc tế"):
        assert content not in words


def test_tokenize_corpus_long_frame(corpus):
    frame = tokenize_corpus(corpus, cache=False, engine="serial")
    assert list(frame.columns) == ["doc_id", "sentence_id", "token"]
    assert set(frame["doc_id"]) == set(corpus["doc_id"])
    assert frame["token"].str.contains(r"\w").all()  # punctuation dropped by default
    ids = frame.groupby("doc_id")["sentence_id"]
    assert (ids.diff().fillna(0) >= 0).all()
    no_stop = tokenize_corpus(corpus, stopwords=True, cache=False, engine="serial")
    assert len(no_stop) < len(frame)
    assert not no_stop["token"].str.lower().isin(stopwords()).any()


def test_tokenize_corpus_same_for_nfd_and_new_style_tones(corpus):
    assert any(new_style(t) != t for t in corpus["text"])  # the corpus has "hóa", "tọa" ...
    a = tokenize_corpus(corpus, cache=False, engine="serial")
    b = tokenize_corpus(respelled(corpus), cache=False, engine="serial")
    assert a.equals(b)


def test_a_sentence_without_full_stops_is_cut_at_spaces():
    from cyberlib.language.tokens import _MAX_SENTENCE

    text = "tội phạm mạng " * 300  # 4,200 characters, one "sentence"
    pieces = analyse(text)
    assert len(pieces) > 1
    assert all(e - s <= _MAX_SENTENCE for s, e, _ in pieces)
    assert all(text[e : e + 1] in (" ", "") for _, e, _ in pieces)  # cut between words
    syllables = sum(len(t.split()) for _, _, toks in pieces for t in toks)
    assert syllables == 900  # nothing lost or doubled
