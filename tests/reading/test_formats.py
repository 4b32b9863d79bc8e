"""Table sources: JSONL, CSV, TSV, Parquet (also gzip), columns found or given,
metadata kept, bad rows reported by file and line."""

from __future__ import annotations

import csv
import gzip
import json
import warnings

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from readsamples import ARTICLES

from cyberlib import load_corpus
from cyberlib.reading.stream import COLUMNS

META = ["url"]  # columns beyond the corpus frame's own that the samples carry


def write_jsonl(path, rows, compress=False):
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if compress:
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_delimited(path, rows, delimiter=",", compress=False):
    opener = gzip.open if compress else open
    with opener(path, "wt", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_parquet(path, rows, row_group_size=None):
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group_size)
    return path


def quiet_load(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(*args, **kwargs)


WRITERS = {
    "jsonl": lambda d: write_jsonl(d / "bai.jsonl", ARTICLES),
    "jsonl.gz": lambda d: write_jsonl(d / "bai.jsonl.gz", ARTICLES, compress=True),
    "csv": lambda d: write_delimited(d / "bai.csv", ARTICLES),
    "csv.gz": lambda d: write_delimited(d / "bai.csv.gz", ARTICLES, compress=True),
    "tsv": lambda d: write_delimited(d / "bai.tsv", ARTICLES, delimiter="\t"),
    "parquet": lambda d: write_parquet(d / "bai.parquet", ARTICLES, row_group_size=2),
    "json-array": lambda d: write_json_array(d / "bai.json", ARTICLES),
    "json-lines": lambda d: write_jsonl(d / "bai.json", ARTICLES),
}


def write_json_array(path, rows):
    path.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference():
    return load_corpus(pd.DataFrame(ARTICLES))


@pytest.mark.parametrize("kind", list(WRITERS))
def test_every_format_gives_the_same_corpus_with_its_metadata(tmp_path, kind, reference):
    path = WRITERS[kind](tmp_path)
    corpus = load_corpus(path)
    assert corpus.attrs["skipped"] == []
    assert list(corpus.columns) == COLUMNS + META
    assert corpus.doc_id.tolist() == ["bai-1", "bai-2", "bai-3"]
    assert corpus.url.tolist() == [a["url"] for a in ARTICLES]
    assert corpus.outlet.tolist() == [a["outlet"] for a in ARTICLES]
    assert corpus.title.tolist() == [a["title"] for a in ARTICLES]
    assert [str(d.date()) for d in corpus.date] == [a["date"] for a in ARTICLES]
    assert (corpus.path == str(path)).all()
    pd.testing.assert_frame_equal(
        corpus.drop(columns="path"), reference.drop(columns="path"), check_dtype=False
    )


def test_a_dataframe_keeps_date_outlet_title_and_other_columns():
    frame = pd.DataFrame(ARTICLES).assign(category=["xa-hoi", "phap-luat", "giao-duc"])
    corpus = load_corpus(frame)
    assert corpus.doc_id.tolist() == ["bai-1", "bai-2", "bai-3"]
    assert corpus.outlet.tolist() == ["Báo Thử Nghiệm", "Tin Mẫu", "Báo Thử Nghiệm"]
    assert corpus.date.dt.strftime("%Y-%m-%d").tolist() == [
        "2024-04-02",
        "2024-03-12",
        "2024-05-20",
    ]
    assert corpus.title.tolist()[1] == "Triệt phá đường dây đánh bạc trực tuyến"
    assert corpus.category.tolist() == ["xa-hoi", "phap-luat", "giao-duc"]
    assert list(corpus.columns) == COLUMNS + ["url", "category"]


def test_columns_named_by_the_caller(tmp_path):
    rows = [{"ma_bai": a["id"], "noi_dung": a["text"], "chuyen_muc": "xh"} for a in ARTICLES]
    path = write_delimited(tmp_path / "rieng.csv", rows)
    corpus = load_corpus(path, text_col="noi_dung", id_col="ma_bai")
    assert corpus.doc_id.tolist() == ["bai-1", "bai-2", "bai-3"]
    assert corpus.ma_bai.tolist() == ["bai-1", "bai-2", "bai-3"]  # a named id column is kept
    assert corpus.chuyen_muc.tolist() == ["xh"] * 3
    # without the names the file has no text column: the file is reported, not misread
    missing = quiet_load(path)
    assert missing.empty
    (skip,) = missing.attrs["skipped"]
    assert skip["path"] == str(path) and "no text column" in skip["reason"]
    assert "--text-col" in skip["reason"]
    wrong = quiet_load(path, text_col="khong_co")
    assert "no column 'khong_co'" in wrong.attrs["skipped"][0]["reason"]


def test_content_and_body_columns_are_found_by_name(tmp_path):
    rows = [{"Content": a["text"], "URL": a["url"]} for a in ARTICLES]
    corpus = load_corpus(write_jsonl(tmp_path / "a.jsonl", rows))
    assert corpus.doc_id.tolist() == [a["url"] for a in ARTICLES]
    assert corpus.URL.tolist() == [a["url"] for a in ARTICLES]


def test_without_an_id_column_ids_are_file_and_line(tmp_path):
    rows = [{"body": a["text"]} for a in ARTICLES]
    corpus = load_corpus(write_jsonl(tmp_path / "khong-id.jsonl", rows))
    assert corpus.doc_id.tolist() == ["khong-id:1", "khong-id:2", "khong-id:3"]


def test_rows_without_text_are_reported_by_file_and_line(tmp_path):
    lines = [
        json.dumps(ARTICLES[0], ensure_ascii=False),
        json.dumps({"id": "rong", "text": ""}),
        "",  # a blank line is not a record
        '{"id": "hong", "text": "thiếu ngoặc"',
        json.dumps({"id": "null", "text": None}),
        "[1, 2]",
        json.dumps({"id": "so", "text": 42}),
        json.dumps(ARTICLES[1], ensure_ascii=False),
    ]
    path = tmp_path / "lan-lon.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    corpus = quiet_load(path)
    assert corpus.doc_id.tolist() == ["bai-1", "bai-2"]
    skipped = {s["line"]: s["reason"] for s in corpus.attrs["skipped"]}
    assert all(s["path"] == str(path) for s in corpus.attrs["skipped"])
    assert sorted(skipped) == [2, 4, 5, 6, 7]
    assert "no text" in skipped[2] and "no text" in skipped[5]
    assert "not valid JSON" in skipped[4]
    assert "not an object" in skipped[6]
    assert "int" in skipped[7]


def test_csv_lines_count_quoted_newlines(tmp_path):
    path = tmp_path / "nhieu-dong.csv"
    rows = [
        {"id": "a", "text": ARTICLES[0]["text"]},  # three lines inside quotes: lines 2-4
        {"id": "b", "text": ""},  # line 5
        {"id": "c", "text": ARTICLES[2]["text"]},
    ]
    write_delimited(path, rows)
    corpus = quiet_load(path)
    assert corpus.doc_id.tolist() == ["a", "c"]
    assert corpus.attrs["skipped"] == [
        {"path": str(path), "line": 5, "reason": "no text (only spaces or invisible characters)"}
    ]


def test_excel_style_utf16_tsv_is_read(tmp_path):
    path = tmp_path / "excel.tsv"
    header = "id\ttext\n"
    body = "".join(f"{a['id']}\t{a['text'].replace(chr(10), ' ')}\n" for a in ARTICLES)
    path.write_bytes((header + body).encode("utf-16"))
    assert load_corpus(path).doc_id.tolist() == ["bai-1", "bai-2", "bai-3"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("bang.xlsx", b"PK\x03\x04" + b"\x00" * 40, "ZIP archive"),
        ("tai-lieu.pdf", b"%PDF-1.7\n" + b"\x00" * 40, "PDF"),
        ("hong.parquet", b"PAR1 not really", "not a readable Parquet file"),
        ("hong.jsonl.gz", b"\x1f\x8b\x08\x00broken", "gzip"),
    ],
)
def test_files_it_cannot_read_say_so(tmp_path, name, data, reason):
    (tmp_path / name).write_bytes(data)
    good = write_jsonl(tmp_path / "tot.jsonl", ARTICLES[:1])
    corpus = quiet_load([tmp_path / name, good])
    assert corpus.doc_id.tolist() == ["bai-1"]
    (skip,) = corpus.attrs["skipped"]
    assert skip["path"] == str(tmp_path / name) and reason in skip["reason"]


