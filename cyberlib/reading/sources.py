"""Find the inputs of a corpus and read their raw records, one at a time.

A *source* is a folder (its ``*.txt`` files, any case, sorted by name), a glob, a path,
a list of those, or a table file: ``.jsonl`` (also ``.ndjson``), ``.json``, ``.csv``,
``.tsv`` or ``.parquet``, each optionally gzip-compressed (``.jsonl.gz``). A *record* is
one article as the source holds it: a whole ``.txt`` file, one line of a JSONL file, one
row of a CSV/TSV/Parquet file, one item of a JSON array.

:func:`plan` lists the inputs once (with how many records each holds, which column is
the text and which the id, and which rows repeat an earlier id) and :func:`records`
reads any stretch of them, so a stretch can be read without reading what comes before.

Decisions worth knowing:

* Record positions: ``line`` is the 1-based line of the file where a JSONL record or a
  CSV/TSV row starts (the CSV header is line 1), the 1-based row number in a Parquet
  file or item number in a JSON array, and ``None`` for a ``.txt`` file.
* A ``.json`` file holding an array of objects is read whole (it cannot be streamed: use
  JSONL for large corpora); a ``.json`` file of one object per line is read as JSONL.
* Text column: the first of ``text``, ``content``, ``body`` (any case) unless given;
  id column: the first of ``id``, ``doc_id``, ``url`` unless given. Without an id
  column an article's id is ``<file stem>:<line>``.
* Ids are unique: a ``.txt`` file's id is its stem, or its path below the files' common
  folder when two inputs share a stem; a row whose id was already seen is skipped and
  the skip names the first one; a file listed twice is read once (reported).
* Paths are shown as text: bytes of a file name that are not UTF-8 appear as ``\\xff``.
* Nothing is unpickled and no code is run; Parquet is read with pyarrow.
"""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import math
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = [
    "ID_COLUMNS",
    "TEXT_COLUMNS",
    "Input",
    "Plan",
    "display_path",
    "plan",
    "records",
]

TEXT_COLUMNS = ("text", "content", "body")
ID_COLUMNS = ("id", "doc_id", "url")
TABLE_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv"}
TABLE_KINDS[".json"] = "json"  # a JSON array of objects (read whole), or JSON lines
TABLE_KINDS[".parquet"] = "parquet"
_KNOWN = ".txt, .jsonl, .json, .csv, .tsv or .parquet (optionally .gz)"
_MAGIC = (
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"%PDF", "a PDF file"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
)
csv.field_size_limit(2**31 - 1)  # a whole article can sit in one CSV field


def display_path(path: str | os.PathLike) -> str:
    """A path as printable text: bytes that are not UTF-8 are shown as ``\\xNN``.

    >>> display_path(os.fsdecode(b"bad\\xff.txt"))
    'bad\\\\xff.txt'
    >>> display_path("bài-viết.txt")
    'bài-viết.txt'
    """
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:  # bytes of a file name that were not UTF-8
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # other lone surrogates
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


@dataclass
class Input:
    """One file to read: its kind and what :func:`plan` learnt about it."""

    path: str  # as shown to the user
    fs_path: str  # as given to open()
    kind: str  # txt, jsonl, csv, tsv, parquet
    key: str  # unique short name: the stem, or a longer path when stems collide
    gz: bool = False
    n_records: int = 0
    text_col: str | None = None
    id_col: str | None = None
    # local record index -> reason it is skipped (a repeated id)
    repeated: dict[int, str] = field(default_factory=dict)


@dataclass
class Plan:
    """All inputs of a source in reading order, and the problems found while listing them."""

    inputs: list[Input]
    problems: list[dict[str, Any]]

    @property
    def n_records(self) -> int:
        return sum(i.n_records for i in self.inputs)

    def n_partitions(self, batch_rows: int) -> int:
        return max(1, math.ceil(self.n_records / batch_rows))


def _problem(path: str, reason: str, line: int | None = None) -> dict[str, Any]:
    return {"path": path, "line": line, "reason": reason}


def _stat_reason(exc: OSError) -> str:
    import errno

    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot be read ({exc.strerror or exc})"


