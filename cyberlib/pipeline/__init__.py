"""Pipeline: a corpus of any size in, a folder of Parquet tables out, in resumable partitions.

In: a source :func:`cyberlib.load_corpus` understands (folder, glob, ``.jsonl``/``.csv``/
``.tsv``/``.parquet`` file, a list of them, or a DataFrame), read in partitions of
``partition_rows`` articles. Out: a folder with one Parquet file per table per partition
(``articles``, ``statistics``, ``themes``, ``entities``, ``keywords``, ``skipped``) and a
``manifest.json``; :func:`read_analysis` reads them back.

Modules: ``source`` (partitions of the input), ``partition`` (everything computed on one
partition, and its fingerprint), ``store`` (the folder: atomic files, manifest, checks,
CSV export), ``run`` (``analyze``, the local engine, corpus-wide keyword scoring) and
``engines`` (the Dask engine).

May import: :mod:`cyberlib.reading`, :mod:`cyberlib.figures`, :mod:`cyberlib.language`
and the ground floor. Nothing imports the pipeline except :mod:`cyberlib.cli` and
``cyberlib/__init__`` (which exposes ``analyze`` and ``read_analysis``).
"""
