"""The command line: output formats, exit codes, messages on stderr, no tracebacks."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from articlegen import write_files
from hypothesis import given
from hypothesis import strategies as st

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
    # every column of the corpus frame but the text
    assert csv.columns.tolist() == [
        "doc_id", "path", "outlet", "date", "title", "n_chars", "n_words", "removed_share",
    ]  # fmt: skip
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


# --- input cases: table files, named columns, bad rows, odd file names


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


SAMPLE_ROWS = [
    {
        "ma": "bai-1",
        "noi_dung": "Lừa đảo qua mạng\nSố vụ tăng.\nTheo Cục A05, năm 2024 có 1.250 vụ lừa đảo "
        "qua mạng, gây thiệt hại hơn 2 tỷ đồng.",
        "outlet": "Báo Thử Nghiệm",
        "date": "2024-04-02",
    },
    {"ma": "bai-2", "noi_dung": "", "outlet": "Tin Mẫu", "date": "2024-04-03"},
]


def test_a_jsonl_with_named_columns_keeps_its_metadata(tmp_path):
    path = write_jsonl(tmp_path / "bai.jsonl", SAMPLE_ROWS)
    proc = run("corpus", path, "--text-col", "noi_dung", "--id-col", "ma", "--format", "csv")
    assert proc.returncode == 1  # one row has no text: named with its line
    assert f"skipped {path} line 2: no text" in proc.stderr
    frame = pd.read_csv(io.StringIO(proc.stdout))
    assert frame.doc_id.tolist() == ["bai-1"]
    assert frame.outlet.tolist() == ["Báo Thử Nghiệm"] and frame.ma.tolist() == ["bai-1"]
    stats = run("stats", path, "--text-col", "noi_dung", "--id-col", "ma", "--format", "csv")
    assert set(pd.read_csv(io.StringIO(stats.stdout)).doc_id) == {"bai-1"}


def test_a_table_without_a_text_column_says_how_to_name_it(tmp_path):
    path = write_jsonl(tmp_path / "bai.jsonl", SAMPLE_ROWS)
    proc = run("corpus", path)
    assert proc.returncode == 2
    assert "no text column" in proc.stderr and "--text-col" in proc.stderr


@pytest.mark.parametrize("fmt", ["csv", "json", "table"])
def test_a_file_name_that_is_not_utf8_prints_in_every_format(tmp_path, fmt, articles_dir):
    folder = tmp_path / "bai"
    folder.mkdir()
    text = (articles_dir / "002_28eb2f94c31f650a.txt").read_bytes()
    bad = os.path.join(os.fsencode(folder), b"bad\xff.txt")
    with open(bad, "wb") as fh:
        fh.write(text)
    proc = subprocess.run(
        [sys.executable, "-m", "cyberlib", "corpus", os.fsencode(folder), "--format", fmt],
        capture_output=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert b"Traceback" not in proc.stderr
    out = proc.stdout.decode("utf-8")  # valid UTF-8, the byte shown as an escape
    assert "bad\\xff" in out or "bad\\\\xff" in out


def test_heavy_cleaning_is_a_note_not_a_skip(tmp_path):
    furniture = "\n".join(["Trang chủ | Đăng nhập | Đăng ký | Liên hệ | Quảng cáo"] * 12)
    row = {"id": "nang", "text": "Tiêu đề\nMột câu ngắn của bài.\n" + furniture}
    proc = run("corpus", write_jsonl(tmp_path / "f.jsonl", [row]), "--format", "csv")
    assert proc.returncode == 0
    assert "note:" in proc.stderr and "(nang)" in proc.stderr and "cleaning removed" in proc.stderr


@given(
    st.lists(
        st.tuples(
            st.sampled_from([".txt", ".jsonl", ".csv", ".parquet", ""]), st.binary(max_size=200)
        ),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["csv", "json", "table"]),
)
def test_the_cli_never_raises_on_any_bytes(files, fmt):
    import contextlib
    import tempfile

    from cyberlib.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        paths = write_files(tmp, files)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["corpus", *paths, "--format", fmt])
    assert status in (0, 1, 2)
    assert "Traceback" not in err.getvalue() and " failed: " not in err.getvalue()
    if status == 2:
        assert "no readable input" in err.getvalue()
    else:
        assert out.getvalue()


def run_with_failing_extraction(*args):
    """The command line in a process whose extraction fails on texts holding "LỖI"."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from conftest import fail_on_marker; "
        "fail_on_marker(); from cyberlib.cli import main; sys.exit(main(sys.argv[2:]))"
    )
    args = [sys.executable, "-c", code, str(ROOT / "tests"), *map(str, args)]
    proc = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def test_an_article_extraction_fails_on_is_named_and_the_rest_printed(tmp_path):
    rows = [
        {"id": "tot", "text": "Thu giữ 5 tỷ đồng.\nCó 3 nạn nhân."},
        {"id": "hong", "text": "LỖI\nBắt 7 đối tượng."},
    ]
    path = write_jsonl(tmp_path / "bai.jsonl", rows)
    proc = run_with_failing_extraction("stats", path, "--format", "csv")
    assert proc.returncode == 1
    assert "no statistics for document 'hong'" in proc.stderr
    assert "IndexError" in proc.stderr
    out = pd.read_csv(io.StringIO(proc.stdout))
    assert out["doc_id"].unique().tolist() == ["tot"] and len(out) == 2

    proc = run_with_failing_extraction("analyze", path, "--out", tmp_path / "out")
    assert proc.returncode == 1
    assert "'hong'" in proc.stderr and "IndexError" in proc.stderr