def _classify(path: str) -> tuple[os.stat_result | None, str | None]:
    """``(stat, None)`` for a regular file, ``(None, reason)`` for anything else."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            try:
                target = display_path(os.readlink(path))
            except OSError:
                target = "?"
            return None, f"dangling symbolic link (points to {target})"
        return None, "no such file or folder"
    except OSError as exc:
        return None, _stat_reason(exc)
    except ValueError:  # a NUL character in the name
        return None, "not a valid path"
    if stat.S_ISDIR(st.st_mode):
        return None, "is a folder, not a file"
    if not stat.S_ISREG(st.st_mode):
        return None, "not a regular file"
    return st, None


def _scan_folder(folder: str) -> tuple[list[str], list[dict[str, Any]]]:
    problems: list[dict[str, Any]] = []
    try:
        with os.scandir(folder) as it:
            names = sorted(e.name for e in it)
    except OSError as exc:
        return [], [_problem(display_path(folder), f"folder {_stat_reason(exc)}")]
    found = [n for n in names if n.lower().endswith(".txt")]
    if not found:
        tables = [n for n in names if _kind_of(n)[0] != "txt"]
        hint = f" (it has {', '.join(tables[:3])}: name the table file itself)" if tables else ""
        problems.append(_problem(display_path(folder), f"folder has no .txt files{hint}"))
    return [os.path.join(folder, n) for n in found], problems


def _kind_of(name: str) -> tuple[str, bool]:
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return TABLE_KINDS.get(os.path.splitext(lower)[1], "txt"), gz


def _stem(name: str) -> str:
    base = os.path.basename(name)
    if base.lower().endswith(".gz"):
        base = base[:-3]
    stem, ext = os.path.splitext(base)
    return stem or base


def _keys(paths: list[str]) -> list[str]:
    """A unique short name per file: the stem, or more of the path when stems collide."""
    stems = [display_path(_stem(p)) for p in paths]
    groups: dict[str, list[int]] = {}
    for i, s in enumerate(stems):
        groups.setdefault(s, []).append(i)
    keys = list(stems)
    for members in groups.values():
        if len(members) < 2:
            continue
        full = [os.path.abspath(paths[i]) for i in members]
        base = os.path.commonpath(full)
        rel = [os.path.relpath(f, base).replace(os.sep, "/") for f in full]
        short = [os.path.join(os.path.dirname(r), _stem(r)).replace(os.sep, "/") for r in rel]
        chosen = short if len(set(short)) == len(short) else rel
        for i, k in zip(members, chosen, strict=True):
            keys[i] = display_path(k)
    return keys


def _expand(items: list[str]) -> tuple[list[str], list[dict[str, Any]]]:
    files: list[str] = []
    problems: list[dict[str, Any]] = []
    for item in items:
        st, reason = _classify(item)
        if st is not None:
            files.append(item)
        elif reason == "is a folder, not a file":
            found, more = _scan_folder(item)
            files.extend(found)
            problems.extend(more)
        elif reason == "no such file or folder" and glob.has_magic(item):
            matches = sorted(glob.glob(item))
            if not matches:
                problems.append(_problem(display_path(item), "pattern matches no file"))
            files.extend(matches)
        else:
            problems.append(_problem(display_path(item), reason or "cannot be read"))
    return files, problems


def _files(source: Any) -> tuple[list[str], list[os.stat_result], list[dict[str, Any]]]:
    if isinstance(source, str | bytes | os.PathLike):
        items = [source]
    else:
        try:
            items = list(source)
        except TypeError:
            raise TypeError(
                f"source is a {type(source).__name__}: give a folder, a file, a glob, "
                "a list of those or a DataFrame"
            ) from None
    for item in items:
        if not isinstance(item, str | bytes | os.PathLike):
            raise TypeError(f"a source path is a {type(item).__name__}, not a path: {item!r}")
    names = [os.fsdecode(os.fspath(i)) for i in items]
    candidates, problems = _expand(names)
    files: list[str] = []
    stats: list[os.stat_result] = []
    first_of: dict[tuple[int, int], str] = {}
    for path in candidates:
        st, reason = _classify(path)
        if st is None:
            problems.append(_problem(display_path(path), reason or "cannot be read"))
            continue
        ident = (st.st_dev, st.st_ino)
        if ident in first_of:
            problems.append(
                _problem(display_path(path), f"same file as {first_of[ident]}; read once")
            )
            continue
        first_of[ident] = display_path(path)
        files.append(path)
        stats.append(st)
    return files, stats, problems


def plan(
    source: str | os.PathLike | Iterable[str | os.PathLike],
    text_col: str | None = None,
    id_col: str | None = None,
) -> Plan:
    """List the inputs of ``source`` and count their records (cached while files are unchanged).

    >>> p = plan("data/articles")
    >>> [i.key for i in p.inputs][:2], p.n_records, p.problems
    (['000_c1cb96a4c5d75fab', '001_434c56572f580cfd'], 5, [])
    """
    files, stats, problems = _files(source)
    signature = tuple(
        (f, s.st_size, s.st_mtime_ns, s.st_ino) for f, s in zip(files, stats, strict=True)
    )
    cached = _plan_files(signature, text_col, id_col)
    return Plan(cached.inputs, problems + cached.problems)


@lru_cache(maxsize=16)
def _plan_files(signature: tuple, text_col: str | None, id_col: str | None) -> Plan:
    files = [s[0] for s in signature]
    inputs: list[Input] = []
    problems: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for path, key in zip(files, _keys(files), strict=True):
        kind, gz = _kind_of(path)
        inp = Input(display_path(path), path, kind, key, gz)
        try:
            reason = _survey(inp, text_col, id_col, seen)
        except (OSError, EOFError, gzip.BadGzipFile, ValueError) as exc:
            reason = _read_reason(exc)
        if reason:
            problems.append(_problem(inp.path, reason))
        if inp.n_records:
            inputs.append(inp)
    return Plan(inputs, problems)


def _read_reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile):
        return _stat_reason(exc)
    if isinstance(exc, gzip.BadGzipFile | EOFError):
        return f"not a readable gzip file ({exc})"
    return f"cannot be read ({type(exc).__name__}: {exc})"


def _open(inp: Input) -> io.BufferedIOBase:
    raw = open(inp.fs_path, "rb")  # noqa: SIM115 - closed by the caller's with
    if inp.gz:
        return gzip.GzipFile(fileobj=raw, mode="rb")
    return raw


def pick_column(columns: Iterable[str], given: str | None, names: tuple[str, ...]) -> str | None:
    """``given`` if it is one of ``columns`` (else None), or the first of ``names`` found
    in any case.

    >>> pick_column(["URL", "Noi_dung", "Content"], None, ("text", "content", "body"))
    'Content'
    """
    columns = list(columns)
    if given is not None:
        return given if given in columns else None
    lower = {str(c).lower(): c for c in reversed(columns)}
    return next((lower[n] for n in names if n in lower), None)


def _missing_text(columns: Iterable[str], text_col: str | None) -> str:
    shown = ", ".join(map(str, list(columns)[:12])) or "none"
    if text_col is not None:
        return f"no column '{text_col}' (columns: {shown})"
    return (
        f"no text column (looked for {', '.join(TEXT_COLUMNS)}; columns: {shown}); "
        "name it with text_col= / --text-col"
    )


def _note_id(inp: Input, index: int, line: int | None, value: Any, seen: dict[str, str]) -> None:
    doc_id = row_id(inp, value, line)
    where = inp.path if line is None else f"{inp.path} line {line}"
    if doc_id in seen:
        inp.repeated[index] = f"repeats the id '{doc_id}' of {seen[doc_id]}; skipped"
    else:
        seen[doc_id] = where


def row_id(inp: Input, value: Any, line: int | None) -> str:
    """The article id of a record: its id value, else ``<key>:<line>`` (``<key>`` for .txt).

    >>> inp = Input("bao/tin.jsonl", "bao/tin.jsonl", "jsonl", "tin")
    >>> row_id(inp, " bai-7 ", 3), row_id(inp, None, 3), row_id(inp, float("nan"), 4)
    ('bai-7', 'tin:3', 'tin:4')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return inp.key if line is None else f"{inp.key}:{line}"
    text = str(value).strip()
    if not text:
        return inp.key if line is None else f"{inp.key}:{line}"
    return text


