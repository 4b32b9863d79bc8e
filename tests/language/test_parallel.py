"""The corpus machinery: on-disk cache keyed by content, engines that agree."""

from __future__ import annotations

import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pandas as pd
import pytest

from cyberlib.language.entities import entities
from cyberlib.language.parallel import CacheWarning, cache_path, map_texts
from cyberlib.language.themes import theme_scores
from cyberlib.language.tokens import tokenize_corpus

CALLS: list[str] = []


def _upper(text: str) -> str:
    CALLS.append(text)
    return text.upper()


def _entries(folder) -> int:
    total = 0
    for path in folder.rglob("*.sqlite"):
        with sqlite3.connect(path) as con:
            total += con.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    return total


def test_cache_hits_unchanged_texts_and_recomputes_changed_ones(tmp_path):
    CALLS.clear()
    texts = ["tội phạm mạng", "lừa đảo"]
    opts = {"namespace": "upper", "engine": "serial", "cache_dir": tmp_path}
    assert map_texts(_upper, texts, **opts) == ["TỘI PHẠM MẠNG", "LỪA ĐẢO"]
    assert CALLS == texts
    assert _entries(tmp_path) == 2
    assert [p.name for p in tmp_path.iterdir()] == ["upper.sqlite"]
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
    assert _entries(tmp_path / "env") == 1
    monkeypatch.setenv("CYBERLIB_CACHE", "off")
    assert cache_path() is None
    monkeypatch.delenv("CYBERLIB_CACHE")
    assert str(cache_path()) == ".cyberlib-cache"


def test_a_damaged_cache_file_is_set_aside_named_and_recomputed(tmp_path):
    CALLS.clear()
    map_texts(_upper, ["a"], namespace="x", engine="serial", cache_dir=tmp_path)
    path = tmp_path / "x.sqlite"
    raw = bytearray(path.read_bytes())
    raw[0:16] = b"not a database!!"  # the header: SQLite refuses the file
    path.write_bytes(bytes(raw))
    with pytest.warns(CacheWarning, match=str(path)):
        assert map_texts(_upper, ["a"], namespace="x", engine="serial", cache_dir=tmp_path) == ["A"]
    assert CALLS == ["a", "a"]
    assert len(list(tmp_path.glob("x.sqlite.damaged-*"))) == 1  # kept for a look, not used
    assert map_texts(_upper, ["a"], namespace="x", engine="serial", cache_dir=tmp_path) == ["A"]
    assert CALLS == ["a", "a"]  # the new file serves the next run


def test_a_flipped_byte_in_a_stored_value_is_noticed_and_recomputed(tmp_path):
    CALLS.clear()
    map_texts(_upper, ["tội phạm"], namespace="x", engine="serial", cache_dir=tmp_path)
    path = tmp_path / "x.sqlite"
    raw = path.read_bytes()
    at = raw.index("TỘI PHẠM".encode())
    path.write_bytes(raw[:at] + b"S" + raw[at + 1 :])  # still valid JSON: "SỘI PHẠM"
    with pytest.warns(CacheWarning, match="1 damaged entry"):
        out = map_texts(_upper, ["tội phạm"], namespace="x", engine="serial", cache_dir=tmp_path)
    assert out == ["TỘI PHẠM"]
    assert CALLS == ["tội phạm", "tội phạm"]


def test_a_damaged_entry_is_named_and_recomputed(tmp_path):
    CALLS.clear()
    map_texts(_upper, ["a", "b"], namespace="x", engine="serial", cache_dir=tmp_path)
    with sqlite3.connect(tmp_path / "x.sqlite") as con:
        con.execute("UPDATE results SET value = '[\"A' WHERE value = '\"A\"'")
    with pytest.warns(CacheWarning, match="1 damaged entry"):
        out = map_texts(_upper, ["a", "b"], namespace="x", engine="serial", cache_dir=tmp_path)
    assert out == ["A", "B"]
    assert CALLS == ["a", "b", "a"]
    with sqlite3.connect(tmp_path / "x.sqlite") as con:  # repaired in place
        assert sorted(json.loads(v) for (v,) in con.execute("SELECT value FROM results")) == [
            "A",
            "B",
        ]


class _Planted:
    def __reduce__(self):
        return (os.mkdir, (os.environ["PLANTED_MARK"],))


def test_a_planted_pickle_never_runs(tmp_path, monkeypatch):
    mark = tmp_path / "ran"
    monkeypatch.setenv("PLANTED_MARK", str(mark))
    payload = pickle.dumps(_Planted())
    # every name the cache has used or uses: old per-text pickles and the SQLite file
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "ab.pkl").write_bytes(payload)
    (tmp_path / "x.sqlite").write_bytes(payload)
    with pytest.warns(CacheWarning):
        assert map_texts(_upper, ["a"], namespace="x", engine="serial", cache_dir=tmp_path) == ["A"]
    assert not mark.exists()


def test_no_temporary_files_are_left(tmp_path):
    map_texts(_upper, ["a", "b"], namespace="x", engine="serial", cache_dir=tmp_path)
    map_texts(_upper, ["c"], namespace="x", engine="serial", cache_dir=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.sqlite"]


def test_a_read_only_cache_is_skipped_without_error(tmp_path):
    map_texts(_upper, ["a"], namespace="x", engine="serial", cache_dir=tmp_path)
    (tmp_path / "x.sqlite").chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        assert map_texts(_upper, ["z"], namespace="x", engine="serial", cache_dir=tmp_path) == ["Z"]
    finally:
        tmp_path.chmod(0o755)


_SLOW_SCRIPT = """
import os, sys, time
sys.path.insert(0, {folder!r})
from slowmod import slow
from cyberlib.language import parallel
parallel._cores = lambda: 2
parallel.map_texts(slow, ["a", "b", "c", "d"], namespace="slow", cache=False)
"""

_SLOW_MODULE = """
import os, time
def slow(text):
    open(os.path.join({folder!r}, f"worker-{{os.getpid()}}"), "w").close()
    time.sleep(60)
    return text
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its (new) parent to reap it is not running
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs Linux /proc and fork")
def test_pool_workers_end_when_the_parent_is_killed(tmp_path):
    folder = str(tmp_path)
    (tmp_path / "slowmod.py").write_text(textwrap.dedent(_SLOW_MODULE.format(folder=folder)))
    script = _SLOW_SCRIPT.format(folder=folder)
    parent = subprocess.Popen([sys.executable, "-c", script])
    try:
        deadline = time.monotonic() + 60
        while len(list(tmp_path.glob("worker-*"))) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = [int(p.name.split("-")[1]) for p in tmp_path.glob("worker-*")]
        assert len(workers) == 2
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [pid for pid in workers if _alive(pid)]
    finally:
        parent.kill()
        for p in tmp_path.glob("worker-*"):
            try:
                os.kill(int(p.name.split("-")[1]), signal.SIGKILL)
            except ProcessLookupError:
                pass


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
    assert _entries(tmp_path) == len(corpus)
    with sqlite3.connect(tmp_path / "tokens.sqlite") as con:
        before = dict(con.execute("SELECT key, value FROM results"))
    changed = corpus.copy()
    changed.loc[changed.index[0], "text"] = changed["text"].iloc[0] + "\nBài viết được cập nhật."
    second = tokenize_corpus(changed, engine="serial", cache_dir=tmp_path)
    with sqlite3.connect(tmp_path / "tokens.sqlite") as con:
        after = dict(con.execute("SELECT key, value FROM results"))
    assert len(after) == len(corpus) + 1  # one new entry for the changed article
    assert all(after[k] == v for k, v in before.items())
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
