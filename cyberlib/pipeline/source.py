"""Partitions of a source: corpus frames of at most ``rows`` articles, in a stable order.

Built on :mod:`cyberlib.reading.stream` (``iter_corpus`` for one pass over the whole
source, ``read_partition`` for one partition read on its own, as a Dask worker does).
Until that module is available, both fall back to :func:`cyberlib.load_corpus` on the
whole source, cut into slices (the same partitions, without the memory bound).

Inputs that cannot be read are returned with the partition whose reading met them, as
``{"path", "line", "reason"}``; those met after the last article form a partition of
their own with no article.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Source", "iter_partitions", "read_one"]

Source = str | os.PathLike | Sequence[str | os.PathLike] | Any  # or a DataFrame


def _stream() -> Any:
    try:
        from cyberlib.reading import stream
    except ImportError:  # pragma: no cover - before the streaming reader lands
        return None
    return stream


def _skip_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"path": str(i.get("path", "")), "line": i.get("line"), "reason": str(i.get("reason", ""))}
        for i in items
    ]


def _whole(source: Source, text_col: str | None, id_col: str | None) -> pd.DataFrame:
    from cyberlib.reading.corpus import load_corpus

    kwargs: dict[str, Any] = {"errors": "ignore"}
    if text_col is not None or id_col is not None:  # pragma: no cover - newer load_corpus
        kwargs.update(text_col=text_col, id_col=id_col)
    return load_corpus(source, **kwargs)


def _empty_like(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.iloc[0:0].reset_index(drop=True)


def iter_partitions(
    source: Source, rows: int, text_col: str | None = None, id_col: str | None = None
) -> Iterator[tuple[int, pd.DataFrame, list[dict[str, Any]]]]:
    """``(index, corpus frame, skipped inputs)`` of each partition, in order."""
    stream = _stream()
    index = -1
    last = None
    if stream is not None:
        skipped: list[dict[str, Any]] = []
        seen = 0
        for frame in stream.iter_corpus(
            source, text_col=text_col, id_col=id_col, batch_rows=rows, skipped=skipped
        ):
            index += 1
            last = frame
            yield index, frame.reset_index(drop=True), _skip_rows(skipped[seen:])
            seen = len(skipped)
        trailing = _skip_rows(skipped[seen:])
    else:
        corpus = _whole(source, text_col, id_col)
        problems = _skip_rows(corpus.attrs.get("skipped", []))
        corpus.attrs = {}
        for index, start in enumerate(range(0, len(corpus), rows)):
            last = corpus
            part = corpus.iloc[start : start + rows].reset_index(drop=True)
            yield index, part, problems if index == 0 else []
        trailing = problems if last is None else []
    if trailing:
        yield index + 1, _empty_like(last) if last is not None else _no_articles(), trailing


def _no_articles() -> pd.DataFrame:
    import pandas as pd

    from cyberlib.reading.corpus import COLUMNS

    return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS})


def read_one(
    source: Source, index: int, rows: int, text_col: str | None = None, id_col: str | None = None
) -> tuple[pd.DataFrame, list[dict[str, Any]]] | None:
    """Partition ``index`` read on its own (as a worker does), or ``None`` past the end."""
    stream = _stream()
    if stream is not None:
        frame, skipped = stream.read_partition(
            source, index, batch_rows=rows, text_col=text_col, id_col=id_col
        )
        if len(frame) == 0 and not skipped:
            return None
        return frame.reset_index(drop=True), _skip_rows(skipped)
    for i, frame, skipped in iter_partitions(source, rows, text_col, id_col):
        if i == index:
            return frame, skipped
    return None