def _survey(inp: Input, text_col: str | None, id_col: str | None, seen: dict[str, str]) -> str:
    """Fill ``inp``'s counts and columns; return a reason when it cannot be read at all."""
    if inp.kind == "txt":
        with open(inp.fs_path, "rb") as fh:
            head = fh.read(8)
        if head.startswith(b"PAR1"):
            inp.kind = "parquet"
        else:
            for magic, what in _MAGIC:
                if head.startswith(magic):
                    return f"{what}; cyberlib reads {_KNOWN}"
            if head.startswith(b"\x1f\x8b") and not inp.gz:
                inp.gz = True
            inp.n_records = 1
            inp.text_col = "text"
            _note_id(inp, 0, None, None, seen)
            return ""
    if inp.kind == "parquet":
        return _survey_parquet(inp, text_col, id_col, seen)
    if inp.kind == "json":
        with _open(inp) as fh:
            first = fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if first not in (b"[", b""):
            inp.kind = "jsonl"  # one object per line under a .json name
    if inp.kind == "jsonl":
        return _survey_jsonl(inp, text_col, id_col, seen)
    if inp.kind == "json":
        return _survey_json(inp, text_col, id_col, seen)
    return _survey_delimited(inp, text_col, id_col, seen)


def _json_items(inp: Input) -> tuple[list | None, str]:
    """The items of a JSON array file, or ``(None, reason)``."""
    with _open(inp) as fh:
        data = fh.read()
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None, "not UTF-8 text"
    except (ValueError, RecursionError) as exc:
        return None, f"not valid JSON ({str(exc).split(':')[0]})"
    if not isinstance(items, list):
        return None, f"a JSON {type(items).__name__}, not an array of articles"
    return items, ""


