"""Partitions of a source: corpus frames of at most ``rows`` articles, in a stable order.

Built on :mod:`cyberlib.reading.stream`: :func:`iter_partitions` makes one pass over the
whole source (``iter_corpus``); :func:`read_one` reads one partition on its own
(``read_partition``), as a Dask worker does. Partition ``k`` is the same either way: the
``k``-th stretch of ``rows`` records of the source, with the inputs skipped in it as
``{"path", "line", "reason"}`` (problems with the inputs themselves go with partition 0).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Source", "iter_partitions", "read_one"]

Source = str | os.PathLike | Sequence[str | os.PathLike] | Any  # or a DataFrame


def _skip_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"path": str(i.get("path", "")), "line": i.get("line"), "reason": str(i.get("reason", ""))}
        for i in items
    ]


def _clean(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.reset_index(drop=True)
    frame.attrs = {}
    return frame


def iter_partitions(
    source: Source, rows: int, text_col: str | None = None, id_col: str | None = None
) -> Iterator[tuple[int, pd.DataFrame, list[dict[str, Any]]]]:
    """``(index, corpus frame, skipped inputs)`` of each partition, in order."""
    from cyberlib.reading.stream import iter_corpus

    batches = iter_corpus(source, text_col=text_col, id_col=id_col, batch_rows=rows)
    for index, frame in enumerate(batches):
        skipped = _skip_rows(frame.attrs.get("skipped", []))
        yield index, _clean(frame), skipped


def read_one(
    source: Source, index: int, rows: int, text_col: str | None = None, id_col: str | None = None
) -> tuple[pd.DataFrame, list[dict[str, Any]]] | None:
    """Partition ``index`` read on its own (as a worker does), or ``None`` past the end."""
    from cyberlib.reading.stream import read_partition

    try:
        frame, skipped = read_partition(
            source, index, batch_rows=rows, text_col=text_col, id_col=id_col
        )
    except IndexError:
        return None
    return _clean(frame), _skip_rows(skipped)