def test_json_array_items_that_are_not_objects_are_reported(tmp_path):
    path = write_json_array(tmp_path / "a.json", [ARTICLES[0], "chuỗi", ARTICLES[1]])
    corpus = quiet_load(path)
    assert corpus.doc_id.tolist() == ["bai-1", "bai-2"]
    assert corpus.attrs["skipped"] == [
        {"path": str(path), "line": 2, "reason": "item 2 is a JSON str, not an object"}
    ]
    # one object is one article, as one JSON line would be
    (tmp_path / "b.json").write_text('{"text": "Một bài báo."}', encoding="utf-8")
    assert load_corpus(tmp_path / "b.json").text.tolist() == ["Một bài báo."]


def test_parquet_is_not_refused_as_utf16(tmp_path):
    path = write_parquet(tmp_path / "bai.parquet", ARTICLES)
    assert len(load_corpus(path)) == 3


def test_a_repeated_id_is_reported_and_read_once(tmp_path):
    first = write_jsonl(tmp_path / "mot.jsonl", ARTICLES[:2])
    second = write_jsonl(tmp_path / "hai.jsonl", ARTICLES[1:])
    corpus = quiet_load([first, second])
    assert corpus.doc_id.tolist() == ["bai-1", "bai-2", "bai-3"]
    (skip,) = corpus.attrs["skipped"]
    assert skip["path"] == str(second) and skip["line"] == 1
    assert "bai-2" in skip["reason"] and f"{first} line 2" in skip["reason"]