def _survey_json(inp: Input, text_col, id_col, seen) -> str:
    items, reason = _json_items(inp)
    if items is None:
        return reason
    first = next((item for item in items if isinstance(item, dict)), None)
    if first is None:
        return "no item of the JSON array is an object" if items else "empty JSON array"
    inp.text_col = pick_column(first, text_col, TEXT_COLUMNS)
    inp.id_col = pick_column(first, id_col, ID_COLUMNS)
    if inp.text_col is None:
        return _missing_text(first, text_col)
    for index, item in enumerate(items):
        value = item.get(inp.id_col) if isinstance(item, dict) and inp.id_col else None
        _note_id(inp, index, index + 1, value, seen)
    inp.n_records = len(items)
    return ""


def _survey_jsonl(inp: Input, text_col, id_col, seen) -> str:
    index = 0
    columns_seen: list[str] = []
    with _open(inp) as fh:
        for line, fields, _error in _jsonl_lines(fh):
            if fields is not None and inp.text_col is None:
                columns_seen = list(fields)
                inp.text_col = pick_column(fields, text_col, TEXT_COLUMNS)
                inp.id_col = pick_column(fields, id_col, ID_COLUMNS)
                if inp.text_col is None:
                    return _missing_text(fields, text_col)
            value = fields.get(inp.id_col) if fields is not None and inp.id_col else None
            _note_id(inp, index, line, value, seen)
            index += 1
    inp.n_records = index
    if index and inp.text_col is None:
        inp.n_records = 0
        return "no line is a JSON object" + (f" ({columns_seen})" if columns_seen else "")
    return "" if index else "empty file (no JSON lines)"


def _jsonl_lines(fh) -> Iterator[tuple[int, dict | None, str | None]]:
    """``(line, object, None)`` or ``(line, None, reason)`` per non-blank line."""
    for number, raw in enumerate(fh, 1):
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None, "line is not UTF-8 text"
            continue
        try:
            obj = json.loads(text)
        except ValueError as exc:
            yield number, None, f"not valid JSON ({str(exc).split(':')[0]})"
            continue
        except RecursionError:
            yield number, None, "not valid JSON (nested too deeply)"
            continue
        if not isinstance(obj, dict):
            yield number, None, f"a JSON {type(obj).__name__}, not an object"
            continue
        yield number, obj, None


def _text_stream(inp: Input) -> io.TextIOWrapper:
    fh = _open(inp)
    head = fh.peek(4)[:4] if hasattr(fh, "peek") else b""
    encoding = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    return io.TextIOWrapper(fh, encoding=encoding, newline="")


def _delimited_rows(inp: Input) -> Iterator[tuple[int, list[str] | None, list[str] | None]]:
    """``(line, header, None)`` first, then ``(line, None, row)`` per data row."""
    delimiter = "\t" if inp.kind == "tsv" else ","
    with _text_stream(inp) as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        start = 1
        for row in reader:
            end = reader.line_num
            if row:
                yield start, None, row
            start = end + 1


