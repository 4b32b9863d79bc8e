"""Load a folder of articles into the corpus frame.

One row per readable article: ``doc_id`` (file stem), ``path``, ``outlet``, ``date``,
``title``, ``text`` (clean, NFC, old-style tone marks), ``n_chars``, ``n_words``.

Decisions worth knowing:

* ``n_words`` counts syllables (runs of letters or digits), the unit Vietnamese is
  written in; it needs no word segmenter, so loading stays fast. Use
  :func:`cyberlib.tokenize` for dictionary words.
* Unreadable inputs never stop a batch: each is reported as a :class:`CorpusWarning`
  naming the file and the reason, and listed in ``corpus.attrs["skipped"]`` as
  ``{"path": ..., "reason": ...}`` (``errors="raise"`` raises :class:`CorpusError`
  instead, ``errors="ignore"`` only lists them).
* ``report=True`` also returns what cleaning removed, as a long frame
  ``doc_id, rule, line, text`` (see :mod:`cyberlib.reading.cleaning` for the rules).
"""

from __future__ import annotations

import glob
import os
import re
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from cyberlib.normalization import normalize_unicode
from cyberlib.reading.cleaning import clean_article
from cyberlib.reading.decoding import DecodeError, decode_bytes

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "CorpusError", "CorpusWarning", "load_corpus", "resolve_paths"]

COLUMNS = ["doc_id", "path", "outlet", "date", "title", "text", "n_chars", "n_words"]
REMOVED_COLUMNS = ["doc_id", "rule", "line", "text"]
_SYLLABLE = re.compile(r"\w+")
_PROGRESS_FROM = 200  # show a progress bar from this many files on


class CorpusWarning(UserWarning):
    """An input was skipped; the message names it and says why."""


class CorpusError(ValueError):
    """Raised by ``load_corpus(..., errors="raise")`` for the first unreadable input."""


def resolve_paths(
    source: str | os.PathLike | Iterable[str | os.PathLike],
) -> tuple[list[Path], list[dict[str, str]]]:
    """Expand folders (their ``*.txt``, sorted), globs and paths into files.

    Returns ``(files, problems)``; a problem is ``{"path", "reason"}`` for an input
    that does not exist or a folder with no ``.txt`` file.

    >>> files, problems = resolve_paths(["data/articles/000_c1cb96a4c5d75fab.txt", "khong-co.txt"])
    >>> [f.name for f in files], problems
    (['000_c1cb96a4c5d75fab.txt'], [{'path': 'khong-co.txt', 'reason': 'no such file or folder'}])
    """
    items = [source] if isinstance(source, str | os.PathLike) else list(source)
    files: list[Path] = []
    problems: list[dict[str, str]] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                problems.append({"path": str(item), "reason": "folder has no .txt files"})
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif glob.has_magic(str(item)):
            found = sorted(Path(p) for p in glob.glob(str(item)) if Path(p).is_file())
            if not found:
                problems.append({"path": str(item), "reason": "pattern matches no file"})
            files.extend(found)
        else:
            problems.append({"path": str(item), "reason": "no such file or folder"})
    return files, problems


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DecodeError(f"cannot be read ({exc.strerror or exc})") from None
    return decode_bytes(data)[0]


def load_corpus(
    source: str | os.PathLike | Sequence[str | os.PathLike] | pd.DataFrame = "data/articles",
    *,
    report: bool = False,
    errors: Literal["warn", "raise", "ignore"] = "warn",
    progress: bool | None = None,
) -> pd.DataFrame | tuple[pd.DataFrame, pd.DataFrame]:
    """Read, decode, normalise and clean articles into the corpus frame.

    ``source`` is a folder, a glob, a path, a list of those, or a DataFrame with a
    ``text`` column (and optionally ``doc_id``/``path``; raw text is cleaned the same
    way). ``progress`` shows a tqdm bar (default: from 200 files on).

    >>> corpus = load_corpus("data/articles")
    >>> row = corpus.set_index("doc_id").loc["004_8441360021e80842"]
    >>> row.outlet, str(row.date.date()), row.title[:42]
    ('Tiền Phong', '2025-10-08', 'Hà Nội chuẩn bị đón hàng trăm đoàn quốc tế')
    >>> corpus, removed = load_corpus("data/articles", report=True)
    >>> sorted(set(removed.rule))
    ['header', 'image_file', 'media_counter', 'repeated_line', 'trailing_byline']
    """
    import pandas as pd

    if errors not in ("warn", "raise", "ignore"):
        raise ValueError("errors must be 'warn', 'raise' or 'ignore'")
    skipped: list[dict[str, str]] = []

    def skip(path: str, reason: str) -> None:
        if errors == "raise":
            raise CorpusError(f"{path}: {reason}")
        skipped.append({"path": path, "reason": reason})
        if errors == "warn":
            warnings.warn(f"{path}: {reason}", CorpusWarning, stacklevel=3)

    if isinstance(source, pd.DataFrame):
        if "text" not in source.columns:
            raise ValueError("a DataFrame source needs a 'text' column")
        ids = source["doc_id"] if "doc_id" in source else source.index.astype(str)
        paths = source["path"] if "path" in source else [None] * len(source)
        inputs = [(str(i), p, t) for i, p, t in zip(ids, paths, source["text"], strict=True)]
    else:
        files, problems = resolve_paths(source)
        for problem in problems:
            skip(problem["path"], problem["reason"])
        inputs = [(f.stem, str(f), f) for f in files]

    if progress is None:
        progress = len(inputs) >= _PROGRESS_FROM
    if progress:
        from tqdm.auto import tqdm

        inputs = tqdm(inputs, desc="loading articles", unit="file")

    rows, removed_rows = [], []
    for doc_id, path, item in inputs:
        if isinstance(item, Path):
            try:
                raw = _read(item)
            except DecodeError as exc:
                skip(str(item), str(exc))
                continue
        elif isinstance(item, str):
            raw = item
        else:
            skip(str(path or doc_id), f"text is {type(item).__name__}, not str")
            continue
        cleaned = clean_article(normalize_unicode(raw))
        if not cleaned.text:
            skip(str(path or doc_id), "no article text left after cleaning")
            continue
        rows.append(
            {
                "doc_id": doc_id,
                "path": path,
                "outlet": cleaned.outlet,
                "date": cleaned.date,
                "title": cleaned.title,
                "text": cleaned.text,
                "n_chars": len(cleaned.text),
                "n_words": len(_SYLLABLE.findall(cleaned.text)),
            }
        )
        removed_rows.extend(
            {"doc_id": doc_id, "rule": r.rule, "line": r.line, "text": r.text}
            for r in cleaned.removed
        )

    corpus = pd.DataFrame(rows, columns=COLUMNS)
    corpus["date"] = pd.to_datetime(corpus["date"])
    corpus["n_chars"] = corpus["n_chars"].astype("int64")
    corpus["n_words"] = corpus["n_words"].astype("int64")
    corpus.attrs["skipped"] = skipped
    if report:
        return corpus, pd.DataFrame(removed_rows, columns=REMOVED_COLUMNS)
    return corpus
