"""analyze / read_analysis: tables, metadata, reruns from the store, damage, resume, CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from conftest import make_frame, write_folder

from cyberlib import analyze, read_analysis
from cyberlib.figures.currency import to_usd
from cyberlib.figures.extraction import extract_statistics
from cyberlib.language.entities import entities
from cyberlib.language.keywords import keywords
from cyberlib.language.themes import theme_scores
from cyberlib.pipeline.store import AnalysisError, AnalysisWarning
from cyberlib.reading.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]


def run(source, out, **kw):
    kw.setdefault("partition_rows", 2)
    kw.setdefault("workers", 1)
    kw.setdefault("progress", False)
    return analyze(source, out, **kw)


def same_time_unit(frame: pd.DataFrame) -> pd.DataFrame:
    """Parquet has no seconds unit: datetimes come back in milliseconds or finer."""
    return frame.astype({c: "datetime64[ms]" for c in frame.select_dtypes("datetime").columns})


def assert_same_tables(a: dict, b: dict) -> None:
    assert sorted(a) == sorted(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_dtype=True, obj=name)


def test_tables_equal_the_functions_on_the_whole_corpus(tmp_path):
    source = make_frame(7)
    manifest = run(source, tmp_path / "out", partition_rows=3)
    assert manifest["partition_count"] == 3 and manifest["complete"]
    got = read_analysis(tmp_path / "out")
    corpus = load_corpus(source)
    pd.testing.assert_frame_equal(same_time_unit(got["articles"]), same_time_unit(corpus))
    stats = to_usd(extract_statistics(corpus))
    assert len(stats) > 14
    pd.testing.assert_frame_equal(got["statistics"][list(stats.columns)], same_time_unit(stats))
    opts = {"engine": "serial", "cache": False}
    pd.testing.assert_frame_equal(got["themes"], theme_scores(corpus, **opts))
    pd.testing.assert_frame_equal(got["entities"], entities(corpus, **opts))
    # TF-IDF over the whole corpus, not per partition
    expected = keywords(corpus, **opts)
    pd.testing.assert_frame_equal(
        got["keywords"][["doc_id", "keyword"]], expected[["doc_id", "keyword"]]
    )
    assert got["keywords"]["score"].tolist() == pytest.approx(expected["score"].tolist())
    assert got["skipped"].empty and list(got["skipped"].columns) == ["path", "line", "reason"]
    counts = {name: len(frame) for name, frame in got.items()}
    assert manifest["counts"] == counts


def test_statistics_carry_the_article_metadata(tmp_path):
    corpus = make_frame(4)
    run(corpus, tmp_path / "out")
    got = read_analysis(tmp_path / "out")
    stats = got["statistics"]
    joined = stats.merge(corpus, on="doc_id", suffixes=("", "_article"))
    assert len(joined) == len(stats)
    for column in ("date", "outlet", "title"):
        assert (joined[column] == joined[f"{column}_article"]).all()
    money = stats[stats["unit"] == "vnd"]
    assert len(money) == 4 and money["value_usd"].gt(0).all()
    assert got["articles"]["url"].tolist() == corpus["url"].tolist()


def test_manifest_records_versions_inputs_counts_and_timings(txt_folder, tmp_path):
    manifest = run(txt_folder, tmp_path / "out")
    stored = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert stored == json.loads(json.dumps(manifest, default=str))
    assert {"cyberlib", "python", "underthesea", "code"} <= set(stored["versions"])
    assert stored["inputs"] == [str(txt_folder.resolve())]
    assert stored["partition_count"] == 4 and stored["counts"]["articles"] == 7
    assert stored["timings"]["segmentation"] > 0


def test_an_unchanged_corpus_reruns_from_the_store(txt_folder, tmp_path, monkeypatch):
    first = run(txt_folder, tmp_path / "out")
    tables = read_analysis(tmp_path / "out")
    from cyberlib.pipeline import partition

    def fail(*args, **kwargs):
        raise AssertionError("a partition was recomputed")

    monkeypatch.setattr(partition, "analyse_partition", fail)
    again = run(txt_folder, tmp_path / "out")
    assert again["run"]["partitions_computed"] == 0
    assert again["run"]["partitions_reused"] == first["partition_count"] == 4
    assert again["run"]["keywords_rescored"] is False
    assert_same_tables(read_analysis(tmp_path / "out"), tables)


def test_a_changed_article_recomputes_its_partition_only(txt_folder, tmp_path):
    run(txt_folder, tmp_path / "out")
    (txt_folder / "bai-004.txt").write_text("Tin tặc tấn công 12 website.", encoding="utf-8")
    again = run(txt_folder, tmp_path / "out")
    assert again["run"]["partitions_computed"] == 1 and again["run"]["partitions_reused"] == 3
    assert again["run"]["keywords_rescored"] is True
    run(txt_folder, tmp_path / "fresh")
    assert_same_tables(read_analysis(tmp_path / "out"), read_analysis(tmp_path / "fresh"))


def test_a_smaller_corpus_leaves_no_stale_partition(tmp_path):
    run(make_frame(7), tmp_path / "out")
    run(make_frame(3), tmp_path / "out")
    got = read_analysis(tmp_path / "out")
    assert got["articles"]["doc_id"].tolist() == ["bai-000", "bai-001", "bai-002"]
    assert sorted(p.name for p in (tmp_path / "out" / "themes").iterdir()) == [
        "part-00000.parquet",
        "part-00001.parquet",
    ]


def test_a_damaged_file_is_named_and_its_partition_recomputed(txt_folder, tmp_path):
    run(txt_folder, tmp_path / "out")
    expected = read_analysis(tmp_path / "out")
    path = tmp_path / "out" / "themes" / "part-00001.parquet"
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    path.write_bytes(bytes(raw))
    with pytest.raises(AnalysisError, match="part-00001.parquet"):
        read_analysis(tmp_path / "out")
    with pytest.warns(AnalysisWarning, match=r"themes/part-00001\.parquet"):
        again = run(txt_folder, tmp_path / "out")
    assert again["run"]["partitions_computed"] == 1
    assert_same_tables(read_analysis(tmp_path / "out"), expected)
    (tmp_path / "out" / "entities" / "part-00002.parquet").unlink()
    with pytest.warns(AnalysisWarning, match=r"entities/part-00002\.parquet"):
        assert run(txt_folder, tmp_path / "out")["run"]["partitions_computed"] == 1
    assert_same_tables(read_analysis(tmp_path / "out"), expected)


def test_a_damaged_manifest_is_named_and_everything_recomputed(txt_folder, tmp_path):
    run(txt_folder, tmp_path / "out")
    expected = read_analysis(tmp_path / "out")
    manifest = tmp_path / "out" / "manifest.json"
    manifest.write_bytes(manifest.read_bytes()[:100])
    with pytest.warns(AnalysisWarning, match="manifest.json"):
        again = run(txt_folder, tmp_path / "out")
    assert again["run"]["partitions_computed"] == 4
    assert_same_tables(read_analysis(tmp_path / "out"), expected)


def test_worker_processes_give_the_single_process_result(tmp_path):
    corpus = make_frame(7)
    run(corpus, tmp_path / "one", workers=1)
    run(corpus, tmp_path / "two", workers=2)
    assert_same_tables(read_analysis(tmp_path / "one"), read_analysis(tmp_path / "two"))


def test_csv_for_excel(tmp_path):
    corpus = make_frame(3)
    run(corpus, tmp_path / "out", csv=True)
    tables = read_analysis(tmp_path / "out")
    for name, frame in tables.items():
        raw = (tmp_path / "out" / "csv" / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")
        back = pd.read_csv(tmp_path / "out" / "csv" / f"{name}.csv", encoding="utf-8-sig")
        assert list(back.columns) == list(frame.columns)
        assert len(back) == len(frame)
    back = pd.read_csv(tmp_path / "out" / "csv" / "articles.csv", encoding="utf-8-sig")
    assert back["text"].tolist() == corpus["text"].tolist()


def test_read_analysis_names_a_folder_that_is_not_an_analysis(tmp_path):
    with pytest.raises(AnalysisError, match="manifest.json"):
        read_analysis(tmp_path)


# --- resume after a kill -----------------------------------------------------------------

_SLOW_RUN = """
import sys, time
from cyberlib.pipeline import partition
real = partition.analyse_partition

