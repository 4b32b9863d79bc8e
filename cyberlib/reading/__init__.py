"""Reading: files and frames in, one clean corpus frame out.

In: paths, folders, globs or a DataFrame of articles. Out: the corpus frame of
:func:`cyberlib.load_corpus` (``doc_id, path, outlet, date, title, text, ...``).

Modules: ``decoding`` (bytes to text, legacy-encoding detection), ``cleaning`` (page
furniture off, header date and outlet parsed), ``corpus`` (the corpus frame).

May import: :mod:`cyberlib.normalization`, :mod:`cyberlib.resources`; no later stage.
"""
