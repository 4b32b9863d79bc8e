"""load_corpus: sources, columns, errors and the record of removals."""

import unicodedata
import warnings

import pandas as pd
import pytest

from cyberlib import load_corpus
from cyberlib.reading.corpus import COLUMNS, CorpusError, CorpusWarning

STEMS = [
    "000_c1cb96a4c5d75fab",
    "001_434c56572f580cfd",
    "002_28eb2f94c31f650a",
    "003_798b77d547a8fad6",
    "004_8441360021e80842",
]


def test_columns_types_and_order(corpus):
    assert list(corpus.columns) == COLUMNS
    assert list(corpus.doc_id) == STEMS
    assert pd.api.types.is_datetime64_any_dtype(corpus["date"])
    assert corpus["date"].isna().sum() == 3
    assert (corpus.n_chars == corpus.text.str.len()).all()
    assert corpus.attrs["skipped"] == []


def test_text_is_nfc_with_old_style_tones(corpus):
    for text in corpus.text:
        assert unicodedata.is_normalized("NFC", text)
    # 003 writes both "tọa đàm" and "toạ đàm"; the clean text has only the first
    text = corpus.set_index("doc_id").text["003_798b77d547a8fad6"]
    assert "toạ" not in text and text.count("tọa đàm") >= 5


def test_n_words_counts_syllables(corpus):
    frame = pd.DataFrame({"doc_id": ["x"], "text": ["Hà Nội, ngày 25/10: 100 quốc gia."]})
    assert load_corpus(frame).n_words.tolist() == [8]  # Hà Nội ngày 25 10 100 quốc gia
    assert (corpus.n_words > 500).all()


@pytest.mark.parametrize(
    "make_source",
    [
        lambda d: d,
        lambda d: str(d),
        lambda d: str(d / "*.txt"),
        lambda d: sorted(d.glob("*.txt")),
        lambda d: [str(p) for p in sorted(d.glob("*.txt"))],
    ],
    ids=["folder", "folder-str", "glob", "paths", "path-strings"],
)
def test_every_kind_of_source(articles_dir, corpus, make_source):
    loaded = load_corpus(make_source(articles_dir))
    pd.testing.assert_frame_equal(loaded, corpus)


def test_a_single_file(articles_dir):
    one = load_corpus(articles_dir / f"{STEMS[2]}.txt")
    assert one.doc_id.tolist() == [STEMS[2]]
    assert one.outlet.tolist() == ["VTC News"]


def test_a_dataframe_source_is_cleaned_the_same_way(articles_dir, corpus):
    raw = pd.DataFrame(
        {
            "doc_id": STEMS,
            "text": [(articles_dir / f"{s}.txt").read_text(encoding="utf-8") for s in STEMS],
        }
    )
    loaded = load_corpus(raw)
    assert loaded.text.tolist() == corpus.text.tolist()
    assert loaded.outlet.tolist() == corpus.outlet.tolist()
    assert loaded.path.isna().all()


def test_a_dataframe_without_text_is_a_usage_error():
    with pytest.raises(ValueError, match="needs a text column"):
        load_corpus(pd.DataFrame({"noi_dung": ["x"]}))


def test_report_lists_every_removal(corpus):
    loaded, removed = load_corpus("data/articles", report=True)
    assert loaded.path.tolist()[0] == "data/articles/000_c1cb96a4c5d75fab.txt"  # as given
    pd.testing.assert_frame_equal(loaded.drop(columns="path"), corpus.drop(columns="path"))
    assert list(removed.columns) == ["doc_id", "rule", "line", "text"]
    counts = removed.groupby("doc_id").size().to_dict()
    assert counts == {STEMS[1]: 3, STEMS[2]: 1, STEMS[4]: 6}
    assert "gen-o-cong-uoc-1.jpg" in removed.text.tolist()


def test_errors_modes(tmp_path, articles_dir):
    (tmp_path / "empty.txt").write_bytes(b"")
    good = articles_dir / f"{STEMS[0]}.txt"
    with pytest.raises(CorpusError, match="empty.txt: empty file"):
        load_corpus([good, tmp_path / "empty.txt"], errors="raise")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = load_corpus([good, tmp_path / "empty.txt"], errors="ignore")
    assert quiet.doc_id.tolist() == [STEMS[0]]
    assert quiet.attrs["skipped"][0]["reason"] == "empty file"
    with pytest.warns(CorpusWarning, match="empty.txt"):
        load_corpus([good, tmp_path / "empty.txt"])
    with pytest.raises(ValueError, match="errors must be"):
        load_corpus(good, errors="loud")


def test_folder_without_articles_and_nothing_readable(tmp_path):
    with pytest.warns(CorpusWarning, match="no .txt files"):
        empty = load_corpus(tmp_path)
    assert empty.empty and list(empty.columns) == COLUMNS


def test_progress_bar_is_optional(articles_dir, corpus, capsys):
    loaded = load_corpus(articles_dir, progress=True)
    pd.testing.assert_frame_equal(loaded, corpus)
    assert "loading articles" in capsys.readouterr().err
