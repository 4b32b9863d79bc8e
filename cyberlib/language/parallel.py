"""Run a per-article function over a corpus: on every core, cached on disk, or on Dask.

Corpus-level analyses (tokens, themes, keywords, entities) call :func:`map_texts` with
a module-level function of one text. Each result is cached as JSON in one SQLite file per
analysis (``<cache>/<namespace>.sqlite``), keyed by the SHA-256 of the namespace, its
parameters, the underthesea version, a hash of cyberlib's own modules and the text itself,
so a changed article is recomputed and an unchanged one is read back.

* The cache holds data only (JSON text in SQLite, each entry with a checksum): nothing
  read back can run code. A damaged entry is recomputed and a damaged file is set aside
  (renamed ``*.damaged-<time>``), each named in a :class:`CacheWarning`; neither stops an
  analysis. A cache that cannot
  be written (read-only or full disk, locked by another run) is skipped silently.
* Cache folder: ``cache_dir`` argument, else ``$CYBERLIB_CACHE``, else
  ``.cyberlib-cache/`` in the working directory. ``cache=False`` or
  ``CYBERLIB_CACHE=off`` disables it.
* Engines: ``"processes"`` (default: a process pool over all cores when more than one
  text needs computing, a plain loop otherwise), ``"serial"`` (a plain loop) and
  ``"dask"`` (a ``dask.bag``; it uses whatever scheduler Dask is configured with,
  including a ``distributed.Client``; install with ``pip install cyberlib[dask]``).
  Pool workers watch their parent and end when it ends, even when it is killed.
* A tqdm progress bar appears for long runs (``progress=None``: from 50 texts to compute,
  on a terminal or in a notebook; ``progress=True``/``False`` forces it on or off).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

__all__ = ["CacheWarning", "Engine", "cache_path", "map_texts", "worker_pool"]

Engine = Literal["processes", "serial", "dask"]
_PROGRESS_FROM = 50
_OFF = {"", "0", "off", "false", "no", "none"}
_BATCH = 500  # keys per SQLite query


class CacheWarning(UserWarning):
    """A stored result could not be used; the message names it. It is recomputed."""


def cache_path(cache_dir: str | os.PathLike | None = None) -> Path | None:
    """Folder of the on-disk cache, or ``None`` when caching is switched off.

    >>> str(cache_path("/tmp/cy"))
    '/tmp/cy'
    """
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get("CYBERLIB_CACHE")
    if env is None:
        return Path(".cyberlib-cache")
    return None if env.strip().lower() in _OFF else Path(env)


@lru_cache(maxsize=1)
def _versions() -> str:
    """Versions of underthesea and of cyberlib's own code (a hash of its modules), so an
    upgrade or an edited module never serves stale results."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        tagger = version("underthesea")
    except PackageNotFoundError:  # pragma: no cover - a dependency
        tagger = "?"
    code = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        code.update(path.read_bytes())
    return f"underthesea={tagger};cyberlib={code.hexdigest()[:16]}"


