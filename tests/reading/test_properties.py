"""Properties of reading on any input: load_corpus never raises on any bytes in any kind
of file nor on any value in a DataFrame, and every input is a row or a named skip.

Examples run at the `ci` profile's count in `make test` and many more under `make fuzz`
(see tests/conftest.py). A failure found here becomes an explicit regression test in
test_bad_input.py or test_formats.py."""

from __future__ import annotations

import io
import os
import tempfile
import warnings

import pandas as pd
from articlegen import write_files
from hypothesis import example, given
from hypothesis import strategies as st

from cyberlib import load_corpus
from cyberlib.reading.stream import iter_corpus, prepare_text, read_partition

SUFFIXES = [".txt", ".TXT", ".jsonl", ".jsonl.gz", ".json", ".csv", ".tsv", ".parquet", ".md", ""]

# bytes that look a little like the inputs: JSON lines, CSV rows, Vietnamese text, BOMs
FRAGMENTS = st.sampled_from(
    [
        '{"id": "a", "text": "Lừa đảo 10 tỷ đồng."}\n'.encode(),
        '{"text": "Hà Nội &nbsp; <p></p>"}\n'.encode(),
        b'{"id": 1}\n',
        b"id,text\n",
        b'"a","Vi\xe1\xbb\x87t Nam"\n',
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\x00",
        b" date 2024-01-01 ",
        b"\n",
        b"PAR1",
        "Đăng nhập Đăng ký Liên hệ\n".encode(),
        "B¶o vÖ trÎ em".encode("latin-1"),
    ]
)
CONTENT = st.one_of(
    st.binary(max_size=300), st.lists(FRAGMENTS | st.binary(max_size=20), max_size=12).map(b"".join)
)


def load_quietly(source, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(source, **kwargs)


@given(st.lists(st.tuples(st.sampled_from(SUFFIXES), CONTENT), min_size=1, max_size=4))
@example([(".jsonl", b'{"text": "\\u00a0"}\n{"text": "x"}\n')])
@example([(".csv", b"text\n\x00\n")])
def test_any_bytes_in_any_file_is_a_row_or_a_named_skip(files):
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_files(tmp, files)
        corpus = load_quietly(paths)
        skipped = corpus.attrs["skipped"]
        assert corpus.doc_id.is_unique
        for path in paths:
            rows = int((corpus.path == path).sum())
            skips = [s for s in skipped if s["path"] == path]
            assert rows + len(skips) >= 1, path  # nothing vanishes without a word
            assert all(s["reason"] for s in skips)
            if path.lower().endswith(".txt"):  # one file, one article
                assert rows + len(skips) == 1
        assert set(corpus.path) <= set(paths)
        assert (corpus.text.str.strip() != "").all()


ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=200)  # lone surrogates too
VALUES = st.one_of(
    st.text(max_size=200),
    ANY_TEXT,
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=50),
    st.lists(st.integers(), max_size=3),
)


@given(st.lists(VALUES, max_size=8), st.lists(ANY_TEXT | st.none(), max_size=8), VALUES)
def test_any_frame_is_a_row_or_a_named_skip_per_row(texts, ids, extra):
    ids = (ids + [None] * len(texts))[: len(texts)]
    frame = pd.DataFrame(
        {
            "id": pd.Series(ids, dtype=object),
            "text": pd.Series(texts, dtype=object),
            "title": pd.Series([extra] * len(texts), dtype=object),
            "nguon": pd.Series([extra] * len(texts), dtype=object),
        }
    )
    corpus = load_quietly(frame)
    assert len(corpus) + len(corpus.attrs["skipped"]) == len(frame)
    assert corpus.doc_id.is_unique
    assert all(s["reason"] and s["line"] for s in corpus.attrs["skipped"])
    corpus.to_parquet(io.BytesIO())  # every value can be written


@given(ANY_TEXT)
def test_prepare_text_never_raises(text):
    prepared, reason = prepare_text(text)
    assert (prepared is None) != (reason is None)
    if prepared is not None:
        assert prepared.strip()


@given(st.lists(st.text(max_size=60) | st.none(), min_size=1, max_size=12), st.integers(1, 5))
def test_each_partition_reads_alone_as_iter_corpus_gives_it(texts, batch_rows):
    frame = pd.DataFrame({"text": pd.Series(texts, dtype=object)})
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "a.jsonl")
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
        batches = list(iter_corpus(path, batch_rows=batch_rows))
        for k, batch in enumerate(batches):
            alone, skipped = read_partition(path, k, batch_rows)
            pd.testing.assert_frame_equal(alone, batch)
            assert skipped == batch.attrs["skipped"]
        total = sum(len(b) + len(b.attrs["skipped"]) for b in batches)
        assert total == len(texts)
