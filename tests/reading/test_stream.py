"""The streaming API: batches in a stable order, each readable on its own, together the
corpus of load_corpus, with every skip in exactly one batch."""

from __future__ import annotations

import json
import shutil
import warnings

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from readsamples import ARTICLES

from cyberlib import load_corpus
from cyberlib.reading.stream import COLUMNS, iter_corpus, partition_count, read_partition


def many_articles(n):
    """n distinct articles made from the samples (distinct ids, same shape)."""
    rows = []
    for i in range(n):
        base = ARTICLES[i % len(ARTICLES)]
        rows.append(dict(base, id=f"bai-{i:03d}", text=base["text"] + f" Tin số {i}."))
    return rows


@pytest.fixture
def mixed_source(tmp_path, articles_dir):
    """A folder of .txt, a JSONL with bad lines and a Parquet file of several row groups."""
    folder = tmp_path / "txt"
    folder.mkdir()
    for p in sorted(articles_dir.glob("*.txt"))[:3]:
        shutil.copy(p, folder / p.name)
    (folder / "rong.txt").write_bytes(b"")
    rows = many_articles(12)
    lines = [json.dumps(r, ensure_ascii=False) for r in rows[:7]]
    lines.insert(3, "{not json")
    lines.insert(5, json.dumps({"id": "x", "text": "  "}))
    (tmp_path / "a.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    pq.write_table(pa.Table.from_pylist(rows[7:]), tmp_path / "b.parquet", row_group_size=2)
    return [folder, tmp_path / "a.jsonl", tmp_path / "b.parquet", tmp_path / "khong-co.txt"]


@pytest.mark.parametrize("batch_rows", [1, 3, 4, 1000])
def test_batches_concatenate_to_load_corpus_and_each_reads_alone(mixed_source, batch_rows):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        whole = load_corpus(mixed_source)
    skipped: list = []
    batches = list(iter_corpus(mixed_source, batch_rows=batch_rows, skipped=skipped))
    assert len(batches) == partition_count(mixed_source, batch_rows)
    assert all(len(b) <= batch_rows and list(b.columns)[:9] == COLUMNS for b in batches)
    together = pd.concat([b for b in batches if len(b)], ignore_index=True)
    # a column some batches lack is NaN there after concat; compare missing as missing
    pd.testing.assert_frame_equal(together.fillna(pd.NA), whole.fillna(pd.NA))
    assert skipped == whole.attrs["skipped"]
    # 4 records in the folder (one skipped) + 9 JSONL lines (two skipped) + 5 Parquet rows
    assert len(whole) == 3 + 7 + 5 and len(skipped) == 4
    for k, batch in enumerate(batches):
        frame, own = read_partition(mixed_source, k, batch_rows)
        pd.testing.assert_frame_equal(frame, batch)
        assert own == batch.attrs["skipped"]
    assert sum(len(b.attrs["skipped"]) for b in batches) == len(skipped)  # each once
    with pytest.raises(IndexError):
        read_partition(mixed_source, len(batches), batch_rows)


def test_a_batch_of_only_skipped_records_is_an_empty_frame(tmp_path):
    lines = [json.dumps({"id": "a", "text": ""}), json.dumps(ARTICLES[0], ensure_ascii=False)]
    (tmp_path / "x.jsonl").write_text("\n".join(lines), encoding="utf-8")
    first, second = iter_corpus(tmp_path / "x.jsonl", batch_rows=1)
    assert first.empty and list(first.columns) == COLUMNS
    assert first.attrs["skipped"][0]["line"] == 1
    assert second.doc_id.tolist() == ["bai-1"]


def test_problems_of_the_listing_belong_to_batch_zero(tmp_path):
    source = [tmp_path / "khong-co.jsonl"]
    assert partition_count(source) == 1
    frame, skipped = read_partition(source, 0)
    assert frame.empty and skipped[0]["reason"] == "no such file or folder"


def test_dataframe_sources_stream_too():
    frame = pd.DataFrame(many_articles(7))
    batches = list(iter_corpus(frame, batch_rows=3))
    assert [len(b) for b in batches] == [3, 3, 1]
    assert read_partition(frame, 2, 3)[0].doc_id.tolist() == ["bai-006"]


def test_bad_batch_size_is_a_usage_error(articles_dir):
    with pytest.raises(ValueError, match="batch_rows"):
        next(iter_corpus(articles_dir, batch_rows=0))


def test_heavy_cleaning_is_flagged_per_batch(tmp_path):
    furniture = "\n".join(["Đăng nhập | Đăng ký | Liên hệ | Quảng cáo"] * 30)
    text = "Tiêu đề ngắn\nMột câu của bài viết.\n" + furniture
    rows = [{"id": "nang", "text": text}, dict(ARTICLES[0])]
    (tmp_path / "f.jsonl").write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8"
    )
    flagged: list = []
    (batch,) = iter_corpus(tmp_path / "f.jsonl", flagged=flagged)
    assert (
        [f["doc_id"] for f in flagged] == ["nang"] == [f["doc_id"] for f in batch.attrs["flagged"]]
    )
    assert flagged[0]["line"] == 1 and "masthead" in flagged[0]["reason"]
    shares = batch.set_index("doc_id").removed_share
    assert shares["nang"] > 0.8 and shares["bai-1"] == 0.0