def slow(*args, **kwargs):
    time.sleep(0.4)
    return real(*args, **kwargs)

partition.analyse_partition = slow
from cyberlib.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _done(out: Path) -> tuple[int, bool]:
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return 0, False
    return len(manifest.get("partitions", {})), bool(manifest.get("complete"))


def test_a_killed_run_resumes_with_nothing_lost_or_duplicated(tmp_path):
    source = tmp_path / "bai"
    write_folder(source, 12)
    out = tmp_path / "out"
    args = [str(source), "--out", str(out), "--partition-rows", "1", "--workers", "1"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_RUN, "analyze", *args], env=env)
    try:
        deadline = time.monotonic() + 90
        while _done(out)[0] < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        proc.kill()
    written, complete = _done(out)
    assert 3 <= written < 12 and not complete  # killed in the middle
    resumed = analyze(source, out, partition_rows=1, workers=1, progress=False)
    assert resumed["run"]["partitions_reused"] >= written
    assert resumed["run"]["partitions_computed"] == 12 - resumed["run"]["partitions_reused"]
    analyze(source, tmp_path / "whole", partition_rows=1, workers=1, progress=False)
    got, whole = read_analysis(out), read_analysis(tmp_path / "whole")
    assert got["articles"]["doc_id"].is_unique and len(got["articles"]) == 12
    assert_same_tables(got, whole)
    leftovers = [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


# --- command line ------------------------------------------------------------------------


def _cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "cyberlib", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_cli_writes_the_tables_and_names_what_it_skipped(txt_folder, tmp_path):
    out = tmp_path / "out"
    done = _cli(
        "analyze",
        str(txt_folder),
        str(tmp_path / "missing.txt"),
        "--out",
        str(out),
        "--workers",
        "1",
    )
    assert done.returncode == 1, done.stderr
    assert "missing.txt" in done.stderr and "Traceback" not in done.stderr
    assert "7 articles" in done.stderr
    tables = read_analysis(out)
    assert len(tables["articles"]) == 7
    assert tables["skipped"]["path"].str.endswith("missing.txt").tolist() == [True]
    again = _cli("analyze", str(txt_folder), "--out", str(out), "--workers", "1", "--csv")
    assert again.returncode == 0, again.stderr
    assert (out / "csv" / "statistics.csv").exists()


def test_cli_with_nothing_readable_exits_2(tmp_path):
    done = _cli("analyze", str(tmp_path / "missing.txt"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "no readable input" in done.stderr and "Traceback" not in done.stderr


def test_cli_refuses_bad_options(tmp_path):
    done = _cli("analyze", "data/articles", "--out", str(tmp_path), "--partition-rows", "0")
    assert done.returncode == 2 and "partition-rows" in done.stderr
    done = _cli("analyze", "data/articles", "--out", str(tmp_path), "--scheduler", "tcp://x:1")
    assert done.returncode == 2 and "--engine dask" in done.stderr


def test_new_articles_reuse_the_partitions_before_them(tmp_path):
    source = tmp_path / "bai"
    write_folder(source, 6)
    run(source, tmp_path / "out")
    write_folder(source, 9)  # three more files, sorted after the others
    grown = run(source, tmp_path / "out")
    assert grown["run"]["unchanged_source"] is False
    assert grown["run"]["partitions_reused"] == 3 and grown["run"]["partitions_computed"] == 2
    run(source, tmp_path / "fresh")
    assert_same_tables(read_analysis(tmp_path / "out"), read_analysis(tmp_path / "fresh"))


def test_each_article_is_segmented_once(monkeypatch):
    import underthesea

    from cyberlib.language import tokens
    from cyberlib.pipeline.partition import analyse_partition

    tokens._segmenters()  # the real models first
    seen: list[str] = []
    real = underthesea.word_tokenize

    def spy(text, *args, **kwargs):
        seen.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(underthesea, "word_tokenize", spy)
    corpus = load_corpus(make_frame(4))
    tables, _ = analyse_partition(corpus, [])
    assert len(tables["entities"]) > 0 and len(tables["terms"]) > 0
    segmented = sum(len(piece) for piece in seen)
    assert 0.9 * corpus["text"].str.len().sum() <= segmented <= corpus["text"].str.len().sum()


def test_a_failing_document_is_listed_with_the_skipped_inputs_of_a_run(
    failing_extraction, tmp_path
):
    corpus = pd.DataFrame(
        {"doc_id": ["a", "b"], "text": ["Thu giữ 5 tỷ đồng.", "LỖI: bắt 7 đối tượng."]}
    )
    manifest = analyze(corpus, tmp_path / "out", workers=1, progress=False)
    got = read_analysis(tmp_path / "out")
    assert got["statistics"]["doc_id"].tolist() == ["a"]
    assert got["articles"]["doc_id"].tolist() == ["a", "b"]  # the article itself is kept
    reasons = got["skipped"]["reason"].tolist()
    assert len(reasons) == 1 and "'b'" in reasons[0] and "IndexError" in reasons[0]
    assert sum(p["skipped"] for p in manifest["partitions"].values()) == 1
