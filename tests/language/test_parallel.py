"""The corpus machinery: on-disk cache keyed by content, engines that agree."""

from __future__ import annotations

import pandas as pd
import pytest

from cyberlib.language.entities import entities
from cyberlib.language.parallel import cache_path, map_texts
from cyberlib.language.themes import theme_scores
from cyberlib.language.tokens import tokenize_corpus

CALLS: list[str] = []


def _upper(text: str) -> str:
    CALLS.append(text)
    return text.upper()


def test_cache_hits_unchanged_texts_and_recomputes_changed_ones(tmp_path):
    CALLS.clear()
    texts = ["tội phạm mạng", "lừa đảo"]
    opts = {"namespace": "upper", "engine": "serial", "cache_dir": tmp_path}
    assert map_texts(_upper, texts, **opts) == ["TỘI PHẠM MẠNG", "LỪA ĐẢO"]
    assert CALLS == texts
    assert len(list(tmp_path.rglob("*.pkl"))) == 2
    CALLS.clear()
    assert map_texts(_upper, texts, **opts) == ["TỘI PHẠM MẠNG", "LỪA ĐẢO"]
    assert CALLS == []  # both read back
    CALLS.clear()
    assert map_texts(_upper, ["tội phạm mạng", "lừa đảo qua mạng"], **opts)[1] == "LỪA ĐẢO QUA MẠNG"
    assert CALLS == ["lừa đảo qua mạng"]  # only the changed text


def test_parameters_and_namespace_are_part_of_the_key(tmp_path):
    CALLS.clear()
    map_texts(_upper, ["a"], namespace="x", params=1, engine="serial", cache_dir=tmp_path)
    map_texts(_upper, ["a"], namespace="x", params=2, engine="serial", cache_dir=tmp_path)
    map_texts(_upper, ["a"], namespace="y", params=2, engine="serial", cache_dir=tmp_path)
    assert CALLS == ["a", "a", "a"]


def test_cache_can_be_disabled_and_moved(tmp_path, monkeypatch):
    CALLS.clear()
    map_texts(_upper, ["a"], namespace="x", engine="serial", cache=False)
    map_texts(_upper, ["a"], namespace="x", engine="serial", cache=False)
    assert CALLS == ["a", "a"]
    monkeypatch.setenv("CYBERLIB_CACHE", str(tmp_path / "env"))
    assert cache_path() == tmp_path / "env"
    map_texts(_upper, ["b"], namespace="x", engine="serial")
    assert list((tmp_path / "env").rglob("*.pkl"))
    monkeypatch.setenv("CYBERLIB_CACHE", "off")
    assert cache_path() is None
    monkeypatch.delenv("CYBERLIB_CACHE")
    assert str(cache_path()) == ".cyberlib-cache"


def test_a_corrupt_cache_file_is_recomputed(tmp_path):
    CALLS.clear()
    map_texts(_upper, ["a"], namespace="x", engine="serial", cache_dir=tmp_path)
    (path,) = tmp_path.rglob("*.pkl")
    path.write_bytes(b"not a pickle")
    assert map_texts(_upper, ["a"], namespace="x", engine="serial", cache_dir=tmp_path) == ["A"]
    assert CALLS == ["a", "a"]


def test_duplicate_texts_are_computed_once():
    CALLS.clear()
    assert map_texts(_upper, ["a", "a", "b"], namespace="x", engine="serial", cache=False) == [
        "A",
        "A",
        "B",
    ]
    assert CALLS == ["a", "b"]


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="engine"):
        map_texts(_upper, ["a"], namespace="x", engine="spark", cache=False)


def test_analysis_cache_follows_article_content(corpus, tmp_path):
    first = tokenize_corpus(corpus, engine="serial", cache_dir=tmp_path)
    files = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.pkl")}
    assert len(files) == len(corpus)
    changed = corpus.copy()
    changed.loc[changed.index[0], "text"] = changed["text"].iloc[0] + "\nBài viết được cập nhật."
    second = tokenize_corpus(changed, engine="serial", cache_dir=tmp_path)
    after = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*.pkl")}
    assert len(after) == len(corpus) + 1  # one new entry for the changed article
    assert all(after[p] == t for p, t in files.items())  # the others were not rewritten
    doc0 = corpus["doc_id"].iloc[0]
    assert len(second[second.doc_id == doc0]) > len(first[first.doc_id == doc0])
    rest = first[first.doc_id != doc0].reset_index(drop=True)
    pd.testing.assert_frame_equal(rest, second[second.doc_id != doc0].reset_index(drop=True))


@pytest.mark.parametrize("engine", ["processes", "dask"])
def test_engines_give_the_serial_result(corpus, engine):
    if engine == "dask":
        pytest.importorskip("dask.bag")
    opts = {"cache": False}
    pd.testing.assert_frame_equal(
        tokenize_corpus(corpus, engine=engine, **opts),
        tokenize_corpus(corpus, engine="serial", **opts),
    )
    pd.testing.assert_frame_equal(
        theme_scores(corpus, engine=engine, **opts), theme_scores(corpus, engine="serial", **opts)
    )
    pd.testing.assert_frame_equal(
        entities(corpus, engine=engine, **opts), entities(corpus, engine="serial", **opts)
    )
