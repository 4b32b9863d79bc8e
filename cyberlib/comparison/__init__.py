"""Comparison: statistics and language frames in, frames that compare articles out.

In: the statistics frame, theme scores and other per-article frames. Out: the shapes the
notebooks and charts share (hedge classes, periods, shared items, co-occurrence).

Modules: ``reshape`` (pure pandas reshaping for comparison), ``duplicates``
(near-duplicate articles: reposts and syndicated copies), ``align`` (the same measure
across articles, with a verdict).

May import: :mod:`cyberlib.resources` and the earlier stages (reading, figures,
language); not plots or report.
"""
