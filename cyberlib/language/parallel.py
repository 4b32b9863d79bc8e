"""Run a per-article function over a corpus: on every core, cached on disk, or on Dask.

Corpus-level analyses (tokens, themes, keywords, entities) call :func:`map_texts` with
a module-level function of one text. Each result is cached in a pickle file keyed by
the SHA-256 of the function's namespace, its parameters, the underthesea version, a hash
of cyberlib's own modules and the text itself, so a changed article is recomputed and an
unchanged one is read back.

* Cache folder: ``cache_dir`` argument, else ``$CYBERLIB_CACHE``, else
  ``.cyberlib-cache/`` in the working directory. ``cache=False`` or
  ``CYBERLIB_CACHE=off`` disables it.
* Engines: ``"processes"`` (default: a process pool over all cores when more than one
  text needs computing, a plain loop otherwise), ``"serial"`` (a plain loop) and
  ``"dask"`` (a ``dask.bag``; it uses whatever scheduler Dask is configured with,
  including a ``distributed.Client``; install with ``pip install cyberlib[dask]``).
* A tqdm progress bar appears for long runs (``progress=None``: from 50 texts to compute,
  on a terminal or in a notebook; ``progress=True``/``False`` forces it on or off).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

__all__ = ["Engine", "cache_path", "map_texts"]

Engine = Literal["processes", "serial", "dask"]
_PROGRESS_FROM = 50
_OFF = {"", "0", "off", "false", "no", "none"}


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


def _read(path: Path) -> tuple[bool, Any]:
    try:
        with path.open("rb") as fh:
            return True, pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return False, None


def _write(path: Path, value: Any) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a read-only or full disk never breaks an analysis
        pass


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
    if engine != "processes":
        raise ValueError(f"engine must be 'processes', 'serial' or 'dask', not {engine!r}")
    workers = min(_cores(), len(texts))
    chunk = max(1, len(texts) // (workers * 8))
    out = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for value in pool.map(func, texts, chunksize=chunk):
            out.append(value)
            bar.update(1)
    return out


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


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
) -> list[Any]:
    """``[func(t) for t in texts]``, in order, from the cache where possible.

    ``func`` must be a module-level function (it is pickled for worker processes) and
    ``namespace``/``params`` must name everything besides the text that changes its result.

    >>> from cyberlib.normalization import strip_tones
    >>> map_texts(strip_tones, ["Việt Nam", "Hà Nội"], namespace="doc", cache=False)
    ['Viêt Nam', 'Ha Nôi']
    """
    if engine not in ("processes", "serial", "dask"):
        raise ValueError(f"engine must be 'processes', 'serial' or 'dask', not {engine!r}")
    folder = cache_path(cache_dir) if cache else None
    results: list[Any] = [None] * len(texts)
    todo: dict[str, list[int]] = {}  # key -> positions (identical texts computed once)
    for i, text in enumerate(texts):
        key = _key(namespace, params, text)
        if folder is not None:
            found, value = _read(folder / namespace / key[:2] / f"{key}.pkl")
            if found:
                results[i] = value
                continue
        todo.setdefault(key, []).append(i)
    if todo:
        keys = list(todo)
        if progress is None:  # long runs only, and only on a terminal or in a notebook
            disable = True if len(keys) < _PROGRESS_FROM else None
        else:
            disable = not progress
        # tqdm.auto builds a notebook widget even when disabled (and warns without
        # ipywidgets); a disabled bar needs only the plain class
        if disable is True:
            from tqdm import tqdm
        else:
            from tqdm.auto import tqdm
        with tqdm(total=len(keys), desc=namespace, disable=disable) as bar:
            values = _compute(func, [texts[todo[k][0]] for k in keys], engine, bar)
        for key, value in zip(keys, values, strict=True):
            for i in todo[key]:
                results[i] = value
            if folder is not None:
                _write(folder / namespace / key[:2] / f"{key}.pkl", value)
    return results
