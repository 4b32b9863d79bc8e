"""Keywords: TF-IDF over underthesea words, multi-syllable, without stopwords."""

from __future__ import annotations

import pandas as pd
import pytest
from langhelpers import respelled

from cyberlib.language.keywords import keywords
from cyberlib.language.tokens import stopwords


def test_distinctive_words_rank_first():
    corpus = pd.DataFrame(
        {
            "doc_id": ["lua", "tre"],
            "text": [
                "Kẻ lừa đảo gọi điện mạo danh ngân hàng. Nạn nhân bị lừa đảo chuyển khoản. "
                "Cảnh sát khuyến cáo người dân.",
                "Trẻ em cần được bảo vệ. Phụ huynh nên theo dõi trẻ em khi dùng điện thoại. "
                "Cảnh sát khuyến cáo người dân.",
            ],
        }
    )
    kw = keywords(corpus, top=3, cache=False, engine="serial")
    assert kw[kw["doc_id"] == "lua"]["keyword"].iloc[0] == "lừa đảo"
    assert kw[kw["doc_id"] == "tre"]["keyword"].iloc[0] == "trẻ em"
    shared = kw[kw["keyword"].isin(["cảnh sát", "khuyến cáo", "người dân"])]
    assert shared.empty  # words of every article are not distinctive


def test_frame_on_shipped_corpus(corpus):
    kw = keywords(corpus, top=15, cache=False, engine="serial")
    assert list(kw.columns) == ["doc_id", "keyword", "score"]
    assert kw.groupby("doc_id").size().max() <= 15
    assert set(kw["doc_id"]) == set(corpus["doc_id"])
    assert kw["keyword"].str.contains(" ").all()  # multi-syllable words only
    assert not kw["keyword"].str.lower().isin(stopwords()).any()
    assert ((kw["score"] > 0) & (kw["score"] <= 1)).all()
    for _, group in kw.groupby("doc_id"):
        assert group["score"].is_monotonic_decreasing


def test_names_keep_capitals_words_do_not(corpus):
    kw = keywords(corpus, top=50, cache=False, engine="serial")
    assert "trẻ em" in set(kw["keyword"])  # sentence-initial "Trẻ em" does not capitalise it
    people = set(kw["keyword"]) & {"Lê Quý Vương", "Lê Xuân Minh"}
    assert people


def test_keywords_do_not_depend_on_nfd_or_tone_placement(corpus):
    a = keywords(corpus, cache=False, engine="serial")
    b = keywords(respelled(corpus), cache=False, engine="serial")
    pd.testing.assert_frame_equal(a, b)


def test_empty_corpus_gives_empty_frame():
    kw = keywords(pd.DataFrame({"doc_id": ["x"], "text": ["Ừ."]}), cache=False)
    assert list(kw.columns) == ["doc_id", "keyword", "score"] and kw.empty


def test_scores_are_scikit_learn_tfidf(corpus):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from cyberlib.language.keywords import _words
    from cyberlib.language.tokens import analyse_corpus

    analyses = analyse_corpus(corpus, engine="serial", cache=False)
    docs = [[w.lower() for w in _words(a)] for a in analyses]
    vectorizer = TfidfVectorizer(analyzer=lambda d: d, lowercase=False)
    matrix = vectorizer.fit_transform(docs).tocsr()
    vocab = vectorizer.get_feature_names_out()
    kw = keywords(corpus, top=5, cache=False, engine="serial", analyses=analyses)
    for k, doc_id in enumerate(corpus["doc_id"]):
        row = matrix.getrow(k)
        best = sorted(zip(row.data, row.indices, strict=True), key=lambda x: (-x[0], vocab[x[1]]))
        got = kw[kw["doc_id"] == doc_id]
        assert [vocab[j] for _, j in best[:5]] == got["keyword"].str.lower().tolist()
        assert [float(s) for s, _ in best[:5]] == pytest.approx(got["score"].tolist())


def test_given_analyses_skip_the_segmenter(corpus, monkeypatch):
    from cyberlib.language import tokens
    from cyberlib.language.tokens import analyse_corpus

    analyses = analyse_corpus(corpus, engine="serial", cache=False)
    expected = keywords(corpus, cache=False, engine="serial")
    monkeypatch.setattr(tokens, "analyse", None)  # any segmentation would fail
    pd.testing.assert_frame_equal(
        keywords(corpus, cache=False, engine="serial", analyses=analyses), expected
    )
