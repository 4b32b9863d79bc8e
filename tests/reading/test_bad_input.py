"""Inputs a scraper leaves behind: each is read or reported by name, never lost or fatal."""

from __future__ import annotations

import json
import os
import warnings

import pandas as pd
import pytest
from readsamples import ARTICLES, BODY_2

from cyberlib import load_corpus
from cyberlib.reading import sources
from cyberlib.reading.decoding import decode_bytes, looks_like_legacy_encoding

ARTICLE = ARTICLES[0]["text"]


def quiet_load(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(*args, **kwargs)


def reasons(corpus):
    return {os.path.basename(s["path"]): s["reason"] for s in corpus.attrs["skipped"]}


# --- legacy-encoding detection looks at what a soup is made of


@pytest.mark.parametrize(
    "quote",
    [
        "恭喜您中奖了，请点击链接领取奖品",  # a Chinese scam message
        "Вы выиграли приз, перейдите по ссылке",  # Russian
        "축하합니다 당첨되었습니다",  # Korean
        "≥ 50% → ✓ ★ ∑ ≤ ≠ ∞",  # symbols
    ],
    ids=["chinese", "russian", "korean", "symbols"],
)
def test_utf8_with_foreign_letters_or_symbols_is_read(tmp_path, quote):
    text = ARTICLE + f"\nTin nhắn lừa đảo có nội dung: “{quote}”."
    assert not looks_like_legacy_encoding(text)
    assert decode_bytes(text.encode("utf-8"))[0] == text
    path = tmp_path / "trich-dan.txt"
    path.write_text(text, encoding="utf-8")
    corpus = load_corpus(path)
    assert quote in corpus.text[0]


def test_a_line_of_foreign_names_is_not_a_soup():
    names = "Danh sách: Özil, Müller, Gündoğan, Çalhanoğlu, Ødegaard, Ibrahimović, Sørloth."
    assert not looks_like_legacy_encoding(ARTICLE + "\n" + names)


# --- the crawler's header line


def test_a_one_line_article_starting_with_the_header_date_is_kept(tmp_path):
    path = tmp_path / "mot-dong.txt"
    path.write_text(f" date 2024-03-12 (VTC News) - {BODY_2}", encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.text[0] == BODY_2
    assert corpus.outlet[0] == "VTC News" and str(corpus.date[0].date()) == "2024-03-12"


# --- folders and globs


@pytest.fixture
def awkward_folder(tmp_path):
    folder = tmp_path / "bai"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "B.TXT").write_text(ARTICLES[1]["text"], encoding="utf-8")
    (folder / "thu-muc.txt").mkdir()
    os.symlink(folder / "khong-ton-tai.txt", folder / "treo.txt")
    os.symlink(folder / "vong.txt", folder / "vong.txt")
    return folder


def test_folder_scans_report_what_they_do_not_read(awkward_folder):
    corpus = quiet_load(awkward_folder)
    assert corpus.doc_id.tolist() == ["B", "a"]  # sorted by name; .TXT is read
    got = reasons(corpus)
    assert got["thu-muc.txt"] == "is a folder, not a file"
    assert got["treo.txt"].startswith("dangling symbolic link")
    assert got["vong.txt"] == "symbolic link loop"
    assert len(got) == 3


def test_glob_scans_report_them_too(awkward_folder):
    corpus = quiet_load(str(awkward_folder / "*.txt"))
    assert corpus.doc_id.tolist() == ["a"]
    assert set(reasons(corpus)) == {"thu-muc.txt", "treo.txt", "vong.txt"}


def fake_locked(monkeypatch, locked: str):
    """Make every path under ``locked`` raise PermissionError, as for a user without rights
    (tests may run as root, for whom permissions do not apply)."""
    real_stat, real_scandir = os.stat, os.scandir

    def guard(path):
        if os.fspath(path).startswith(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))

    def stat(path, *args, **kwargs):
        if os.fspath(path) != locked:
            guard(path)
        return real_stat(path, *args, **kwargs)

    def scandir(path="."):
        guard(path)
        return real_scandir(path)

    monkeypatch.setattr(sources.os, "stat", stat)
    monkeypatch.setattr(sources.os, "scandir", scandir)


def test_a_file_in_a_folder_the_user_cannot_enter_is_reported(tmp_path, monkeypatch):
    locked = tmp_path / "khoa"
    locked.mkdir()
    (locked / "bi-mat.txt").write_text(ARTICLE, encoding="utf-8")
    good = tmp_path / "tot.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    fake_locked(monkeypatch, str(locked))
    corpus = quiet_load([locked / "bi-mat.txt", locked, good])
    assert corpus.doc_id.tolist() == ["tot"]
    got = reasons(corpus)
    assert got == {"bi-mat.txt": "permission denied", "khoa": "folder permission denied"}


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: file permissions do not apply")
def test_a_real_locked_folder_is_reported(tmp_path):
    locked = tmp_path / "khoa"
    locked.mkdir()
    (locked / "bi-mat.txt").write_text(ARTICLE, encoding="utf-8")
    locked.chmod(0)
    try:
        corpus = quiet_load([locked / "bi-mat.txt", locked])
    finally:
        locked.chmod(0o755)
    assert corpus.empty and len(corpus.attrs["skipped"]) == 2