def _key(namespace: str, params: Any, text: str) -> str:
    h = hashlib.sha256()
    for part in (namespace, repr(params), _versions(), text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


# --- the SQLite store ------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=10)
    con.execute(
        "CREATE TABLE IF NOT EXISTS results "
        "(key TEXT PRIMARY KEY, value TEXT NOT NULL, digest TEXT NOT NULL)"
    )
    return con


def _digest(key: str, value: str) -> str:
    """Checksum of one entry: a flipped byte anywhere in it is noticed on reading."""
    return hashlib.sha256(f"{key}\0{value}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _set_aside(path: Path, exc: BaseException) -> None:
    target = path.with_name(f"{path.name}.damaged-{int(time.time())}")
    try:
        os.replace(path, target)
        where = f"set aside as {target}"
    except OSError:
        where = "left in place"
    warnings.warn(
        f"cyberlib: cache file {path} is damaged ({exc}); {where}, results are recomputed",
        CacheWarning,
        stacklevel=3,
    )


def _read_many(path: Path, keys: list[str]) -> dict[str, str | None]:
    """Stored JSON text of the keys found (None for an entry whose checksum fails); a
    damaged file is set aside (and warned)."""
    if not path.exists():
        return {}
    found: dict[str, str | None] = {}
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            for i in range(0, len(keys), _BATCH):
                chunk = keys[i : i + _BATCH]
                marks = ",".join("?" * len(chunk))
                query = f"SELECT key, value, digest FROM results WHERE key IN ({marks})"  # noqa: S608
                for key, value, digest in con.execute(query, chunk):
                    ok = isinstance(value, str) and digest == _digest(key, value)
                    found[key] = value if ok else None
        finally:
            con.close()
    except sqlite3.OperationalError as exc:  # locked for too long: compute instead
        if "locked" in str(exc) or "busy" in str(exc):
            return {}
        _set_aside(path, exc)
        return {}
    except sqlite3.DatabaseError as exc:  # not a database, malformed image, ...
        _set_aside(path, exc)
        return {}
    return found


def _write_many(path: Path, rows: list[tuple[str, str]]) -> None:
    try:
        con = _connect(path)
        try:
            with con:
                con.executemany(
                    "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                    [(key, value, _digest(key, value)) for key, value in rows],
                )
        finally:
            con.close()
    except sqlite3.DatabaseError:  # read-only, full, locked or damaged: never breaks a run
        pass
    except OSError:
        pass


# --- computing -------------------------------------------------------------------------


def _watch_parent(parent: int) -> None:
    """In a pool worker: end this process as soon as its parent is gone (killed or not)."""

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(1)
            time.sleep(0.2)

    threading.Thread(target=watch, name="cyberlib-parent-watch", daemon=True).start()


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers end when this process ends, even on ``kill -9``.

    >>> with worker_pool(1) as pool:
    ...     pool.submit(abs, -3).result()
    3
    """
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_watch_parent, initargs=(os.getpid(),)
    )


def _compute(func: Callable[[str], Any], texts: list[str], engine: str, bar: Any) -> list[Any]:
    if engine == "dask":
        import dask.bag as db

        bag = db.from_sequence(texts, npartitions=max(1, min(len(texts), 4 * _cores())))
        out = bag.map(func).compute()
        bar.update(len(texts))
        return list(out)
    if engine == "serial" or len(texts) <= 1 or _cores() == 1:
        out = []
        for text in texts:
            out.append(func(text))
            bar.update(1)
        return out
    workers = min(_cores(), len(texts))
    chunk = max(1, len(texts) // (workers * 8))
    out = []
    with worker_pool(workers) as pool:
        for value in pool.map(func, texts, chunksize=chunk):
            out.append(value)
            bar.update(1)
    return out


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _identity(value: Any) -> Any:
    return value


def map_texts(
    func: Callable[[str], Any],
    texts: Sequence[str],
    *,
    namespace: str,
    params: Any = None,
    engine: Engine = "processes",
    cache: bool = True,
    cache_dir: str | os.PathLike | None = None,
    progress: bool | None = None,
    decode: Callable[[Any], Any] | None = None,
) -> list[Any]:
    """``[func(t) for t in texts]``, in order, from the cache where possible.

    ``func`` must be a module-level function (it is sent to worker processes) returning
    JSON-compatible data; ``namespace``/``params`` must name everything besides the text
    that changes its result. JSON turns tuples into lists: ``decode`` rebuilds the value
    from its JSON form, and is applied to fresh results as well, so a cached and a fresh
    run return the same types.

    >>> from cyberlib.normalization import strip_tones
    >>> map_texts(strip_tones, ["Việt Nam", "Hà Nội"], namespace="doc", cache=False)
    ['Viêt Nam', 'Ha Nôi']
    """
    if engine not in ("processes", "serial", "dask"):
        raise ValueError(f"engine must be 'processes', 'serial' or 'dask', not {engine!r}")
    decode = decode or _identity
    folder = cache_path(cache_dir) if cache else None
    store = folder / f"{namespace}.sqlite" if folder is not None else None
    keys = [_key(namespace, params, text) for text in texts]
    stored = _read_many(store, sorted(set(keys))) if store is not None else {}
    results: list[Any] = [None] * len(texts)
    todo: dict[str, list[int]] = {}  # key -> positions (identical texts computed once)
    damaged = 0
    for i, key in enumerate(keys):
        if key in stored:
            raw = stored[key]
            try:
                if raw is None:
                    raise ValueError("checksum")
                results[i] = decode(json.loads(raw))
                continue
            except (ValueError, TypeError, KeyError, IndexError):
                damaged += 1
        todo.setdefault(key, []).append(i)
    if damaged:
        warnings.warn(
            f"cyberlib: {damaged} damaged entr{'y' if damaged == 1 else 'ies'} in cache "
            f"file {store}; recomputed",
            CacheWarning,
            stacklevel=2,
        )
    if todo:
        pending = list(todo)
        if progress is None:  # long runs only, and only on a terminal or in a notebook
            disable = True if len(pending) < _PROGRESS_FROM else None
        else:
            disable = not progress
        # tqdm.auto builds a notebook widget even when disabled (and warns without
        # ipywidgets); a disabled bar needs only the plain class
        if disable is True:
            from tqdm import tqdm
        else:
            from tqdm.auto import tqdm
        with tqdm(total=len(pending), desc=namespace, disable=disable) as bar:
            values = _compute(func, [texts[todo[k][0]] for k in pending], engine, bar)
        rows = []
        for key, value in zip(pending, values, strict=True):
            raw = json.dumps(value, ensure_ascii=False)
            value = decode(json.loads(raw))  # the cached form, also when fresh
            for i in todo[key]:
                results[i] = value
            rows.append((key, raw))
        if store is not None:
            _write_many(store, rows)
    return results