def test_a_folder_of_tables_says_to_name_them(tmp_path):
    write_jsonl(tmp_path / "bai.jsonl", ARTICLES)
    corpus = quiet_load(tmp_path)
    assert corpus.empty
    assert "bai.jsonl" in corpus.attrs["skipped"][0]["reason"]


def test_titles_from_the_source_lose_their_html(tmp_path):
    rows = [dict(ARTICLES[0], title="<p>Lừa đảo&nbsp;qua mạng</p>"), dict(ARTICLES[1], title="")]
    corpus = load_corpus(write_jsonl(tmp_path / "t.jsonl", rows))
    # an empty source title falls back to the article's own title line
    assert corpus.title.tolist() == ["Lừa đảo qua mạng", "Triệt phá đường dây đánh bạc trực tuyến"]


def test_the_reading_stage_never_unpickles(tmp_path):
    from pathlib import Path

    import cyberlib.reading as reading

    for module in Path(reading.__file__).parent.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "import pickle" not in text and "read_pickle" not in text, module.name


def test_dates_of_the_source_day_first_and_with_a_time_zone(tmp_path):
    dates = ["05/10/2024", "2024-05-01T06:00:00+07:00", "hôm qua"]
    rows = [dict(a, date=d) for a, d in zip(ARTICLES, dates, strict=True)]
    corpus = load_corpus(write_delimited(tmp_path / "ngay.csv", rows))
    assert corpus.date.tolist()[:2] == [
        pd.Timestamp("2024-10-05"),
        pd.Timestamp("2024-05-01 06:00"),
    ]
    assert pd.isna(corpus.date[2])  # unreadable: missing, never a guess


def test_a_corpus_frame_read_again_is_the_same_frame(reference):
    again = load_corpus(reference)
    pd.testing.assert_frame_equal(again, reference)


def test_other_columns_are_text_with_one_type_in_every_batch(tmp_path):
    rows = [
        dict(ARTICLES[0], views=12, tags=["lừa đảo", "mạng"], checked=True),
        dict(ARTICLES[1], views="1.200", tags=None, checked=None),
        dict(ARTICLES[2], views=3.5),
    ]
    corpus = load_corpus(write_jsonl(tmp_path / "m.jsonl", rows))
    assert corpus.views.tolist() == ["12", "1.200", "3.5"]
    assert corpus.tags[0] == '["lừa đảo", "mạng"]' and corpus.checked[0] == "True"
    assert corpus.tags.isna().tolist() == corpus.checked.isna().tolist() == [False, True, True]
    corpus.to_parquet(tmp_path / "out.parquet")
