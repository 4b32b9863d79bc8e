"""The Dask engine gives the local engine's tables, row for row; sources in every format."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import make_frame, write_folder
from test_analyze import assert_same_tables, run

from cyberlib import read_analysis

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip(
        "distributed", reason="needs dask.distributed (cyberlib[dask])"
    )
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster


def test_dask_equals_local_row_for_row(tmp_path, cluster):
    source = tmp_path / "bai"
    write_folder(source, 9)
    (source / "rong.txt").write_bytes(b"")  # a skipped input travels too
    local = run(source, tmp_path / "local", partition_rows=2)
    dask = run(source, tmp_path / "dask", partition_rows=2, engine="dask",
               scheduler=cluster.scheduler_address)  # fmt: skip
    assert dask["partition_count"] == local["partition_count"] == 5
    assert dask["counts"] == local["counts"] and dask["counts"]["skipped"] == 1
    assert_same_tables(read_analysis(tmp_path / "dask"), read_analysis(tmp_path / "local"))
    again = run(source, tmp_path / "dask", partition_rows=2, engine="dask",
                scheduler=cluster.scheduler_address)  # fmt: skip
    assert again["run"]["partitions_computed"] == 0


def test_dask_refuses_a_frame(tmp_path):
    with pytest.raises(ValueError, match="workers"):
        run(make_frame(2), tmp_path / "out", engine="dask")


def _write_formats(folder: Path, frame: pd.DataFrame) -> dict[str, Path]:
    folder.mkdir()
    rows = frame.assign(date=frame["date"].dt.strftime("%Y-%m-%d")).rename(columns={"doc_id": "id"})
    paths = {"jsonl": folder / "bai.jsonl", "csv": folder / "bai.csv",
             "parquet": folder / "bai.parquet", "jsonl.gz": folder / "bai.jsonl.gz"}  # fmt: skip
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows.to_dict("records"))
    paths["jsonl"].write_text(lines, encoding="utf-8")
    paths["jsonl.gz"].write_bytes(gzip.compress(lines.encode("utf-8")))
    rows.to_csv(paths["csv"], index=False)
    rows.to_parquet(paths["parquet"], index=False)
    return paths


def test_every_format_gives_the_same_analysis_with_its_metadata(tmp_path):
    frame = make_frame(5)
    paths = _write_formats(tmp_path / "src", frame)
    results = {}
    for name, path in paths.items():
        run(path, tmp_path / name, partition_rows=2)
        results[name] = read_analysis(tmp_path / name)
    first = results["jsonl"]
    articles = first["articles"]
    assert articles["doc_id"].tolist() == frame["doc_id"].tolist()
    assert articles["url"].tolist() == frame["url"].tolist()
    assert articles["outlet"].tolist() == frame["outlet"].tolist()
    assert articles["title"].tolist() == frame["title"].tolist()
    stats = first["statistics"]
    assert stats["outlet"].notna().all() and stats["date"].notna().all()
    for name, tables in results.items():
        for table in ("statistics", "themes", "entities", "keywords"):
            pd.testing.assert_frame_equal(tables[table], first[table], obj=f"{name} {table}")


def test_a_row_without_text_is_reported_by_file_and_line(tmp_path):
    path = tmp_path / "bai.jsonl"
    rows = [{"id": "a", "text": "Một vụ lừa đảo 5 tỷ đồng."}, {"id": "b", "text": ""},
            {"id": "c", "text": "Hai vụ tấn công mạng."}]  # fmt: skip
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    run(path, tmp_path / "out")
    tables = read_analysis(tmp_path / "out")
    assert tables["articles"]["doc_id"].tolist() == ["a", "c"]
    skipped = tables["skipped"]
    assert len(skipped) == 1 and skipped["path"].iloc[0].endswith("bai.jsonl")
    assert skipped["line"].iloc[0] == 2


_PICKLE = re.compile(r"\b(import pickle|from pickle|cloudpickle|dill\b|read_pickle|allow_pickle"
                     r"|joblib\.load|marshal\.loads|shelve)\b")  # fmt: skip


def test_cyberlib_never_reads_pickle():
    offenders = []
    for path in sorted((ROOT / "cyberlib").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _PICKLE.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []
