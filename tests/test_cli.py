"""The command line: output formats, exit codes, messages on stderr, no tracebacks."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent

STATS_COLUMNS = [
    "doc_id", "surface", "start", "end", "value", "value_high", "unit", "unit_text",
    "qualifier", "change", "subject", "period", "source", "source_scope", "sentence",
]  # fmt: skip


def run(*args, cwd=ROOT):
    proc = subprocess.run(
        [sys.executable, "-m", "cyberlib", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_corpus_table(articles_dir):
    proc = run("corpus", articles_dir)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["doc_id", "outlet", "date", "title", "n_words"]
    assert len(lines) == 6
    assert proc.stderr == ""


def test_corpus_csv_and_json_agree(articles_dir):
    csv = pd.read_csv(io.StringIO(run("corpus", articles_dir, "--format", "csv").stdout))
    records = json.loads(run("corpus", articles_dir, "--format", "json").stdout)
    assert csv.columns.tolist() == ["doc_id", "outlet", "date", "title", "n_words"]
    assert csv.doc_id.tolist() == [r["doc_id"] for r in records]
    assert csv.n_words.tolist() == [r["n_words"] for r in records]


def test_some_inputs_skipped_exit_1_and_are_named(tmp_path, articles_dir):
    bad = tmp_path / "hong.txt"
    bad.write_bytes(b"\x00\x00binary")
    proc = run("corpus", articles_dir, bad, tmp_path / "khong-co.txt", "--format", "csv")
    assert proc.returncode == 1
    assert "hong.txt: binary" in proc.stderr
    assert "khong-co.txt: no such file or folder" in proc.stderr
    assert len(proc.stdout.splitlines()) == 6  # the five articles are still printed


def test_nothing_readable_exit_2(tmp_path):
    (tmp_path / "rong.txt").write_bytes(b"")
    proc = run("corpus", tmp_path / "rong.txt")
    assert proc.returncode == 2
    assert "rong.txt: empty file" in proc.stderr
    assert "no readable input" in proc.stderr
    assert proc.stdout == ""


@pytest.mark.parametrize(
    "args",
    [(), ("corpus",), ("stats", "data/articles", "--format", "xml"), ("frobnicate", "x")],
    ids=["no-command", "no-path", "bad-format", "bad-command"],
)
def test_usage_errors_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert "usage:" in proc.stderr


def test_stats_csv_has_the_statistics_columns(articles_dir):
    proc = run("stats", articles_dir, "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    frame = pd.read_csv(io.StringIO(proc.stdout))
    assert frame.columns.tolist() == STATS_COLUMNS
    assert set(frame.doc_id) <= {p.stem for p in articles_dir.glob("*.txt")}
    assert len(frame) >= 15


def test_stats_table_is_readable(articles_dir):
    proc = run("stats", articles_dir)
    assert proc.returncode == 0, proc.stderr
    header = proc.stdout.splitlines()[0].split()
    assert header[:3] == ["doc_id", "surface", "value"]
    assert max(len(line) for line in proc.stdout.splitlines()) < 400


def test_themes_json(articles_dir):
    proc = run("themes", articles_dir, "--format", "json")
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert len(records) == 5
    assert all("top_theme" in r for r in records)


def test_report_with_a_missing_corpus_folder_is_a_usage_error(tmp_path):
    proc = run("report", "--out", tmp_path / "out", "--corpus", tmp_path / "khong-co")
    assert proc.returncode == 2
    assert "no such folder" in proc.stderr
