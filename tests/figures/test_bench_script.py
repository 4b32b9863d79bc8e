"""benchmarks/bench_statistics.py --vinews reads real articles from its ``VINEWS`` file when
that file is there and skips cleanly, naming it, when it is not (a user's clone has none).
Both tests point ``VINEWS`` at files of their own: nothing outside the repository is read."""

from __future__ import annotations

import gzip
import json


def test_vinews_mode_skips_cleanly_without_the_articles(
    tmp_path, capsys, monkeypatch, benchmark_script
):
    bench = benchmark_script("bench_statistics")
    missing = tmp_path / "nowhere" / "articles.jsonl.gz"
    monkeypatch.setattr(bench, "VINEWS", missing)
    assert bench.main(["--vinews", "--articles", "5"]) == 0
    out = capsys.readouterr().out
    assert "skipped" in out and str(missing) in out


def test_vinews_mode_reads_every_seventh_article_up_to_the_count(
    tmp_path, monkeypatch, benchmark_script
):
    bench = benchmark_script("bench_statistics")
    path = tmp_path / "articles.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        for i in range(30):
            f.write(json.dumps({"id": i, "text": f"Bài {i}: có {i} vụ."}) + "\n")
    monkeypatch.setattr(bench, "VINEWS", path)
    assert bench._vinews(3) == ["Bài 3: có 3 vụ.", "Bài 10: có 10 vụ.", "Bài 17: có 17 vụ."]
    assert len(bench._vinews(100)) == 4  # lines 3, 10, 17, 24 of 30
