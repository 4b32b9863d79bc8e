"""Load a corpus into one frame: the corpus frame.

One row per readable article: ``doc_id``, ``path``, ``outlet``, ``date``, ``title``,
``text`` (clean, NFC, old-style tone marks), ``n_chars``, ``n_words``, ``removed_share``,
then every other column the source had (``url``, ``category``, ...), in the source's order.

Decisions worth knowing:

* Sources: a folder (its ``*.txt``), a glob, a path, a list of those, a ``.jsonl`` /
  ``.csv`` / ``.tsv`` / ``.parquet`` file (optionally ``.gz``) or a DataFrame; the text
  and id columns are found by name (``text``/``content``/``body``; ``id``/``doc_id``/
  ``url``) unless given as ``text_col=`` / ``id_col=`` (see :mod:`cyberlib.reading.sources`).
* ``title``, ``date`` and ``outlet`` come from the source's columns when it has them
  (HTML taken out of titles), else from the article's own header and first lines.
* ``removed_share`` is the share of the article's non-space characters that cleaning
  removed (0.0 to 1.0). An article that lost more than a fifth is kept and *flagged*:
  listed in ``corpus.attrs["flagged"]`` as ``{"path", "line", "doc_id", "reason"}`` and
  warned about like a skip.
* ``n_words`` counts syllables (runs of letters or digits), the unit Vietnamese is
  written in; it needs no word segmenter, so loading stays fast. Use
  :func:`cyberlib.tokenize` for dictionary words.
* Unreadable inputs never stop a batch: each is reported as a :class:`CorpusWarning`
  naming the file (and line) and the reason, and listed in ``corpus.attrs["skipped"]``
  as ``{"path", "line", "reason"}`` (``errors="raise"`` raises :class:`CorpusError`
  instead, ``errors="ignore"`` only lists them).
* ``report=True`` also returns what cleaning removed, as a long frame
  ``doc_id, rule, line, text`` (see :mod:`cyberlib.reading.cleaning` for the rules).
* Large corpora: :mod:`cyberlib.reading.stream` reads the same frame batch by batch.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cyberlib.reading.stream import COLUMNS, _build, _check, _Source, text_column

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "CorpusError", "CorpusWarning", "load_corpus", "resolve_paths"]

REMOVED_COLUMNS = ["doc_id", "rule", "line", "text"]
_PROGRESS_FROM = 200  # show a progress bar from this many records on


class CorpusWarning(UserWarning):
    """An input was skipped or heavily cleaned; the message names it and says why."""


class CorpusError(ValueError):
    """Raised by ``load_corpus(..., errors="raise")`` for the first unreadable input."""


def resolve_paths(
    source: str | os.PathLike | Iterable[str | os.PathLike],
) -> tuple[list[Path], list[dict[str, Any]]]:
    """Expand folders (their ``*.txt``, any case, sorted), globs and paths into files.

    Returns ``(files, problems)``; a problem is ``{"path", "line", "reason"}`` for an
    input that does not exist, cannot be entered, is listed twice, a folder with no
    ``.txt`` file, a dangling link, ...

    >>> files, problems = resolve_paths(["data/articles/000_c1cb96a4c5d75fab.txt", "khong-co.txt"])
    >>> [f.name for f in files]
    ['000_c1cb96a4c5d75fab.txt']
    >>> problems
    [{'path': 'khong-co.txt', 'line': None, 'reason': 'no such file or folder'}]
    """
    from cyberlib.reading.sources import _files

    files, _, problems = _files(source)
    return [Path(f) for f in files], problems


def _where(item: dict[str, Any]) -> str:
    """``path``, ``path line N`` (``<DataFrame> row N`` for a frame), and the id when known."""
    line, path = item.get("line"), item["path"]
    where = path if line is None else f"{path} {'row' if path == '<DataFrame>' else 'line'} {line}"
    return f"{where} ({item['doc_id']})" if item.get("doc_id") else where


def load_corpus(
    source: str | os.PathLike | Sequence[str | os.PathLike] | pd.DataFrame = "data/articles",
    text_col: str | None = None,
    id_col: str | None = None,
    *,
    report: bool = False,
    errors: Literal["warn", "raise", "ignore"] = "warn",
    progress: bool | None = None,
    batch_rows: int = 1000,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Read, decode, normalise and clean articles into the corpus frame.

    ``source`` is a folder, a glob, a path, a list of those, a JSONL/CSV/TSV/Parquet
    file (optionally ``.gz``) or a DataFrame with a text column (raw text is cleaned the
    same way). ``text_col``/``id_col`` name the text and id columns when their names are
    not the usual ones. ``progress`` shows a tqdm bar (default: from 200 records on).

    >>> corpus = load_corpus("data/articles")
    >>> row = corpus.set_index("doc_id").loc["004_8441360021e80842"]
    >>> row.outlet, str(row.date.date()), row.title[:42]
    ('Tiền Phong', '2025-10-08', 'Hà Nội chuẩn bị đón hàng trăm đoàn quốc tế')
    >>> corpus, removed = load_corpus("data/articles", report=True)
    >>> sorted(set(removed.rule))
    ['header', 'image_file', 'media_counter', 'repeated_line', 'trailing_byline']
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"url": ["https://vd.vn/1"], "noi_dung": ["Lừa đảo 2 tỷ đồng."],
    ...                       "outlet": ["Báo Mẫu"], "date": ["2024-05-01"]})
    >>> load_corpus(frame, text_col="noi_dung")[["doc_id", "outlet", "date", "url"]]
                doc_id   outlet       date              url
    0  https://vd.vn/1  Báo Mẫu 2024-05-01  https://vd.vn/1
    """
    import pandas as pd

    if errors not in ("warn", "raise", "ignore"):
        raise ValueError("errors must be 'warn', 'raise' or 'ignore'")
    _check(batch_rows)
    src = _Source(source, text_col, id_col)
    skipped: list[dict[str, Any]] = []
    flagged: list[dict[str, Any]] = []
    removed: list[dict[str, Any]] | None = [] if report else None

    def tell(items: list[dict[str, Any]], what: str = "") -> None:
        for item in items:
            if errors == "raise" and not what:
                raise CorpusError(f"{_where(item)}: {item['reason']}")
            if errors == "warn":
                warnings.warn(
                    f"{what}{_where(item)}: {item['reason']}", CorpusWarning, stacklevel=3
                )

    if progress is None:
        progress = src.n_records >= _PROGRESS_FROM
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=src.n_records, desc="loading articles", unit="article")
    frames = []
    try:
        for k, batch in enumerate(src.batches(batch_rows)):
            own: list[dict[str, Any]] = list(src.problems) if k == 0 else []
            own_flags: list[dict[str, Any]] = []
            frames.append(_build(src, batch, own, own_flags, removed))
            tell(own)
            tell(own_flags, "flagged: ")
            skipped.extend(own)
            flagged.extend(own_flags)
            if bar is not None:
                bar.update(min(batch_rows, src.n_records - k * batch_rows))
    finally:
        if bar is not None:
            bar.close()
    frames = [f for f in frames if len(f)] or frames[:1]
    corpus = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if len(frames) > 1:  # a column that some batches lack is missing there, as within one
        for column in corpus.columns[len(COLUMNS) :]:
            corpus[column] = text_column(corpus[column])
    corpus.attrs = {"skipped": skipped, "flagged": flagged}
    if report:
        return corpus, pd.DataFrame(removed, columns=REMOVED_COLUMNS)
    return corpus
