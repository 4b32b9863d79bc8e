"""Read a corpus of any size as a stream of corpus frames, or any one batch of it.

:func:`iter_corpus` yields the corpus frame of :func:`cyberlib.load_corpus` in batches
of at most ``batch_rows`` records, in a stable order; :func:`read_partition` reads the
``index``-th of those batches on its own (a Dask worker reads its share without the
rest); :func:`partition_count` says how many there are. ``load_corpus`` is all batches
put together.

Decisions worth knowing:

* A batch is a stretch of ``batch_rows`` consecutive *records* (files, lines, rows) of
  the source, so skipped records leave a batch shorter, and a batch whose records were
  all skipped is an empty frame (with every column). There is always at least one batch.
* Problems found while listing the inputs (missing paths, unreadable files, a table
  without a text column, a file listed twice) belong to batch 0.
* Each skip is a dict ``{"path", "line", "reason"}`` (``line`` as in
  :mod:`cyberlib.reading.sources`; None for whole files; for a DataFrame source ``path``
  is ``"<DataFrame>"`` or the row's ``path`` value and ``line`` the row's position from
  1); a batch's own skips are also in ``frame.attrs["skipped"]``.
* An article that cleaning shortened by more than a fifth (``removed_share > 0.2``) is
  kept and *flagged*: ``{"path", "line", "doc_id", "reason"}`` in ``frame.attrs["flagged"]``
  (and in the ``flagged`` list given to :func:`iter_corpus`).
* Memory is bounded by the batch: JSONL and CSV are read line by line, Parquet by row
  groups, folders file by file; only the ids are held for the whole source (to find
  repeats).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from cyberlib.normalization import normalize_unicode
from cyberlib.reading.cleaning import Removal, clean_article, strip_markup
from cyberlib.reading.decoding import DecodeError, decode_bytes, looks_like_legacy_encoding
from cyberlib.reading.sources import (
    ID_COLUMNS,
    TEXT_COLUMNS,
    Input,
    Plan,
    display_path,
    pick_column,
    plan,
    records,
    row_id,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "HEAVY_CLEANING", "iter_corpus", "partition_count", "read_partition"]

COLUMNS = [
    "doc_id", "path", "outlet", "date", "title", "text", "n_chars", "n_words", "removed_share",
]  # fmt: skip
HEAVY_CLEANING = 0.2  # flag an article that cleaning shortened by more than this share
_SYLLABLE = re.compile(r"\w+")
# columns of the source that the corpus frame fills itself; the source's values are
# kept under "source_<name>"
_COMPUTED = {"path", "text"}
_FROM_SOURCE = ("title", "date", "outlet")
# measures of the text that a source may carry (a corpus frame read again): recomputed
_RECOMPUTED = {"n_chars", "n_words", "removed_share"}


def _is_frame(source: Any) -> bool:
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False
    return isinstance(source, pd.DataFrame)


def _frame_plan(frame: pd.DataFrame, text_col: str | None, id_col: str | None):
    columns = [str(c) for c in frame.columns]
    text = pick_column(columns, text_col, TEXT_COLUMNS)
    if text is None:
        wanted = f"'{text_col}'" if text_col else "'text', 'content' or 'body' (or text_col=)"
        raise ValueError(f"a DataFrame source needs a text column {wanted}; it has {columns}")
    ident = pick_column(columns, id_col, ID_COLUMNS)
    if id_col is not None and ident is None:
        raise ValueError(f"the DataFrame has no id column '{id_col}'; it has {columns}")
    return text, ident


class _Source:
    """A planned source: files (through :mod:`sources`) or a DataFrame, read by record range."""

    def __init__(self, source: Any, text_col: str | None, id_col: str | None) -> None:
        self.frame = None
        if _is_frame(source):
            self.frame = source
            self.text_col, self.id_col = _frame_plan(source, text_col, id_col)
            self.problems: list[dict[str, Any]] = []
            self.n_records = len(source)
            self._ids = self._frame_ids()
            self._repeated = self._frame_repeats()
        else:
            if source is None:
                raise TypeError("source is None; give a folder, a file, a glob or a DataFrame")
            self.plan: Plan = plan(source, text_col, id_col)
            self.problems = self.plan.problems
            self.n_records = self.plan.n_records

    def _frame_repeats(self) -> dict[int, str]:
        ids = self._ids
        seen: dict[str, int] = {}
        repeated = {}
        for i, doc_id in enumerate(ids):
            if doc_id in seen:
                repeated[i] = f"repeats the id '{doc_id}' of row {seen[doc_id] + 1}; skipped"
            else:
                seen[doc_id] = i
        return repeated

    def _frame_ids(self) -> list[str]:
        frame = self.frame
        if self.id_col is None:
            return [text_value(str(i)) for i in frame.index]
        return [
            text_value(str(v) if not _missing(v) else str(i))
            for i, v in zip(frame.index, frame[self.id_col], strict=True)
        ]

    def n_partitions(self, batch_rows: int) -> int:
        return max(1, math.ceil(self.n_records / batch_rows))

    def batches(self, batch_rows: int) -> Iterator[Iterable]:
        """The items of each batch in turn, reading the files once from start to end
        (consume each batch before asking for the next)."""
        n = self.n_partitions(batch_rows)
        if self.frame is not None:
            for k in range(n):
                yield self.items(k * batch_rows, (k + 1) * batch_rows)
            return
        stream = self.items(0, self.n_records)
        for _ in range(n):
            yield itertools.islice(stream, batch_rows)

    def items(self, start: int, stop: int) -> Iterator[tuple[str | None, int | None, str, Any]]:
        """``(path, line, doc_id, fields_or_reason)`` for the records ``start``…``stop - 1``."""
        if self.frame is not None:
            yield from self._frame_items(start, stop)
            return
        first = 0
        for inp in self.plan.inputs:
            last = first + inp.n_records
            if last > start and first < stop:
                lo, hi = max(start, first) - first, min(stop, last) - first
                for k, (line, fields, reason) in enumerate(records(inp, lo, hi), lo):
                    if reason is None and k in inp.repeated:
                        reason = inp.repeated[k]
                    if reason is not None:
                        yield inp.path, line, "", reason
                        continue
                    value = fields.get(inp.id_col) if inp.id_col else None
                    yield inp.path, line, text_value(row_id(inp, value, line)), (inp, fields)
            first = last
            if first >= stop:
                return

    def _frame_items(self, start: int, stop: int):
        frame = self.frame.iloc[start:stop]
        ids = self._ids[start:stop]
        paths = frame["path"].tolist() if "path" in frame.columns else [None] * len(frame)
        rows = frame.to_dict("records")
        for k, (doc_id, path, fields) in enumerate(zip(ids, paths, rows, strict=True), start):
            shown = display_path(str(path)) if isinstance(path, str) else None
            if k in self._repeated:
                yield shown or "<DataFrame>", k + 1, doc_id, self._repeated[k]
                continue
            yield shown, k + 1, doc_id, (None, fields)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return value is pd.NaT or value is pd.NA
    except ImportError:  # pragma: no cover
        return False


def _nonspace(text: str) -> int:
    return len(text) - sum(text.count(c) for c in " \n\t\r\f\v")


def _share_removed(before: str, after: str) -> float:
    total = _nonspace(before)
    if not total:
        return 0.0
    return max(0.0, 1.0 - _nonspace(after) / total)


def prepare_text(raw: Any) -> tuple[str | None, str | None]:
    """Text of one record before cleaning: decoded, markup out, NFC; or ``(None, reason)``.

    >>> prepare_text("Thiệt hại 10&nbsp;tỷ đồng<br>")
    ('Thiệt hại 10 tỷ đồng\\n', None)
    >>> prepare_text("\\u00a0\\u200b ")
    (None, 'no text (only spaces or invisible characters)')
    """
    if isinstance(raw, bytes | bytearray):
        try:
            text = decode_bytes(bytes(raw))[0]
        except DecodeError as exc:
            return None, str(exc)
    elif isinstance(raw, str):
        text = text_value(raw)
        if looks_like_legacy_encoding(text):
            return None, (
                "looks like TCVN3 (ABC) or VNI legacy encoding, which cannot be decoded "
                "reliably; convert the text to Unicode first"
            )
    elif _missing(raw):
        return None, "no text (the text field is empty)"
    else:
        return None, f"the text is a {type(raw).__name__}, not a string"
    text = normalize_unicode(strip_markup(text))
    if not text.strip():
        return None, "no text (only spaces or invisible characters)"
    return text, None


_SURROGATE = re.compile("[\ud800-\udfff]")


def text_value(value: str) -> str:
    """``value`` without lone surrogates (from JSON ``"\\ud800"``), which no file format
    can store: each becomes U+FFFD.

    >>> text_value("Hà Nội \\ud800")
    'Hà Nội �'
    """
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


def _plain(value: Any) -> str | None:
    """A metadata value as text, so that a column has one type in every batch (numbers as
    written, dates in ISO form, lists and objects as JSON; missing is None).

    >>> _plain(12), _plain(1.5), _plain(["a", 1]), _plain(float("nan")), _plain(b"\\xc3\\xa1")
    ('12', '1.5', '["a", 1]', None, 'á')
    """
    if _missing(value):
        return None
    if isinstance(value, str):
        return text_value(value)
    if isinstance(value, list | dict | tuple):
        import json

        return text_value(json.dumps(value, ensure_ascii=False, default=str))
    if isinstance(value, bytes | bytearray):
        return text_value(bytes(value).decode("utf-8", "replace"))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return text_value(str(value))


def _build(
    src: _Source,
    items: Iterable[tuple[str | None, int | None, str, Any]],
    skipped: list[dict[str, Any]],
    flagged: list[dict[str, Any]],
    removed: list[dict[str, Any]] | None = None,
) -> pd.DataFrame:
    """The corpus frame of ``items`` (from :meth:`_Source.items`), skips and flags noted."""
    rows: list[dict[str, Any]] = []
    source_dates: list[Any] = []
    extra: dict[str, None] = {}
    for path, line, doc_id, item in items:
        where = path if path is not None else "<DataFrame>"
        if isinstance(item, str):
            skipped.append({"path": where, "line": line, "reason": item})
            continue
        inp, fields = item
        text_col = inp.text_col if isinstance(inp, Input) else src.text_col
        id_col = inp.id_col if isinstance(inp, Input) else src.id_col
        text, reason = prepare_text(fields.get(text_col))
        if text is None:
            skipped.append({"path": where, "line": line, "reason": reason})
            continue
        cleaned = clean_article(text)
        if not cleaned.text:
            skipped.append(
                {"path": where, "line": line, "reason": "no article text left after cleaning"}
            )
            continue
        share = _share_removed(text, cleaned.text)
        if share > HEAVY_CLEANING:
            flagged.append(
                {
                    "path": where,
                    "line": line,
                    "doc_id": doc_id,
                    "reason": f"cleaning removed {share:.0%} of the text (rules: "
                    f"{', '.join(sorted({r.rule for r in cleaned.removed}))})",
                }
            )
        row = {
            "doc_id": doc_id,
            "path": path,
            "outlet": cleaned.outlet,
            "date": cleaned.date,
            "title": cleaned.title,
            "text": cleaned.text,
            "n_chars": len(cleaned.text),
            "n_words": len(_SYLLABLE.findall(cleaned.text)),
            "removed_share": share,
        }
        date_value = None
        for name, value in fields.items():
            name = str(name)
            if name == text_col or (name == id_col and name in ("id", "doc_id")):
                continue
            if inp is None and name == "path":
                continue
            if name in _FROM_SOURCE:
                if name == "date":
                    date_value = value
                elif isinstance(value, str) and value.strip():
                    clean_value = normalize_unicode(strip_markup(text_value(value))).strip()
                    row[name] = clean_value or row[name]
                continue
            if name in _RECOMPUTED:
                continue
            key = f"source_{name}" if name in _COMPUTED or name == "doc_id" else name
            extra.setdefault(key, None)
            row[key] = _plain(value)
        source_dates.append(date_value)
        rows.append(row)
        if removed is not None:
            removed.extend(_removal_rows(doc_id, cleaned.removed))
    return _frame(rows, source_dates, list(extra))


def _removal_rows(doc_id: str, removals: list[Removal]) -> Iterable[dict[str, Any]]:
    return ({"doc_id": doc_id, "rule": r.rule, "line": r.line, "text": r.text} for r in removals)


def _frame(rows: list[dict], source_dates: list[Any], extra: list[str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame(rows, columns=COLUMNS + extra)
    parsed = pd.to_datetime(pd.Series(frame["date"], dtype=object), errors="coerce")
    if any(not _missing(d) for d in source_dates):
        given = parse_dates(source_dates)
        parsed = given.where(given.notna(), parsed)
    frame["date"] = parsed.astype("datetime64[ns]")
    frame["n_chars"] = frame["n_chars"].astype("int64")
    frame["n_words"] = frame["n_words"].astype("int64")
    frame["removed_share"] = frame["removed_share"].astype("float64")
    # text columns have one dtype whatever one batch holds (an all-missing column too):
    # pandas' string dtype ("str", missing as NaN) from pandas 3 on, else objects with None
    for column in ["doc_id", "title", "outlet", "path", "text", *extra]:
        frame[column] = text_column(frame[column])
    return frame


def text_column(values: pd.Series) -> pd.Series:
    """``values`` as the corpus frame's text dtype, the same in every batch: pandas'
    string dtype (missing as NaN) from pandas 3 on, else objects with None.

    >>> import pandas as pd
    >>> text_column(pd.Series(["Hà Nội", None], dtype=object)).isna().tolist()
    [False, True]
    """
    import pandas as pd

    if int(pd.__version__.split(".")[0]) >= 3:
        return values.astype("str")
    return values.astype(object).where(values.notna(), None)


_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_DMY_DATE = re.compile(r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{4}")
_TIME_ZONE = r"\s*(?:Z|[+-]\d{2}:?\d{2}|GMT[+-]?\d*|UTC[+-]?\d*)$"


def parse_dates(values: list[Any]) -> pd.Series:
    """Dates of a source's ``date`` column: ISO (``2024-05-01``, ``2024-05-01T06:00+07:00``),
    Vietnamese day-first (``01/05/2024``, ``1.5.2024 08:30``) or other written forms;
    datetime values as they are. The wall-clock time written is kept and a time zone
    dropped (an article of 06:00 in Hà Nội stays on its day); anything else is NaT.

    >>> parse_dates(["2024-05-10", "05/10/2024", "2024-05-01T06:00:00+07:00", "hôm qua", 7])
    0   2024-05-10 00:00:00
    1   2024-10-05 00:00:00
    2   2024-05-01 06:00:00
    3                   NaT
    4                   NaT
    dtype: datetime64[ns]
    """
    import datetime as dt

    import pandas as pd

    out = pd.Series(pd.NaT, index=range(len(values)), dtype="datetime64[ns]")
    strings: dict[int, str] = {}
    for i, v in enumerate(values):
        if isinstance(v, str) and v.strip():
            strings[i] = v.strip()
        elif isinstance(v, dt.datetime | dt.date) and not _missing(v):
            stamp = pd.Timestamp(v)
            out[i] = stamp.tz_localize(None) if stamp.tzinfo is not None else stamp
    if strings:
        text = pd.Series(strings).str.replace(_TIME_ZONE, "", regex=True)
        iso = text.str.match(_ISO_DATE.pattern)
        dmy = text.str.match(_DMY_DATE.pattern)
        parts = [
            pd.to_datetime(text[iso], errors="coerce", format="ISO8601"),
            pd.to_datetime(text[dmy], errors="coerce", format="mixed", dayfirst=True),
            pd.to_datetime(text[~iso & ~dmy], errors="coerce", format="mixed"),
        ]
        for part in parts:
            for i, stamp in part.items():
                if not pd.isna(stamp):
                    out[i] = stamp.tz_localize(None) if stamp.tzinfo is not None else stamp
    return out


def _check(batch_rows: int) -> None:
    if not isinstance(batch_rows, int) or batch_rows < 1:
        raise ValueError("batch_rows must be a positive integer")


def iter_corpus(
    source: Any,
    text_col: str | None = None,
    id_col: str | None = None,
    batch_rows: int = 1000,
    skipped: list[dict[str, Any]] | None = None,
    flagged: list[dict[str, Any]] | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield the corpus frame of ``source`` in batches of at most ``batch_rows`` articles.

    ``source`` is what :func:`cyberlib.load_corpus` takes. Skipped inputs and records are
    appended to ``skipped`` as ``{"path", "line", "reason"}``; articles that cleaning
    shortened by more than a fifth to ``flagged``. Batch ``k`` equals
    ``read_partition(source, k, batch_rows)[0]``.

    >>> import pandas as pd
    >>> frame = pd.DataFrame({"id": ["a", "b", "c"], "text": ["Một vụ lừa đảo.", "", "Hai vụ."]})
    >>> skipped = []
    >>> [b.doc_id.tolist() for b in iter_corpus(frame, batch_rows=2, skipped=skipped)]
    [['a'], ['c']]
    >>> skipped
    [{'path': '<DataFrame>', 'line': 2, 'reason': 'no text (only spaces or invisible characters)'}]
    """
    _check(batch_rows)
    src = _Source(source, text_col, id_col)
    sink = skipped if skipped is not None else []
    flags = flagged if flagged is not None else []
    sink.extend(src.problems)
    for k, batch in enumerate(src.batches(batch_rows)):
        own: list[dict[str, Any]] = list(src.problems) if k == 0 else []
        own_flags: list[dict[str, Any]] = []
        frame = _build(src, batch, own, own_flags)
        sink.extend(own[len(src.problems) if k == 0 else 0 :])
        flags.extend(own_flags)
        frame.attrs["skipped"] = own
        frame.attrs["flagged"] = own_flags
        yield frame