def _survey_delimited(inp: Input, text_col, id_col, seen) -> str:
    header: list[str] | None = None
    index = 0
    id_at = None
    try:
        for line, _, row in _delimited_rows(inp):
            if header is None:
                header = row
                inp.text_col = pick_column(header, text_col, TEXT_COLUMNS)
                inp.id_col = pick_column(header, id_col, ID_COLUMNS)
                if inp.text_col is None:
                    return _missing_text(header, text_col)
                id_at = header.index(inp.id_col) if inp.id_col else None
                continue
            value = row[id_at] if id_at is not None and id_at < len(row) else None
            _note_id(inp, index, line, value, seen)
            index += 1
    except UnicodeDecodeError:
        inp.n_records = index
        return f"not UTF-8 text after row {index}; convert the file to UTF-8 (later rows not read)"
    except csv.Error as exc:
        inp.n_records = index
        return f"not readable as {inp.kind.upper()} after row {index} ({exc})"
    inp.n_records = index
    if header is None:
        return "empty file"
    return "" if index else "no rows after the header"


def _parquet_file(inp: Input):
    import pyarrow.parquet as pq

    if inp.gz:
        with _open(inp) as fh:
            return pq.ParquetFile(io.BytesIO(fh.read()))
    return pq.ParquetFile(inp.fs_path)


def _survey_parquet(inp: Input, text_col, id_col, seen) -> str:
    try:
        pf = _parquet_file(inp)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad file
        return f"not a readable Parquet file ({type(exc).__name__}: {exc})"
    names = pf.schema_arrow.names
    inp.text_col = pick_column(names, text_col, TEXT_COLUMNS)
    inp.id_col = pick_column(names, id_col, ID_COLUMNS)
    if inp.text_col is None:
        return _missing_text(names, text_col)
    inp.kind = "parquet"
    n = pf.metadata.num_rows
    if inp.id_col is not None:
        values = pf.read(columns=[inp.id_col]).column(0).to_pylist()
    else:
        values = [None] * n
    for index, value in enumerate(values):
        _note_id(inp, index, index + 1, value, seen)
    inp.n_records = n
    return "" if n else "empty table (no rows)"


def records(
    inp: Input, start: int = 0, stop: int | None = None
) -> Iterator[tuple[int | None, dict[str, Any] | None, str | None]]:
    """Yield ``(line, fields, reason)`` for the records ``start``…``stop - 1`` of ``inp``.

    ``fields`` maps column names to values (a ``.txt`` file gives ``{"text": bytes}``);
    ``reason`` says why a record cannot be used (``fields`` is then None).

    >>> (inp,) = plan("data/articles/004_8441360021e80842.txt").inputs
    >>> [(line, fields["text"][:16].decode()) for line, fields, _ in records(inp)]
    [(None, ' date 2025-10-08')]
    """
    stop = inp.n_records if stop is None else min(stop, inp.n_records)
    if start >= stop:
        return
    if inp.kind == "txt":
        try:
            with _open(inp) as fh:
                yield None, {"text": fh.read()}, None
        except (OSError, EOFError) as exc:
            yield None, None, _read_reason(exc)
        return
    if inp.kind == "parquet":
        yield from _parquet_records(inp, start, stop)
        return
    if inp.kind == "json":
        items, _ = _json_items(inp)
        for index, item in enumerate((items or [])[start:stop], start):
            if isinstance(item, dict):
                yield index + 1, item, None
            else:
                yield (
                    index + 1,
                    None,
                    f"item {index + 1} is a JSON {type(item).__name__}, not an object",
                )
        return
    index = 0
    if inp.kind == "jsonl":
        with _open(inp) as fh:
            for line, fields, reason in _jsonl_lines(fh):
                if index >= start:
                    yield line, fields, reason
                index += 1
                if index >= stop:
                    return
        return
    header: list[str] | None = None
    try:
        for line, _, row in _delimited_rows(inp):
            if header is None:
                header = row
                continue
            if index >= start:
                if len(row) > len(header):
                    yield line, None, f"{len(row)} fields where the header has {len(header)}"
                else:
                    yield line, dict(zip(header, row, strict=False)), None
            index += 1
            if index >= stop:
                return
    except (UnicodeDecodeError, csv.Error):
        return  # reported once by plan()


def _parquet_records(inp: Input, start: int, stop: int):
    pf = _parquet_file(inp)
    meta = pf.metadata
    first = 0
    groups, offset = [], None
    for g in range(meta.num_row_groups):
        n = meta.row_group(g).num_rows
        if first + n > start and first < stop:
            groups.append(g)
            offset = first if offset is None else offset
        first += n
    if not groups:
        return
    row = offset
    for batch in pf.iter_batches(batch_size=1024, row_groups=groups):
        for fields in batch.to_pylist():
            if start <= row < stop:
                yield row + 1, fields, None
            row += 1
            if row >= stop:
                return
