"""Reading: files and frames in, one clean corpus frame out.

In: paths, folders, globs, JSONL/CSV/TSV/Parquet files or a DataFrame of articles.
Out: the corpus frame of :func:`cyberlib.load_corpus` (``doc_id, path, outlet, date,
title, text, ...``).

Modules: ``sources`` (folders, globs and table files listed, their records read),
``decoding`` (bytes to text, legacy-encoding detection), ``cleaning`` (HTML and page
furniture off, header date and outlet parsed), ``stream`` (the corpus frame batch by
batch: ``iter_corpus``, ``read_partition``, ``partition_count``), ``corpus``
(``load_corpus``: the whole corpus frame).

May import: :mod:`cyberlib.normalization`, :mod:`cyberlib.resources`; no later stage.
"""
