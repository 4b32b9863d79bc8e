"""benchmarks/eval_statistics.py skips cleanly, naming what is missing, without the shared
corpus folder beside the repository; the shipped gold files hold ids and annotations only
(no article sentences); ``--show`` prints the misses of dev, never those of test."""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "benchmarks" / "gold"


def test_skips_cleanly_without_the_shared_corpus(tmp_path, capsys, benchmark_script):
    assert benchmark_script("eval_statistics").main(["--shared", str(tmp_path / "nowhere")]) == 0
    out = capsys.readouterr().out
    assert "skipped" in out and "articles.jsonl.gz" in out


def test_gold_files_have_splits_and_no_sentences():
    with (GOLD / "vinews_fields.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["sentence"] == "" for r in rows)
    with (GOLD / "vinews_articles.csv").open(encoding="utf-8") as f:
        splits = [r["split"] for r in csv.DictReader(f)]
    # parts 1-109 are dev: each held-out part joined dev once scored, the last being parts
    # 106 to 109 (annotated blind, 58 articles); the next fresh blind parts will be the test
    assert splits.count("dev") == 1640
    assert splits.count("test") == 0
    with (GOLD / "vinews_statistics.csv").open(encoding="utf-8") as f:
        stats = list(csv.DictReader(f))
    stat_splits = {r["split"] for r in stats}
    assert "dev" in stat_splits and stat_splits <= {"dev", "test"}
    assert max(len(r["surface"]) for r in stats) < 80  # short surfaces, never sentences


def test_show_prints_the_misses_of_dev_and_never_those_of_test(capsys, benchmark_script):
    module = benchmark_script("eval_statistics")
    misses = ["FN 1: '5 vụ' value=5.0 unit=case", "WRONG 2: '3 tỷ' value=3.0 unit=vnd"]
    module._print_misses(misses, "dev", True)
    assert capsys.readouterr().out.count("    ") == 2
    for split, show in (("test", True), ("all", True), ("dev", False)):
        module._print_misses(misses, split, show)
        assert capsys.readouterr().out == ""
    assert module._may_show("dev", True) and not module._may_show("test", True)