def read_partition(
    source: Any,
    index: int,
    batch_rows: int = 1000,
    text_col: str | None = None,
    id_col: str | None = None,
) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The ``index``-th batch of :func:`iter_corpus` and its skipped records, read on its own.

    Raises IndexError past the last batch (see :func:`partition_count`).

    >>> frame, skipped = read_partition("data/articles", 1, batch_rows=2)
    >>> frame.doc_id.tolist(), skipped
    (['002_28eb2f94c31f650a', '003_798b77d547a8fad6'], [])
    """
    _check(batch_rows)
    src = _Source(source, text_col, id_col)
    if not 0 <= index < src.n_partitions(batch_rows):
        raise IndexError(f"partition {index} of {src.n_partitions(batch_rows)}")
    own: list[dict[str, Any]] = list(src.problems) if index == 0 else []
    flags: list[dict[str, Any]] = []
    frame = _build(src, src.items(index * batch_rows, (index + 1) * batch_rows), own, flags)
    frame.attrs["skipped"] = own
    frame.attrs["flagged"] = flags
    return frame, own


def partition_count(
    source: Any, batch_rows: int = 1000, text_col: str | None = None, id_col: str | None = None
) -> int:
    """How many batches :func:`iter_corpus` yields for ``source`` (at least 1).

    >>> partition_count("data/articles", batch_rows=2)
    3
    """
    _check(batch_rows)
    return _Source(source, text_col, id_col).n_partitions(batch_rows)


def count_records(source: Any, text_col: str | None = None, id_col: str | None = None) -> int:
    """How many records (files, lines, rows) ``source`` holds, before any is skipped.

    >>> count_records("data/articles")
    5
    """
    return _Source(source, text_col, id_col).n_records