def test_a_file_name_that_is_not_utf8(tmp_path):
    name = os.fsdecode(b"bad\xff.txt")
    (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.doc_id.tolist() == ["bad\\xff"]
    assert corpus.path[0].endswith("bad\\xff.txt")
    corpus.to_csv(os.devnull)  # printable: no lone surrogates left in the frame
    corpus.to_json(date_format="iso")


# --- ids and duplicates


def test_same_stem_in_two_folders_gets_two_stable_ids(tmp_path):
    for folder, article in (("mot", ARTICLES[0]), ("hai", ARTICLES[1])):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "bai.txt").write_text(article["text"], encoding="utf-8")
    source = [tmp_path / "mot", tmp_path / "hai"]
    corpus = load_corpus(source)
    assert corpus.doc_id.tolist() == ["mot/bai", "hai/bai"]
    assert load_corpus(source).doc_id.tolist() == corpus.doc_id.tolist()
    assert corpus.doc_id.is_unique


def test_the_same_file_listed_twice_is_read_once(tmp_path):
    path = tmp_path / "bai.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    os.symlink(path, tmp_path / "lien-ket.txt")
    corpus = quiet_load([path, tmp_path, str(tmp_path / "*.txt")])
    assert corpus.doc_id.tolist() == ["bai"]
    skipped = corpus.attrs["skipped"]
    # the folder and the glob each find the file again and the link to it
    names = sorted(os.path.basename(s["path"]) for s in skipped)
    assert names == ["bai.txt", "bai.txt", "lien-ket.txt", "lien-ket.txt"]
    assert all(s["reason"] == f"same file as {path}; read once" for s in skipped)


# --- HTML remnants and invisible text


def test_html_remnants_are_taken_out_of_text_and_titles(tmp_path):
    raw = (
        "<p></p>\nLừa đảo&nbsp;chiếm đoạt <b>10&nbsp;tỷ đồng</b>\n"
        "<p>Theo công an, thiệt hại lên tới 10&nbsp;tỷ đồng &amp; hơn 200 nạn nhân.</p>"
    )
    path = tmp_path / "html.txt"
    path.write_text(raw, encoding="utf-8")
    corpus = load_corpus(path)
    assert corpus.title[0] == "Lừa đảo chiếm đoạt 10 tỷ đồng"
    assert "<" not in corpus.text[0] and "&" not in corpus.text[0].replace(" & ", "")
    assert "thiệt hại lên tới 10 tỷ đồng & hơn 200 nạn nhân." in corpus.text[0]

    from cyberlib import extract_statistics

    values = set(extract_statistics(corpus).value)
    assert 1e10 in values


@pytest.mark.parametrize(
    "text", ["\u00a0\u00a0", "\u200b\u200b\u200b", "&nbsp; &nbsp;", "<p></p><br/>", "\ufeff \u200d"]
)
def test_invisible_only_text_is_a_reported_skip_not_a_row(tmp_path, text):
    frame = pd.DataFrame({"id": ["trong", "tot"], "text": [text, ARTICLE]})
    corpus = quiet_load(frame)
    assert corpus.doc_id.tolist() == ["tot"]
    (skip,) = corpus.attrs["skipped"]
    assert skip["line"] == 1 and "no text" in skip["reason"]
    path = tmp_path / "trong.txt"
    path.write_text(text, encoding="utf-8")
    assert quiet_load(path).attrs["skipped"][0]["path"] == str(path)


def test_lone_surrogates_from_json_become_replacement_characters(tmp_path):
    row = dict(ARTICLES[0], id="bai-\ud800", title="Tiêu đề \udfff", nguon="x\ud83d")
    line = json.dumps(row, ensure_ascii=True).replace("Theo C", "Theo \\ud800C")
    path = tmp_path / "surrogate.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    corpus = load_corpus(path)
    row = corpus.iloc[0]
    assert row.doc_id == "bai-\ufffd" and row.title == "Tiêu đề \ufffd"
    assert row.nguon == "x\ufffd" and "Theo \ufffdC" in row.text
    corpus.to_parquet(tmp_path / "out.parquet")  # every value can be written
    frame = pd.DataFrame({"text": [ARTICLE], "path": pd.Series(["a\ud800.txt"], dtype=object)})
    assert load_corpus(frame).path[0] == "a\\ud800.txt"
